import { same, type Card } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { Person } from "../../ports/people-repository.ts";
import { nameOf } from "../people/rotation-people.ts";
import { deliveryReasonText } from "./delivery-reason.ts";

export type DeliveryProblem = "failed" | "unknown";

const PLATFORM: Readonly<Record<StoredNotice["platform"], Bilingual>> = {
  slack: same("Slack"),
  teams: same("Microsoft Teams"),
  log: bi("日志", "log"),
};

/**
 * Told to the recipient's manager and compliance when a notice cannot be delivered, and to
 * compliance when its outcome stays unknown. It says who, which notice (its title and kind), on
 * which platform and why — never anything of the notice's content.
 */
export function deliveryProblemCard(
  problem: DeliveryProblem,
  notice: StoredNotice,
  recipient: Person,
  reason: string,
  attempts: number,
): Card {
  const who = nameOf(recipient);
  const text =
    problem === "failed"
      ? bi(
          `无法向${who.zh}发送通知“${notice.card.title["zh-CN"]}”。请通过其他途径告知本人，并检查其聊天账号。`,
          `A notice "${notice.card.title.en}" could not be delivered to ${who.en}. Please reach them another way and check their chat account.`,
        )
      : bi(
          `向${who.zh}发送通知“${notice.card.title["zh-CN"]}”的结果无法确认（可能已送达）。为避免重复，系统不会重发；请核实本人是否收到。`,
          `Whether the notice "${notice.card.title.en}" reached ${who.en} cannot be confirmed (it may have). To avoid a duplicate it is not sent again; please check with them.`,
        );
  return {
    title:
      problem === "failed"
        ? bi("通知发送失败", "Notice not delivered")
        : bi("通知送达情况不明", "Notice outcome unknown"),
    text,
    fields: [
      { label: bi("收件人", "Recipient"), value: bi(who.zh, who.en) },
      {
        label: bi("通知", "Notice"),
        value: notice.card.title,
      },
      { label: bi("平台", "Platform"), value: PLATFORM[notice.platform] },
      { label: bi("原因", "Reason"), value: deliveryReasonText(reason) },
      { label: bi("尝试次数", "Attempts"), value: same(String(attempts)) },
    ],
    actions: [],
  };
}

/**
 * Told once to the person's manager and compliance when a person cannot be reached at all on a
 * platform (the Teams app not installed, the account unknown or deactivated): one finding about
 * the person, not one card per notice that failed. It names no notice (a sealed leave's notice may
 * be among them), only the person, the platform and what to do.
 */
export function unreachableCard(recipient: Person, platform: StoredNotice["platform"], reason: string): Card {
  const who = nameOf(recipient);
  const on = PLATFORM[platform];
  return {
    title: bi(`无法通过${on["zh-CN"]}联系${who.zh}`, `${who.en} cannot be reached on ${on.en}`),
    text: bi(
      `在此问题解决前，${who.zh}收不到任何 Keypost 通知。请通过其他途径告知本人，并为其安装应用或检查聊天账号。此后的通知失败不再逐条提醒。`,
      `Until this is fixed, no Keypost notice reaches ${who.en}. Please tell them another way and install the app or check their chat account. Further notices that fail are not reported one by one.`,
    ),
    fields: [
      { label: bi("员工", "Employee"), value: bi(who.zh, who.en) },
      { label: bi("平台", "Platform"), value: on },
      { label: bi("原因", "Reason"), value: deliveryReasonText(reason) },
    ],
    actions: [],
  };
}
