// The chat command router: the text of `/keypost …` (Slack) or a command typed in a chat (Teams,
// a Slack DM) → a neutral reply (chat-reply.ts). Platform-independent: adapters identify the
// person, call `routeChatCommand`, and render what comes back; a submitted form goes to
// `submitChatForm` (chat-forms.ts). Reads run as the person (home.view, the reports), so the
// secrecy rule holds in every answer; commands go through `execute` like any other use case.
import type { Card } from "../../ports/card.ts";
import { ask } from "../home/query.ts";
import { setLocale } from "../home/set-locale.ts";
import { setPlatform } from "../home/set-platform.ts";
import { isOpenTask, viewHome } from "../home/view-home.ts";
import type { Home, HomeEntry } from "../home/home.ts";
import { bi, type Bilingual, type Locale } from "../../ports/locale.ts";
import { execute, identify, type Kernel } from "../kernel/execute.ts";
import type { Invocation } from "../kernel/use-case.ts";
import type { ReportDeps } from "../reports/report-context.ts";
import { parseChatCommand, MAX_COMMAND_LENGTH, type ChatVerb } from "./chat-command.parser.ts";
import { CHAT_FORMS, type ChatFormId } from "./chat-forms.ts";
import { textReply, type ChatReply } from "./chat-reply.ts";
import { answerFreeText } from "./free-text.ts";
import { ATTACH_USAGE } from "./attach-reply.ts";
import { evidencePackReply } from "./evidence-reply.ts";
import { dashboardReply } from "./dashboard-reply.ts";
import { reportList, reportReply } from "./report-reply.ts";
import { roleSummaryCard } from "./role-summary.ts";

export interface ChatCommandDeps {
  readonly kernel: Kernel;
  /** The reports' read side (figures for `report` and the managers' part of `status`); without it those answer that reports are unavailable. */
  readonly reports?: ReportDeps;
}

export const HELP: Bilingual = bi(
  [
    "Keypost 命令：",
    "• status — 我的概况（管理人员：辖内概况）；status <问题> — 提问",
    "• tasks [页码] — 我的待办（带按钮）",
    "• audit [页码] — 我的离岗审计与检查清单",
    "• report [名称] [页码] — 报表",
    "• leave — 安排强制休假（人力资源）",
    "• event — 报告重大事项",
    "• lang zh-CN|en — 切换语言",
    "• 平台 Slack|Teams — 同时有 Slack 和 Teams 账号时，通知只发到哪一个",
    "• dashboard — 网页仪表盘的一次性登录链接",
    "• attach <岗位编号> <序号> — 随文件发送，作为检查项的证据",
    "• pack <岗位编号> — 已签署审计的证据包下载链接（合规、审计组）",
    "• help — 本帮助",
  ].join("\n"),
  [
    "Keypost commands:",
    "• status — my summary (managers: their units); status <question> — ask",
    "• tasks [page] — my open tasks, with buttons",
    "• audit [page] — my off-post audits and checklists",
    "• report [name] [page] — reports",
    "• leave — plan a mandatory leave (HR)",
    "• event — report a major personal event",
    "• lang zh-CN|en — change language",
    "• platform slack|teams — with both a Slack and a Teams account, where notices reach you",
    "• dashboard — a one-time sign-in link to the web dashboard",
    "• attach <post code> <item> — sent with a file: evidence for a checklist item",
    "• pack <post code> — a download link to a signed-off audit's evidence pack (compliance, the audit team)",
    "• help — this help",
  ].join("\n"),
);

const AUDIT_SUBJECTS = new Set(["audit", "rectification"]);
/**
 * Cards per page of `tasks` and `audit`: what fits whole in one Slack message (50 blocks, a card
 * takes up to 8) and one Teams message. The page is cut here, never by a renderer: a renderer
 * dropping cards that do not fit made the next page skip them (13 tasks: page 2 began at 11).
 */
export const CHAT_PAGE_SIZE = 5;

/** Every home entry of the person (all home pages), in the home's order: open tasks first. */
async function allEntries(deps: ChatCommandDeps, invocation: Invocation): Promise<HomeEntry[] | ChatReply> {
  const first = await home(deps, invocation, 1);
  if (isReply(first)) return first;
  const entries: HomeEntry[] = [...first.tasks, ...first.notices];
  for (let p = 2; p <= first.pages; p += 1) {
    const h = await home(deps, invocation, p);
    if (isReply(h)) return h;
    entries.push(...h.tasks, ...h.notices);
  }
  return entries;
}

function pageArg(args: readonly string[], at = 0): number {
  const raw = args[at];
  return raw !== undefined && /^\d{1,4}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
}

function localeArg(word: string | undefined): Locale | undefined {
  const w = (word ?? "").toLowerCase();
  if (["en", "english", "英文", "英语"].includes(w)) return "en";
  if (["zh", "zh-cn", "cn", "chinese", "中文", "简体中文"].includes(w)) return "zh-CN";
  return undefined;
}

function pageOf(verb: string, page: number, pages: number): NonNullable<Extract<ChatReply, { kind: "cards" }>["page"]> {
  return {
    page,
    pages,
    ...(page < pages ? { next: `${verb} ${page + 1}` } : {}),
    ...(page > 1 ? { previous: `${verb} ${page - 1}` } : {}),
  };
}

function entriesReply(
  verb: string,
  entries: readonly HomeEntry[],
  page: number,
  pages: number,
  total: number,
  heading: (n: number) => Bilingual,
  empty: Bilingual,
): ChatReply {
  if (total === 0) return textReply(empty);
  return { kind: "cards", text: heading(total), cards: entries.map((e) => e.card), page: pageOf(verb, page, pages) };
}

async function home(deps: ChatCommandDeps, invocation: Invocation, page: number): Promise<Home | ChatReply> {
  const answer = await ask(deps.kernel, viewHome, { page }, invocation);
  return answer.ok ? answer.value : textReply(answer.message, answer.code);
}

const isReply = (value: Home | ChatReply): value is ChatReply => "kind" in value;

async function tasks(deps: ChatCommandDeps, invocation: Invocation, page: number): Promise<ChatReply> {
  const all = await allEntries(deps, invocation);
  if (!Array.isArray(all)) return all;
  const open = all.filter(isOpenTask);
  const pages = Math.max(1, Math.ceil(open.length / CHAT_PAGE_SIZE));
  const shown = Math.min(page, pages);
  return entriesReply(
    "tasks",
    open.slice((shown - 1) * CHAT_PAGE_SIZE, shown * CHAT_PAGE_SIZE),
    shown,
    pages,
    open.length,
    (n) => bi(`您有 ${n} 项待办。`, `You have ${n} open task${n === 1 ? "" : "s"}.`),
    bi("没有待办事项。", "Nothing to do."),
  );
}

/** Audit and rectification entries of the home (open tasks first), a page at a time. */
async function audits(deps: ChatCommandDeps, invocation: Invocation, page: number): Promise<ChatReply> {
  const all = await allEntries(deps, invocation);
  if (!Array.isArray(all)) return all;
  const entries = all.filter((e) => AUDIT_SUBJECTS.has(e.subjectType));
  const pages = Math.max(1, Math.ceil(entries.length / CHAT_PAGE_SIZE));
  const shown = Math.min(page, pages);
  return entriesReply(
    "audit",
    entries.slice((shown - 1) * CHAT_PAGE_SIZE, shown * CHAT_PAGE_SIZE),
    shown,
    pages,
    entries.length,
    (n) => bi(`您的离岗审计与整改：${n} 项。`, `Your off-post audits and rectifications: ${n}.`),
    bi("您目前没有离岗审计。", "You have no off-post audits right now."),
  );
}

async function status(deps: ChatCommandDeps, invocation: Invocation): Promise<ChatReply> {
  const h = await home(deps, invocation, 1);
  if (isReply(h)) return h;
  const who = await deps.kernel.uow.run((tx) =>
    identify(tx, invocation.personId, deps.kernel.orgLocale, invocation.platform),
  );
  const card: Card = await roleSummaryCard(h, who.actor, deps.reports, invocation.platform);
  return { kind: "cards", cards: [card] };
}

async function report(deps: ChatCommandDeps, invocation: Invocation, args: readonly string[]): Promise<ChatReply> {
  if (args.length === 0) return reportList(invocation.platform);
  const who = await deps.kernel.uow.run((tx) =>
    identify(tx, invocation.personId, deps.kernel.orgLocale, invocation.platform),
  );
  return reportReply(
    deps.reports,
    who.actor,
    deps.kernel.clock.now(),
    args[0]!,
    pageArg(args, 1),
    who.person.unitTimeZone,
  );
}

async function lang(deps: ChatCommandDeps, invocation: Invocation, args: readonly string[]): Promise<ChatReply> {
  const locale = localeArg(args[0]);
  if (!locale) return textReply(bi("用法：lang zh-CN 或 lang en", "Usage: lang zh-CN or lang en"), "INVALID_INPUT");
  const outcome = await execute(deps.kernel, setLocale, { locale }, invocation);
  return textReply(outcome.message, outcome.ok ? undefined : outcome.code);
}

async function platform(deps: ChatCommandDeps, invocation: Invocation, args: readonly string[]): Promise<ChatReply> {
  const chosen = args[0]?.toLowerCase();
  if (chosen !== "slack" && chosen !== "teams")
    return textReply(bi("用法：平台 Slack 或 平台 Teams", "Usage: platform slack or platform teams"), "INVALID_INPUT");
  const outcome = await execute(deps.kernel, setPlatform, { platform: chosen }, invocation);
  return textReply(outcome.message, outcome.ok ? undefined : outcome.code);
}

function form(id: ChatFormId): ChatReply {
  const spec = CHAT_FORMS[id];
  return { kind: "form", form: { id, title: spec.title, inputs: spec.inputs } };
}

/** Answers one chat command as the person. An unknown person gets UNKNOWN_USER's sentence and nothing else happens. */
export async function routeChatCommand(
  deps: ChatCommandDeps,
  text: unknown,
  invocation: Invocation,
): Promise<ChatReply> {
  const command = parseChatCommand(text);
  if (command.kind === "too_long")
    return textReply(
      bi(`命令太长（最多 ${MAX_COMMAND_LENGTH} 字）。`, `That is too long (at most ${MAX_COMMAND_LENGTH} characters).`),
      "INVALID_INPUT",
    );
  // Anything the person cannot be identified for is refused before any reading or writing.
  const known = await ask(deps.kernel, viewHome, { page: 1 }, invocation);
  if (!known.ok) return textReply(known.message, known.code);
  if (command.kind === "free") return answerFreeText(deps.kernel, command.text, invocation);
  const routes: Readonly<Record<ChatVerb, () => Promise<ChatReply>>> = {
    help: async () => textReply(HELP),
    status: () =>
      command.rest === "" ? status(deps, invocation) : answerFreeText(deps.kernel, command.rest, invocation),
    tasks: () => tasks(deps, invocation, pageArg(command.args)),
    audit: () => audits(deps, invocation, pageArg(command.args)),
    report: () => report(deps, invocation, command.args),
    leave: async () => form("leave.plan"),
    event: async () => form("major_event.file"),
    lang: () => lang(deps, invocation, command.args),
    platform: () => platform(deps, invocation, command.args),
    dashboard: () => dashboardReply(deps.kernel, invocation),
    // Typed without a file: how to send one (the adapters route a message with files to attachFromChat).
    attach: async () => textReply(ATTACH_USAGE),
    pack: () => evidencePackReply(deps.kernel, invocation, command.args),
  };
  return routes[command.verb]();
}
