// "My unit's key figures" — rotation compliance, leave coverage, audit timeliness, findings by
// severity, rectification closure: the regulator's reports (src/app/reports) over the asker's
// units (or the unit named), for the last 12 months where a period applies. One figure when the
// question names one. Sealed leaves count only for those the secrecy rule lets count them.
import type { Card, CardField } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { auditTimelinessReport } from "../reports/audit-timeliness.report.ts";
import { findingsReport } from "../reports/findings.report.ts";
import { leaveCoverageReport } from "../reports/leave-coverage.report.ts";
import { rectificationClosureReport } from "../reports/rectification-closure.report.ts";
import type { Figure } from "../reports/report-context.ts";
import { rotationComplianceReport } from "../reports/rotation-compliance.report.ts";
import { SEVERITY_LABELS } from "../audit/audit-card-parts.ts";
import type { Severity } from "../../domain/audit/checklist.ts";
import { reportInputs, unitOf, type Asking } from "./answer-context.ts";
import type { Metric } from "./question-lexicon.ts";

/** "8/10 (80%)", "0/0 (—)". */
export function figureText(f: Figure): Bilingual {
  const pct = f.ratio === null ? "—" : `${Math.round(f.ratio * 1000) / 10}%`;
  return same(`${f.numerator}/${f.denominator} (${pct})`);
}

export async function answerFigures(a: Asking): Promise<Card> {
  const { deps, viewer, env } = reportInputs(a);
  const want = (m: Metric) => a.parsed.slots.metric === undefined || a.parsed.slots.metric === m;
  // The five reports share their reads (memo-report-queries.ts) and are run together: on PostgreSQL
  // their remaining reads pipeline (16.s11-4). The fields keep their order.
  const [rotation, leave, audit, findings, rectification] = await Promise.all([
    want("rotation") ? rotationComplianceReport(deps, viewer, env) : undefined,
    want("leave") ? leaveCoverageReport(deps, viewer, env) : undefined,
    want("audit") ? auditTimelinessReport(deps, viewer, env) : undefined,
    want("findings") ? findingsReport(deps, viewer, env) : undefined,
    want("rectification") ? rectificationClosureReport(deps, viewer, env) : undefined,
  ]);
  const fields: CardField[] = [];
  if (rotation) fields.push({ label: bi("轮岗合规率", "Rotation compliance"), value: figureText(rotation.total) });
  if (leave) fields.push({ label: bi("强制休假覆盖率", "Leave coverage"), value: figureText(leave.total) });
  if (audit) fields.push({ label: bi("审计及时率", "Audit timeliness"), value: figureText(audit.total) });
  if (findings) {
    const parts = findings.bySeverity.map((s) => ({
      label: SEVERITY_LABELS[s.severity as Severity] ?? same(s.severity),
      n: s.numerator,
    }));
    fields.push({
      label: bi("审计发现（按严重程度）", "Findings by severity"),
      value: bi(
        parts.map((p) => `${p.label["zh-CN"]} ${p.n}`).join("，") || "0",
        parts.map((p) => `${p.label.en} ${p.n}`).join(", ") || "0",
      ),
    });
  }
  if (rectification)
    fields.push({ label: bi("整改关闭率", "Rectification closure"), value: figureText(rectification.total) });
  const unit = unitOf(a, a.parsed.slots.unit);
  return {
    title: unit
      ? bi(`${unit.name} 关键指标`, `Key figures, ${unit.nameEn ?? unit.name}`)
      : bi("关键指标", "Key figures"),
    fields,
    actions: [],
    footer: bi("审计、发现和整改按近 12 个月统计。", "Audits, findings and rectification: the last 12 months."),
  };
}
