// The off-post audits the audit, finding and rectification figures are about: audits of posts in
// the viewer's units, not cancelled, and — when they belong to a mandatory leave — only once the
// viewer may count that leave (an audit of a sealed leave says the leave exists).
import { addMonths, compareLocalDates, minLocalDate, type LocalDate } from "../../domain/calendar/index.ts";
import type { AuditFact } from "../../ports/report-queries.ts";
import type { ReportContext } from "./report-context.ts";

export interface AuditView {
  readonly fact: AuditFact;
  readonly unitCode: string;
  readonly holderCode: string;
  /** The local date at the report's instant in the audit's unit. */
  readonly today: LocalDate;
  /** The period's first day: the option, else 12 months before today. */
  readonly periodFrom: LocalDate;
  /** The day it was signed off or closed, whichever came first (the unit's local date). */
  readonly doneOn: LocalDate | null;
}

/** Options of the period figures: the first day counted (default: 12 months before today). */
export interface PeriodOptions {
  readonly from?: LocalDate;
}

export function inPeriod(day: LocalDate, from: LocalDate, to: LocalDate, toInclusive: boolean): boolean {
  const end = compareLocalDates(day, to);
  return compareLocalDates(day, from) >= 0 && (toInclusive ? end <= 0 : end < 0);
}

/**
 * The audits in the context's scope, those of a leave the viewer may not count left out. `holderId`
 * reads one holder's only, by key (a person's status asks for one), before their leaves and people.
 */
export async function loadAudits(ctx: ReportContext, options: PeriodOptions, holderId?: string): Promise<AuditView[]> {
  const memo = ctx.deps.pageMemo;
  if (!memo) return readAudits(ctx, options, holderId);
  // Within one page: the same viewer, instant, scope and period give the same views.
  const key = `audits|${ctx.viewer.employeeId}|${ctx.now.toISOString()}|${ctx.scope.join(",")}|${options.from ?? ""}|${holderId ?? ""}`;
  let hit = memo.get(key) as Promise<AuditView[]> | undefined;
  if (!hit) {
    memo.set(key, (hit = readAudits(ctx, options, holderId)));
    return [...(await hit)];
  }
  const views = await hit;
  await ctx.loadPeople(views.map((v) => v.fact.holderId)); // this context names them too
  return [...views];
}

async function readAudits(ctx: ReportContext, options: PeriodOptions, holderId?: string): Promise<AuditView[]> {
  // One holder's: a keyed read of their audits (wherever they were), then the scope's test as for all.
  const read = holderId === undefined ? ctx.deps.queries.audits(ctx.scope) : ctx.deps.queries.auditsOf([holderId]);
  const facts = (await read).filter(
    (a) => a.status !== "cancelled" && ctx.inScope(a.unitId) && (holderId === undefined || a.holderId === holderId),
  );
  const leaveIds = [...new Set(facts.map((a) => a.leaveId).filter((id): id is string => id !== null))];
  const counted = new Set((await ctx.deps.queries.leavesByIds(leaveIds)).filter((l) => ctx.counts(l)).map((l) => l.id));
  const visible = facts.filter((a) => a.leaveId === null || counted.has(a.leaveId));
  await ctx.loadPeople(visible.map((a) => a.holderId));
  return visible.map((fact) => {
    const today = ctx.todayOf(fact.unitId);
    const signedOn = fact.signedAt ? ctx.localDateIn(fact.unitId, fact.signedAt) : null;
    const closedOn = fact.closedAt ? ctx.localDateIn(fact.unitId, fact.closedAt) : null;
    const doneOn = signedOn !== null && closedOn !== null ? minLocalDate(signedOn, closedOn) : (signedOn ?? closedOn);
    return {
      fact,
      unitCode: ctx.unit(fact.unitId).code,
      holderCode: ctx.person(fact.holderId).code,
      today,
      periodFrom: options.from ?? addMonths(today, -12),
      doneOn,
    };
  });
}
