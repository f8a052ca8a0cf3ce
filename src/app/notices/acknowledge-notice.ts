// "I have read it": the recipient acknowledges their notices about one subject. A holder on leave
// may do this (it is one of the two things they may do), for their own notices only.
import { z } from "zod";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { bi } from "../../ports/locale.ts";
import { useCase, type Env, type SubjectRef, type Who } from "../kernel/use-case.ts";

/**
 * Marks the person's own notices about `subject` that are visible now as acknowledged and logs it.
 * NOT_FOUND when they have none visible, ALREADY_DONE when all were acknowledged before.
 */
export async function acknowledgeOwnNotices(
  tx: TxPorts,
  who: Who,
  env: Env,
  subject: SubjectRef,
  log: { readonly action: string; readonly sealedUntil?: Date | null },
): Promise<void> {
  const refused = suspensionCheck(who.actor, { name: "acknowledge_own_notice", ownerId: who.person.id });
  if (refused) throw new DomainError(refused);
  const mine = (await tx.outbox.forSubject(subject.type, subject.id)).filter(
    (n) => n.recipientId === who.person.id && (n.visibleFrom === null || n.visibleFrom <= env.now),
  );
  if (mine.length === 0) throw new DomainError("NOT_FOUND");
  const open = mine.filter((n) => n.acknowledgedAt === null);
  if (open.length === 0) throw new DomainError("ALREADY_DONE");
  for (const notice of open) await tx.outbox.acknowledge(notice.id, env.now);
  await tx.log.append({
    at: env.now,
    actorId: who.person.id,
    platform: who.platform,
    action: log.action,
    subjectType: subject.type,
    subjectId: subject.id,
    sealedUntil: log.sealedUntil ?? null,
    data: { notices: [...new Set(open.map((n) => n.kind))] },
  });
}

export const acknowledgeNotice = useCase({
  name: "notice.acknowledge",
  input: z.object({ subjectType: z.string().min(1).max(40), subjectId: z.string().min(1).max(64) }),
  async run(input, who, tx, env) {
    const subject = { type: input.subjectType, id: input.subjectId };
    await acknowledgeOwnNotices(tx, who, env, subject, { action: "notice.acknowledged" });
    return { message: bi("已确认收到。", "Acknowledged."), touched: [subject] };
  },
});
