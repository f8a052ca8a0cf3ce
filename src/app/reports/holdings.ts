// The holdings the rotation, leave and warning figures are about: open holder assignments of the
// active key posts in the viewer's units, each with its post, its policy and "today" in its unit.
import type { LocalDate } from "../../domain/calendar/index.ts";
import { compareLocalDates } from "../../domain/calendar/index.ts";
import type { Policy } from "../../domain/policy/index.ts";
import type { LeaveFact, PostFact } from "../../ports/report-queries.ts";
import { byCode, figure, type Figure, type ReportContext } from "./report-context.ts";

export interface HoldingView {
  readonly assignmentId: string;
  readonly employeeId: string;
  readonly employeeCode: string;
  readonly employeeName: string;
  readonly employeeNameEn: string | null;
  readonly postId: string;
  readonly postCode: string;
  readonly unitId: string;
  readonly unitCode: string;
  readonly category: string;
  readonly startDate: LocalDate;
  /** The local date at the report's instant in the post's unit. */
  readonly today: LocalDate;
  /** The post's policy; undefined when it cannot be resolved (the holding is left out of ratios). */
  readonly policy: Policy | undefined;
}

/** The columns every per-holding row starts with, in this order (CSV exports follow it). */
export function holdingColumns(h: HoldingView) {
  return {
    assignmentId: h.assignmentId,
    employeeCode: h.employeeCode,
    employeeName: h.employeeName,
    postCode: h.postCode,
    unitCode: h.unitCode,
    category: h.category,
  };
}

/** Holdings that have started by today, ordered by unit, post and holder. */
export async function loadHoldings(ctx: ReportContext): Promise<HoldingView[]> {
  const [posts, holdings] = await Promise.all([
    ctx.deps.queries.posts(ctx.scope),
    ctx.deps.queries.holdings(ctx.scope),
  ]);
  const postById = new Map<string, PostFact>(posts.map((p) => [p.id, p]));
  await ctx.loadPeople(holdings.map((h) => h.employeeId));
  const views: HoldingView[] = [];
  for (const h of holdings) {
    const post = postById.get(h.postId);
    if (!post || !ctx.inScope(post.unitId)) continue;
    const today = ctx.todayOf(post.unitId);
    if (compareLocalDates(h.startDate, today) > 0) continue;
    const person = ctx.person(h.employeeId);
    views.push({
      assignmentId: h.assignmentId,
      employeeId: h.employeeId,
      employeeCode: person.code,
      employeeName: person.name,
      employeeNameEn: person.nameEn ?? null,
      postId: post.id,
      postCode: post.code,
      unitId: post.unitId,
      unitCode: ctx.unit(post.unitId).code,
      category: post.category,
      startDate: h.startDate,
      today,
      policy: ctx.policyOf(post),
    });
  }
  return views.sort(
    (a, b) =>
      byCode(a.unitCode, b.unitCode) || byCode(a.postCode, b.postCode) || byCode(a.employeeCode, b.employeeCode),
  );
}

/** The leaves of these holdings' holders that the viewer may count now, by holder. */
export async function countedLeavesByHolder(
  ctx: ReportContext,
  holdings: readonly HoldingView[],
): Promise<Map<string, LeaveFact[]>> {
  const leaves = await ctx.deps.queries.leavesOf([...new Set(holdings.map((h) => h.employeeId))]);
  const byHolder = new Map<string, LeaveFact[]>();
  for (const leave of leaves) {
    if (!ctx.counts(leave)) continue;
    const list = byHolder.get(leave.holderId) ?? [];
    list.push(leave);
    byHolder.set(leave.holderId, list);
  }
  return byHolder;
}

export interface GroupFigure extends Figure {
  readonly unitCode: string;
  readonly category: string;
}

/** One figure per (unit, category) present, in code order; `hit` decides the numerator. */
export function byUnitAndCategory<R extends { readonly unitCode: string; readonly category: string }>(
  rows: readonly R[],
  hit: (row: R) => boolean,
): GroupFigure[] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const key = `${row.unitCode}\u0000${row.category}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  return [...groups.values()]
    .map((list) => ({
      unitCode: list[0]!.unitCode,
      category: list[0]!.category,
      ...figure(list.filter(hit).length, list.length),
    }))
    .sort((a, b) => byCode(a.unitCode, b.unitCode) || byCode(a.category, b.category));
}

/** One figure per category present, in code order. */
export function byCategory<R extends { readonly category: string }>(
  rows: readonly R[],
  hit: (row: R) => boolean,
): (Figure & { readonly category: string })[] {
  return [...new Set(rows.map((r) => r.category))].sort(byCode).map((category) => {
    const list = rows.filter((r) => r.category === category);
    return { category, ...figure(list.filter(hit).length, list.length) };
  });
}
