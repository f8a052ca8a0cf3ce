// What "one language per person" means, as a check over every text the bot sent someone: an English
// reader sees no Chinese character; a Chinese reader sees no English word but the proper names and
// codes they typed or the bank gave (an allow-list); and nobody sees a raw key — a snake_case state
// code (`tenure_overdue`), a `type:<uuid>` reference or a dotted message key (`report.findings`).
import { CHAT_VERBS } from "../../src/app/chat-commands/chat-command.parser.ts";
import type { Locale } from "../../src/ports/locale.ts";

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+/gu;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu;
const SNAKE = /\b[a-z]+(?:_[a-z]+)+\b/gu;
const DOTTED_KEY = /\b[a-z_]+\.[a-z_]+\b/gu;
const URL = /\bhttps?:\/\/\S+/giu;
const EMAIL = /\b\S+@\S+\.\S+\b/gu;
const TIME_ZONE = /\b(?:Asia|Europe|America|Africa|Australia|Pacific)\/[A-Za-z_]+\b/gu;

/**
 * Words a Chinese reader may see in Latin letters: product and platform names, the command words
 * they type (`/keypost tasks`; the Chinese aliases work too), the language codes and "https" (what a
 * link must start with).
 */
export const PROPER_NAMES: readonly string[] = [
  ...["Keypost", "keypost", "Slack", "Microsoft", "Teams", "https", "zh", "CN", "en"],
  ...CHAT_VERBS,
];

export interface LanguageFinding {
  readonly text: string;
  readonly problem: string;
}

/** Every problem in `text` for a reader of `locale`; `allowed` are codes and names the bank or the user wrote. */
export function languageProblems(text: string, locale: Locale, allowed: readonly string[] = []): LanguageFinding[] {
  const out: LanguageFinding[] = [];
  const problem = (what: string, match: string) => out.push({ text: match, problem: what });
  const decoded = text.replace(/&lt;/gu, "<").replace(/&gt;/gu, ">").replace(/&amp;/gu, "&");
  for (const m of decoded.match(UUID) ?? []) problem("a raw id", m);
  let clean = decoded.replace(UUID, " ").replace(URL, " ").replace(EMAIL, " ").replace(TIME_ZONE, " ");
  for (const a of [...allowed].sort((x, y) => y.length - x.length)) if (a !== "") clean = clean.split(a).join(" ");
  for (const m of clean.match(SNAKE) ?? []) problem("a raw code", m);
  for (const m of clean.match(DOTTED_KEY) ?? []) problem("a raw key", m);
  if (locale === "en") {
    for (const m of clean.match(CJK) ?? []) problem("Chinese in an English text", m);
  } else {
    const words = clean.match(/[A-Za-z]{2,}/gu) ?? [];
    for (const w of words) if (!PROPER_NAMES.includes(w)) problem("English in a Chinese text", w);
  }
  return out;
}

/** A readable failure: each problem once, with the line it was found in. */
export function describeProblems(texts: readonly string[], locale: Locale, allowed: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const text of texts)
    for (const line of text.split("\n"))
      for (const p of languageProblems(line, locale, allowed)) {
        const key = `${p.problem}: ${p.text}`;
        if (!seen.has(key)) seen.set(key, line.slice(0, 160));
      }
  return [...seen].map(([k, line]) => `${k}    in: ${line}`);
}
