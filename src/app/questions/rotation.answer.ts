// "Who is due for rotation (within N days)?" — the holders of key posts in the asker's units whose
// tenure limit falls today or within N days (default 90, the widest usual warning), not yet past;
// "overdue" lists those already past it. Each list names how many the other one holds, so a "due"
// answer never hides an overdue holder (decision 16.s6-3). From the rotation-compliance report's rows,
// narrowed to a role or category of post when the question names one ("vault keepers due …"); asked
// "overdue or due within N days", both lists in one, the overdue first.
import { daysBetween } from "../../domain/calendar/index.ts";
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import { rotationComplianceReport } from "../reports/rotation-compliance.report.ts";
import { reportInputs, type Asking } from "./answer-context.ts";
import { postNarrowing } from "./post-filter.ts";
import { listCard } from "./question-card.ts";

export const DEFAULT_DUE_DAYS = 90;

export async function answerRotation(a: Asking): Promise<Card> {
  const { deps, viewer, env } = reportInputs(a);
  const report = await rotationComplianceReport(deps, viewer, env);
  const overdueOnly = a.parsed.slots.overdue === true;
  const days = a.parsed.slots.days ?? DEFAULT_DUE_DAYS;
  // A horizon named by a date ("due in March", "三月份到期") is said as that date, its days beside it.
  const by = a.parsed.slots.by;
  const dueWithin = by
    ? bi(`截至 ${by} 到期（${days} 天内）`, `due by ${by} (within ${days} days)`)
    : bi(`${days} 天内到期`, `due within ${days} days`);
  const narrowed = await postNarrowing(a);
  const rows = report.rows
    .filter((r) => r.deadline !== null && r.withinLimit !== null)
    .filter((r) => !narrowed || narrowed.codes.has(r.postCode))
    .map((r) => ({ r, left: daysBetween(r.today, r.deadline!) }))
    .sort((x, y) => x.left - y.left || (x.r.employeeCode < y.r.employeeCode ? -1 : 1));
  const overdue = rows.filter(({ r }) => r.withinLimit === false);
  const due = rows.filter(({ r, left }) => r.withinLimit !== false && left >= 0 && left <= days);
  const both = a.parsed.slots.andOverdue === true;
  const shown = overdueOnly ? overdue : both ? [...overdue, ...due] : due;
  await a.names.load(shown.map(({ r }) => r.employeeCode));
  const n = (x: number) => same(String(x));
  return listCard(a, {
    title: overdueOnly
      ? bi("轮岗已超期", "Rotations overdue")
      : both
        ? bi(`已超期或${dueWithin["zh-CN"]}的轮岗`, `Rotations overdue or ${dueWithin.en}`)
        : bi(`${dueWithin["zh-CN"]}的轮岗`, `Rotations ${dueWithin.en}`),
    fields: [
      ...(narrowed ? [{ label: bi("只看", "Only"), value: narrowed.label }] : []),
      ...(both
        ? []
        : overdueOnly
          ? [{ label: bi(`另有${dueWithin["zh-CN"]}`, `Also ${dueWithin.en}`), value: n(due.length) }]
          : [
              {
                label: bi("另有已超期（问“超期轮岗”）", "Also overdue (ask “overdue rotations”)"),
                value: n(overdue.length),
              },
            ]),
    ],
    columns: [bi("人员", "Person"), bi("岗位", "Post"), bi("任职起", "Since"), bi("期限", "Limit"), bi("剩余", "Left")],
    rows: shown.map(({ r, left }) => [
      a.names.label({ code: r.employeeCode, name: r.employeeName }),
      same(r.postCode),
      same(r.startDate),
      same(r.deadline!),
      left < 0 ? bi(`超期 ${-left} 天`, `${-left} days over`) : bi(`${left} 天`, `${left} days`),
    ]),
    empty: overdueOnly
      ? bi("没有超期的轮岗。", "No rotation is overdue.")
      : by
        ? bi(`截至 ${by} 没有到期的轮岗。`, `No rotation falls due by ${by}.`)
        : bi(`${days} 天内没有到期的轮岗。`, `No rotation falls due within ${days} days.`),
  });
}
