// leave.extend: HR or compliance extends a leave while its audit has serious (high or critical)
// findings, read from the audit's Finding rows. The holder and the substitute are told.
import { inputDetail } from "../kernel/input-problem.ts";
import { z } from "zod";
import { AppError } from "../kernel/app-error.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadLeave, refuseIfSuspended, requireVisible } from "./leave-facts.ts";
import { IdSchema, LocalDateSchema, VersionSchema } from "./leave-inputs.ts";
import { applyLeaveEvent, byWho, prepareLeaveEvent } from "./leave-transition.ts";

export const extendLeave = useCase({
  name: "leave.extend",
  input: z.object({
    leaveId: IdSchema,
    endDate: LocalDateSchema,
    reason: z.string().max(2000).default(""),
    expectedVersion: VersionSchema,
  }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.extend");
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    const prepared = await prepareLeaveEvent(tx, env, byWho(who), facts, {
      event: "extend",
      expectedVersion: input.expectedVersion,
      patch: { endDate: input.endDate },
      data: {
        previousEndDate: facts.leave.endDate,
        endDate: input.endDate,
        reason: input.reason,
        auditId: facts.audit.auditId,
      },
    });
    if (input.endDate <= facts.leave.endDate)
      throw new AppError(
        "INVALID_INPUT",
        inputDetail("endDate", "not_after_end", `endDate: must be after ${facts.leave.endDate}`),
      );
    const moved = await applyLeaveEvent(tx, env, prepared);
    return {
      message: bi(`休假已延长至 ${input.endDate}。`, `The leave is extended to ${input.endDate}.`),
      touched: [{ type: "leave", id: moved.leave.id }],
    };
  },
});
