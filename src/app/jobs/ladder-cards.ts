// The two cards of the ladder. A reminder is the subject's current card (with its live buttons)
// under a "Reminder" title; an escalation tells a manager (or compliance) who has not acted on what
// since when — no facts of the subject beyond its title, and one button: acknowledge.
import { wallClockOf } from "../../domain/calendar/index.ts";
import type { Card } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { offer } from "../kernel/notify.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { personLabel } from "../people/person-label.ts";

export function localTime(at: Date, timeZone: string): string {
  const w = wallClockOf(at, timeZone);
  return `${w.date} ${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

const AWAITED_LABEL: Readonly<Record<string, Bilingual>> = {
  "notice.acknowledge": bi("确认收到", "acknowledgement"),
  "leave.acknowledge": bi("确认收到", "acknowledgement"),
  "leave.record_compliance_notice": bi("确认收到", "acknowledgement"),
  "handover.confirm_item": bi("交接确认", "handover confirmation"),
  "handover.confirm_all": bi("交接确认", "handover confirmation"),
  "audit.give_opinion": bi("审计意见", "audit opinion"),
  "audit.approve_plan": bi("审批", "approval"),
  "audit.reject_plan": bi("审批", "approval"),
  "rotation.approve": bi("审批", "approval"),
  "rotation.approve_plan": bi("审批", "approval"),
  "audit.sign": bi("签发", "sign-off"),
};

export function awaitedLabel(actions: readonly string[]): Bilingual {
  const labels = [
    ...new Map(
      actions
        .map((a) => AWAITED_LABEL[a])
        .filter((l): l is Bilingual => l !== undefined)
        .map((l) => [l.en, l]),
    ).values(),
  ];
  return bi(labels.map((l) => l["zh-CN"]).join("、"), labels.map((l) => l.en).join(", "));
}

export function reminderCard(current: Card, n: number, since: Date, timeZone: string, awaited: Bilingual): Card {
  const at = localTime(since, timeZone);
  return {
    ...current,
    title: bi(`提醒：${current.title["zh-CN"]}`, `Reminder: ${current.title.en}`),
    footer: bi(
      `自 ${at} 起等待您的${awaited["zh-CN"]}（第 ${n} 次提醒）。`,
      `Awaiting your ${awaited.en} since ${at} (reminder ${n}).`,
    ),
  };
}

export interface EscalationFacts {
  readonly noticeId: string;
  readonly late: Person;
  readonly subjectTitle: Bilingual;
  readonly awaited: Bilingual;
  readonly since: Date;
  readonly timeZone: string;
  readonly remindersSent: number;
}

export async function escalationCard(tx: TxPorts, facts: EscalationFacts, recipient: Person): Promise<Card> {
  const at = localTime(facts.since, facts.timeZone);
  const who = facts.late;
  const label = personLabel(who);
  const ack = await offer(
    tx,
    {
      action: "notice.acknowledge",
      subjectType: "notice",
      subjectId: facts.noticeId,
      version: 1,
      recipientId: recipient.id,
    },
    bi("确认收到", "Acknowledge"),
    { style: "primary" },
  );
  return {
    title: bi(`升级提醒：${who.name} 未处理`, `Escalation: ${who.nameEn ?? who.name} has not acted`),
    text: bi(
      `${label["zh-CN"]}自 ${at} 起未完成「${facts.subjectTitle["zh-CN"]}」的${facts.awaited["zh-CN"]}，已提醒 ${facts.remindersSent} 次。请跟进。`,
      `${label.en} has not given the ${facts.awaited.en} on "${facts.subjectTitle.en}" since ${at}, after ${facts.remindersSent} reminder(s). Please follow up.`,
    ),
    fields: [],
    actions: [ack],
    subject: { type: "notice", id: facts.noticeId, version: 1 },
  };
}
