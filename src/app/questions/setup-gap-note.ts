// Never silently wrong, in chat too (issue #14): an answer whose figures or lists leave something
// out because of a setup gap says so, in the asker's language, instead of a bare zero — "2 posts
// have no policy: P-… — not counted here". Which gaps touch which answer is a table; the gaps are
// the doctor's (src/app/setup-gaps), kept to the answer's units (the asker's, or the unit the
// question names), or for one person's status to the posts and people the card shows. The
// database counts them within those units (SetupGapQueries.inScope), so a note costs a few small
// statements, not a read of the whole bank's setup, and nothing is cached that a write could outdate. A holder is
// unreachable here when they have no chat account at all: the chat the question came from is
// configured, and which others are is the service's configuration, not the app's (doctor checks it).
import type { Bilingual } from "../../ports/locale.ts";
import type { Card } from "../../ports/card.ts";
import { localDateOf } from "../../domain/calendar/time-zone.ts";
import { reportScope } from "../reports/report-scope.ts";
import { coveredYears, type SetupGapCode } from "../setup-gaps/setup-gaps.ts";
import { reportInputs, type Asking } from "./answer-context.ts";
import type { Intent } from "./question.parser.ts";

type ChatGap = Extract<
  SetupGapCode,
  "POST_WITHOUT_POLICY" | "UNIT_WITHOUT_CALENDAR" | "CALENDAR_NOT_COVERING" | "HOLDER_UNREACHABLE"
>;

const CALENDARS: readonly ChatGap[] = ["UNIT_WITHOUT_CALENDAR", "CALENDAR_NOT_COVERING"];
const ALL: readonly ChatGap[] = ["POST_WITHOUT_POLICY", ...CALENDARS, "HOLDER_UNREACHABLE"];

/** The gaps each answer depends on (the policy question states its own). */
export const GAPS_BY_INTENT: Readonly<Partial<Record<Intent | "policy.post", readonly ChatGap[]>>> = {
  "rotation.due": ["POST_WITHOUT_POLICY"],
  "notice.unacknowledged": ["HOLDER_UNREACHABLE"],
  figures: ["POST_WITHOUT_POLICY", ...CALENDARS],
  "status.person": ALL,
  "status.unit": ALL,
  "policy.post": ["POST_WITHOUT_POLICY"],
};

const MAX_LISTED = 10;

function listed(codes: readonly string[], total: number, separator: string, more: (n: number) => string): string {
  const shown = codes.slice(0, MAX_LISTED);
  return total > shown.length ? `${shown.join(separator)}${more(total - shown.length)}` : shown.join(separator);
}

/** One gap as a sentence in both languages: `total` of them, the first `subjects` listed. */
export function gapSentence(code: ChatGap, subjects: readonly string[], total = subjects.length): Bilingual {
  const n = Math.max(total, subjects.length);
  const zh = listed(subjects, n, "、", (k) => ` 等（另有 ${k} 个）`);
  const en = listed(subjects, n, ", ", (k) => ` … and ${k} more`);
  switch (code) {
    case "POST_WITHOUT_POLICY":
      return {
        "zh-CN": `${n} 个关键岗位没有制度参数：${zh}——此处的数字未计入它们`,
        en: `${n} ${n === 1 ? "post has" : "posts have"} no policy: ${en} — not counted here`,
      };
    case "UNIT_WITHOUT_CALENDAR":
      return {
        "zh-CN": `${n} 个机构没有工作日历：${zh}——工作日无法计算`,
        en: `${n} ${n === 1 ? "unit has" : "units have"} no working-day calendar: ${en} — working days cannot be counted`,
      };
    case "CALENDAR_NOT_COVERING":
      return {
        "zh-CN": `${n} 个机构的工作日历未覆盖未来 12 个月：${zh}`,
        en: `${n} ${n === 1 ? "unit's calendar does" : "units' calendars do"} not cover the next 12 months: ${en}`,
      };
    case "HOLDER_UNREACHABLE":
      return {
        "zh-CN": `${n} 名关键岗位人员没有聊天账号，通知送不到：${zh}`,
        en: `${n} key-post ${n === 1 ? "holder has" : "holders have"} no chat account, so no notice reaches them: ${en}`,
      };
  }
}

/** The codes a text could name: the register's codes are letters, digits, ".", "_" and "-" (register-fields.ts). */
function codesIn(text: string): string[] {
  return [...new Set(text.split(/[^A-Za-z0-9._-]+/).filter((t) => /^[A-Za-z0-9]/.test(t)))];
}

function cardText(card: Card): string {
  const parts: string[] = [card.text?.en ?? ""];
  for (const f of card.fields) parts.push(f.value.en);
  for (const row of card.table?.rows ?? []) for (const cell of row) parts.push(cell.en);
  return parts.join("\n");
}

export interface ChatGapFound {
  readonly code: ChatGap;
  /** How many posts, units or holders have it within the answer's units. */
  readonly total: number;
  /** The first of them, sorted (as many as a sentence lists). */
  readonly subjects: readonly string[];
}

/**
 * The gaps of `codes` within the answer's units (or, for one person, those the card shows; or,
 * given `onlyPosts`, those posts), counted by the database: an answer reads no more than the gaps.
 */
export async function gapsFor(
  a: Asking,
  codes: readonly ChatGap[],
  card: Card | null,
  onlyPosts?: ReadonlySet<string>,
): Promise<ChatGapFound[]> {
  if (codes.length === 0) return [];
  const scope = reportScope(reportInputs(a).viewer);
  const today = localDateOf(a.env.now, a.who.person.unitTimeZone);
  const shown = card && a.parsed.intent === "status.person" ? codesIn(cardText(card)) : undefined;
  const only = onlyPosts ? [...onlyPosts] : shown;
  const found = await a.tx.setupGaps.inScope({
    codes,
    scope,
    years: coveredYears(today),
    ...(only ? { only } : {}),
    first: MAX_LISTED,
  });
  return found.map((g) => ({ code: g.code, total: g.total, subjects: g.subjects }));
}

/**
 * The card with the gaps it depends on stated first in its text; the card itself when there are none.
 * The gaps are read alongside the answer (on PostgreSQL the reads pipeline, 16.s11-4), except for one
 * person's status, whose gaps are those its card shows.
 */
export async function withSetupGaps(
  a: Asking,
  intent: Intent | "policy.post",
  answering: Promise<Card>,
): Promise<Card> {
  const codes = GAPS_BY_INTENT[intent] ?? [];
  const early = intent === "status.person" || codes.length === 0 ? undefined : gapsFor(a, codes, null);
  // An answer that fails (out of scope, say) leaves the early read unawaited: its failure is the answer's.
  early?.catch(() => undefined);
  const card = await answering;
  const gaps = await (early ?? gapsFor(a, codes, card));
  if (gaps.length === 0) return card;
  const sentences = gaps.map((g) => gapSentence(g.code, g.subjects, g.total));
  const note = (lang: "zh-CN" | "en") => sentences.map((s) => `⚠ ${s[lang]}`).join("\n");
  return {
    ...card,
    text: card.text
      ? { "zh-CN": `${note("zh-CN")}\n${card.text["zh-CN"]}`, en: `${note("en")}\n${card.text.en}` }
      : { "zh-CN": note("zh-CN"), en: note("en") },
  };
}
