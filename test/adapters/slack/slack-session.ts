// Acting as a person in Slack over the real HTTP path: open the App Home (app_home_opened) and
// read the blocks the bot published, find a button by its label, press it (opening and submitting
// its modal when it has a form), find DMs the bot sent.
import type { CastName } from "../../support/small-bank.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";
import type { SlackWorld } from "./slack-harness.ts";

type Block = {
  type: string;
  block_id?: string;
  elements?: Element[];
  text?: { text: string };
  element?: { type: string; action_id?: string };
  fields?: { text: string }[];
};
type Element = {
  type: string;
  action_id?: string;
  value?: string;
  text?: { text: string } | string;
  elements?: unknown[];
};
export interface Button {
  readonly actionId: string;
  readonly value: string;
  readonly label: string;
}

export function buttonsOf(blocks: readonly unknown[]): Button[] {
  const out: Button[] = [];
  for (const block of blocks as Block[]) {
    if (block.type !== "actions") continue;
    for (const e of block.elements ?? []) {
      if (e.type === "button" && typeof e.text === "object")
        out.push({ actionId: e.action_id ?? "", value: e.value ?? "", label: e.text.text });
    }
  }
  return out;
}

/** Every text in the blocks, one line each (to check what a person was shown). */
export function textOf(blocks: readonly unknown[]): string {
  const lines: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.text === "string") lines.push(o.text);
      for (const [k, x] of Object.entries(o)) if (k !== "text" || typeof x !== "string") walk(x);
    }
  };
  walk(blocks);
  return lines.join("\n");
}

/** The blocks of one card on an App Home (between dividers) whose header starts with `title`. */
export function cardOnHome(home: readonly unknown[], title: string): unknown[] {
  const start = (home as Block[]).findIndex((b) => b.type === "header" && (b.text?.text ?? "").startsWith(title));
  if (start < 0) throw new Error(`no card "${title}" on the home: ${textOf(home).slice(0, 400)}`);
  const end = (home as Block[]).findIndex((b, i) => i > start && b.type === "divider");
  return (home as unknown[]).slice(start, end < 0 ? undefined : end);
}

export function findButton(blocks: readonly unknown[], label: string): Button {
  const buttons = buttonsOf(blocks);
  const found = buttons.find((b) => b.label.startsWith(label));
  if (!found) throw new Error(`no "${label}" button among: ${buttons.map((b) => b.label).join(" | ")}`);
  return found;
}

/** The demo leave HR plans in the Slack tests (support/teller-leave.ts), as the modal's answers in order. */
export const PLANNED_LEAVE: readonly string[] = Object.values({ ...TELLER_LEAVE, reason: "" });

/** A modal the bot opened (`views.open`'s view). */
export interface ModalView {
  readonly private_metadata: string;
  readonly blocks: Block[];
}

/**
 * A view_submission's `state.values` for a modal's inputs, each answered by `answerOf(blockId, i)`
 * as Slack sends it for the input's element ("" leaves it empty; a multi-select's values by commas).
 */
export function viewValues(
  blocks: readonly Block[],
  answerOf: (blockId: string, i: number) => string,
): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  blocks
    .filter((b) => b.type === "input")
    .forEach((input, i) => {
      const id = input.block_id ?? String(i);
      const answer = answerOf(id, i);
      const kind = input.element?.type ?? "plain_text_input";
      const value =
        kind === "datepicker"
          ? { type: kind, selected_date: answer === "" ? null : answer }
          : kind === "static_select" || kind === "external_select"
            ? { type: kind, selected_option: answer === "" ? null : { value: answer } }
            : kind === "multi_external_select"
              ? {
                  type: kind,
                  selected_options: answer
                    .split(",")
                    .filter((v) => v !== "")
                    .map((value) => ({ value })),
                }
              : { type: kind, value: answer === "" ? null : answer };
      values[id] = { v: value };
    });
  return values;
}

export class SlackSession {
  constructor(private readonly w: SlackWorld) {}

  /** HR types `/keypost leave` and submits the modal with `answers`; the sentence shown after. */
  async planLeave(answers: readonly string[] = PLANNED_LEAVE): Promise<string> {
    return this.submitView("hr", await this.openModal("hr", "leave"), answers);
  }

  /** The person types `/keypost <command>`; the modal the bot opened. */
  async openModal(who: CastName, command: string): Promise<ModalView> {
    const from = this.w.fake.calls.length;
    await this.w.slash(who, command);
    return this.modalSince(from);
  }

  /** The person presses the form button `label` on their App Home; the modal it opened, not submitted. */
  async openFormOnHome(who: CastName, label: string): Promise<ModalView> {
    const button = findButton(await this.home(who), label);
    const from = this.w.fake.calls.length;
    const res = await this.w.press(who, button.actionId, button.value, "home");
    if (res.status !== 200) throw new Error(`press answered ${res.status} ${res.text}`);
    return this.modalSince(from);
  }

  /** Delivers what is due, then the person presses "Acknowledge" on their latest DM offering it; the sentence shown. */
  async acknowledgeDm(who: CastName): Promise<string> {
    await this.w.dispatch();
    const dm = this.dmWith(who, "Acknowledge");
    if (!dm) throw new Error(`${who} has no DM to acknowledge`);
    return this.pressButton(who, findButton(dm.blocks, "Acknowledge"), dm);
  }

  private async modalSince(from: number): Promise<ModalView> {
    const opened = await this.w.fake.until("views.open", () =>
      this.w.fake.calls.slice(from).find((c) => c.method === "views.open"),
    );
    return opened.args.view as ModalView;
  }

  /** Opens the person's App Home; the blocks the bot published for it. */
  async home(who: CastName): Promise<unknown[]> {
    const from = this.w.fake.calls.length;
    const res = await this.w.event("app_home_opened", who);
    if (res.status !== 200) throw new Error(`app_home_opened answered ${res.status}`);
    const user = this.w.user(who);
    const call = await this.w.fake.until(`views.publish for ${who}`, () =>
      this.w.fake.calls.slice(from).find((c) => c.method === "views.publish" && c.args.user_id === user),
    );
    return (call.args.view as { blocks: unknown[] }).blocks;
  }

  /** The latest DM (chat.postMessage to the person's DM channel) whose blocks offer `label`. */
  dmWith(who: CastName, label: string): { channel: string; ts: string; blocks: unknown[] } | undefined {
    const channel = `D${this.w.user(who).slice(1)}`;
    const m = [...this.w.fake.messages]
      .reverse()
      .find(
        (x) => x.channel === channel && buttonsOf((x.blocks as unknown[]) ?? []).some((b) => b.label.startsWith(label)),
      );
    return m ? { channel, ts: m.ts, blocks: m.blocks as unknown[] } : undefined;
  }

  dms(who: CastName): { ts: string; text: string; blocks: unknown[] }[] {
    const channel = `D${this.w.user(who).slice(1)}`;
    return this.w.fake.messages
      .filter((m) => m.channel === channel)
      .map((m) => ({ ts: m.ts, text: m.text, blocks: (m.blocks as unknown[]) ?? [] }));
  }

  /**
   * Presses the button `label` on the person's App Home; a form button's modal is submitted with
   * `answers` (one per input, in order; "" leaves an optional one empty). The sentence shown after.
   */
  async onHome(who: CastName, label: string, answers: readonly string[] = []): Promise<string> {
    const button = findButton(await this.home(who), label);
    return this.pressButton(who, button, "home", answers);
  }

  async pressButton(
    who: CastName,
    button: Button,
    where: "home" | { channel: string; ts: string },
    answers: readonly string[] = [],
  ): Promise<string> {
    const from = this.w.fake.calls.length;
    const user = this.w.user(who);
    const res = await this.w.press(who, button.actionId, button.value, where);
    if (res.status !== 200) throw new Error(`press answered ${res.status} ${res.text}`);
    if (button.actionId.startsWith("kp.form")) return this.submitView(who, await this.modalSince(from), answers);
    if (where === "home") {
      const published = await this.w.fake.until(`home after press for ${who}`, () =>
        this.w.fake.calls.slice(from).find((c) => c.method === "views.publish" && c.args.user_id === user),
      );
      return textOf([(published.args.view as { blocks: unknown[] }).blocks[0]]);
    }
    const answered = await this.w.fake.until("answer to the press", () =>
      this.w.fake.calls.slice(from).find((c) => ["chat.update", "chat.postEphemeral"].includes(c.method)),
    );
    return answered.method === "chat.update"
      ? textOf([(answered.args.blocks as unknown[])[0]])
      : String(answered.args.text);
  }

  /**
   * Presses "Read in full" on a card and answers the whole text of the modal the bot opened (every
   * text of its blocks, one a line). `card` is the card's blocks (a DM, or one task of the home).
   */
  async readInFull(
    who: CastName,
    card: readonly unknown[],
    where: "home" | { channel: string; ts: string },
  ): Promise<string> {
    const button = findButton(card, "Read in full");
    const from = this.w.fake.calls.length;
    const res = await this.w.press(who, button.actionId, button.value, where);
    if (res.status !== 200) throw new Error(`press answered ${res.status} ${res.text}`);
    const opened = await this.w.fake.until("views.open of the full text", () =>
      this.w.fake.calls.slice(from).find((c) => c.method === "views.open"),
    );
    return textOf((opened.args.view as { blocks: unknown[] }).blocks);
  }

  /** Submits a modal the bot opened, answering its inputs in order. */
  async submitView(who: CastName, view: ModalView, answers: readonly string[]): Promise<string> {
    const values = viewValues(view.blocks, (_, i) => answers[i] ?? "");
    const from = this.w.fake.calls.length;
    const res = await this.w.submit(who, JSON.parse(view.private_metadata), values);
    if (res.status !== 200) throw new Error(`view_submission answered ${res.status} ${res.text}`);
    if (res.text === "") {
      // Past the ack budget (a busy machine) the modal closed and the outcome came by DM.
      const user = this.w.user(who);
      const dm = await this.w.fake.until("the outcome by DM", () =>
        this.w.fake.calls.slice(from).find((c) => c.method === "chat.postMessage" && c.args.channel === user),
      );
      return textOf([(dm.args.blocks as unknown[])[0]]);
    }
    const body = res.json() as { response_action: string; view: { blocks: Block[] } };
    return textOf([body.view.blocks[0]]);
  }
}
