// The daily digest's card: one field per late person and subject ("张伟（E005）" →
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
export function digestBody(entries: readonly DigestEntry[], date: string, timeZone: string): DigestBody {
  const groups = new Map<string, DigestEntry[]>();
  for (const e of entries) {
    const key = `${e.late.code}\u0000${e.line.subjectType}:${e.line.subjectId}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  const people = new Set(entries.map((e) => e.late.id)).size;
  const fields = ordered.map(([, group]) => {
    const first = group[0]!;
    const since = localTime(new Date(Math.min(...group.map((e) => Date.parse(e.facts.since)))), timeZone);
    const reminders = Math.max(...group.map((e) => e.facts.reminders));
    const awaited = [...new Map(group.map((e) => [e.facts.awaited.en, e.facts.awaited])).values()];
    return {
      label: personLabel(first.late),
      value: bi(
        `「${first.facts.title["zh-CN"]}」：自 ${since} 起未完成${awaited.map((a) => a["zh-CN"]).join("、")}，已提醒 ${reminders} 次`,
        `"${first.facts.title.en}": no ${awaited.map((a) => a.en).join(", ")} since ${since}, after ${reminders} reminder(s)`,
      ),
    };
  });
  return {
    title: bi(`每日待跟进汇总（${date}）`, `Daily follow-up digest (${date})`),
    text: bi(
      `${people} 人有 ${fields.length} 项未按时处理，均已提醒。请跟进。事项办结后即从汇总中移除。`,
      `${people} ${people === 1 ? "person has" : "people have"} not acted on ${fields.length} ${fields.length === 1 ? "matter" : "matters"} in time, after reminders. Please follow up. A matter leaves the digest once it is done.`,
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
