// The early-warning list: tenure limits past or within the policy's warning thresholds, mandatory
// leaves overdue per leaveEveryMonths (or due within a horizon), notices unacknowledged past the
// policy's escalation time, off-post audits late, rectification items overdue. A worklist: no
// period, everything open now. Leaves count only as the secrecy rule allows (report-scope.ts).
import type { Actor } from "../../domain/access/roles.ts";
import { compareLocalDates, daysBetween, type LocalDate } from "../../domain/calendar/index.ts";
import { STARTED_STATES, type LeaveState } from "../../domain/leave/leave.machine.ts";
import type { LeaveFact } from "../../ports/report-queries.ts";
import { loadAudits } from "./audits.ts";
import { leaveClock, leaveDue, tenureDue } from "./due-dates.ts";
import { countedLeavesByHolder, loadHoldings, type HoldingView } from "./holdings.ts";
import { noticeWarnings } from "./notice-warnings.ts";
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

export async function earlyWarningsReport(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  options: EarlyWarningOptions = {},
): Promise<EarlyWarningsReport> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const horizon = options.leaveHorizonDays ?? 0;
  const holdings = (await loadHoldings(ctx)).filter((h) => h.policy !== undefined);
  const leaves = await countedLeavesByHolder(ctx, holdings);
  const rows: WarningRow[] = [];
  for (const h of holdings) {
    const policy = h.policy!;
    const tenure = tenureDue(h.startDate, policy, h.today);
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
    const leave = leaveDue(leaveClock(h.startDate, lastLeaveEnd(own)), policy, h.today, horizon);
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

  const posts = new Map((await deps.queries.posts(ctx.scope)).map((p) => [p.id, p]));
  const notices = await noticeWarnings(ctx, posts);
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
    tenure_overdue: holdings.length,
    tenure_warning: holdings.length,
    leave_overdue: holdings.length,
    leave_due: holdings.length,
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
