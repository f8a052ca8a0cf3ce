// The Teams adapter's own words, in both languages. Refusal sentences are not here: they come from
// the core's codes, through teams-errors.ts.
import { bi } from "../../src/ports/locale.ts";

export const MSG = {
  homeTitle: (name: string) => bi(`Keypost · ${name}`, `Keypost · ${name}`),
  tasks: (n: number) => bi(`待办事项（${n}）`, `Your tasks (${n})`),
  noTasks: bi("没有待办事项。", "Nothing to do."),
  notices: (n: number) => bi(`最近通知（${n}）`, `Recent notices (${n})`),
  acknowledged: bi("（已确认）", " (acknowledged)"),
  page: (page: number, pages: number) => bi(`第 ${page}/${pages} 页`, `Page ${page} of ${pages}`),
  next: bi("下一页", "Next page"),
  previous: bi("上一页", "Previous page"),
  home: bi("主页", "Home"),
  refresh: bi("刷新", "Refresh"),
  welcome: bi(
    "您好，我是 Keypost：岗位轮换、强制休假和离岗审计的通知和待办都会发到这里。输入 help 查看命令。",
    "Hello, I am Keypost: notices and tasks about job rotation, mandatory leave and off-post audits come here. Type help for the commands.",
  ),
  gone: bi("该事项已不在您的待办和通知中。", "That matter is no longer among your tasks and notices."),
  notInstalledHere: bi(
    "Keypost 只在个人聊天中工作，请在个人聊天中与我对话。",
    "Keypost works in personal chat only: talk to me there.",
  ),
  tenantRefused: bi("您所在的组织未获准使用 Keypost。", "Your organisation is not allowed to use Keypost."),
  homeHelp: bi(
    "• home [页码] — 我的主页（待办事项和最近通知）\n卡片上的按钮直接办理；需要填写的内容在按钮展开的表单中填写。",
    "• home [page] — my home (open tasks and recent notices)\nPress the buttons on the cards to act; a button that needs input opens its form inside the card.",
  ),
};
