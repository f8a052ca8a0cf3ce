// leave.record_compliance_notice: compliance acknowledging the planned-leave notice records that
// compliance has been told (planned → compliance_notified); so does the system when the notice is
// delivered (`leaveNoticeDelivered`, for the dispatcher). A second officer acknowledging later only
// acknowledges their own notice.
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { bi } from "../../ports/locale.ts";
import { useCase, type Env } from "../kernel/use-case.ts";
import { findLeave, loadLeave, refuseIfSuspended, requireVisible, sealedUntilOf } from "./leave-facts.ts";
import { IdSchema } from "./leave-inputs.ts";
import { bySystem, byWho, fireLeaveEvent } from "./leave-transition.ts";

export const recordComplianceNotice = useCase({
  name: "leave.record_compliance_notice",
  input: z.object({ leaveId: IdSchema }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.record_compliance_notice");
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    const mine = (await tx.outbox.forSubject("leave", facts.leave.id)).filter(
      (n) => n.recipientId === who.person.id && n.kind === "leave_planned" && n.acknowledgedAt === null,
    );
    const kinds = [...new Set(mine.map((n) => n.kind))];
    let recorded = false;
    if (facts.leave.status === "planned") {
      await fireLeaveEvent(tx, env, byWho(who), facts, {
        event: "record_compliance_notice",
        data: { acknowledged: kinds },
      });
      recorded = true;
    } else if (mine.length === 0) {
      throw new DomainError("ALREADY_DONE");
    }
    for (const notice of mine) await tx.outbox.acknowledge(notice.id, env.now);
    if (!recorded) {
      await tx.log.append({
        at: env.now,
        actorId: who.person.id,
        platform: who.platform,
        action: "leave.notice_acknowledged",
        subjectType: "leave",
        subjectId: facts.leave.id,
        sealedUntil: sealedUntilOf(facts),
        data: { notices: kinds },
      });
    }
    return {
      message: recorded
        ? bi("已确认收到，休假已记录为“已通知合规”。", "Acknowledged: the leave is recorded as notified to compliance.")
        : bi("已确认收到。", "Acknowledged."),
      touched: [{ type: "leave", id: facts.leave.id }],
    };
  },
});

/** The dispatcher delivered the planned-leave notice to compliance: the system records it. Idempotent. */
export async function leaveNoticeDelivered(tx: TxPorts, env: Env, leaveId: string): Promise<boolean> {
  const facts = await findLeave(tx, leaveId);
  if (!facts || facts.leave.status !== "planned") return false;
  await fireLeaveEvent(tx, env, bySystem("system"), facts, {
    event: "record_compliance_notice",
    data: { delivered: true },
  });
  return true;
}
