// `report` lists the reports a person may ask for; `report <name> [page]` answers one as a card
// with its figures table, a page at a time. The report runs as the person (their scope, and the
// secrecy rule for sealed leaves); a person without a reporting role is refused.
import type { LogPlatform } from "../../ports/audit-log.ts";
import { typedCommand } from "./typed-command.ts";
import type { Actor } from "../../domain/access/roles.ts";
import { DomainError } from "../../domain/errors.ts";
import { same, type Card } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { refusal } from "../kernel/execute.ts";
import type { ReportDeps } from "../reports/report-context.ts";
import { REPORTS, reportByName } from "../reports/reports.registry.ts";
import { localTime } from "../cards/local-time.ts";
import { textReply, type ChatReply } from "./chat-reply.ts";
import { reportCellLabel, reportColumnLabel } from "./report-labels.ts";

export const REPORT_ROWS_PER_PAGE = 20;

const REPORT_TITLE: Readonly<Record<string, Bilingual>> = {
  "key-posts": bi("关键岗位识别情况", "Key posts identified"),
  "rotation-compliance": bi("轮岗合规率", "Rotation compliance"),
  "leave-coverage": bi("强制休假覆盖率", "Mandatory leave coverage"),
  "audit-timeliness": bi("离岗审计及时率", "Off-post audit timeliness"),
  findings: bi("审计发现（按严重程度）", "Audit findings by severity"),
  "rectification-closure": bi("整改完成率", "Rectification closure"),
  "early-warnings": bi("预警清单", "Early warnings"),
};

function titleOf(name: string): Bilingual {
  return REPORT_TITLE[name] ?? same(name);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3);
  return String(value);
}

export function reportList(platform: LogPlatform = "slack"): ChatReply {
  const card: Card = {
    title: bi("可用报表", "Reports"),
    fields: REPORTS.map((r) => ({ label: same(r.name), value: titleOf(r.name) })),
    actions: [],
    footer: bi(
      `输入 ${typedCommand(platform, "report <名称>")} 查看。`,
      `Type ${typedCommand(platform, "report <name>")} to see one.`,
    ),
  };
  return { kind: "cards", cards: [card] };
}

export async function reportReply(
  deps: ReportDeps | undefined,
  viewer: Actor,
  now: Date,
  name: string,
  page: number,
  timeZone = "UTC",
): Promise<ChatReply> {
  const spec = reportByName(name);
  if (!spec) return textReply(bi(`没有名为“${name}”的报表。`, `There is no report named "${name}".`), "NOT_FOUND");
  if (!deps) return textReply(bi("此处无法生成报表。", "Reports are not available here."), "NOT_FOUND");
  let figures;
  try {
    figures = spec.tables(await spec.run(deps, viewer, { now }, {})).figures;
  } catch (error) {
    if (error instanceof DomainError) {
      const refused = refusal(error.code, error.detail);
      return textReply(refused.message, error.code);
    }
    throw error;
  }
  const pages = Math.max(1, Math.ceil(figures.rows.length / REPORT_ROWS_PER_PAGE));
  const shown = Math.min(Math.max(page, 1), pages);
  const rows = figures.rows.slice((shown - 1) * REPORT_ROWS_PER_PAGE, shown * REPORT_ROWS_PER_PAGE);
  const card: Card = {
    title: titleOf(spec.name),
    fields: [{ label: bi("截至", "As of"), value: localTime(now, timeZone) }],
    table: {
      columns: figures.columns.map((c) => reportColumnLabel(c) ?? same(c)),
      rows: rows.map((row) =>
        row.map((cell) => (typeof cell === "string" && reportCellLabel(cell)) || same(cellText(cell))),
      ),
    },
    actions: [],
  };
  return {
    kind: "cards",
    cards: [card],
    page: {
      page: shown,
      pages,
      ...(shown < pages ? { next: `report ${spec.name} ${shown + 1}` } : {}),
      ...(shown > 1 ? { previous: `report ${spec.name} ${shown - 1}` } : {}),
    },
  };
}
