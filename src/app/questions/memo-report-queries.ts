// One question may run several reports (the key figures run five; a unit's status three), each
// loading the same units, policies, posts, holdings and audits. Within one question — one
// transaction — those reads cannot change, so they are read once and shared. Units, posts and
// holdings come from the question reads' index-friendly versions (same rows).
import type { CalendarRepository } from "../../ports/calendar-repository.ts";
import type { QuestionReads, UnitWordFact } from "../../ports/question-reads.ts";
import type { ReportQueries } from "../../ports/report-queries.ts";
import type { ReportDeps } from "../reports/report-context.ts";

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
  const memo: ReportQueries = {
    units: async () => [...(await units)],
    employees: (ids) => queries.employees(ids),
    policyTable: () => once("policies", () => queries.policyTable()),
    posts: (scope) => once(`posts:${scope.join("|")}`, () => reads.postsIn(scope)),
    holdings: (scope) => once(`holdings:${scope.join("|")}`, () => reads.holdingsIn(scope)),
    leavesOf: (ids) => once(`leavesOf:${[...ids].sort().join(",")}`, () => queries.leavesOf(ids)),
    leavesByIds: (ids) => queries.leavesByIds(ids),
    audits: (scope) => once(`audits:${scope.join("|")}`, () => queries.audits(scope)),
    findings: (ids) => queries.findings(ids),
    rectifications: (ids) => queries.rectifications(ids),
    unacknowledgedNotices: (now) => once(`notices:${now.getTime()}`, () => queries.unacknowledgedNotices(now)),
    dueCandidates: (q) => queries.dueCandidates(q),
    actorByCode: (code) => queries.actorByCode(code),
  };
  return { queries: memo, calendars: { load: (ref) => once(`calendar:${JSON.stringify(ref)}`, () => calendars.load(ref)) } };
}
