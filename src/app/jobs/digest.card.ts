// The daily digest's card: the reader's own pending matters first ("Waiting for you": a reminder,
// pointing to the message whose buttons answer it, decision 15.21), then one field per late person and subject ("张伟（E005）" →
// "「Mandatory leave planned…」: acknowledgement since 2026-03-02 10:00, after 2 reminders"), times in
// the reader's unit's time zone, and one button: acknowledge. No facts of a subject beyond its
// title, as the escalation message it replaces (decision 15.18).
import type { Card, CardField } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import type { StoredDigestLine } from "../../ports/digest-lines.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { offer } from "../kernel/notify.ts";
import { personLabel } from "../people/person-label.ts";
import type { LineFacts } from "./daily-digest.ts";
import { localTime } from "./ladder-cards.ts";

export interface DigestEntry {
  readonly line: StoredDigestLine;
  readonly late: Person;
  readonly facts: LineFacts;
}

export interface DigestBody {
  readonly title: Card["title"];
  readonly text: NonNullable<Card["text"]>;
  readonly fields: readonly CardField[];
}

/** The digest's words, without its button (compared with the waiting card's to know whether it changed). */
export function digestBody(
  entries: readonly DigestEntry[],
  date: string,
  timeZone: string,
  recipientId: string,
): DigestBody {
  const groups = new Map<string, DigestEntry[]>();
  for (const e of entries) {
    const key = `${e.late.id === recipientId ? "0" : "1"}${e.late.code}\u0000${e.line.subjectType}:${e.line.subjectId}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  const others = entries.filter((e) => e.late.id !== recipientId);
  const people = new Set(others.map((e) => e.late.id)).size;
  let own = 0;
  const fields = ordered.map(([, group]) => {
    const first = group[0]!;
    const since = localTime(new Date(Math.min(...group.map((e) => Date.parse(e.facts.since)))), timeZone);
    const reminders = Math.max(...group.map((e) => e.facts.reminders));
    const awaited = [...new Map(group.map((e) => [e.facts.awaited.en, e.facts.awaited])).values()];
    const zhAwaited = awaited.map((a) => a["zh-CN"]).join("、");
    const enAwaited = awaited.map((a) => a.en).join(", ");
    if (first.late.id === recipientId) {
      // The reader's own matter: the buttons stay on the message it came in (decision 15.21).
      own += 1;
      return {
        label: bi("待您处理", "Waiting for you"),
        value: bi(
          `「${first.facts.title["zh-CN"]}」：自 ${since} 起等待您的${zhAwaited}（第 ${reminders} 次提醒）。按钮在 ${since} 的那条消息上。`,
          `"${first.facts.title.en}": your ${enAwaited} is awaited since ${since} (reminder ${reminders}). Its buttons are on the message of ${since}.`,
        ),
      };
    }
    return {
      label: personLabel(first.late),
      value: bi(
        `「${first.facts.title["zh-CN"]}」：自 ${since} 起未完成${zhAwaited}，已提醒 ${reminders} 次`,
        `"${first.facts.title.en}": no ${enAwaited} since ${since}, after ${reminders} reminder(s)`,
      ),
    };
  });
  const late = fields.length - own;
  const ownText = bi(
    `有 ${own} 项事项等待您处理。`,
    `${own} ${own === 1 ? "matter is" : "matters are"} waiting for you.`,
  );
  const lateText = bi(
    `${people} 人有 ${late} 项未按时处理，均已提醒。请跟进。`,
    `${people} ${people === 1 ? "person has" : "people have"} not acted on ${late} ${late === 1 ? "matter" : "matters"} in time, after reminders. Please follow up.`,
  );
  const parts = [...(own > 0 ? [ownText] : []), ...(late > 0 ? [lateText] : [])];
  return {
    title:
      late === 0
        ? bi(`每日提醒（${date}）`, `Daily reminders (${date})`)
        : bi(`每日待跟进汇总（${date}）`, `Daily follow-up digest (${date})`),
    text: bi(
      `${parts.map((p) => p["zh-CN"]).join("")}事项办结后即从汇总中移除。`,
      `${parts.map((p) => p.en).join(" ")} A matter leaves the digest once it is done.`,
    ),
    fields,
  };
}

export async function digestCard(
  tx: TxPorts,
  body: DigestBody,
  digestId: string,
  lines: number,
  recipient: Person,
): Promise<Card> {
  const ack = await offer(
    tx,
    { action: "notice.acknowledge", subjectType: "digest", subjectId: digestId, version: 1, recipientId: recipient.id },
    bi("确认收到", "Acknowledge"),
    { style: "primary" },
  );
  return { ...body, actions: [ack], subject: { type: "digest", id: digestId, version: lines } };
}
