// Rotation compliance: holders within their tenure limit ÷ holders, per unit and category. The
// limit is the post's policy (its own, else its category's default); a holder is within it while
// today is on or before the tenure deadline (start + maxTenureMonths, docs/policies.md).
import type { Actor } from "../../domain/access/roles.ts";
import { daysBetween, type LocalDate } from "../../domain/calendar/index.ts";
import { isTenureOverdue, tenureDeadline } from "../../domain/policy/index.ts";
import {
  byCategory,
  byUnitAndCategory,
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

export interface RotationRow {
  readonly assignmentId: string;
  readonly employeeCode: string;
  readonly employeeName: string;
  readonly postCode: string;
  readonly unitCode: string;
  readonly category: string;
  readonly startDate: LocalDate;
  readonly today: LocalDate;
  readonly policyCode: string | null;
  readonly maxTenureMonths: number | null;
  readonly deadline: LocalDate | null;
  /** null when the post has no policy: such a holding is left out of the figures. */
  readonly withinLimit: boolean | null;
  /** Days past the deadline (0 when within it). */
  readonly daysOver: number;
}

export interface RotationComplianceReport extends ReportHeader {
  readonly total: Figure;
  readonly byUnitCategory: readonly GroupFigure[];
  readonly byCategory: readonly (Figure & { readonly category: string })[];
  /** Holdings of posts whose policy cannot be resolved. */
  readonly withoutPolicy: number;
  readonly rows: readonly RotationRow[];
}

/** A holding's row: where it stands against its tenure limit today (the dashboard's holders table too). */
export function rotationRowOf(h: HoldingView): RotationRow {
  const policy = h.policy;
  const deadline = policy ? tenureDeadline(h.startDate, policy) : null;
  const over = policy ? isTenureOverdue(h.startDate, policy, h.today) : null;
  return {
    ...holdingColumns(h),
    startDate: h.startDate,
    today: h.today,
    policyCode: policy?.code ?? null,
    maxTenureMonths: policy?.maxTenureMonths ?? null,
    deadline,
    withinLimit: over === null ? null : !over,
    daysOver: deadline !== null && over ? daysBetween(deadline, h.today) : 0,
  };
}

export async function rotationComplianceReport(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
): Promise<RotationComplianceReport> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const rows: RotationRow[] = (await loadHoldings(ctx)).map(rotationRowOf);
  const counted = rows.filter((r) => r.withinLimit !== null);
  const within = (r: RotationRow) => r.withinLimit === true;
  return {
    ...ctx.header("rotation-compliance"),
    total: figure(counted.filter(within).length, counted.length),
    byUnitCategory: byUnitAndCategory(counted, within),
    byCategory: byCategory(counted, within),
    withoutPolicy: rows.length - counted.length,
    rows,
  };
}
