// leave.cancel: HR or compliance cancels a leave before it starts. It stays sealed for ever:
// compliance is told, the audit requested for it is cancelled, the holder never hears of it.
import { z } from "zod";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadLeave, refuseIfSuspended, requireVisible } from "./leave-facts.ts";
import { IdSchema, VersionSchema } from "./leave-inputs.ts";
import { byWho, fireLeaveEvent } from "./leave-transition.ts";

export const cancelLeave = useCase({
  name: "leave.cancel",
  input: z.object({ leaveId: IdSchema, reason: z.string().max(2000).default(""), expectedVersion: VersionSchema }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.cancel");
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    const moved = await fireLeaveEvent(tx, env, byWho(who), facts, {
      event: "cancel",
      expectedVersion: input.expectedVersion,
      data: { reason: input.reason },
      personal: { reason: who.person.id }, // typed by them
    });
    return {
      message: bi("休假已取消，已通知合规部门。", "The leave is cancelled; compliance has been told."),
      touched: [
        { type: "leave", id: moved.leave.id },
        ...(moved.audit.auditId ? [{ type: "audit", id: moved.audit.auditId }] : []),
      ],
    };
  },
});
