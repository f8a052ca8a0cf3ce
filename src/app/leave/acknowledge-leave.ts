// leave.acknowledge: the holder (or the substitute) acknowledges their leave notices. One of the
// two things a holder on leave may still do; logged sealed like everything about the leave.
import { z } from "zod";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import { bi } from "../i18n/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadLeave, requireVisible, sealedUntilOf } from "./leave-facts.ts";
import { IdSchema } from "./leave-inputs.ts";

export const acknowledgeLeave = useCase({
  name: "leave.acknowledge",
  input: z.object({ leaveId: IdSchema }),
  async run(input, who, tx, env) {
    const refused = suspensionCheck(who.actor, { name: "acknowledge_own_notice", ownerId: who.person.id });
    if (refused) throw new DomainError(refused);
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    const mine = (await tx.outbox.forSubject("leave", facts.leave.id)).filter((n) => n.recipientId === who.person.id && (n.visibleFrom === null || n.visibleFrom <= env.now));
    if (mine.length === 0) throw new DomainError("NOT_FOUND");
    const open = mine.filter((n) => n.acknowledgedAt === null);
    if (open.length === 0) throw new DomainError("ALREADY_DONE");
    for (const notice of open) await tx.outbox.acknowledge(notice.id, env.now);
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: "leave.notice_acknowledged",
      subjectType: "leave",
      subjectId: facts.leave.id,
      sealedUntil: sealedUntilOf(facts),
      data: { notices: [...new Set(open.map((n) => n.kind))] },
    });
    return { message: bi("已确认收到。", "Acknowledged."), touched: [{ type: "leave", id: facts.leave.id }] };
  },
});
