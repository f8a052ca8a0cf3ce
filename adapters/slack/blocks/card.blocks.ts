// The neutral card (src/ports/card.ts) as Block Kit: a header, the text, the facts (10 to a
// section), the table as monospaced text, the buttons (their value is the opaque token and
// nothing else), the footer. The same card is shown in a DM, on the App Home and in answers.
import type { Card, CardAction } from "../../../src/ports/card.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import { fullTextRef, READ_IN_FULL } from "../../../src/app/cards/read-in-full.ts";
import { actionRows, button, chunks, context, escapeMrkdwn, header, LIMITS, section, type Block } from "./block-kit.ts";

/** A button that presses at once, and one that first opens a modal with the action's form. */
export const PRESS_ACTION = "kp.press";
export const FORM_ACTION = "kp.form";
/** "Read in full": opens a modal with the card's whole texts; its value names the subject and notice kind. */
export const READ_ACTION = "kp.read";

function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

function pad(text: string, to: number): string {
  return text + " ".repeat(Math.max(0, to - width(text)));
}

export function tableText(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.min(40, Math.max(width(c), ...rows.map((r) => width(r[i] ?? "")))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function actionButton(action: CardAction, index: number, locale: Locale, prefix: string): Block {
  const label = pick(action.label, locale) + (action.form ? "…" : "");
  return button(`${action.form ? FORM_ACTION : PRESS_ACTION}.${prefix}${index}`, label, action.token, action.style);
}

export interface CardBlockOptions {
  /** Makes block and action ids unique when several cards share one view (the App Home). */
  readonly prefix?: string;
  /** Leave the buttons out (a card shown after its step is done). */
  readonly withoutActions?: boolean;
  /** The notice kind the message shows (else the card's own), so "Read in full" reads that notice's card. */
  readonly kind?: string;
}

export function cardBlocks(card: Card, locale: Locale, options: CardBlockOptions = {}): Block[] {
  const prefix = options.prefix ?? "";
  const blocks: Block[] = [header(pick(card.title, locale))];
  if (card.text)
    for (const piece of chunks(escapeMrkdwn(pick(card.text, locale)), LIMITS.sectionText)) blocks.push(section(piece));
  for (let i = 0; i < card.fields.length; i += LIMITS.sectionFields) {
    const fields = card.fields.slice(i, i + LIMITS.sectionFields).map((f) => ({
      type: "mrkdwn",
      text: `*${escapeMrkdwn(pick(f.label, locale))}*\n${escapeMrkdwn(pick(f.value, locale))}`.slice(
        0,
        LIMITS.fieldText,
      ),
    }));
    blocks.push({ type: "section", fields });
  }
  if (card.table && card.table.rows.length > 0) {
    const text = tableText(
      card.table.columns.map((c) => pick(c, locale)),
      card.table.rows.map((r) => r.map((c) => pick(c, locale))),
    );
    for (const piece of chunks(escapeMrkdwn(text), LIMITS.sectionText - 8)) blocks.push(section("```" + piece + "```"));
  }
  const buttons = options.withoutActions ? [] : card.actions.map((a, i) => actionButton(a, i, locale, prefix));
  // Texts cut on the card are read whole in a modal, never lost (block-kit.ts keeps every piece under Slack's limits).
  const full = fullTextRef(card, options.kind);
  if (full) buttons.push(button(`${READ_ACTION}.${prefix}`, pick(READ_IN_FULL, locale), JSON.stringify(full)));
  if (buttons.length > 0) blocks.push(...actionRows(buttons, `kp.actions.${prefix}`));
  if (card.footer) blocks.push(context(escapeMrkdwn(pick(card.footer, locale))));
  return blocks;
}

/** The notification text (shown in alerts and where blocks cannot be). */
export function cardFallbackText(card: Card, locale: Locale): string {
  return pick(card.title, locale).slice(0, LIMITS.messageText);
}
