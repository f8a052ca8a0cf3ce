// The terminal chat: a small loop over an input and an output stream. It shows the person's home,
// presses the numbered actions through the core (pressAction, with the action's opaque token),
// asks a form's inputs as prompts, and shows the outcome's sentence and the refreshed card. A line
// that is no command is a question in words (question.ask), answered with a card. It
// decides nothing itself: every press, every refusal and every card comes from src/app.
import type { Readable, Writable } from "node:stream";
import type { Card } from "../../src/ports/card.ts";
import { ask } from "../../src/app/home/query.ts";
import type { Home } from "../../src/app/home/home.ts";
import { setLocale } from "../../src/app/home/set-locale.ts";
import { viewHome } from "../../src/app/home/view-home.ts";
import { dashboardReply } from "../../src/app/chat-commands/dashboard-reply.ts";
import { askQuestion } from "../../src/app/questions/ask-question.query.ts";
import { isLocale, pick, type Locale } from "../../src/ports/locale.ts";
import { execute, type Kernel } from "../../src/app/kernel/execute.ts";
import type { Outcome } from "../../src/app/kernel/outcome.ts";
import { pressAction, type ActionRegistry } from "../../src/app/kernel/press-action.ts";
import type { Invocation, UseCase } from "../../src/app/kernel/use-case.ts";
import { DEFAULT_WIDTH, renderCard } from "./console-card.renderer.ts";
import { refusalSentence, unexpectedSentence } from "./console-errors.ts";
import { parseDo } from "./console-do.ts";
import { askForm } from "./console-form.ts";
import { renderHome, type ActionOnScreen } from "./console-home.renderer.ts";
import { lineSource, type LineSource } from "./console-lines.ts";
import { MSG } from "./console-messages.ts";

export interface ConsoleChatOptions {
  readonly kernel: Kernel;
  readonly actions: ActionRegistry;
  /** Use cases `do <name> …` may run (the catalog's); without them `do` lists none. */
  readonly useCases?: ReadonlyMap<string, UseCase<unknown>>;
  /** The person chatting (resolved from their employee code by the caller). */
  readonly personId: string;
  readonly input: Readable;
  readonly output: Writable;
  /** The session's language; default the person's own (profile, else the organisation's). */
  readonly lang?: Locale;
  readonly width?: number;
  /** Echo typed lines (default: when the input is not a terminal, so a piped session reads as a transcript). */
  readonly echo?: boolean;
}

type Subject = { readonly type: string; readonly id: string };
type View =
  | { readonly kind: "home"; readonly page: number }
  | { readonly kind: "card"; readonly card: Card; readonly subject: Subject | undefined };

export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const terminal = Boolean((options.input as Readable & { isTTY?: boolean }).isTTY);
  const lines = lineSource(options.input, options.output, { terminal, echo: options.echo ?? !terminal });
  try {
    await new ConsoleChat(options, lines).run();
  } finally {
    lines.close();
  }
}

class ConsoleChat {
  private readonly who: Invocation;
  private readonly width: number;
  private locale: Locale;
  private chosenLocale: Locale | undefined;
  private view: View = { kind: "home", page: 1 };
  private onScreen: readonly ActionOnScreen[] = [];
  private home: Home | undefined;

  constructor(
    private readonly options: ConsoleChatOptions,
    private readonly lines: LineSource,
  ) {
    this.who = { personId: options.personId, platform: "console" };
    const columns = (options.output as Writable & { columns?: number }).columns;
    this.width = options.width ?? (columns ? Math.min(Math.max(columns - 1, 40), 120) : DEFAULT_WIDTH);
    this.chosenLocale = options.lang;
    this.locale = options.lang ?? options.kernel.orgLocale;
  }

  private write(text: string): void {
    this.options.output.write(text.endsWith("\n") ? text : text + "\n");
  }

  private say(text: string): void {
    this.write(text);
  }

  async run(): Promise<void> {
    if (!(await this.showHome(1))) return;
    for (;;) {
      const typed = await this.lines.next(pick(MSG.prompt, this.locale));
      if (typed === null) break;
      const command = typed.trim();
      if (command === "") continue;
      if (["q", "quit", "exit"].includes(command.toLowerCase())) break;
      try {
        await this.dispatch(command);
      } catch (error) {
        this.say(`✗ ${unexpectedSentence(error, this.locale)}`);
      }
    }
    this.write(pick(MSG.bye, this.locale));
  }

  private async dispatch(command: string): Promise<void> {
    const [word = "", arg] = command.split(/\s+/);
    if (word.toLowerCase() === "do") return this.runUseCase(command.slice(2));
    if (/^\d+$/.test(command)) return this.press(Number(command));
    switch (word.toLowerCase()) {
      case "?":
      case "help":
        return this.say(pick(MSG.help, this.locale));
      case "h":
        await this.showHome(1);
        return;
      case "n":
      case "p":
        return this.turnPage(word.toLowerCase() === "n" ? 1 : -1);
      case "r":
        return this.refresh();
      case "v":
        return this.viewNotice(arg ?? "");
      case "lang":
        return this.switchLanguage(arg);
      case "dashboard":
      case "仪表盘": {
        const reply = await dashboardReply(this.options.kernel, this.who);
        if (reply.kind === "text") this.say(`${reply.refused ? "✗ " : ""}${pick(reply.text, this.locale)}`);
        return;
      }
      default:
        return this.askQuestion(command);
    }
  }

  /** Shows a page of the home; false when the person cannot be shown anything (e.g. unknown). */
  private async showHome(page: number): Promise<boolean> {
    const answer = await ask(this.options.kernel, viewHome, { page }, this.who);
    if (!answer.ok) {
      this.say(`✗ ${refusalSentence(answer, this.locale)}`);
      return false;
    }
    this.home = answer.value;
    this.locale = this.chosenLocale ?? answer.value.locale;
    this.view = { kind: "home", page: answer.value.page };
    const rendered = renderHome(answer.value, this.locale, this.width);
    this.onScreen = rendered.actions;
    this.write(rendered.lines.join("\n"));
    return true;
  }

  private showCard(card: Card, subject: Subject | undefined): void {
    const rendered = renderCard(card, this.locale, { width: this.width });
    const about = subject ?? (card.subject ? { type: card.subject.type, id: card.subject.id } : undefined);
    this.view = { kind: "card", card, subject: about };
    this.onScreen = rendered.actions.map((action) => ({ action, ...(about ? { subject: about } : {}) }));
    this.write(["", ...rendered.lines, "", pick(MSG.cardHint, this.locale)].join("\n"));
  }

  private async turnPage(step: 1 | -1): Promise<void> {
    const current = this.view.kind === "home" ? this.view.page : 1;
    const pages = this.home?.pages ?? 1;
    if (this.view.kind === "home" && step === 1 && current >= pages) return this.say(pick(MSG.lastPage, this.locale));
    if (this.view.kind === "home" && step === -1 && current <= 1) return this.say(pick(MSG.firstPage, this.locale));
    await this.showHome(this.view.kind === "home" ? current + step : 1);
  }

  private async refresh(): Promise<void> {
    if (this.view.kind === "home" || !this.view.subject) {
      await this.showHome(this.view.kind === "home" ? this.view.page : 1);
      return;
    }
    const subject = this.view.subject;
    const answer = await ask(this.options.kernel, viewHome, { subject }, this.who);
    if (!answer.ok) return this.say(`✗ ${refusalSentence(answer, this.locale)}`);
    const entry = [...answer.value.tasks, ...answer.value.notices][0];
    if (!entry) {
      this.say(pick(MSG.gone, this.locale));
      await this.showHome(1);
      return;
    }
    this.showCard(entry.card, subject);
  }

  private viewNotice(arg: string): void {
    const entry = this.view.kind === "home" && /^\d+$/.test(arg) ? this.home?.notices[Number(arg) - 1] : undefined;
    if (!entry) return this.say(pick(MSG.noSuchNotice(arg), this.locale));
    this.showCard(entry.card, { type: entry.subjectType, id: entry.subjectId });
  }

  private async press(n: number): Promise<void> {
    const target = this.onScreen[n - 1];
    if (!target) return this.say(pick(MSG.noSuchAction(n), this.locale));
    const { action } = target;
    const values = action.form ? await askForm(action.form, this.locale, this.lines, (text) => this.write(text)) : {};
    if (values === undefined) return this.say(pick(MSG.cancelled, this.locale));
    const outcome = await pressAction(
      this.options.kernel,
      this.options.actions,
      { token: action.token, values },
      this.who,
    );
    await this.showOutcome(outcome, target.subject);
  }

  private async showOutcome(outcome: Outcome, subject: Subject | undefined): Promise<void> {
    this.say("");
    this.write(outcome.ok ? `✓ ${pick(outcome.message, this.locale)}` : `✗ ${refusalSentence(outcome, this.locale)}`);
    if (outcome.card) this.showCard(outcome.card, subject);
    else await this.showHome(this.view.kind === "home" ? this.view.page : 1);
  }

  private async runUseCase(rest: string): Promise<void> {
    const known = this.options.useCases ?? new Map<string, UseCase<unknown>>();
    const parsed = parseDo(rest);
    if (!parsed.ok) {
      if (parsed.problem === "usage")
        return this.say(pick(MSG.useCases([...known.keys()].sort().join(", ")), this.locale));
      return this.say(
        pick(parsed.problem === "json" ? MSG.badJson(parsed.text) : MSG.badPair(parsed.text), this.locale),
      );
    }
    const useCase = known.get(parsed.name);
    if (!useCase) return this.say(pick(MSG.noUseCase(parsed.name), this.locale));
    await this.showOutcome(await execute(this.options.kernel, useCase, parsed.raw, this.who), undefined);
  }

  /** Anything that is not a command is a question (question.ask): its card is shown like any other. */
  private async askQuestion(text: string): Promise<void> {
    const answer = await ask(this.options.kernel, askQuestion, { text }, this.who);
    if (!answer.ok) return this.say(`✗ ${refusalSentence(answer, this.locale)}`);
    this.showCard(answer.value, undefined);
  }

  private async switchLanguage(arg: string | undefined): Promise<void> {
    if (!isLocale(arg)) return this.say(pick(MSG.langUsage(this.locale), this.locale));
    const outcome = await execute(this.options.kernel, setLocale, { locale: arg }, this.who);
    if (!outcome.ok) return this.say(`✗ ${refusalSentence(outcome, this.locale)}`);
    this.locale = arg;
    this.chosenLocale = arg;
    this.say(`✓ ${pick(outcome.message, arg)}`);
    if (this.view.kind === "card") this.showCard(this.view.card, this.view.subject);
    else await this.showHome(this.view.page);
  }
}
