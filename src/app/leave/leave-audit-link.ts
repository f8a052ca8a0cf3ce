// Where a leave meets its off-post audit (the audit area owns the audit): planning requests it,
// cancelling the leave cancels it.
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { cancelAudit, requestAudit } from "../audit/request-audit.ts";
import type { Env } from "../kernel/use-case.ts";
import { sealedUntilOf, type LeaveFacts } from "./leave-facts.ts";

export async function requestLeaveAudit(tx: TxPorts, env: Env, facts: LeaveFacts): Promise<{ auditId: string }> {
  const { leave } = facts;
  return requestAudit(tx, env, {
    leaveId: leave.id,
    postId: leave.postId,
    holderId: leave.holderId,
    unitId: leave.unitId,
    unitPath: leave.unitPath,
    sealedUntil: sealedUntilOf(facts),
  });
}

/** The audit area cancels the audit (as the system) and tells its team, if one was formed. */
export async function cancelLeaveAudit(tx: TxPorts, env: Env, facts: LeaveFacts): Promise<void> {
  if (facts.audit.auditId === null) return;
  await cancelAudit(tx, env, facts.audit.auditId);
}
