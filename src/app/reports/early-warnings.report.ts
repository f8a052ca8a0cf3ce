// The early-warning list: tenure limits past or within the policy's warning thresholds, mandatory
// leaves overdue per leaveEveryMonths (or due within a horizon), notices unacknowledged past the
// policy's escalation time, off-post audits late, rectification items overdue. A worklist: no
// period, everything open now. Leaves count only as the secrecy rule allows (report-scope.ts).
// `holdings: "database"` (the dashboard) reads the scope's holdings with their names in one typed
// read (ReportQueries.namedHoldings, shared with a unit page's table of holders: decision 20.29),
// counts them and keeps only those exact date cut-offs cannot rule out (decision 20.23): the same
// rows, decided by the same code below, without a view built for every holding.
import type { Actor } from "../../domain/access/roles.ts";
import { addDays, compareLocalDates, daysBetween, localDateOf, type LocalDate } from "../../domain/calendar/index.ts";
import { STARTED_STATES, type LeaveState } from "../../domain/leave/leave.machine.ts";
import type { LeaveFact, PolicyKey } from "../../ports/report-queries.ts";
import { loadAudits } from "./audits.ts";
import { latestStartWithin, leaveClock, leaveDue, tenureDue, widestWarning } from "./due-dates.ts";
import { countedLeavesByHolder, loadHoldings, type HoldingView } from "./holdings.ts";
import { noticeWarnings } from "./notice-warnings.ts";
import { policiesByKey, policyKeyOfCategory } from "./scan-due.ts";
import {
  byCode,
  figure,
  ReportContext,
  type Figure,
  type ReportDeps,
  type ReportEnv,
  type ReportHeader,
} from "./report-context.ts";
import { WARNING_KINDS, type WarningKind, type WarningRow } from "./warning-rows.ts";

export interface EarlyWarningOptions {
  /** Also warn of leaves due within this many days (default 0: overdue, or due today). */
  readonly leaveHorizonDays?: number;
  /**
   * "report" (default): every holding is read and decided here. "database": one read of the named
   * holdings, and only those exact date cut-offs cannot rule out are decided; the rows are the same.
   */
  readonly holdings?: "report" | "database";
}

export interface EarlyWarningsReport extends ReportHeader {
  /** Per kind: warnings ÷ what they are drawn from (holdings, unacknowledged notices, open audits with a due date, open items). */
  readonly byKind: readonly (Figure & { readonly kind: WarningKind })[];
  readonly rows: readonly WarningRow[];
}

const PLANNED: readonly LeaveState[] = ["planned", "compliance_notified"];

function lastLeaveEnd(leaves: readonly LeaveFact[]): LocalDate | null {
  const ends = leaves.filter((l) => STARTED_STATES.includes(l.status)).map((l) => l.endDate);
  return ends.length === 0 ? null : ends.sort(byCode).at(-1)!;
}

function plannedStart(leaves: readonly LeaveFact[], today: LocalDate): LocalDate | null {
  const starts = leaves
    .filter((l) => PLANNED.includes(l.status) && compareLocalDates(l.startDate, today) >= 0)
    .map((l) => l.startDate);
  return starts.sort(byCode)[0] ?? null;
}

function holdingRow(
  h: HoldingView,
  kind: WarningKind,
  date: LocalDate,
  daysLeft: number,
  detail: string,
  planned: LocalDate | null,
): WarningRow {
  return {
    kind,
    unitCode: h.unitCode,
    postCode: h.postCode,
    employeeCode: h.employeeCode,
    employeeName: h.employeeName,
    subjectType: "assignment",
    subjectId: h.assignmentId,
    date,
    daysLeft,
    hours: null,
    plannedLeaveStart: planned,
    detail,
  };
}

interface WarningHoldingViews {
  /** The holdings to decide (with a policy, started by today). */
  readonly holdings: readonly HoldingView[];
  /** How many holdings the tenure and leave warnings are drawn from. */
  readonly counted: number;
  /** The leaves the viewer may count, by holder. */
  readonly leaves: ReadonlyMap<string, LeaveFact[]>;
}

async function everyHolding(ctx: ReportContext): Promise<WarningHoldingViews> {
  const holdings = (await loadHoldings(ctx)).filter((h) => h.policy !== undefined);
  return { holdings, counted: holdings.length, leaves: await countedLeavesByHolder(ctx, holdings) };
}

/**
 * What the holdings of one (time zone, policy) are measured against: a holding that started after
 * `today` is not counted; one that started after both cut-offs (and whose holder has no counted
 * started leave) can be neither near its tenure limit nor due a leave.
 */
interface WarningRule {
  readonly today: LocalDate;
  /** A holding that started on or before this day may be past its tenure limit or within a warning. */
  readonly tenureBy: LocalDate;
  /** A holding whose leave clock (its start, when its holder has no counted leave) is on or before this day may be due a leave. */
  readonly leaveBy: LocalDate;
}

/** The holdings exact cut-offs cannot rule out (per time zone and policy), and the count of all. */
async function dueHoldings(ctx: ReportContext, horizon: number): Promise<WarningHoldingViews> {
  const leaves = new Map<string, LeaveFact[]>();
  for (const leave of await ctx.deps.queries.leavesOfHoldersIn(ctx.scope)) {
    if (!ctx.counts(leave)) continue;
    const list = leaves.get(leave.holderId) ?? [];
    list.push(leave);
    leaves.set(leave.holderId, list);
  }
  const leaveHolders = new Set(
    [...leaves.values()].flatMap((own) =>
      own.some((l) => STARTED_STATES.includes(l.status)) ? [own[0]!.holderId] : [],
    ),
  );
  const zones = [...new Set((await ctx.deps.queries.units()).map((u) => u.timeZone))];
  const policies = policiesByKey(ctx.policies);
  const rules = new Map<string, WarningRule>();
  for (const timeZone of zones) {
    const today = localDateOf(ctx.now, timeZone);
    for (const [policyKey, p] of policies)
      rules.set(ruleKey(timeZone, policyKey), {
        today,
        tenureBy: latestStartWithin(addDays(today, widestWarning(p)), p.maxTenureMonths),
        leaveBy: latestStartWithin(addDays(today, horizon), p.leaveEveryMonths),
      });
  }
  const holdings: HoldingView[] = [];
  let counted = 0;
  for (const c of await ctx.deps.queries.namedHoldings(ctx.scope)) {
    const unit = ctx.unit(c.unitId);
    const rule = rules.get(ruleKey(unit.timeZone, c.policyId ?? policyKeyOfCategory(c.category)));
    if (!rule || c.startDate > rule.today) continue; // no policy, or not started yet: not counted
    counted += 1;
    if (c.startDate > rule.tenureBy && c.startDate > rule.leaveBy && !leaveHolders.has(c.employeeId)) continue;
    if (!ctx.inScope(c.unitId)) continue;
    holdings.push({
      assignmentId: c.assignmentId,
      employeeId: c.employeeId,
      employeeCode: c.employeeCode,
      employeeName: c.employeeName,
      employeeNameEn: c.employeeNameEn,
      postId: c.postId,
      postCode: c.postCode,
      unitId: c.unitId,
      unitCode: unit.code,
      category: c.category,
      startDate: c.startDate,
      today: ctx.todayOf(c.unitId),
      policy: ctx.policyOf(c),
    });
  }
  return { holdings: holdings.filter((h) => h.policy !== undefined), counted, leaves };
}

const ruleKey = (timeZone: string, policyKey: PolicyKey) => `${timeZone}\u0000${policyKey}`;

export async function earlyWarningsReport(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  options: EarlyWarningOptions = {},
): Promise<EarlyWarningsReport> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const horizon = options.leaveHorizonDays ?? 0;
  const { holdings, counted, leaves } =
    options.holdings === "database" ? await dueHoldings(ctx, horizon) : await everyHolding(ctx);
  const rows: WarningRow[] = [];
  // Holdings share start days and leave clocks: each (policy, today, day) is decided once (pure code).
  const decided = new Map<object, Map<string, unknown>>();
  const memo = <T>(policy: object, key: string, work: () => T): T => {
    let byKey = decided.get(policy);
    if (!byKey) decided.set(policy, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, work());
    return byKey.get(key) as T;
  };
  for (const h of holdings) {
    const policy = h.policy!;
    const tenure = memo(policy, `t${h.today}${h.startDate}`, () => tenureDue(h.startDate, policy, h.today));
    if (tenure) {
      const detail =
        tenure.state === "overdue"
          ? `limit ${policy.maxTenureMonths} months`
          : `${tenure.daysBefore} days before the limit`;
      rows.push(
        holdingRow(
          h,
          tenure.state === "overdue" ? "tenure_overdue" : "tenure_warning",
          tenure.deadline,
          tenure.daysLeft,
          detail,
          null,
        ),
      );
    }
    const own = leaves.get(h.employeeId) ?? [];
    const clock = leaveClock(h.startDate, lastLeaveEnd(own));
    const leave = memo(policy, `l${h.today}${clock}`, () => leaveDue(clock, policy, h.today, horizon));
    if (leave) {
      const detail = `every ${policy.leaveEveryMonths} months, counted from ${leave.countedFrom}`;
      rows.push(
        holdingRow(
          h,
          leave.state === "overdue" ? "leave_overdue" : "leave_due",
          leave.dueDate,
          leave.daysLeft,
          detail,
          plannedStart(own, h.today),
        ),
      );
    }
  }

  const notices = await noticeWarnings(
    ctx,
    async () => new Map((await deps.queries.posts(ctx.scope)).map((p) => [p.id, p])),
  );
  rows.push(...notices.rows);

  const audits = await loadAudits(ctx, {});
  const openDated = audits.filter((a) => a.doneOn === null && a.fact.dueDate !== null);
  for (const a of openDated) {
    const due = a.fact.dueDate!;
    if (compareLocalDates(due, a.today) >= 0) continue;
    const holder = ctx.person(a.fact.holderId);
    rows.push({
      kind: "audit_late",
      unitCode: a.unitCode,
      postCode: a.fact.postCode,
      employeeCode: holder.code,
      employeeName: holder.name,
      subjectType: "audit",
      subjectId: a.fact.id,
      date: due,
      daysLeft: daysBetween(a.today, due),
      hours: null,
      plannedLeaveStart: null,
      detail: a.fact.status,
    });
  }

  const byAudit = new Map(audits.map((a) => [a.fact.id, a]));
  const open = (await deps.queries.rectifications([...byAudit.keys()])).filter((r) => r.status !== "closed");
  await ctx.loadPeople(open.map((r) => r.ownerId));
  for (const r of open) {
    const a = byAudit.get(r.auditId)!;
    if (compareLocalDates(r.dueDate, a.today) >= 0) continue;
    const owner = ctx.person(r.ownerId);
    rows.push({
      kind: "rectification_overdue",
      unitCode: a.unitCode,
      postCode: a.fact.postCode,
      employeeCode: owner.code,
      employeeName: owner.name,
      subjectType: "rectification",
      subjectId: r.id,
      date: r.dueDate,
      daysLeft: daysBetween(a.today, r.dueDate),
      hours: null,
      plannedLeaveStart: null,
      detail: r.description,
    });
  }

  const order = new Map(WARNING_KINDS.map((k, i) => [k, i]));
  rows.sort(
    (a, b) =>
      order.get(a.kind)! - order.get(b.kind)! ||
      a.daysLeft - b.daysLeft ||
      byCode(a.unitCode, b.unitCode) ||
      byCode(a.subjectId, b.subjectId),
  );
  const population: Record<WarningKind, number> = {
    tenure_overdue: counted,
    tenure_warning: counted,
    leave_overdue: counted,
    leave_due: counted,
    notice_unacknowledged: notices.unacknowledged,
    audit_late: openDated.length,
    rectification_overdue: open.length,
  };
  return {
    ...ctx.header("early-warnings"),
    byKind: WARNING_KINDS.map((kind) => ({
      kind,
      ...figure(rows.filter((r) => r.kind === kind).length, population[kind]),
    })),
    rows,
  };
}
