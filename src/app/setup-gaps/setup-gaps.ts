// Never silently wrong: the gaps in a bank's setup that would make a control's answer wrong
// without anyone noticing — a key post with no policy (its tenure and leave figures cannot be
// computed), a unit whose calendar does not cover the next 12 months (working days would be
// guessed), a key-post holder no configured chat platform can reach (notices would go nowhere).
// Pure: facts in, gaps out. `keypost doctor` lists them, `serve` logs them at start (codes and
// counts only), and reports state the ones they touch.
import { addMonths, type LocalDate } from "../../domain/calendar/index.ts";
import type { SetupGapFacts } from "../../ports/setup-gap-queries.ts";

export type SetupGapCode =
  | "POST_WITHOUT_POLICY"
  | "UNIT_WITHOUT_CALENDAR"
  | "CALENDAR_NOT_COVERING"
  | "HOLDER_UNREACHABLE"
  | "NO_CHAT_PLATFORM"
  | "NO_KEY_POSTS";

export interface SetupGap {
  readonly code: SetupGapCode;
  /** The codes of what is missing something (posts, units, employees), sorted. */
  readonly subjects: readonly string[];
  /** One English sentence, e.g. "2 posts have no policy: P-1, P-2". */
  readonly text: string;
}

const MAX_LISTED = 20;

function list(codes: readonly string[]): string {
  const shown = codes.slice(0, MAX_LISTED).join(", ");
  return codes.length > MAX_LISTED ? `${shown} … and ${codes.length - MAX_LISTED} more` : shown;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The calendar a unit uses: its own, else its nearest ancestor's. */
function calendarOf(facts: SetupGapFacts, unitCode: string): string | null {
  const byCode = new Map(facts.units.map((u) => [u.code, u]));
  const unit = byCode.get(unitCode);
  if (!unit) return null;
  const chain = unit.path
    .split("/")
    .filter((c) => c !== "")
    .reverse();
  for (const code of chain) {
    const calendar = byCode.get(code)?.calendarCode ?? null;
    if (calendar !== null) return calendar;
  }
  return null;
}

/** The years a calendar must list days of to cover the next 12 months from `today`. */
export function coveredYears(today: LocalDate): number[] {
  return [...new Set([Number(today.slice(0, 4)), Number(addMonths(today, 12).slice(0, 4))])];
}

export function setupGaps(facts: SetupGapFacts, today: LocalDate, configuredPlatforms: readonly string[]): SetupGap[] {
  const gaps: SetupGap[] = [];
  const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

  const withoutPolicy = sorted(
    facts.posts.filter((p) => p.policyCode === null && facts.defaults[p.category] === undefined).map((p) => p.code),
  );
  if (withoutPolicy.length > 0)
    gaps.push({
      code: "POST_WITHOUT_POLICY",
      subjects: withoutPolicy,
      text: `${plural(withoutPolicy.length, "post has", "posts have")} no policy: ${list(withoutPolicy)}`,
    });

  const years = coveredYears(today);
  const noCalendar: string[] = [];
  const notCovering: string[] = [];
  for (const unit of facts.units) {
    const calendar = calendarOf(facts, unit.code);
    if (calendar === null) noCalendar.push(unit.code);
    else if (!years.every((y) => (facts.calendarYears.get(calendar) ?? []).includes(y)))
      notCovering.push(`${unit.code} (${calendar})`);
  }
  if (noCalendar.length > 0)
    gaps.push({
      code: "UNIT_WITHOUT_CALENDAR",
      subjects: sorted(noCalendar),
      text: `${plural(noCalendar.length, "unit has", "units have")} no working-day calendar: ${list(sorted(noCalendar))}`,
    });
  if (notCovering.length > 0)
    gaps.push({
      code: "CALENDAR_NOT_COVERING",
      subjects: sorted(notCovering),
      text: `${plural(notCovering.length, "unit's calendar does", "units' calendars do")} not cover the next 12 months (${years.join(", ")}): ${list(sorted(notCovering))}`,
    });

  if (configuredPlatforms.length === 0) {
    if (facts.holders.length > 0)
      gaps.push({
        code: "NO_CHAT_PLATFORM",
        subjects: [],
        text: "no chat platform is configured (Slack or Teams): no notice can reach a key-post holder",
      });
  } else {
    const unreachable = sorted(
      facts.holders.filter((h) => !h.platforms.some((p) => configuredPlatforms.includes(p))).map((h) => h.employeeCode),
    );
    if (unreachable.length > 0)
      gaps.push({
        code: "HOLDER_UNREACHABLE",
        subjects: unreachable,
        text: `${plural(unreachable.length, "key-post holder has", "key-post holders have")} no chat account on ${configuredPlatforms.join(" or ")}: ${list(unreachable)}`,
      });
  }
  return gaps;
}
