// What a report's figures table says in chat, in the reader's language. The tables themselves keep
// their stable codes (`unit_code`, `tenure_overdue`): CSV exports and `keypost export` are read by
// programs. A person reading the table in Slack or Teams sees these words instead; a code with no
// word here is shown as is (and the one-language test fails on it).
import type { PostCategory } from "../../domain/policy/index.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { SEVERITY_LABELS } from "../audit/audit-card-parts.ts";
import type { WarningKind } from "../reports/warning-rows.ts";
import { WARNING_LABEL } from "./role-summary.ts";

export const REPORT_COLUMN_LABEL: Readonly<Record<string, Bilingual>> = {
  figure: bi("指标", "Figure"),
  unit_code: bi("机构", "Unit"),
  category: bi("岗位类别", "Post category"),
  numerator: bi("符合数", "Count"),
  denominator: bi("总数", "Of"),
  ratio: bi("比率", "Ratio"),
};

const FIGURE_LABEL: Readonly<Record<string, Bilingual>> = {
  standard_defined: bi("已定岗位标准", "Standard defined"),
  checklist: bi("已配检查清单", "Has a checklist"),
  both: bi("两者均有", "Both"),
  within_tenure_limit: bi("任职未超期", "Within the tenure limit"),
  covered: bi("已完成强制休假", "Leave taken"),
  covered_or_planned: bi("已完成或已安排强制休假", "Leave taken or planned"),
  on_time: bi("按时完成", "On time"),
  serious: bi("高及严重", "High or critical"),
  closed: bi("已完成整改", "Closed"),
  closed_on_time: bi("按时完成整改", "Closed on time"),
};

const CATEGORY_LABEL: Readonly<Record<PostCategory, Bilingual>> = {
  authority: bi("审批授权类", "Authority"),
  operations: bi("业务操作类", "Operations"),
  oversight: bi("监督管理类", "Oversight"),
};

const CELL_LABEL: Readonly<Record<string, Bilingual>> = {
  ...FIGURE_LABEL,
  ...CATEGORY_LABEL,
  ...SEVERITY_LABELS,
  ...(WARNING_LABEL as Readonly<Record<WarningKind, Bilingual>>),
};

/** The words for a code shown in a figures table (a figure, a category, a severity, a warning); undefined when it is no code. */
export function reportCellLabel(value: string): Bilingual | undefined {
  return Object.hasOwn(CELL_LABEL, value) ? CELL_LABEL[value] : undefined;
}

export function reportColumnLabel(column: string): Bilingual | undefined {
  return Object.hasOwn(REPORT_COLUMN_LABEL, column) ? REPORT_COLUMN_LABEL[column] : undefined;
}
