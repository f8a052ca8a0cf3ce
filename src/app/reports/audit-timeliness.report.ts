// Audit timeliness: off-post audits signed off or closed by their due date ÷ audits due. An audit
// is due in the period when its due date is in [from, today): its due date is over, so on time or
// late is settled. Late audits (done after their due date, or still open) are listed.
import type { Actor } from "../../domain/access/roles.ts";
import { compareLocalDates, daysBetween, type LocalDate } from "../../domain/calendar/index.ts";
import { inPeriod, loadAudits, type PeriodOptions } from "./audits.ts";
import {
  byCode,
  figure,
  ReportContext,
  type Figure,
  type ReportDeps,
  type ReportEnv,
  type ReportHeader,
} from "./report-context.ts";

export interface AuditRow {
  readonly auditId: string;
  readonly postCode: string;
  readonly unitCode: string;
  readonly holderCode: string;
  readonly status: string;
  readonly dueDate: LocalDate;
  readonly doneOn: LocalDate | null;
  readonly onTime: boolean;
  /** Days after the due date it was done, or (still open) today is; 0 when on time. */
  readonly daysLate: number;
}

export interface AuditTimelinessReport extends ReportHeader {
  readonly total: Figure;
  readonly rows: readonly AuditRow[];
  readonly late: readonly AuditRow[];
  /** Audits not closed that have no due date: they cannot be late, nor on time. */
  readonly withoutDueDate: number;
}

export async function auditTimelinessReport(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  options: PeriodOptions = {},
): Promise<AuditTimelinessReport> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const audits = await loadAudits(ctx, options);
  const rows: AuditRow[] = [];
  for (const a of audits) {
    const due = a.fact.dueDate;
    if (due === null || !inPeriod(due, a.periodFrom, a.today, false)) continue;
    const onTime = a.doneOn !== null && compareLocalDates(a.doneOn, due) <= 0;
    rows.push({
      auditId: a.fact.id,
      postCode: a.fact.postCode,
      unitCode: a.unitCode,
      holderCode: a.holderCode,
      status: a.fact.status,
      dueDate: due,
      doneOn: a.doneOn,
      onTime,
      daysLate: onTime ? 0 : daysBetween(due, a.doneOn ?? a.today),
    });
  }
  rows.sort((a, b) => byCode(a.dueDate, b.dueDate) || byCode(a.postCode, b.postCode) || byCode(a.auditId, b.auditId));
  return {
    ...ctx.header("audit-timeliness"),
    total: figure(rows.filter((r) => r.onTime).length, rows.length),
    rows,
    late: rows.filter((r) => !r.onTime),
    withoutDueDate: audits.filter((a) => a.fact.dueDate === null && a.fact.status !== "closed").length,
  };
}
