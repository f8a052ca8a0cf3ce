// Sending a notice whose card depends on the recipient: a recipient for whom the card builder has
// nothing to show (they may not see the subject) is not told at all. And the Acknowledge button.
import type { Card, CardAction } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import { offer, sendNotice, type NoticeSpec } from "../kernel/notify.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

export async function notifyVisible(
  tx: TxPorts,
  spec: NoticeSpec,
  recipients: readonly Person[],
  build: (recipient: Person) => Promise<Card | undefined>,
): Promise<number> {
  const cards = new Map<string, Card>();
  for (const recipient of recipients) {
    if (cards.has(recipient.id)) continue;
    const card = await build(recipient);
    if (card) cards.set(recipient.id, card);
  }
  const told = recipients.filter((r) => cards.has(r.id));
  return sendNotice(tx, spec, told, async (r) => cards.get(r.id) as Card);
}

/**
 * "I have read it", offered while the recipient has a notice about the subject they have not
 * acknowledged — including the notice whose card is being built right now (`kind`, not stored yet).
 */
export async function acknowledgeButton(
  tx: TxPorts,
  subject: { readonly type: string; readonly id: string; readonly version: number },
  recipientId: string,
  now: Date,
  kind = "",
): Promise<CardAction[]> {
  const mine = (await tx.outbox.forSubject(subject.type, subject.id)).filter((n) => n.recipientId === recipientId);
  const open = mine.some((n) => n.acknowledgedAt === null && (n.visibleFrom === null || n.visibleFrom <= now));
  const beingSent = kind !== "" && !mine.some((n) => n.kind === kind);
  if (!open && !beingSent) return [];
  return [
    await offer(
      tx,
      {
        action: "notice.acknowledge",
        subjectType: subject.type,
        subjectId: subject.id,
        version: subject.version,
        recipientId,
      },
      bi("确认收到", "Acknowledge"),
      { style: "primary" },
    ),
  ];
}
