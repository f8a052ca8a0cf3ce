// The setup gaps within a scope, counted by the database (ports/setup-gap-queries.ts `inScope`):
// every chat answer that depends on a gap states it, and reading the whole bank's setup for that
// (every post, unit, calendar day and holder with their chat accounts) cost ≈ 1 s an answer on the
// 100 000-employee register. Here each gap is one statement bringing back its count and its first
// few codes; units come back whole (a bank has a few thousand at most) because the calendar a unit
// uses is its nearest ancestor's, which the path's prefix decides in code. Nothing is cached, so a
// policy, calendar, chat account or holder changed by any replica shows in the next answer.
// The scope is a prefix test on the unit's path (`under`, never LIKE: codes may hold `_`).
import type { ScopedGap, ScopedGapQuery } from "../../../ports/setup-gap-queries.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { dialect } from "../raw-sql.ts";
import { idsParam, inIds, jsonRows } from "./json-rows.sql.ts";
import { under } from "./scope-reads.sql.ts";

type Db = Prisma | Tx;

/** `select` (one column "code", scope paths as $1 … $n) as its total and its first `first` codes. */
async function countAndFirst(
  db: Db,
  provider: Provider,
  select: string,
  args: readonly unknown[],
  first: number,
): Promise<{ total: number; subjects: string[] }> {
  // Codes sort as JavaScript sorts them (code points), not by PostgreSQL's locale.
  const order = provider === "postgres" ? `g."code" COLLATE "C"` : `g."code"`;
  const sql = `SELECT g."code" AS "code", COUNT(*) OVER () AS "total" FROM (${select}) g ORDER BY ${order} LIMIT ${Math.max(1, Math.floor(first))}`;
  const [text, ordered] = dialect(provider, sql, args);
  const rows = await db.$queryRawUnsafe<{ code: string; total: number | bigint }[]>(text, ...ordered);
  return { total: rows.length === 0 ? 0 : Number(rows[0]!.total), subjects: rows.map((r) => r.code) };
}

/** Active key posts in scope with no policy of their own and no category default in force. */
export function postsWithoutPolicy(
  db: Db,
  provider: Provider,
  q: ScopedGapQuery,
  coveredCategories: readonly string[],
): Promise<{ total: number; subjects: string[] }> {
  const n = q.scope.length;
  const only = q.only ? ` AND ${inIds(provider, `k."code"`, n + 2)}` : "";
  const select = `SELECT k."code" AS "code"
    FROM "OrgUnit" u
    CROSS JOIN "KeyPost" k
    WHERE k."unitId" = u."id" AND k."active" = true AND k."policyId" IS NULL
      AND NOT (${inIds(provider, `k."category"`, n + 1)}) AND ${under(q.scope)}${only}`;
  const args = [...q.scope, idsParam(provider, coveredCategories), ...(q.only ? [idsParam(provider, q.only)] : [])];
  return countAndFirst(db, provider, select, args, q.first);
}

/** Employees holding an active key post in scope who have no chat account at all. */
export function holdersWithoutChat(
  db: Db,
  provider: Provider,
  q: ScopedGapQuery,
): Promise<{ total: number; subjects: string[] }> {
  const only = q.only ? ` AND ${inIds(provider, `e."code"`, q.scope.length + 1)}` : "";
  const select = `SELECT DISTINCT e."code" AS "code"
    FROM "OrgUnit" u
    CROSS JOIN "KeyPost" k
    CROSS JOIN "Assignment" a
    CROSS JOIN "Employee" e
    WHERE k."unitId" = u."id" AND a."postId" = k."id" AND a."kind" = 'holder' AND a."endDate" IS NULL
      AND e."id" = a."employeeId" AND k."active" = true AND ${under(q.scope)}${only}
      AND NOT EXISTS (SELECT 1 FROM "ChatIdentity" c WHERE c."employeeId" = e."id")`;
  return countAndFirst(db, provider, select, [...q.scope, ...(q.only ? [idsParam(provider, q.only)] : [])], q.first);
}

/**
 * Units in scope using no calendar, and units whose calendar lists no day of one of `q.years`
 * ("CODE (CALENDAR)"), each sorted. Reads the units naming a calendar (bank-wide: an ancestor
 * outside the scope may name it), which of `q.years` each calendar lists days of, and the scope's
 * unit codes and paths.
 */
export async function unitCalendarGaps(
  db: Db,
  provider: Provider,
  q: ScopedGapQuery,
): Promise<{ without: string[]; notCovering: string[] }> {
  const years = [...new Set(q.years)].sort();
  const naming = db.orgUnit.findMany({
    where: { calendarId: { not: null } },
    select: { code: true, calendar: { select: { code: true } } },
  });
  let days: Promise<{ calendar: string; year: string }[]> = Promise.resolve([]);
  if (years.length > 0) {
    const [text, ordered] = dialect(
      provider,
      `SELECT DISTINCT c."code" AS "calendar", substr(d."date", 1, 4) AS "year"
        FROM "CalendarDay" d CROSS JOIN "Calendar" c
        WHERE c."id" = d."calendarId" AND d."date" >= $1 AND d."date" < $2`,
      [`${years[0]}-01-01`, `${years.at(-1)! + 1}-01-01`],
    );
    days = db.$queryRawUnsafe<{ calendar: string; year: string }[]>(text, ...ordered);
  }
  const n = q.scope.length;
  const only = q.only ? ` AND ${inIds(provider, `u."code"`, n + 1)}` : "";
  // Three independent reads, sent together (on PostgreSQL they pipeline: 16.s11-4).
  const [named, calendarDays, units] = await Promise.all([
    naming,
    days,
    jsonRows<[string, string]>(
      db,
      provider,
      `SELECT u."code" AS "code", u."path" AS "path" FROM "OrgUnit" u WHERE ${under(q.scope)}${only}`,
      ["code", "path"],
      [...q.scope, ...(q.only ? [idsParam(provider, q.only)] : [])],
    ),
  ]);
  const calendarOfUnit = new Map(named.map((u) => [u.code, u.calendar!.code]));
  const listed = new Map<string, Set<number>>();
  for (const row of calendarDays) {
    const set = listed.get(row.calendar) ?? new Set<number>();
    set.add(Number(row.year));
    listed.set(row.calendar, set);
  }
  const without: string[] = [];
  const notCovering: string[] = [];
  for (const [code, path] of units) {
    // The nearest unit on the path (the unit itself first) that names a calendar.
    const chain = path.split("/").filter((c) => c !== "");
    let calendar: string | undefined;
    for (let i = chain.length - 1; i >= 0 && calendar === undefined; i--) calendar = calendarOfUnit.get(chain[i]!);
    if (calendar === undefined) without.push(code);
    else if (!years.every((y) => listed.get(calendar)?.has(y))) notCovering.push(`${code} (${calendar})`);
  }
  return { without: without.sort(), notCovering: notCovering.sort() };
}

/** The gaps of `q.codes` within `q.scope`, in the doctor's order; gaps with none left out. */
export async function selectScopedGaps(
  db: Db,
  provider: Provider,
  q: ScopedGapQuery,
  coveredCategories: () => Promise<readonly string[]>,
): Promise<ScopedGap[]> {
  if (q.scope.length === 0 || q.codes.length === 0 || (q.only && q.only.length === 0)) return [];
  const out: ScopedGap[] = [];
  const push = (code: ScopedGap["code"], total: number, subjects: readonly string[]) => {
    if (total > 0) out.push({ code, total, subjects });
  };
  // The three kinds are independent reads, sent together (on PostgreSQL they pipeline: 16.s11-4); the
  // gaps are still listed in the doctor's order.
  const calendars = q.codes.includes("UNIT_WITHOUT_CALENDAR") || q.codes.includes("CALENDAR_NOT_COVERING");
  const [posts, units, holders] = await Promise.all([
    q.codes.includes("POST_WITHOUT_POLICY")
      ? coveredCategories().then((covered) => postsWithoutPolicy(db, provider, q, covered))
      : undefined,
    calendars ? unitCalendarGaps(db, provider, q) : undefined,
    q.codes.includes("HOLDER_UNREACHABLE") ? holdersWithoutChat(db, provider, q) : undefined,
  ]);
  if (posts) push("POST_WITHOUT_POLICY", posts.total, posts.subjects);
  if (units) {
    if (q.codes.includes("UNIT_WITHOUT_CALENDAR"))
      push("UNIT_WITHOUT_CALENDAR", units.without.length, units.without.slice(0, q.first));
    if (q.codes.includes("CALENDAR_NOT_COVERING"))
      push("CALENDAR_NOT_COVERING", units.notCovering.length, units.notCovering.slice(0, q.first));
  }
  if (holders) push("HOLDER_UNREACHABLE", holders.total, holders.subjects);
  return out;
}
