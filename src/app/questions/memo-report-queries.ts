// One question may run several reports (the key figures run five; a unit's status three), each
// loading the same units, policies, posts, holdings, audits, people and calendars. Within one
// question — one transaction — those reads cannot change, so they are read once and shared; nothing
// is kept beyond the question (the next one reads the database again). The question has read every
// unit already (its lexicon), so scopes become unit ids in memory and the reads go by ids
// (QuestionReads.postsIn, holdingsOf, auditsIn), and a unit's calendar is found from its ancestors'
// calendar codes in memory, each calendar loaded once (not three reads per unit).
import type { CalendarRef, CalendarRepository } from "../../ports/calendar-repository.ts";
import type { QuestionReads, UnitWordFact } from "../../ports/question-reads.ts";
import type { EmployeeFact, ReportQueries, ScopePaths } from "../../ports/report-queries.ts";
import type { WorkingCalendar } from "../../domain/calendar/index.ts";
import type { ReportDeps } from "../reports/report-context.ts";
import { inScope } from "../reports/report-scope.ts";

/** The ids of the units in the scope's subtrees (as ReportQueries' path filter reads them). */
export function unitIdsIn(units: readonly UnitWordFact[], scope: ScopePaths): string[] {
  return units.filter((u) => inScope(scope, u.path)).map((u) => u.id);
}

/**
 * The calendar code a unit works by: its own, else its nearest ancestor's (the codes in its path,
 * deepest first) — what CalendarRepository.load({ unitId }) resolves; undefined when none has one.
 */
export function calendarCodeOf(unitsByCode: ReadonlyMap<string, UnitWordFact>, unit: UnitWordFact): string | undefined {
  const codes = unit.path
    .split("/")
    .filter((c) => c !== "")
    .reverse();
  return [unit.calendarCode, ...codes.map((c) => unitsByCode.get(c)?.calendarCode)].find(
    (c): c is string => typeof c === "string",
  );
}

/** `units` is the question's own read of the units (a superset of what the reports need). */
export function memoReportDeps(reads: QuestionReads, units: Promise<readonly UnitWordFact[]>): ReportDeps {
  const calendars: Pick<CalendarRepository, "load"> = reads.calendars;
  const queries: ReportQueries = reads.reports;
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) cache.set(key, (hit = read()));
    return hit;
  };
  const ids = (scope: ScopePaths) => once(`units:${scope.join("|")}`, async () => unitIdsIn(await units, scope));
  const posts = (scope: ScopePaths) => once(`posts:${scope.join("|")}`, async () => reads.postsIn(await ids(scope)));
  const people = new Map<string, Promise<EmployeeFact | undefined>>();
  const employees = async (wanted: readonly string[]): Promise<Map<string, EmployeeFact>> => {
    const distinct = [...new Set(wanted)];
    const missing = distinct.filter((id) => !people.has(id));
    if (missing.length > 0) {
      const read = queries.employees(missing);
      for (const id of missing)
        people.set(
          id,
          read.then((found) => found.get(id)),
        );
    }
    const out = new Map<string, EmployeeFact>();
    for (const id of distinct) {
      const person = await people.get(id);
      if (person) out.set(id, person);
    }
    return out;
  };
  const memo: ReportQueries = {
    units: () => units,
    employees,
    policyTable: () => once("policies", () => queries.policyTable()),
    posts,
    holdings: (scope) =>
      once(`holdings:${scope.join("|")}`, async () => {
        const held = await reads.holdingsOf((await posts(scope)).map((p) => p.id));
        // The holders come with their code and name: the reports' loadPeople finds them known.
        for (const h of held) if (!people.has(h.employeeId)) people.set(h.employeeId, Promise.resolve(h.holder));
        return held.map(({ holder: _holder, ...h }) => h);
      }),
    leavesOf: (ids) => once(`leavesOf:${[...ids].sort().join(",")}`, () => queries.leavesOf(ids)),
    leavesByIds: (ids) => once(`leavesByIds:${[...new Set(ids)].sort().join(",")}`, () => queries.leavesByIds(ids)),
    leavesOfHoldersIn: (scope) => queries.leavesOfHoldersIn(scope),
    holdingFigures: (query) => queries.holdingFigures(query),
    namedHoldings: (scope) => queries.namedHoldings(scope),
    audits: (scope) => once(`audits:${scope.join("|")}`, async () => reads.auditsIn(await ids(scope))),
    auditsOf: (holders) => once(`auditsOf:${[...holders].sort().join(",")}`, () => queries.auditsOf(holders)),
    findings: (ids) => queries.findings(ids),
    rectifications: (ids) => queries.rectifications(ids),
    unacknowledgedNotices: (now) => once(`notices:${now.getTime()}`, () => queries.unacknowledgedNotices(now)),
    dueCandidates: (q) => queries.dueCandidates(q),
    actorByCode: (code) => queries.actorByCode(code),
  };
  const index = () =>
    once("index", async () => {
      const all = await units;
      return { byId: new Map(all.map((u) => [u.id, u])), byCode: new Map(all.map((u) => [u.code, u])) };
    });
  const calendar = async (ref: CalendarRef): Promise<WorkingCalendar> => {
    if ("unitId" in ref) {
      const { byId, byCode } = await index();
      const unit = byId.get(ref.unitId);
      const code = unit && calendarCodeOf(byCode, unit);
      // An unknown unit, or no calendar up the tree: the repository says which error it is.
      if (!unit || code === undefined) return calendars.load(ref);
      return calendar({ calendarCode: code, timeZone: unit.timeZone });
    }
    return once(`calendar:${ref.calendarCode}@${ref.timeZone}`, () => calendars.load(ref));
  };
  return { queries: memo, calendars: { load: calendar } };
}
