// Rectification closure: rectification items closed ÷ items due, for items of the visible
// off-post audits whose due date is in [from, today) (the audit unit's local dates). Closed on
// time (on or before the due date) is its own figure; the open ones are the overdue list.
import type { Actor } from "../../domain/access/roles.ts";
import { compareLocalDates, daysBetween, type LocalDate } from "../../domain/calendar/index.ts";
import { inPeriod, loadAudits, type AuditView, type PeriodOptions } from "./audits.ts";
import {
  byCode,
  figure,
  ReportContext,
  type Figure,
  type ReportDeps,
  type ReportEnv,
  type ReportHeader,
} from "./report-context.ts";

export interface RectificationRow {
  readonly rectificationId: string;
  readonly auditId: string;
  readonly postCode: string;
  readonly unitCode: string;
  readonly ownerCode: string;
  readonly description: string;
  readonly dueDate: LocalDate;
  readonly status: string;
  readonly closedOn: LocalDate | null;
  readonly closed: boolean;
  readonly closedOnTime: boolean;
  /** Open: days today is past the due date; closed: days it was closed after it (0 on time). */
  readonly daysOver: number;
}

export interface RectificationClosureReport extends ReportHeader {
  readonly total: Figure;
  readonly closedOnTime: Figure;
  readonly rows: readonly RectificationRow[];
  readonly overdue: readonly RectificationRow[];
}

export async function rectificationClosureReport(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  options: PeriodOptions = {},
): Promise<RectificationClosureReport> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const audits = new Map<string, AuditView>((await loadAudits(ctx, options)).map((a) => [a.fact.id, a]));
  const items = await deps.queries.rectifications([...audits.keys()]);
  await ctx.loadPeople(items.map((r) => r.ownerId));
  const rows: RectificationRow[] = [];
  for (const r of items) {
    const audit = audits.get(r.auditId);
    if (!audit || !inPeriod(r.dueDate, audit.periodFrom, audit.today, false)) continue;
    const closed = r.status === "closed";
    const closedOn = closed && r.closedAt ? ctx.localDateIn(audit.fact.unitId, r.closedAt) : null;
    const closedOnTime = closedOn !== null && compareLocalDates(closedOn, r.dueDate) <= 0;
    rows.push({
      rectificationId: r.id,
      auditId: r.auditId,
      postCode: audit.fact.postCode,
      unitCode: audit.unitCode,
      ownerCode: ctx.person(r.ownerId).code,
      description: r.description,
      dueDate: r.dueDate,
      status: r.status,
      closedOn,
      closed,
      closedOnTime,
      daysOver: closedOnTime ? 0 : Math.max(0, daysBetween(r.dueDate, closedOn ?? audit.today)),
    });
  }
  rows.sort(
    (a, b) =>
      byCode(a.dueDate, b.dueDate) || byCode(a.postCode, b.postCode) || byCode(a.rectificationId, b.rectificationId),
  );
  return {
    ...ctx.header("rectification-closure"),
    total: figure(rows.filter((r) => r.closed).length, rows.length),
    closedOnTime: figure(rows.filter((r) => r.closedOnTime).length, rows.length),
    rows,
    overdue: rows.filter((r) => !r.closed),
  };
}
