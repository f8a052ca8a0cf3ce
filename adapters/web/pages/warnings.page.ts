// Overdue and due soon: the early warnings (tenure limits, leaves due within 30 days, notices not
// acknowledged, late audits, overdue rectifications), most urgent first; optionally one unit's.
import { dashboardWarnings } from "../../../src/app/dashboard/dashboard.query.ts";
import type { WarningRow } from "../../../src/app/reports/warning-rows.ts";
import { html } from "../html.ts";
import { MSG, WARNING_NAME } from "../web-messages.ts";
import type { WebTable } from "../web-table.ts";
import { asOfText, say, type Page, type PageContext } from "./page-context.ts";

export function warningsTable(ctx: PageContext, rows: readonly WarningRow[], id = "warnings"): WebTable {
  const sorted = [...rows].sort((a, b) => a.daysLeft - b.daysLeft || (a.unitCode < b.unitCode ? -1 : 1));
  return {
    id,
    caption: MSG.warningsTitle,
    columns: [
      { key: "kind", label: MSG.kind },
      { key: "unit_code", label: MSG.unit },
      { key: "post_code", label: MSG.post },
      { key: "employee_code", label: MSG.employee },
      { key: "employee_name", label: { "zh-CN": "姓名", en: "Name" } },
      { key: "date", label: MSG.date },
      { key: "days_left", label: MSG.daysLeft, numeric: true },
      { key: "planned_leave_start", label: MSG.plannedLeave },
      { key: "detail", label: MSG.detail },
    ],
    rows: sorted.map((r) => [
      say(ctx, WARNING_NAME[r.kind]),
      { text: r.unitCode, href: `/app/unit?code=${encodeURIComponent(r.unitCode)}` },
      r.postCode ? { text: r.postCode, href: `/app/post?code=${encodeURIComponent(r.postCode)}` } : r.postCode,
      r.employeeCode,
      r.employeeName,
      r.date,
      r.daysLeft,
      r.plannedLeaveStart,
      r.detail,
    ]),
  };
}

export const warningsPage: Page = async (ctx) => {
  const report = await dashboardWarnings(ctx.reports, ctx.who.actor, { now: ctx.now });
  const table = warningsTable(ctx, report.rows);
  return {
    title: MSG.warningsTitle,
    current: "warnings",
    tables: [table],
    body: (t) =>
      html`<h1>${say(ctx, MSG.warningsTitle)}</h1>
        <p class="asof">${asOfText(ctx, ctx.timeZone)}</p>
        <p class="muted">${say(ctx, MSG.horizonNote)}</p>
        ${t("warnings")}`,
  };
};
