// Every sentence and label of the web dashboard, in both languages; pages pick one with the
// person's locale, so nothing of the other language is shown.
import { bi, type Bilingual } from "../../src/ports/locale.ts";
import type { DashboardFigure } from "../../src/app/dashboard/dashboard.query.ts";
import type { WarningKind } from "../../src/app/reports/warning-rows.ts";

export const MSG = {
  product: bi("Keypost 合规仪表盘", "Keypost compliance dashboard"),
  skip: bi("跳到正文", "Skip to content"),
  navOverview: bi("全行概览", "At a glance"),
  navWarnings: bi("逾期与临期", "Overdue and due soon"),
  navTrend: bi("12 个月趋势", "12-month trend"),
  signOut: bi("退出", "Sign out"),
  language: bi("语言", "Language"),
  switchTo: bi("English", "中文"),
  asOf: bi("数据时点", "As of"),
  unit: bi("机构", "Unit"),
  total: bi("合计", "Total"),
  figure: bi("指标", "Figure"),
  numerator: bi("分子", "Numerator"),
  denominator: bi("分母", "Denominator"),
  ratio: bi("比率", "Ratio"),
  downloadCsv: bi("下载 CSV", "Download CSV"),
  byUnit: bi("按机构", "By unit"),
  month: bi("月份", "Month"),
  nothing: bi("没有记录。", "Nothing to show."),
  overviewTitle: bi("全行概览", "The bank at a glance"),
  trendTitle: bi("近 12 个月趋势", "Trend over 12 months"),
  trendNote: bi(
    "每个点为该时点运行的同一报表；轮岗合规按当前在岗名册计算。",
    "Each point is the same report run as of that day; rotation compliance counts today's holders.",
  ),
  warningsTitle: bi("逾期与临期事项", "Overdue and due soon"),
  horizonNote: bi("强制休假：30 天内到期。", "Mandatory leaves: due within 30 days."),
  kind: bi("类型", "Kind"),
  post: bi("岗位", "Post"),
  employee: bi("人员", "Employee"),
  date: bi("日期", "Date"),
  daysLeft: bi("剩余天数", "Days left"),
  detail: bi("说明", "Detail"),
  plannedLeave: bi("已安排休假", "Leave planned"),
  coveredOrPlanned: bi("强制休假覆盖率（含已安排）", "Leave coverage incl. planned"),
  holders: bi("在岗人员", "Holders"),
  startDate: bi("任职起始", "Since"),
  deadline: bi("任职期限", "Tenure limit"),
  category: bi("类别", "Category"),
  unitTitle: bi("机构", "Unit"),
  unknownUnit: bi("您的范围内没有该机构。", "There is no such unit in your scope."),
  signInTitle: bi("登录合规仪表盘", "Sign in to the compliance dashboard"),
  signInButton: bi("登录", "Sign in"),
  signInNote: bi("此链接仅可使用一次，5 分钟内有效。", "This link works once and for 5 minutes."),
  signedOut: bi(
    "您已退出。需要时请在聊天中发送 dashboard 获取新链接。",
    "You are signed out. Send “dashboard” in chat for a new link.",
  ),
  linkExpired: bi(
    "此登录链接已过期（有效期 5 分钟）。请在聊天中发送 dashboard 获取新链接。",
    "This sign-in link has expired (links last 5 minutes). Send “dashboard” in chat for a new one.",
  ),
  linkUsed: bi(
    "此登录链接已使用过，不能再次使用。请在聊天中发送 dashboard 获取新链接。",
    "This sign-in link has already been used and cannot be used again. Send “dashboard” in chat for a new one.",
  ),
  linkUnknown: bi(
    "此登录链接无效。请在聊天中发送 dashboard 获取新链接。",
    "This sign-in link is not valid. Send “dashboard” in chat for a new one.",
  ),
  sessionNeeded: bi(
    "请先登录：在 Slack 或 Teams 中发送 dashboard，打开收到的链接。会话闲置 30 分钟后结束。",
    "Please sign in: send “dashboard” to Keypost in Slack or Teams and open the link. Sessions end after 30 minutes idle.",
  ),
  notAuthorised: bi(
    "仪表盘只对人力资源、内控合规、管理人员和高管开放。",
    "The dashboard is for HR, compliance, managers and executives.",
  ),
  notFound: bi("没有这个页面。", "There is no such page."),
  badRequest: bi("请求无效：", "The request is not valid: "),
  chartLabel: bi("图表", "Chart"),
  moreRows: (shown: number, all: number) =>
    bi(
      `仅显示前 ${shown} 行，共 ${all} 行；完整内容请下载 CSV。`,
      `Showing the first ${shown} of ${all} rows; the CSV has them all.`,
    ),
} as const;

export const FIGURE_NAME: Readonly<Record<DashboardFigure, Bilingual>> = {
  rotation: bi("轮岗合规率", "Rotation compliance"),
  leave: bi("强制休假覆盖率", "Leave coverage"),
  audits: bi("离岗审计及时率", "Audit timeliness"),
  rectification: bi("整改完成率", "Rectification closure"),
};

export const FIGURE_HINT: Readonly<Record<DashboardFigure, Bilingual>> = {
  rotation: bi("任职未超期限的在岗人数 ÷ 在岗人数", "holders within their tenure limit ÷ holders"),
  leave: bi("近 12 个月休过强制休假的在岗人数 ÷ 在岗人数", "holders who took a mandatory leave in 12 months ÷ holders"),
  audits: bi("按期签发或关闭的审计 ÷ 到期审计", "audits signed or closed by their due date ÷ audits due"),
  rectification: bi("已关闭整改项 ÷ 到期整改项", "rectification items closed ÷ items due"),
};

export const WARNING_NAME: Readonly<Record<WarningKind, Bilingual>> = {
  tenure_overdue: bi("任职超期", "Tenure limit passed"),
  tenure_warning: bi("临近任职期限", "Tenure limit near"),
  leave_overdue: bi("强制休假逾期", "Leave overdue"),
  leave_due: bi("强制休假临期", "Leave due soon"),
  notice_unacknowledged: bi("通知未确认", "Notice not acknowledged"),
  audit_late: bi("审计逾期", "Audit late"),
  rectification_overdue: bi("整改逾期", "Rectification overdue"),
};
