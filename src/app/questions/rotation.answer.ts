// "Who is due or overdue for rotation (within N days)?" — the holders of key posts in the asker's
// units whose tenure limit has passed, or falls within N days (default 90, the widest usual
// warning); "overdue" keeps only those past it. From the rotation-compliance report's rows.
import { daysBetween } from "../../domain/calendar/index.ts";
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import { rotationComplianceReport } from "../reports/rotation-compliance.report.ts";
import { reportInputs, type Asking } from "./answer-context.ts";
import { listCard } from "./question-card.ts";

export const DEFAULT_DUE_DAYS = 90;

export async function answerRotation(a: Asking): Promise<Card> {
  const { deps, viewer, env } = reportInputs(a);
  const report = await rotationComplianceReport(deps, viewer, env);
  const overdueOnly = a.parsed.slots.overdue === true;
  const days = a.parsed.slots.days ?? DEFAULT_DUE_DAYS;
  const rows = report.rows
    .filter((r) => r.deadline !== null && r.withinLimit !== null)
    .map((r) => ({ r, left: daysBetween(r.today, r.deadline!) }))
    .filter(({ r, left }) => r.withinLimit === false || (!overdueOnly && left <= days))
    .sort((x, y) => x.left - y.left || (x.r.employeeCode < y.r.employeeCode ? -1 : 1));
  await a.names.load(rows.map(({ r }) => r.employeeCode));
  return listCard(a, {
    title: overdueOnly
      ? bi("轮岗已超期", "Rotations overdue")
      : bi(`${days} 天内到期或已超期的轮岗`, `Rotations due within ${days} days or overdue`),
    columns: [bi("人员", "Person"), bi("岗位", "Post"), bi("任职起", "Since"), bi("期限", "Limit"), bi("剩余", "Left")],
    rows: rows.map(({ r, left }) => [
      a.names.label({ code: r.employeeCode, name: r.employeeName }),
      same(r.postCode),
      same(r.startDate),
      same(r.deadline!),
      left < 0 ? bi(`超期 ${-left} 天`, `${-left} days over`) : bi(`${left} 天`, `${left} days`),
    ]),
    empty: overdueOnly
      ? bi("没有超期的轮岗。", "No rotation is overdue.")
      : bi(`${days} 天内没有到期的轮岗。`, `No rotation falls due within ${days} days.`),
  });
}
