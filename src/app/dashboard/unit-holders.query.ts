// A unit page's table of holders (their tenure limits): the rows are the rotation-compliance
// report's own (`rotationRowOf`, in the report's order), but only the 500 a page shows are built —
// the head office's page has ~19 000 (decision 20.24). The holdings come from the page's one read of
// the scope's named holdings (ReportQueries.namedHoldings, shared with the unit's warnings on a
// dashboard page: decision 20.29); which started by their today, their order and the page are
// decided here. The CSV asks for all of them. Scope as the reports (`env.within` narrows the
// viewer's scope, never widens it).
import type { Actor } from "../../domain/access/roles.ts";
import { byCode, ReportContext, type ReportDeps, type ReportEnv } from "../reports/report-context.ts";
import { rotationRowOf, type RotationRow } from "../reports/rotation-compliance.report.ts";

export interface HolderPage {
  /** Rows in the whole table. */
  readonly total: number;
  /** Index of the first row given. */
  readonly first: number;
  readonly rows: readonly RotationRow[];
}

/** `window`: rows [first, first + count) of the table; all when absent. */
export async function unitHolders(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  window?: { readonly first: number; readonly count: number },
): Promise<HolderPage> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const listed = (await deps.queries.namedHoldings(ctx.scope))
    .filter((h) => h.startDate <= ctx.todayOf(h.unitId))
    .map((h) => ({ ...h, unitCode: ctx.unit(h.unitId).code }))
    .sort(
      (a, b) =>
        byCode(a.unitCode, b.unitCode) ||
        byCode(a.postCode, b.postCode) ||
        byCode(a.employeeCode, b.employeeCode) ||
        byCode(a.assignmentId, b.assignmentId),
    );
  const first = window ? Math.max(0, Math.trunc(window.first)) : 0;
  const shown = window ? listed.slice(first, first + Math.max(0, Math.trunc(window.count))) : listed;
  const rows = shown.map((h) => rotationRowOf({ ...h, today: ctx.todayOf(h.unitId), policy: ctx.policyOf(h) }));
  return { total: listed.length, first: window?.first ?? 0, rows };
}
