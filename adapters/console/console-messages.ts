// The terminal's own words (prompts, headings, help), in both languages. Refusal sentences are
// not here: they come from the core's codes, through console-errors.ts.
import { bi, type Bilingual } from "../../src/ports/locale.ts";

export const MSG = {
  prompt: bi("keypost> ", "keypost> "),
  tasks: (n: number) => bi(`待办事项（${n}）`, `Your tasks (${n})`),
  noTasks: bi("没有待办事项。", "Nothing to do."),
  notices: (n: number) => bi(`最近通知（${n}）`, `Recent notices (${n})`),
  acknowledged: bi("（已确认）", " (acknowledged)"),
  page: (page: number, pages: number) =>
    bi(`第 ${page}/${pages} 页 · n 下一页 · p 上一页`, `Page ${page} of ${pages} · n next · p previous`),
  hint: bi("输入编号执行操作；? 查看帮助。", "Type a number to act; ? for help."),
  cardHint: bi("输入编号执行操作；h 返回主页；? 查看帮助。", "Type a number to act; h for your home; ? for help."),
  help: bi(
    [
      "命令：",
      "  1, 2, …      执行屏幕上对应编号的操作",
      "  v <编号>     查看第 <编号> 条最近通知的完整内容",
      "  h            主页（待办事项和最近通知）",
      "  n / p        下一页 / 上一页",
      "  r            刷新当前内容",
      "  lang en | lang zh-CN   切换语言（会保存到您的个人资料）",
      "  dashboard    网页仪表盘的一次性登录链接（5 分钟内有效）",
      "  do <用例> {JSON} 或 do <用例> 键=值 …   直接执行一个用例（如 leave.plan）；只输入 do 列出全部",
      "  其他任何输入  用中文或英文提问，例如：谁在休假、下周谁休假、哪些人该轮岗了、张伟的状态",
      "  ?            帮助",
      "  q            退出",
      "填写表单时输入 /cancel 放弃。",
    ].join("\n"),
    [
      "Commands:",
      "  1, 2, …      press the action with that number on screen",
      "  v <n>        show recent notice <n> in full",
      "  h            home (your tasks and recent notices)",
      "  n / p        next / previous page",
      "  r            refresh what is on screen",
      "  lang en | lang zh-CN   switch language (saved to your profile)",
      "  dashboard    a one-time sign-in link to the web dashboard (valid 5 minutes)",
      "  do <use case> {JSON} | do <use case> key=value …   run a use case (e.g. leave.plan); do alone lists them",
      "  anything else   a question in words, e.g. who is on leave, who's off next week, overdue rotations, status of Pudong branch",
      "  ?            this help",
      "  q            quit",
      "While filling in a form, type /cancel to give up.",
    ].join("\n"),
  ),
  noSuchAction: (n: number) => bi(`屏幕上没有编号为 [${n}] 的操作。`, `There is no action [${n}] on screen.`),
  noSuchNotice: (n: string) =>
    bi(`本页没有第 ${n} 条通知（用法：v <编号>）。`, `There is no notice ${n} on this page (usage: v <n>).`),
  firstPage: bi("已经是第一页。", "This is the first page."),
  lastPage: bi("已经是最后一页。", "This is the last page."),
  langUsage: (current: string) =>
    bi(
      `当前语言：${current}。用法：lang en 或 lang zh-CN`,
      `Current language: ${current}. Usage: lang en or lang zh-CN`,
    ),
  gone: bi("该事项已不在您的主页上。", "That matter is no longer on your home."),
  cancelled: bi("已取消，未提交任何内容。", "Cancelled: nothing was sent."),
  bye: bi("再见。", "Bye."),
  useCases: (names: string) => bi(`可执行的用例：${names}`, `Use cases: ${names}`),
  noUseCase: (name: string) =>
    bi(`没有名为“${name}”的用例。输入 do 查看列表。`, `There is no use case "${name}". Type do to list them.`),
  badJson: (text: string) => bi(`无法解析 JSON 对象：${text}`, `That is not a JSON object: ${text}`),
  badPair: (text: string) => bi(`“${text}”不是 键=值 的形式。`, `"${text}" is not key=value.`),
  // forms
  formCancelHint: bi("（输入 /cancel 放弃）", "(type /cancel to give up)"),
  optional: bi("（可选，直接回车跳过）", " (optional: press Enter to skip)"),
  dateHint: bi("（格式 YYYY-MM-DD）", " (as YYYY-MM-DD)"),
  urlHint: bi("（https:// 开头的网址）", " (an https:// address)"),
  peopleHint: bi("（员工编号，逗号分隔）", " (employee codes, comma-separated)"),
  selectHint: (n: number) => bi(`（输入 1–${n}）`, ` (type 1–${n})`),
  example: (text: string) => bi(`例如：${text}`, `e.g. ${text}`),
  required: bi("此项必填。", "This is required."),
  badDate: bi("请按 YYYY-MM-DD 输入一个有效日期。", "Please enter a valid date as YYYY-MM-DD."),
  badUrl: bi("请输入以 https:// 开头的有效网址。", "Please enter a valid https:// address."),
  badChoice: (n: number) => bi(`请输入 1 到 ${n} 之间的数字。`, `Please type a number from 1 to ${n}.`),
  tooLong: (max: number) => bi(`最多 ${max} 个字符。`, `At most ${max} characters.`),
} satisfies Record<string, Bilingual | ((...args: never[]) => Bilingual)>;
