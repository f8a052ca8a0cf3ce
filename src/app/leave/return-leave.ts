// leave.return: the leave ends (the scheduler once its end day is over in the unit's time zone, or
// HR by hand). Authority comes back first — the holder's status is active again once the leave is
// no longer away — so that the holder can confirm the hand-back substitute → holder, which opens now.
import { z } from "zod";
import { HandoverItemSchema } from "../handover/handover-items.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadLeave, refuseIfSuspended, requireVisible } from "./leave-facts.ts";
import { IdSchema, VersionSchema } from "./leave-inputs.ts";
import { byWho, fireLeaveEvent } from "./leave-transition.ts";

export const returnLeave = useCase({
  name: "leave.return",
  input: z.object({
    leaveId: IdSchema,
    expectedVersion: VersionSchema,
    /** The hand-back sheet; default: the takeover's items. */
    items: z.array(HandoverItemSchema).max(50).optional(),
  }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.return");
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    const moved = await fireLeaveEvent(tx, env, byWho(who), facts, {
      event: "return",
      expectedVersion: input.expectedVersion,
      options: { items: input.items },
      data: { endDate: facts.leave.endDate, early: facts.post.calendar.localDateOf(env.now) <= facts.leave.endDate },
    });
    const touched = [
      { type: "leave", id: moved.leave.id },
      ...moved.handovers.map((h) => ({ type: "handover", id: h.id })),
    ];
    return {
      message: bi(
        "休假结束：权限已恢复，交回手续已发起。",
        "The leave is over: authority is restored and the hand-back is open.",
      ),
      touched,
    };
  },
});
