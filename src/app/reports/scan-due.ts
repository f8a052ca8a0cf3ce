// The due scan: every open holding past or near its tenure limit (within the policy's widest
// warning threshold) and every holder whose mandatory leave is overdue or due within a horizon.
// Built for a million assignments: the month arithmetic is turned into one cut-off start date per
// policy (`latestStartWithin`, exact), so the SQL keeps only holdings that can be due, in one pass
// over the open assignments; the exact decision is then the same pure code as the early warnings
// (due-dates.ts). The scan is the system's view: every started leave counts, sealed or not.
import { addDays, localDateOf, type LocalDate } from "../../domain/calendar/index.ts";
import { POST_CATEGORIES, type Policy } from "../../domain/policy/index.ts";
import type { DueCandidate, DueThreshold, PolicyTable, ReportQueries, ScopePaths } from "../../ports/report-queries.ts";
import {
  latestStartWithin,
  leaveClock,
  leaveDue,
  tenureDue,
  widestWarning,
  type LeaveDue,
  type TenureDue,
} from "./due-dates.ts";

/** The zone furthest ahead (UTC+14): its date is never earlier than any unit's. */
const EARLIEST_ZONE = "Pacific/Kiritimati";

export interface ScanOptions {
  /** Also report leaves due within this many days (default 30). */
  readonly leaveHorizonDays?: number;
  /** Only these subtrees (default: the whole bank). */
  readonly scope?: ScopePaths;
  /** Candidates read per query, keyset-paginated by assignment id (default: all in one query). */
  readonly batchSize?: number;
}

/** A holding that is due for something: the candidate's facts, its policy, and its unit's today. */
export interface DueHolding extends DueCandidate {
  readonly policyCode: string;
  readonly today: LocalDate;
}

export interface DueEntry<D> {
  readonly holding: DueHolding;
  readonly due: D;
}

export interface DueScan {
  readonly asOf: LocalDate | Date;
  /** Holdings the SQL could not rule out. */
  readonly candidates: number;
  readonly tenure: readonly DueEntry<TenureDue>[];
  readonly leave: readonly DueEntry<LeaveDue>[];
}

/** Answers by (policy, today, day), computed once each. */
class Memo<T> {
  readonly #byPolicy = new Map<string, Map<string, Map<string, T | null>>>();

  get(policyKey: string, today: LocalDate, day: LocalDate, work: () => T | undefined): T | undefined {
    let byToday = this.#byPolicy.get(policyKey);
    if (!byToday) this.#byPolicy.set(policyKey, (byToday = new Map()));
    let byDay = byToday.get(today);
    if (!byDay) byToday.set(today, (byDay = new Map()));
    let hit = byDay.get(day);
    if (hit === undefined) byDay.set(day, (hit = work() ?? null));
    return hit ?? undefined;
  }
}

export function policyKeyOfCategory(category: string): string {
  return `category:${category}`;
}

/** Every policy a post can end up with, by the key the SQL joins on. */
export function policiesByKey(table: PolicyTable): Map<string, Policy> {
  const keys = new Map<string, Policy>(table.byId);
  for (const category of POST_CATEGORIES) {
    const policy = table.defaults[category];
    if (policy) keys.set(policyKeyOfCategory(category), policy);
  }
  return keys;
}

export function dueThresholds(
  policies: ReadonlyMap<string, Policy>,
  latestToday: LocalDate,
  leaveHorizonDays: number,
): DueThreshold[] {
  return [...policies].map(([policyKey, p]) => ({
    policyKey,
    tenureBy: latestStartWithin(addDays(latestToday, widestWarning(p)), p.maxTenureMonths),
    leaveBy: latestStartWithin(addDays(latestToday, leaveHorizonDays), p.leaveEveryMonths),
  }));
}

export async function scanDue(
  queries: ReportQueries,
  asOf: LocalDate | Date,
  options: ScanOptions = {},
): Promise<DueScan> {
  const horizon = options.leaveHorizonDays ?? 30;
  const [units, table] = await Promise.all([
    typeof asOf === "string" ? Promise.resolve([]) : queries.units(),
    queries.policyTable(),
  ]);
  const zoneOf = new Map(units.map((u) => [u.id, u.timeZone]));
  const todayByZone = new Map<string, LocalDate>();
  const todayOf = (unitId: string): LocalDate => {
    if (typeof asOf === "string") return asOf;
    const zone = zoneOf.get(unitId) ?? "UTC";
    let today = todayByZone.get(zone);
    if (today === undefined) todayByZone.set(zone, (today = localDateOf(asOf, zone)));
    return today;
  };
  const latestToday = typeof asOf === "string" ? asOf : localDateOf(asOf, EARLIEST_ZONE);
  const policies = policiesByKey(table);
  const thresholds = dueThresholds(policies, latestToday, horizon);

  const tenure: DueEntry<TenureDue>[] = [];
  const leave: DueEntry<LeaveDue>[] = [];
  let candidates = 0;
  // Holdings share start days and leave clocks: each (policy, today, day) is decided once, and its
  // answer shared; a holding is one object, whatever it is due for (a million rows: spare the GC).
  const tenureMemo = new Memo<TenureDue>();
  const leaveMemo = new Memo<LeaveDue>();
  const decide = (c: DueCandidate): void => {
    const policy = policies.get(c.policyKey);
    const today = todayOf(c.unitId);
    if (!policy || c.startDate > today) return; // "YYYY-MM-DD" text sorts as dates do
    const t = tenureMemo.get(c.policyKey, today, c.startDate, () => tenureDue(c.startDate, policy, today));
    const clock = leaveClock(c.startDate, c.lastLeaveEnd);
    const l = leaveMemo.get(c.policyKey, today, clock, () => leaveDue(clock, policy, today, horizon));
    if (!t && !l) return;
    const holding: DueHolding = { ...c, policyCode: policy.code, today };
    if (t) tenure.push({ holding, due: t });
    if (l) leave.push({ holding, due: l });
  };
  const limit = options.batchSize ?? Number.MAX_SAFE_INTEGER;
  let afterId: string | undefined;
  for (;;) {
    const batch = await queries.dueCandidates({
      thresholds,
      startedBy: latestToday,
      limit,
      ...(options.scope ? { scope: options.scope } : {}),
      ...(afterId !== undefined ? { afterId } : {}),
    });
    candidates += batch.length;
    for (const c of batch) decide(c);
    if (batch.length < limit || batch.length === 0) break;
    afterId = batch[batch.length - 1]!.assignmentId;
  }
  return { asOf, candidates, tenure, leave };
}
