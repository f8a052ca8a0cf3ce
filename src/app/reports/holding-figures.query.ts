// The rotation-compliance and leave-coverage figures without their rows: the totals and the figures
// per unit and category that `rotationComplianceReport` and `leaveCoverageReport` compute, at one or
// more instants, counted by the database (ReportQueries.holdingFigures) instead of by building a row
// per holding (the dashboard's bank-wide overview and its 12-month trend; decision 20.19). The
// rules are the reports' own, turned into dates here: a holding counts when its post has a policy
// in force at the instant and it started by today in its unit; it is within its limit when it
// started after the last day whose tenure deadline is before today (`latestStartWithin`, exact);
// it is covered by a started leave whose first day is in [today − 12 months, today] and whose
// working days reach the policy's minimum, or (second figure) by such a leave planned from today
// on. Which leaves count is decided here with the reports' secrecy rule (`ReportContext.counts`)
// at each instant; the SQL never sees a leave the viewer may not count.
import type { Actor } from "../../domain/access/roles.ts";
import { addDays, addMonths, localDateOf, type LocalDate } from "../../domain/calendar/index.ts";
import { STARTED_STATES } from "../../domain/leave/leave.machine.ts";
import type { CountedLeave, HoldingFigureRow, HoldingRule } from "../../ports/report-queries.ts";
import { latestStartWithin } from "./due-dates.ts";
import type { GroupFigure } from "./holdings.ts";
import { PLANNED_STATES } from "./leave-coverage.report.ts";
import { byCode, figure, ReportContext, type Figure, type ReportDeps, type ReportEnv } from "./report-context.ts";
import { policiesByKey } from "./scan-due.ts";

export interface HoldingFigures {
  readonly asOf: Date;
  readonly rotation: { readonly total: Figure; readonly byUnitCategory: readonly GroupFigure[] };
  readonly leave: {
    readonly total: Figure;
    readonly byUnitCategory: readonly GroupFigure[];
    readonly coveredOrPlanned: Figure;
  };
}

/** The leave's instants as bits: at most this many instants per query. */
const MAX_INSTANTS = 30;

const minOf = (dates: readonly LocalDate[]) => dates.reduce((a, b) => (b < a ? b : a));
const maxOf = (dates: readonly LocalDate[]) => dates.reduce((a, b) => (b > a ? b : a));

/**
 * The two figures at each instant (`env.within` narrows the scope as for the reports); with
 * `perUnit: false` the totals only (byUnitCategory empty: the trend needs no more).
 */
export async function holdingFigures(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  instants: readonly Date[],
  options: { readonly perUnit?: boolean } = {},
): Promise<HoldingFigures[]> {
  if (instants.length === 0) return [];
  if (instants.length > MAX_INSTANTS) throw new RangeError(`at most ${MAX_INSTANTS} instants`);
  const contexts: ReportContext[] = [];
  for (const at of instants) contexts.push(await ReportContext.load(deps, viewer, { ...env, now: at }));
  const first = contexts[0]!;
  const units = await deps.queries.units();
  const zones = [...new Set(units.map((u) => u.timeZone))];

  const rules: HoldingRule[] = [];
  contexts.forEach((ctx, instant) => {
    const policies = policiesByKey(ctx.policies);
    for (const timeZone of zones) {
      const today = localDateOf(ctx.now, timeZone);
      const windowFrom = addMonths(today, -12);
      const yesterday = addDays(today, -1);
      for (const [policyKey, p] of policies)
        rules.push({
          instant,
          timeZone,
          policyKey,
          today,
          overdueBy: latestStartWithin(yesterday, p.maxTenureMonths),
          windowFrom,
          minWorkingDays: p.leaveMinWorkingDays,
        });
    }
  });
  if (rules.length === 0) return contexts.map((ctx) => assemble(ctx, [], false));

  // Only the leaves a report could look at: started ones from the earliest window on (up to the
  // latest today), planned ones from the earliest today on. Their lengths need the calendars.
  const earliestWindow = minOf(rules.map((r) => r.windowFrom));
  const earliestToday = minOf(rules.map((r) => r.today));
  const latestToday = maxOf(rules.map((r) => r.today));
  const leaves: CountedLeave[] = [];
  for (const leave of await deps.queries.leavesOfHoldersIn(first.scope)) {
    const started = STARTED_STATES.includes(leave.status);
    if (
      started
        ? leave.startDate < earliestWindow || leave.startDate > latestToday
        : !PLANNED_STATES.includes(leave.status)
    )
      continue;
    if (!started && leave.startDate < earliestToday) continue;
    let mask = 0;
    contexts.forEach((ctx, i) => {
      if (ctx.counts(leave)) mask += 2 ** i;
    });
    if (mask === 0) continue;
    const calendar = await first.calendar(leave.unitId);
    leaves.push({
      holderId: leave.holderId,
      startDate: leave.startDate,
      workingDays: calendar.countWorkingDays(leave.startDate, leave.endDate),
      started,
      instants: mask,
    });
  }
  const perUnit = options.perUnit ?? true;
  const rows = await deps.queries.holdingFigures({ scope: first.scope, rules, leaves, perUnit });
  const byInstant = contexts.map(() => [] as HoldingFigureRow[]);
  for (const row of rows) byInstant[row.instant]?.push(row);
  return contexts.map((ctx, i) => assemble(ctx, byInstant[i]!, perUnit));
}

function assemble(ctx: ReportContext, rows: readonly HoldingFigureRow[], perUnit: boolean): HoldingFigures {
  const total = (n: (r: HoldingFigureRow) => number) =>
    figure(
      rows.reduce((s, r) => s + n(r), 0),
      rows.reduce((s, r) => s + r.holders, 0),
    );
  const groups = (perUnit ? rows : [])
    .map((r) => ({ ...r, unitCode: ctx.unit(r.unitId).code }))
    .sort((a, b) => byCode(a.unitCode, b.unitCode) || byCode(a.category, b.category));
  const group = (n: (r: HoldingFigureRow) => number): GroupFigure[] =>
    groups.map((r) => ({ unitCode: r.unitCode, category: r.category, ...figure(n(r), r.holders) }));
  return {
    asOf: ctx.now,
    rotation: { total: total((r) => r.within), byUnitCategory: group((r) => r.within) },
    leave: {
      total: total((r) => r.covered),
      byUnitCategory: group((r) => r.covered),
      coveredOrPlanned: total((r) => r.coveredOrPlanned),
    },
  };
}
