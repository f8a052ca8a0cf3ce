// "I read this as: overdue rotations in Pudong Sub-branch" — the reading the parser chose, in words,
// shown under an answer when the question was not taken as typed (a keyword's typo corrected), so
// the asker can tell a wrong guess from a wrong answer.
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { UnitWordFact } from "../../ports/question-reads.ts";
import type { ParsedQuestion } from "./question.parser.ts";

const WHAT: Readonly<Record<ParsedQuestion["intent"], Bilingual>> = {
  "leave.who": bi("谁在休假", "who is on leave"),
  "leave.due": bi("应休的强制休假", "mandatory leave owed"),
  "rotation.due": bi("到期的轮岗", "rotations due"),
  "handover.open": bi("未完成的交接", "open handovers"),
  "notice.unacknowledged": bi("无人确认的通知", "notices nobody acknowledged"),
  "audit.open": bi("进行中的审计", "open audits"),
  "audit.late": bi("逾期的审计", "late audits"),
  "rectification.overdue": bi("逾期的整改", "overdue rectifications"),
  "history.person": bi("轮岗去向", "where someone went"),
  "history.post": bi("岗位由谁担任", "who holds a post"),
  "history.client": bi("客户的客户经理", "a client's relationship manager"),
  figures: bi("关键指标", "key figures"),
  "status.person": bi("人员状态", "a person's status"),
  "status.unit": bi("机构概况", "a unit's status"),
  "holders.list": bi("关键岗位在岗人", "key-post holders"),
  "clients.person": bi("某人服务的客户", "the clients someone serves"),
  "staff.list": bi("员工人数", "staff"),
  help: bi("帮助", "help"),
  unknown: bi("帮助", "help"),
};

export function readingOf(parsed: ParsedQuestion, units: readonly UnitWordFact[]): Bilingual {
  const s = parsed.slots;
  let zh = WHAT[parsed.intent]["zh-CN"];
  let en = WHAT[parsed.intent].en;
  if (parsed.intent === "staff.list" && s.heads) [zh, en] = ["机构负责人", "who runs a unit"];
  else if (parsed.intent === "holders.list" && s.rank)
    [zh, en] =
      s.rank.by === "longest"
        ? [`在岗最久的 ${s.rank.count} 位`, `the ${s.rank.count} longest in post`]
        : [`最近上岗的 ${s.rank.count} 位`, `the ${s.rank.count} newest in post`];
  else if (parsed.intent === "rotation.due" && s.overdue) [zh, en] = ["轮岗已超期", "overdue rotations"];
  else if (parsed.intent === "rotation.due" && s.andOverdue)
    [zh, en] = [`已超期或 ${s.days ?? 90} 天内到期的轮岗`, `rotations overdue or due within ${s.days ?? 90} days`];
  else if (parsed.intent === "rotation.due" && s.by) [zh, en] = [`截至 ${s.by} 到期的轮岗`, `rotations due by ${s.by}`];
  else if (parsed.intent === "rotation.due" && s.days)
    [zh, en] = [`${s.days} 天内到期的轮岗`, `rotations due within ${s.days} days`];
  const subject = s.person ?? s.post ?? s.client;
  if (subject) [zh, en] = [`${zh}：${subject}`, `${en}: ${subject}`];
  const named = [s.unit, ...(s.alsoUnits ?? [])].flatMap((c) => units.find((u) => u.code === c) ?? []);
  if (named.length > 0)
    [zh, en] = [
      `${named.map((u) => u.name).join("、")}${zh}`,
      `${en} in ${named.map((u) => u.nameEn ?? u.code).join(" and ")}`,
    ];
  if (s.range) {
    const days = s.range.from === s.range.to ? s.range.from : `${s.range.from} – ${s.range.to}`;
    [zh, en] = [`${zh}（${days}）`, `${en} (${days})`];
  }
  return bi(`按此理解：${zh}`, `I read this as: ${en}`);
}
