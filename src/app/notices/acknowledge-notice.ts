// "I have read it": the recipient acknowledges their notices about one subject. A holder on leave
// may do this (it is one of the two things they may do), for their own notices only.
import { z } from "zod";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import { bi } from "../i18n/locale.ts";
import { useCase } from "../kernel/use-case.ts";

export const acknowledgeNotice = useCase({
  name: "notice.acknowledge",
  input: z.object({ subjectType: z.string().min(1).max(40), subjectId: z.string().min(1).max(64) }),
  async run(input, who, tx, env) {
    const refused = suspensionCheck(who.actor, { name: "acknowledge_own_notice", ownerId: who.person.id });
    if (refused) throw new DomainError(refused);
    const mine = (await tx.outbox.forSubject(input.subjectType, input.subjectId)).filter((n) => n.recipientId === who.person.id);
    const open = mine.filter((n) => n.acknowledgedAt === null && (n.visibleFrom === null || n.visibleFrom <= env.now));
    if (mine.length === 0) throw new DomainError("NOT_FOUND");
    if (open.length === 0) throw new DomainError("ALREADY_DONE");
    for (const notice of open) await tx.outbox.acknowledge(notice.id, env.now);
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: "notice.acknowledged",
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      data: { notices: open.map((n) => n.kind) },
    });
    return { message: bi("已确认收到。", "Acknowledged."), touched: [{ type: input.subjectType, id: input.subjectId }] };
  },
});
