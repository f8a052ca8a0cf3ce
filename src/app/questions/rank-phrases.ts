// "Who has been in post longest", "任职最久的是谁", "the 3 longest-serving tellers", "最近上岗的两个人":
// a superlative over the key-post holders — the first N by time in post, longest or newest. A phrase
// of its own (as tenure-phrases.ts is for "more than two years"): it ranks the holders' list rather
// than filtering it, and a tie at the last place keeps everyone who shares it, so the answer never
// picks one of two people who started the same day. Pure, table-driven.
import { chineseNumber, EN_NUMBER_WORDS } from "./date-phrases.ts";

/** The first `count` holders by time in post: the longest-serving, or the newest. */
export interface Rank {
  readonly by: "longest" | "newest";
  readonly count: number;
}

const LONGEST =
  /longest[- ]?(?:serving|standing|tenured?)|(?:been|sat|sitting|served|serving|stayed|held|holding)\b.{0,30}\b(?:the )?longest\b|longest (?:in|on|at) (?:their |the |a |one )?(?:post|seat|role|job|position)|\blongest\b|\bmost senior\b|\bmost time in\b|\bthe (?:oldest|earliest) (?:holders?|in post)\b|(?:任职|在岗|任岗|在任|干|做|待|呆|坐)(?:时间|得)?最(?:久|长)|最(?:久|长)(?:的)?(?:在岗|任职)|资历最(?:老|深)|最早(?:上岗|到岗|任职)/;
const NEWEST =
  /\bnewest\b|\bmost recent(?:ly)?\b(?: (?:appointed|started|arrived|in post|to start))?|\bshortest (?:time )?(?:in|on) (?:their |the |a )?(?:post|seat|role|job|position)|\bshortest[- ]serving\b|\blatest (?:to (?:start|arrive|join)|appointed|arrival)\b|(?:任职|在岗|任岗|在任)(?:时间)?最(?:短|新)|最(?:近|晚|新)(?:上岗|到岗|任职|上任)|资历最(?:浅|新)/;

/** A ranking's count in words: one to ten ("the three longest"). */
const EN_COUNT: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(EN_NUMBER_WORDS).filter(([, n]) => n <= 10),
);
const COUNT_WORD = `(\\d{1,2}|${Object.keys(EN_COUNT).join("|")})`;
/** How many: "top 3", "the 3 longest", "3 longest-serving", "前三", "三个人", "两位". */
const COUNTS: readonly RegExp[] = [
  new RegExp(`\\b(?:top|the|first)\\s+${COUNT_WORD}\\b`),
  new RegExp(
    `\\b${COUNT_WORD}\\s+(?:longest|newest|most|people|persons|holders|staff|tellers?|officers?|keepers?|heads?|managers?|rms?)\\b`,
  ),
  /前\s*(\d{1,2}|[一二两三四五六七八九十]+)\s*(?:名|位|个|人)?/,
  /(\d{1,2}|[一二两三四五六七八九十]+)\s*(?:个人|个|位|名|人)/,
];

function countIn(text: string): number {
  for (const p of COUNTS) {
    const m = p.exec(text);
    if (!m) continue;
    const n = EN_COUNT[m[1]!] ?? chineseNumber(m[1]!);
    if (n > 0 && n <= 50) return n;
  }
  return 1;
}

/** The superlative a question asks over the holders, and the text without it; else undefined. */
export function findRank(text: string): { rank: Rank; rest: string } | undefined {
  for (const [by, pattern] of [
    ["newest", NEWEST],
    ["longest", LONGEST],
  ] as const) {
    const m = pattern.exec(text);
    if (!m) continue;
    const rest = (text.slice(0, m.index) + " " + text.slice(m.index + m[0].length)).replace(/\s+/g, " ").trim();
    return { rank: { by, count: countIn(text) }, rest };
  }
  return undefined;
}

/** The first `count` by start date (earliest for the longest-serving); a tie at the last place keeps all who share it. */
export function ranked<T extends { startDate: string; employeeCode: string }>(rows: readonly T[], rank: Rank): T[] {
  const order = [...rows].sort(
    (x, y) =>
      (rank.by === "longest" ? x.startDate.localeCompare(y.startDate) : y.startDate.localeCompare(x.startDate)) ||
      x.employeeCode.localeCompare(y.employeeCode),
  );
  const last = order[rank.count - 1];
  return last ? order.filter((r, i) => i < rank.count || r.startDate === last.startDate) : order;
}
