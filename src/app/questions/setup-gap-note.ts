// Never silently wrong, in chat too (issue #14): an answer whose figures or lists leave something
// out because of a setup gap says so, in the asker's language, instead of a bare zero — "2 posts
// have no policy: P-… — not counted here". Which gaps touch which answer is a table; the gaps are
// the doctor's (src/app/setup-gaps), kept to the answer's units (the asker's, or the unit the
// question names), or for one person's status to the posts and people the card shows. A holder is
// unreachable here when they have no chat account at all: the chat the question came from is
// configured, and which others are is the service's configuration, not the app's (doctor checks it).
import type { Bilingual } from "../../ports/locale.ts";
import type { Card } from "../../ports/card.ts";
import { localDateOf } from "../../domain/calendar/time-zone.ts";
import { reportScope, inScope } from "../reports/report-scope.ts";
import { setupGaps, type SetupGap, type SetupGapCode } from "../setup-gaps/setup-gaps.ts";
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

const CHAT_PLATFORMS = ["slack", "teams"];
const MAX_LISTED = 10;

function listed(codes: readonly string[], separator: string, more: (n: number) => string): string {
  const shown = codes.slice(0, MAX_LISTED).join(separator);
  return codes.length > MAX_LISTED ? `${shown}${more(codes.length - MAX_LISTED)}` : shown;
}

/** One gap as a sentence in both languages. */
export function gapSentence(code: ChatGap, subjects: readonly string[]): Bilingual {
  const n = subjects.length;
  const zh = listed(subjects, "、", (k) => ` 等（另有 ${k} 个）`);
  const en = listed(subjects, ", ", (k) => ` … and ${k} more`);
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

/** Whether `text` names `code` as a whole code ("E1" is not in "E10"). */
function mentions(text: string, code: string): boolean {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:^|[^A-Za-z0-9._-])${escaped}(?:[^A-Za-z0-9._-]|$)`).test(text);
}

function cardText(card: Card): string {
  const parts: string[] = [card.text?.en ?? ""];
  for (const f of card.fields) parts.push(f.value.en);
  for (const row of card.table?.rows ?? []) for (const cell of row) parts.push(cell.en);
  return parts.join("\n");
}

/** The gaps of `codes` within the answer's units (or, for one person, those the card shows). */
export async function gapsFor(
  a: Asking,
  codes: readonly ChatGap[],
  card: Card | null,
  onlyPosts?: ReadonlySet<string>,
): Promise<{ code: ChatGap; subjects: string[] }[]> {
  if (codes.length === 0) return [];
  const scope = reportScope(reportInputs(a).viewer);
  const facts = await a.tx.setupGaps.facts();
  const all: SetupGap[] = setupGaps(facts, localDateOf(a.env.now, a.who.person.unitTimeZone), CHAT_PLATFORMS);
  const unitPath = new Map(facts.units.map((u) => [u.code, u.path]));
  const postPath = new Map(facts.posts.map((p) => [p.code, p.unitPath]));
  const holderPath = new Map(facts.holders.map((h) => [h.employeeCode, h.unitPath]));
  const shown = card && a.parsed.intent === "status.person" ? cardText(card) : null;
  const out: { code: ChatGap; subjects: string[] }[] = [];
  for (const gap of all) {
    if (!(codes as readonly string[]).includes(gap.code)) continue;
    const subjects = gap.subjects.filter((subject) => {
      const code = subject.split(" ")[0]!;
      if (gap.code === "POST_WITHOUT_POLICY" && onlyPosts && !onlyPosts.has(code)) return false;
      const path =
        gap.code === "POST_WITHOUT_POLICY"
          ? postPath.get(code)
          : gap.code === "HOLDER_UNREACHABLE"
            ? holderPath.get(code)
            : unitPath.get(code);
      if (path === undefined || !inScope(scope, path)) return false;
      return shown === null || mentions(shown, code);
    });
    if (subjects.length > 0) out.push({ code: gap.code as ChatGap, subjects });
  }
  return out;
}

/** The card with the gaps it depends on stated first in its text; the card itself when there are none. */
export async function withSetupGaps(a: Asking, intent: Intent | "policy.post", card: Card): Promise<Card> {
  const gaps = await gapsFor(a, GAPS_BY_INTENT[intent] ?? [], card);
  if (gaps.length === 0) return card;
  const sentences = gaps.map((g) => gapSentence(g.code, g.subjects));
  const note = (lang: "zh-CN" | "en") => sentences.map((s) => `⚠ ${s[lang]}`).join("\n");
  return {
    ...card,
    text: card.text
      ? { "zh-CN": `${note("zh-CN")}\n${card.text["zh-CN"]}`, en: `${note("en")}\n${card.text.en}` }
      : { "zh-CN": note("zh-CN"), en: note("en") },
  };
}
