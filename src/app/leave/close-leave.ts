// leave.close: once the hand-back is confirmed the leave closes (the system does it as soon as the
// hand-back is complete; HR may push it). The substitute's acting assignment ends, recording the
// period they answered for the post: from the takeover day to the hand-back day.
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import { answeredPeriod, type AnsweredPeriod } from "../../domain/handover/handover.machine.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { bi } from "../../ports/locale.ts";
import { useCase, type Env } from "../kernel/use-case.ts";
import {
  handoverOf,
  loadLeave,
  refuseIfSuspended,
  requireVisible,
  sealedUntilOf,
  type LeaveFacts,
} from "./leave-facts.ts";
import { IdSchema, VersionSchema } from "./leave-inputs.ts";
import { applyLeaveEvent, byWho, prepareLeaveEvent, type By } from "./leave-transition.ts";

export async function closeLeave(
  tx: TxPorts,
  env: Env,
  by: By,
  facts: LeaveFacts,
  expectedVersion?: number,
): Promise<AnsweredPeriod> {
  const takeover = handoverOf(facts, "leave_start");
  const handBack = handoverOf(facts, "leave_return");
  const prepared = await prepareLeaveEvent(tx, env, by, facts, { event: "close", expectedVersion });
  if (!takeover || !handBack) throw new DomainError("HANDOVER_INCOMPLETE");
  const period = answeredPeriod(takeover, handBack);
  const moved = await applyLeaveEvent(tx, env, {
    ...prepared,
    firing: { ...prepared.firing, data: { answeredPeriod: { ...period } } },
  });
  const acting = await tx.posts.actingFor(facts.leave.id);
  if (acting && acting.endDate === null) {
    await tx.posts.endActing(facts.leave.id, {
      startDate: period.periodStart,
      endDate: period.periodEnd,
      reason: "leave_cover_ended",
    });
    await tx.log.append({
      at: env.now,
      actorId: by.actorId,
      platform: by.platform,
      action: "assignment.acting_ended",
      subjectType: "assignment",
      subjectId: acting.id,
      sealedUntil: sealedUntilOf(moved),
      data: {
        leaveId: facts.leave.id,
        employeeId: acting.employeeId,
        startDate: period.periodStart,
        endDate: period.periodEnd,
        reason: "leave_cover_ended",
      },
    });
  }
  return period;
}

export const closeLeaveCase = useCase({
  name: "leave.close",
  input: z.object({ leaveId: IdSchema, expectedVersion: VersionSchema }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.close");
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    const period = await closeLeave(tx, env, byWho(who), facts, input.expectedVersion);
    return {
      message: bi(
        `休假已结束。代岗期间：${period.periodStart} 至 ${period.periodEnd}。`,
        `The leave is closed. The substitute answered for the post from ${period.periodStart} to ${period.periodEnd}.`,
      ),
      touched: [{ type: "leave", id: input.leaveId }],
    };
  },
});
