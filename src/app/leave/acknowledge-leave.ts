// leave.acknowledge: the holder (or the substitute) acknowledges their leave notices. One of the
// two things a holder on leave may still do; logged sealed like everything about the leave.
import { z } from "zod";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import { acknowledgeOwnNotices } from "../notices/acknowledge-notice.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadLeave, requireVisible, sealedUntilOf } from "./leave-facts.ts";
import { IdSchema } from "./leave-inputs.ts";

export const acknowledgeLeave = useCase({
  name: "leave.acknowledge",
  input: z.object({ leaveId: IdSchema }),
  async run(input, who, tx, env) {
    const facts = await loadLeave(tx, input.leaveId);
    // Suspension first, so that a suspended holder learns nothing; then secrecy.
    const refused = suspensionCheck(who.actor, { name: "acknowledge_own_notice", ownerId: who.person.id });
    if (refused) throw new DomainError(refused);
    requireVisible(who.actor, facts, env.now);
    await acknowledgeOwnNotices(
      tx,
      who,
      env,
      { type: "leave", id: facts.leave.id },
      { action: "leave.notice_acknowledged", sealedUntil: sealedUntilOf(facts) },
    );
    return { message: bi("已确认收到。", "Acknowledged."), touched: [{ type: "leave", id: facts.leave.id }] };
  },
});
