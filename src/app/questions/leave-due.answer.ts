// "Whose mandatory leave is overdue?", "30天内应休强制休假的人", "who has had no mandatory leave in
// the last 12 months" — the regulator's reports answer, so the numbers are theirs: the early
// warnings' leave rows (the next mandatory leave should have started — every leaveEveryMonths
// counted from the last leave taken, else the holding's start — or falls due within N days, default
// 30), or the leave-coverage rows not covered (no qualifying leave taken in the last 12 months).
// Within the asker's units (or the unit named), narrowed to a role or category when one is named;
// leaves count only as the secrecy rule allows (the reports apply it).
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import { earlyWarningsReport } from "../reports/early-warnings.report.ts";
import { leaveCoverageReport } from "../reports/leave-coverage.report.ts";
import { reportInputs, type Asking } from "./answer-context.ts";
import { postNarrowing } from "./post-filter.ts";
import { listCard } from "./question-card.ts";

/** "Mandatory leave due", no number of days given: the next 30. */
export const DEFAULT_LEAVE_DUE_DAYS = 30;

export async function answerLeaveDue(a: Asking): Promise<Card> {
  const { deps, viewer, env } = reportInputs(a);
  const narrowed = await postNarrowing(a);
  const only = narrowed ? [{ label: bi("只看", "Only"), value: narrowed.label }] : [];
  const kept = (postCode: string | null) => !narrowed || (postCode !== null && narrowed.codes.has(postCode));
  if (a.parsed.slots.leaveDue === "uncovered") {
    const report = await leaveCoverageReport(deps, viewer, env);
    const rows = report.rows.filter((r) => r.covered === false && kept(r.postCode));
    await a.names.load(rows.map((r) => r.employeeCode));
    return listCard(a, {
      title: bi(
        "近 12 个月没有休过强制休假的关键岗位人员",
        "Key-post holders with no mandatory leave in the last 12 months",
      ),
      fields: only,
      columns: [bi("人员", "Person"), bi("岗位", "Post"), bi("统计期", "Window"), bi("已安排", "Planned")],
      rows: rows.map((r) => [
        a.names.label({ code: r.employeeCode, name: r.employeeName }),
        same(r.postCode),
        same(`${r.windowFrom} – ${r.windowTo}`),
        r.planned ? same(r.planned.startDate) : bi("无", "none"),
      ]),
      empty: bi(
        "每位关键岗位人员近 12 个月都休过强制休假。",
        "Every key-post holder took a mandatory leave in the last 12 months.",
      ),
    });
  }
  const overdue = a.parsed.slots.leaveDue === "overdue";
  const days = a.parsed.slots.days ?? DEFAULT_LEAVE_DUE_DAYS;
  const report = await earlyWarningsReport(deps, viewer, env, { leaveHorizonDays: overdue ? 0 : days });
  const leaveRows = report.rows.filter((r) => r.kind === "leave_overdue" || r.kind === "leave_due");
  const rows = leaveRows
    .filter((r) => (overdue ? r.kind === "leave_overdue" : r.kind === "leave_due") && kept(r.postCode))
    .sort((x, y) => x.daysLeft - y.daysLeft || x.employeeCode.localeCompare(y.employeeCode));
  const others = leaveRows.filter((r) => r.kind === "leave_overdue" && kept(r.postCode)).length;
  await a.names.load(rows.map((r) => r.employeeCode));
  return listCard(a, {
    title: overdue
      ? bi("强制休假已逾期", "Mandatory leave overdue")
      : bi(`${days} 天内应开始的强制休假`, `Mandatory leave due within ${days} days`),
    fields: [...only, ...(overdue ? [] : [{ label: bi("另有已逾期", "Also overdue"), value: same(String(others)) }])],
    columns: [
      bi("人员", "Person"),
      bi("岗位", "Post"),
      bi("最晚开始", "Due by"),
      bi("剩余", "Left"),
      bi("已安排", "Planned"),
    ],
    rows: rows.map((r) => [
      a.names.label({ code: r.employeeCode, name: r.employeeName }),
      same(r.postCode ?? "—"),
      same(r.date),
      r.daysLeft < 0
        ? bi(`逾期 ${-r.daysLeft} 天`, `${-r.daysLeft} days over`)
        : bi(`${r.daysLeft} 天`, `${r.daysLeft} days`),
      r.plannedLeaveStart ? same(r.plannedLeaveStart) : bi("无", "none"),
    ]),
    empty: overdue
      ? bi("没有逾期的强制休假。", "No mandatory leave is overdue.")
      : bi(`${days} 天内没有应开始的强制休假。`, `No mandatory leave falls due within ${days} days.`),
  });
}
