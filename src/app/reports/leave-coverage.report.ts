// Leave coverage: holders of key posts who took a mandatory leave of at least their post's minimum
// length in the last 12 months ÷ holders. "Took": a leave of the holder (any post) that has
// started, whose first day falls in [today − 12 months, today] in the post's unit, and whose
// planned span (start..end) holds at least leaveMinWorkingDays working days of the leave unit's
// calendar. A second figure also counts holders with such a leave still planned (not yet started):
// sealed ones count only for viewers who may see them (HR, compliance, the audit team).
import type { Actor } from "../../domain/access/roles.ts";
import { addMonths, compareLocalDates, type LocalDate } from "../../domain/calendar/index.ts";
import { STARTED_STATES, type LeaveState } from "../../domain/leave/leave.machine.ts";
import type { LeaveFact } from "../../ports/report-queries.ts";
import {
  byCategory,
  byUnitAndCategory,
  countedLeavesByHolder,
  holdingColumns,
  loadHoldings,
  type GroupFigure,
  type HoldingView,
} from "./holdings.ts";
import {
  figure,
  ReportContext,
  type Figure,
  type ReportDeps,
  type ReportEnv,
  type ReportHeader,
} from "./report-context.ts";

/** A leave not started yet, counted by the second figure (covered or planned). */
export const PLANNED_STATES: readonly LeaveState[] = ["planned", "compliance_notified"];

export interface LeaveRef {
  readonly leaveId: string;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly workingDays: number;
}

export interface CoverageRow {
  readonly assignmentId: string;
  readonly employeeCode: string;
  readonly employeeName: string;
  readonly postCode: string;
  readonly unitCode: string;
  readonly category: string;
  readonly policyCode: string | null;
  readonly minWorkingDays: number | null;
  readonly windowFrom: LocalDate;
  readonly windowTo: LocalDate;
  /** The latest qualifying leave taken in the window. */
  readonly taken: LeaveRef | null;
  /** The earliest qualifying leave planned from today on (when none was taken). */
  readonly planned: LeaveRef | null;
  /** null when the post has no policy: left out of the figures. */
  readonly covered: boolean | null;
}

export interface LeaveCoverageReport extends ReportHeader {
  readonly total: Figure;
  readonly byUnitCategory: readonly GroupFigure[];
  readonly byCategory: readonly (Figure & { readonly category: string })[];
  /** Holders covered, or with a qualifying leave planned that the viewer may see ÷ holders. */
  readonly coveredOrPlanned: Figure;
  readonly withoutPolicy: number;
  readonly rows: readonly CoverageRow[];
}

async function refOf(ctx: ReportContext, leave: LeaveFact): Promise<LeaveRef> {
  const calendar = await ctx.calendar(leave.unitId);
  return {
    leaveId: leave.id,
    startDate: leave.startDate,
    endDate: leave.endDate,
    workingDays: calendar.countWorkingDays(leave.startDate, leave.endDate),
  };
}

async function coverageOf(ctx: ReportContext, h: HoldingView, leaves: readonly LeaveFact[]): Promise<CoverageRow> {
  const windowFrom = addMonths(h.today, -12);
  const min = h.policy?.leaveMinWorkingDays ?? null;
  const qualifying = async (
    states: readonly LeaveState[],
    from: LocalDate,
    to: LocalDate | null,
  ): Promise<LeaveRef[]> => {
    const refs: LeaveRef[] = [];
    for (const leave of leaves) {
      if (!states.includes(leave.status) || compareLocalDates(leave.startDate, from) < 0) continue;
      if (to !== null && compareLocalDates(leave.startDate, to) > 0) continue;
      const ref = await refOf(ctx, leave);
      if (min !== null && ref.workingDays >= min) refs.push(ref);
    }
    return refs.sort((a, b) => compareLocalDates(a.startDate, b.startDate));
  };
  const taken = min === null ? null : ((await qualifying(STARTED_STATES, windowFrom, h.today)).at(-1) ?? null);
  const planned =
    min === null || taken !== null ? null : ((await qualifying(PLANNED_STATES, h.today, null))[0] ?? null);
  return {
    ...holdingColumns(h),
    policyCode: h.policy?.code ?? null,
    minWorkingDays: min,
    windowFrom,
    windowTo: h.today,
    taken,
    planned,
    covered: min === null ? null : taken !== null,
  };
}

export async function leaveCoverageReport(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
): Promise<LeaveCoverageReport> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const holdings = await loadHoldings(ctx);
  const leaves = await countedLeavesByHolder(ctx, holdings);
  const rows: CoverageRow[] = [];
  // Most holders have no counted leave: their row needs no calendar, so no await (decision 20.16).
  const windows = new Map<LocalDate, LocalDate>();
  for (const h of holdings) {
    const own = leaves.get(h.employeeId);
    if (own !== undefined && own.length > 0) {
      rows.push(await coverageOf(ctx, h, own));
      continue;
    }
    let windowFrom = windows.get(h.today);
    if (windowFrom === undefined) windows.set(h.today, (windowFrom = addMonths(h.today, -12)));
    const min = h.policy?.leaveMinWorkingDays ?? null;
    rows.push({
      ...holdingColumns(h),
      policyCode: h.policy?.code ?? null,
      minWorkingDays: min,
      windowFrom,
      windowTo: h.today,
      taken: null,
      planned: null,
      covered: min === null ? null : false,
    });
  }
  const counted = rows.filter((r) => r.covered !== null);
  const covered = (r: CoverageRow) => r.covered === true;
  return {
    ...ctx.header("leave-coverage"),
    total: figure(counted.filter(covered).length, counted.length),
    byUnitCategory: byUnitAndCategory(counted, covered),
    byCategory: byCategory(counted, covered),
    coveredOrPlanned: figure(counted.filter((r) => r.covered === true || r.planned !== null).length, counted.length),
    withoutPolicy: rows.length - counted.length,
    rows,
  };
}
