// One dashboard page runs several reports (the overview four, the trend forty-eight: four at each
// of twelve instants), and each would read the same units, posts, holdings, leaves, audits and
// calendars again. Those reads do not depend on the instant, so within one page they are read once
// and shared (the policy table, which does, once per instant); nothing is kept beyond the page.
// Reads that depend on the instant (unacknowledged notices, the due scan) pass through.
import type { CalendarRef } from "../../ports/calendar-repository.ts";
import type { ReportQueries } from "../../ports/report-queries.ts";
import type { ReportDeps } from "../reports/report-context.ts";

export function sharedReads(deps: ReportDeps): ReportDeps {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) cache.set(key, (hit = read()));
    return hit;
  };
  const q = deps.queries;
  const ids = (xs: readonly string[]) => [...xs].sort().join(",");
  const queries: ReportQueries = {
    units: () => once("units", () => q.units()),
    employees: (list) => once(`employees:${ids(list)}`, () => q.employees(list)),
    // The policies in force depend on the instant (dated policy versions): one read per instant.
    policyTable: (at) => once(`policies:${at?.toISOString() ?? ""}`, () => q.policyTable(at)),
    posts: (scope) => once(`posts:${scope.join("|")}`, () => q.posts(scope)),
    holdings: (scope) => once(`holdings:${scope.join("|")}`, () => q.holdings(scope)),
    leavesOf: (holders) => once(`leavesOf:${ids(holders)}`, () => q.leavesOf(holders)),
    leavesByIds: (list) => once(`leaves:${ids(list)}`, () => q.leavesByIds(list)),
    leavesOfHoldersIn: (scope) => once(`leavesIn:${scope.join("|")}`, () => q.leavesOfHoldersIn(scope)),
    holdingFigures: (query) => q.holdingFigures(query),
    // A unit page's holders and its warnings are built from the one read (decision 20.29).
    namedHoldings: (scope) => once(`named:${scope.join("|")}`, () => q.namedHoldings(scope)),
    audits: (scope) => once(`audits:${scope.join("|")}`, () => q.audits(scope)),
    auditsOf: (holders) => once(`auditsOf:${ids(holders)}`, () => q.auditsOf(holders)),
    findings: (audits) => once(`findings:${ids(audits)}`, () => q.findings(audits)),
    rectifications: (audits) => once(`items:${ids(audits)}`, () => q.rectifications(audits)),
    unacknowledgedNotices: (now) => q.unacknowledgedNotices(now),
    dueCandidates: (query) => q.dueCandidates(query),
    actorByCode: (code) => q.actorByCode(code),
  };
  return {
    queries,
    pageMemo: new Map(),
    calendars: { load: (ref: CalendarRef) => once(`calendar:${JSON.stringify(ref)}`, () => deps.calendars.load(ref)) },
  };
}
