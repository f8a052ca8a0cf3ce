// `status` with no words: the person's own summary. Everyone sees their open tasks; people with a
// reporting role (manager, HR, compliance, executive) also see their units: who is on leave now,
// open off-post audits, and the early warnings by kind. Figures come from the reports, which count
// a sealed leave only as the secrecy rule allows (src/app/reports/report-scope.ts).
import type { LogPlatform } from "../../ports/audit-log.ts";
import { typeHint } from "./typed-command.ts";
import { AWAY_STATES } from "../../domain/leave/leave.machine.ts";
import type { Actor } from "../../domain/access/roles.ts";
import { same, type Card, type CardField } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { Home } from "../home/home.ts";
import { loadAudits } from "../reports/audits.ts";
import { earlyWarningsReport } from "../reports/early-warnings.report.ts";
import { countedLeavesByHolder, loadHoldings } from "../reports/holdings.ts";
import { ReportContext, type ReportDeps } from "../reports/report-context.ts";
import { REPORT_ROLES } from "../reports/report-scope.ts";
import type { WarningKind } from "../reports/warning-rows.ts";

export const WARNING_LABEL: Readonly<Record<WarningKind, Bilingual>> = {
  tenure_overdue: bi("任职超期", "Past the tenure limit"),
  tenure_warning: bi("任职临近期限", "Tenure limit approaching"),
  leave_overdue: bi("强制休假逾期", "Mandatory leave overdue"),
  leave_due: bi("强制休假到期", "Mandatory leave due"),
  notice_unacknowledged: bi("通知未确认", "Notices unacknowledged"),
  audit_late: bi("审计逾期", "Audits late"),
  rectification_overdue: bi("整改逾期", "Rectifications overdue"),
};

export function hasReportRole(actor: Actor): boolean {
  return actor.grants.some((g) => REPORT_ROLES.includes(g.role));
}

/** The unit part of the summary: people on leave, open audits, warnings — as the viewer may count them. */
export async function unitSummaryFields(deps: ReportDeps, viewer: Actor, now: Date): Promise<CardField[]> {
  const ctx = await ReportContext.load(deps, viewer, { now });
  const holdings = await loadHoldings(ctx);
  const leaves = await countedLeavesByHolder(ctx, holdings);
  const away = holdings.filter((h) =>
    (leaves.get(h.employeeId) ?? []).some((l) => l.postId === h.postId && AWAY_STATES.includes(l.status)),
  );
  const audits = (await loadAudits(ctx, {})).filter((a) => a.fact.closedAt === null && a.fact.status !== "cancelled");
  const warnings = await earlyWarningsReport(deps, viewer, { now });
  const fields: CardField[] = [
    { label: bi("辖内关键岗位在岗人员", "Key-post holders in your units"), value: same(String(holdings.length)) },
    {
      label: bi("正在强制休假", "On mandatory leave now"),
      value:
        away.length === 0
          ? bi("无", "None")
          : bi(
              away.map((h) => `${h.employeeName}（${h.employeeCode}，${h.postCode}）`).join("、"),
              away.map((h) => `${h.employeeNameEn ?? h.employeeName} (${h.employeeCode}, ${h.postCode})`).join(", "),
            ),
    },
    { label: bi("进行中的离岗审计", "Open off-post audits"), value: same(String(audits.length)) },
  ];
  for (const k of warnings.byKind) {
    if (k.numerator > 0) fields.push({ label: WARNING_LABEL[k.kind], value: same(String(k.numerator)) });
  }
  return fields;
}

export async function roleSummaryCard(
  home: Home,
  actor: Actor,
  deps: ReportDeps | undefined,
  platform: LogPlatform = "slack",
): Promise<Card> {
  const name = bi(home.person.name, home.person.nameEn ?? home.person.name);
  const fields: CardField[] = [{ label: bi("我的待办", "My open tasks"), value: same(String(home.totalTasks)) }];
  const titles = home.tasks.slice(0, 5).map((t) => t.card.title);
  if (titles.length > 0)
    fields.push({
      label: bi("最近的待办", "Latest tasks"),
      value: bi(titles.map((t) => t["zh-CN"]).join("；"), titles.map((t) => t.en).join("; ")),
    });
  // A holder on leave exercises no role: their status shows their own tasks only.
  if (deps && hasReportRole(actor) && !actor.onLeave) fields.push(...(await unitSummaryFields(deps, actor, home.now)));
  return {
    title: bi(`${name["zh-CN"]} 的概况`, `Status for ${name.en}`),
    fields,
    actions: [],
    footer: typeHint(platform, "tasks", "查看并处理待办。", "to see and act on your tasks."),
  };
}
