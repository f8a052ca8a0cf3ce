// Findings by severity: findings of the visible off-post audits recorded in [from, today] (the
// audit unit's local dates), each severity's count ÷ all of them; high and critical are "serious".
import type { Actor } from "../../domain/access/roles.ts";
import { SEVERITIES } from "../../domain/audit/checklist.ts";
import type { LocalDate } from "../../domain/calendar/index.ts";
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

export interface FindingRow {
  readonly auditId: string;
  readonly seq: number;
  readonly postCode: string;
  readonly unitCode: string;
  readonly severity: string;
  readonly recordedOn: LocalDate;
  readonly description: string;
}

export interface FindingsReport extends ReportHeader {
  readonly total: number;
  /** Every known severity, in order (low → critical), then any other value found. */
  readonly bySeverity: readonly (Figure & { readonly severity: string })[];
  readonly serious: Figure;
  readonly rows: readonly FindingRow[];
}

const SERIOUS = new Set(["high", "critical"]);

export async function findingsReport(
  deps: ReportDeps,
  viewer: Actor,
  env: ReportEnv,
  options: PeriodOptions = {},
): Promise<FindingsReport> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const audits = new Map<string, AuditView>((await loadAudits(ctx, options)).map((a) => [a.fact.id, a]));
  const rows: FindingRow[] = [];
  for (const f of await deps.queries.findings([...audits.keys()])) {
    const audit = audits.get(f.auditId);
    if (!audit) continue;
    const recordedOn = ctx.localDateIn(audit.fact.unitId, f.createdAt);
    if (!inPeriod(recordedOn, audit.periodFrom, audit.today, true)) continue;
    rows.push({
      auditId: f.auditId,
      seq: f.seq,
      postCode: audit.fact.postCode,
      unitCode: audit.unitCode,
      severity: f.severity,
      recordedOn,
      description: f.description,
    });
  }
  rows.sort((a, b) => byCode(a.recordedOn, b.recordedOn) || byCode(a.auditId, b.auditId) || a.seq - b.seq);
  const severities = [
    ...SEVERITIES,
    ...[...new Set(rows.map((r) => r.severity))]
      .filter((s) => !(SEVERITIES as readonly string[]).includes(s))
      .sort(byCode),
  ];
  return {
    ...ctx.header("findings"),
    total: rows.length,
    bySeverity: severities.map((severity) => ({
      severity,
      ...figure(rows.filter((r) => r.severity === severity).length, rows.length),
    })),
    serious: figure(rows.filter((r) => SERIOUS.has(r.severity)).length, rows.length),
    rows,
  };
}
