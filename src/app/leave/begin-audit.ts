// leave.begin_audit: the off-post audit's fieldwork has begun (handed_over → audit). The audit
// area calls `leaveAuditBegan` when its fieldwork starts; compliance may record it by hand. A leave
// whose takeover is not confirmed yet moves to audit when it is (see leave-cascades.ts).
import { z } from "zod";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { bi } from "../../ports/locale.ts";
import { useCase, type Env } from "../kernel/use-case.ts";
import { findLeave, loadLeave, refuseIfSuspended, requireVisible } from "./leave-facts.ts";
import { IdSchema, VersionSchema } from "./leave-inputs.ts";
import { bySystem, byWho, fireLeaveEvent } from "./leave-transition.ts";

export const beginLeaveAudit = useCase({
  name: "leave.begin_audit",
  input: z.object({ leaveId: IdSchema, expectedVersion: VersionSchema }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.begin_audit");
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    const moved = await fireLeaveEvent(tx, env, byWho(who), facts, {
      event: "begin_audit",
      expectedVersion: input.expectedVersion,
      data: { auditId: facts.audit.auditId },
    });
    return {
      message: bi("已记录：离岗审计开始。", "Recorded: the off-post audit has begun."),
      touched: [{ type: "leave", id: moved.leave.id }],
    };
  },
});

/**
 * For the audit area, in its own transaction, when fieldwork starts. Never throws for a leave in
 * another state (it must not undo the audit's step): answers whether the leave moved.
 */
export async function leaveAuditBegan(tx: TxPorts, env: Env, leaveId: string): Promise<{ began: boolean }> {
  const facts = await findLeave(tx, leaveId);
  if (!facts || facts.leave.status !== "handed_over") return { began: false };
  await fireLeaveEvent(tx, env, bySystem("system"), facts, {
    event: "begin_audit",
    data: { auditId: facts.audit.auditId },
  });
  return { began: true };
}
