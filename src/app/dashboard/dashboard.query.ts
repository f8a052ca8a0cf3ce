// What the web dashboard shows, computed by the same report layer as `keypost export` and the
// bot's `report` answers (src/app/reports): the viewer's scope and the secrecy rule are theirs, so
// a sealed leave the viewer may not see is absent from every figure here too. Rotation and leave
// coverage come as totals per unit from the database (holding-figures.query.ts: the reports' rules,
// counted in SQL, one query for all twelve instants of the trend); audit timeliness and
// rectification closure are the reports' own rows (a few per unit) regrouped by unit.
import type { Actor } from "../../domain/access/roles.ts";
import type { UnitFact } from "../../ports/report-queries.ts";
import { auditTimelinessReport } from "../reports/audit-timeliness.report.ts";
import { earlyWarningsReport, type EarlyWarningsReport } from "../reports/early-warnings.report.ts";
import { holdingFigures, type HoldingFigures } from "../reports/holding-figures.query.ts";
import { rectificationClosureReport } from "../reports/rectification-closure.report.ts";
import { byCode, figure, type Figure, type ReportDeps, type ReportEnv } from "../reports/report-context.ts";
import { reportScope } from "../reports/report-scope.ts";

/** The four figures of the bank at a glance, in the order they are shown. */
export const DASHBOARD_FIGURES = ["rotation", "leave", "audits", "rectification"] as const;
export type DashboardFigure = (typeof DASHBOARD_FIGURES)[number];
/** The report (`keypost export <name>`) each figure is the total of. */
export const FIGURE_REPORT: Readonly<Record<DashboardFigure, string>> = {
  rotation: "rotation-compliance",
  leave: "leave-coverage",
  audits: "audit-timeliness",
  rectification: "rectification-closure",
};

export type Figures = Readonly<Record<DashboardFigure, Figure>>;

export interface UnitLine {
  readonly unit: UnitFact;
  readonly figures: Figures;
}

export interface Overview {
  readonly asOf: Date;
  readonly totals: Figures;
  /** Units with anything to count, by code. */
  readonly units: readonly UnitLine[];
  /** The same, at most 40 lines: ancestors with the sums of the units under them (charts). */
  readonly chart: readonly RolledUp[];
  /** Holders covered by a leave taken, or with a qualifying leave planned the viewer may see (leave coverage's second figure). */
  readonly coveredOrPlanned: Figure;
}

const sum = (figures: readonly Figure[]): Figure =>
  figure(
    figures.reduce((n, f) => n + f.numerator, 0),
    figures.reduce((n, f) => n + f.denominator, 0),
  );

/** Appends to the list under `key` (no copy per row: a bank-wide page groups thousands of rows). */
function push<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

function byUnit<R extends { readonly unitCode: string }>(rows: readonly R[], counts: (r: R) => boolean) {
  const groups = new Map<string, R[]>();
  for (const r of rows) push(groups, r.unitCode, r);
  return new Map([...groups].map(([code, rs]) => [code, figure(rs.filter(counts).length, rs.length)]));
}

/** The units the viewer may report on (their scope), by id. */
export async function unitsInScope(deps: ReportDeps, viewer: Actor): Promise<UnitFact[]> {
  const scope = reportScope(viewer);
  const units = await deps.queries.units();
  return units.filter((u) => scope.some((p) => u.path.startsWith(p))).sort((a, b) => byCode(a.code, b.code));
}

/** The bank at a glance at `env.now`: the four totals and the same figures per unit. */
export async function dashboardOverview(deps: ReportDeps, viewer: Actor, env: ReportEnv): Promise<Overview> {
  // One at a time: SQLite serves one statement at a time anyway, and the pool stays free for others.
  const [{ rotation, leave }] = (await holdingFigures(deps, viewer, env, [env.now])) as [HoldingFigures];
  const audits = await auditTimelinessReport(deps, viewer, env);
  const rectification = await rectificationClosureReport(deps, viewer, env);
  const units = (await unitsInScope(deps, viewer)).filter(
    (u) => env.within === undefined || u.path.startsWith(env.within),
  );
  const perUnit = (groups: readonly (Figure & { readonly unitCode: string })[]) => {
    const out = new Map<string, Figure[]>();
    for (const g of groups) push(out, g.unitCode, g);
    return new Map([...out].map(([code, fs]) => [code, sum(fs)]));
  };
  const rot = perUnit(rotation.byUnitCategory);
  const lea = perUnit(leave.byUnitCategory);
  const aud = byUnit(audits.rows, (r) => r.onTime);
  const rec = byUnit(rectification.rows, (r) => r.closed);
  const none = figure(0, 0);
  const lines: UnitLine[] = units
    .map((unit) => ({
      unit,
      figures: {
        rotation: rot.get(unit.code) ?? none,
        leave: lea.get(unit.code) ?? none,
        audits: aud.get(unit.code) ?? none,
        rectification: rec.get(unit.code) ?? none,
      },
    }))
    .filter((l) => DASHBOARD_FIGURES.some((f) => l.figures[f].denominator > 0));
  return {
    asOf: env.now,
    totals: { rotation: rotation.total, leave: leave.total, audits: audits.total, rectification: rectification.total },
    units: lines,
    chart: rollUp(lines, units),
    coveredOrPlanned: leave.coveredOrPlanned,
  };
}

export interface TrendPoint {
  /** The instant the figures are taken at (the same day of an earlier month, now for the last). */
  readonly at: Date;
  readonly figures: Figures;
}

/** `months` instants one month apart, ending now (the same day and time of earlier months, clamped to their last day). */
export function trendInstants(now: Date, months = 12): Date[] {
  const out: Date[] = [];
  for (let k = months - 1; k >= 0; k -= 1) {
    const at = new Date(now);
    const day = at.getUTCDate();
    at.setUTCDate(1);
    at.setUTCMonth(at.getUTCMonth() - k);
    const last = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
    at.setUTCDate(Math.min(day, last));
    out.push(at);
  }
  return out;
}

/**
 * The four totals at each of the last `months` monthly instants: each point is the reports run
 * as of that instant (what `keypost export <report> --at <instant>` prints for the viewer).
 * Holdings are today's register, so past rotation figures count the current holders at that date.
 */
export async function dashboardTrend(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  months = 12,
): Promise<TrendPoint[]> {
  const instants = trendInstants(env.now, months);
  const holdings = await holdingFigures(deps, viewer, env, instants, { perUnit: false });
  const points: TrendPoint[] = [];
  for (const [i, at] of instants.entries()) {
    const e = { ...env, now: at };
    points.push({
      at,
      figures: {
        rotation: holdings[i]!.rotation.total,
        leave: holdings[i]!.leave.total,
        audits: (await auditTimelinessReport(deps, viewer, e)).total,
        rectification: (await rectificationClosureReport(deps, viewer, e)).total,
      },
    });
  }
  return points;
}

/**
 * Overdue and due-soon: the early warnings, leaves due within `horizonDays`; the database counts the
 * holdings and keeps those that can be due (the same rows as the report: holding-figures.test.ts).
 */
export function dashboardWarnings(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  horizonDays = 30,
): Promise<EarlyWarningsReport> {
  return earlyWarningsReport(deps, viewer, env, { leaveHorizonDays: horizonDays, holdings: "database" });
}

/** A unit with the figures of it and every unit under it (what a chart of many units draws). */
export interface RolledUp {
  readonly unit: UnitFact;
  readonly figures: Figures;
}

const depthOf = (path: string) => path.split("/").filter((c) => c !== "").length;

/**
 * At most `max` lines for a chart: the units as they are when there are few, else their
 * ancestors at the deepest level that has at most `max` of them, each with the sum of the units
 * under it (a bank-wide chart shows branches, not 1 900 sub-branches). Sums of the same figures.
 */
export function rollUp(lines: readonly UnitLine[], all: readonly UnitFact[], max = 40): RolledUp[] {
  if (lines.length <= max) return [...lines];
  const byPath = new Map(all.map((u) => [u.path, u]));
  const ancestorAt = (path: string, depth: number) =>
    "/" +
    path
      .split("/")
      .filter((c) => c !== "")
      .slice(0, depth)
      .join("/") +
    "/";
  const deepest = Math.max(...lines.map((l) => depthOf(l.unit.path)));
  let chosen = 1;
  for (let d = 1; d <= deepest; d += 1) {
    if (new Set(lines.map((l) => ancestorAt(l.unit.path, Math.min(d, depthOf(l.unit.path))))).size > max) break;
    chosen = d;
  }
  const groups = new Map<string, Figure[][]>();
  for (const l of lines) {
    const key = ancestorAt(l.unit.path, Math.min(chosen, depthOf(l.unit.path)));
    push(
      groups,
      key,
      DASHBOARD_FIGURES.map((f) => l.figures[f]),
    );
  }
  return [...groups]
    .map(([path, rows]) => ({
      unit: byPath.get(path) ?? { id: "", code: path.split("/").at(-2) ?? path, name: "", path, timeZone: "UTC" },
      figures: Object.fromEntries(DASHBOARD_FIGURES.map((f, i) => [f, sum(rows.map((r) => r[i]!))])) as Figures,
    }))
    .sort((a, b) => byCode(a.unit.code, b.unit.code));
}
