// A unit page's table of holders (their tenure limits), read a page at a time from the database
// (ReportQueries.holdingRows, decision 20.24): the rows are the rotation-compliance report's own
// (`rotationRowOf`, in the report's order), but only the 500 a page shows are built — the head
// office's page has ~19 000. The CSV asks for all of them. Scope as the reports (`env.within`
// narrows the viewer's scope, never widens it).
import type { Actor } from "../../domain/access/roles.ts";
import { localDateOf } from "../../domain/calendar/index.ts";
import { ReportContext, type ReportDeps, type ReportEnv } from "../reports/report-context.ts";
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
  const zones = [...new Set((await deps.queries.units()).map((u) => u.timeZone))];
  const todays = zones.map((timeZone) => ({ timeZone, today: localDateOf(ctx.now, timeZone) }));
  const found = await deps.queries.holdingRows({ scope: ctx.scope, todays, ...(window ? { window } : {}) });
  const rows = found.rows.map((h) => rotationRowOf({ ...h, today: ctx.todayOf(h.unitId), policy: ctx.policyOf(h) }));
  return { total: found.total, first: window?.first ?? 0, rows };
}
