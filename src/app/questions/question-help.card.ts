// What a question that was not understood gets: a short reply in the asker's language (the card is
// bilingual; the renderer picks it) with examples of what Keypost can answer.
import type { Card } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";

export const EXAMPLES = [
  bi("谁在休假 / 下周谁休假 / 12月谁休假", "who is on leave / who's off next week / on leave 2026-12"),
  bi("哪些人该轮岗了 / 30天内到期的轮岗 / 轮岗超期", "who is due for rotation / due in 30 days / overdue rotations"),
  bi("未完成的交接 / 哪些通知没人确认", "open handovers / notices nobody acknowledged"),
  bi("进行中的审计 / 逾期审计 / 逾期整改", "open audits / late audits / overdue rectifications"),
  bi(
    "杨超轮岗后去哪了 / 谁接了浦东支行柜员 / 客户C001归谁管",
    "where did Chao Yang go / who took over P-BR2-01-TELLER / who serves client C001",
  ),
  bi("我们的关键指标 / 审计发现按严重程度", "our key figures / findings by severity"),
  bi("张伟的状态 / 浦东支行怎么样", "status of Zhang Wei / status of Pudong branch"),
];

export function questionHelpCard(understood: boolean): Card {
  return {
    title: understood ? bi("可以这样问我", "What you can ask") : bi("没听懂这个问题", "I did not understand that"),
    text: bi(
      "用中文或英文问，例如：\n" + EXAMPLES.map((e) => `• ${e["zh-CN"]}`).join("\n"),
      "Ask in English or Chinese, for example:\n" + EXAMPLES.map((e) => `• ${e.en}`).join("\n"),
    ),
    fields: [],
    actions: [],
  };
}
