// A card action's form asked as prompts, one input at a time: its label (with * when required),
// select options numbered, dates as YYYY-MM-DD, links as https addresses. This only helps the
// user type something sensible; the use case parses and checks everything again.
import type { CardAction, CardInput } from "../../src/ports/card.ts";
import { pick, type Locale } from "../../src/ports/locale.ts";
import type { LineSource } from "./console-lines.ts";
import { MSG } from "./console-messages.ts";

export const CANCEL = "/cancel";

type Form = NonNullable<CardAction["form"]>;
type Check = { ok: true; value: string | undefined } | { ok: false; problem: string };

export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}

/** What a typed answer means for one input: the value to send (undefined = skipped) or why not. */
export function checkAnswer(input: CardInput, typed: string, locale: Locale): Check {
  const text = typed.trim();
  if (text === "")
    return input.required ? { ok: false, problem: pick(MSG.required, locale) } : { ok: true, value: undefined };
  if (input.maxLength !== undefined && [...text].length > input.maxLength)
    return { ok: false, problem: pick(MSG.tooLong(input.maxLength), locale) };
  switch (input.kind) {
    case "select": {
      const options = input.options ?? [];
      const n = /^\d+$/.test(text) ? Number(text) : NaN;
      const chosen = options[n - 1] ?? options.find((o) => o.value === text);
      return chosen
        ? { ok: true, value: chosen.value }
        : { ok: false, problem: pick(MSG.badChoice(options.length), locale) };
    }
    case "date":
      return isIsoDate(text) ? { ok: true, value: text } : { ok: false, problem: pick(MSG.badDate, locale) };
    case "url":
      return isHttpsUrl(text) ? { ok: true, value: text } : { ok: false, problem: pick(MSG.badUrl, locale) };
    default:
      return { ok: true, value: text };
  }
}

function describeInput(input: CardInput, locale: Locale): { lines: string[]; prompt: string } {
  const label = pick(input.label, locale) + (input.required ? " *" : "");
  const hints = [
    input.kind === "date" ? pick(MSG.dateHint, locale) : "",
    input.kind === "url" ? pick(MSG.urlHint, locale) : "",
    input.kind === "people" ? pick(MSG.peopleHint, locale) : "",
    input.kind === "select" ? pick(MSG.selectHint(input.options?.length ?? 0), locale) : "",
    input.required ? "" : pick(MSG.optional, locale),
  ].join("");
  const lines =
    input.kind === "select" ? (input.options ?? []).map((o, i) => `  ${i + 1}) ${pick(o.label, locale)}`) : [];
  if (input.placeholder) lines.push(`  ${pick(MSG.example(pick(input.placeholder, locale)), locale)}`);
  return { lines, prompt: `${label}${hints}: ` };
}

/** Asks every input in turn; undefined when the user cancels or the input ends. */
export async function askForm(
  form: Form,
  locale: Locale,
  lines: LineSource,
  write: (text: string) => void,
): Promise<Record<string, string> | undefined> {
  write(`${pick(form.title, locale)}  ${pick(MSG.formCancelHint, locale)}\n`);
  const values: Record<string, string> = {};
  for (const input of form.inputs) {
    const { lines: options, prompt } = describeInput(input, locale);
    for (const line of options) write(line + "\n");
    for (;;) {
      const typed = await lines.next(prompt);
      if (typed === null || typed.trim() === CANCEL) return undefined;
      const answer = checkAnswer(input, typed, locale);
      if (!answer.ok) {
        write(`  ${answer.problem}\n`);
        continue;
      }
      if (answer.value !== undefined) values[input.name] = answer.value;
      break;
    }
  }
  return values;
}
