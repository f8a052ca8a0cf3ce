// leave.assign_substitute: HR names (or changes) the substitute before the leave starts. The
// substitute hears nothing now: like the holder, they are told at the start.
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadLeave, personByRef, refuseIfSuspended, requireVisible } from "./leave-facts.ts";
import { IdSchema, RefSchema, VersionSchema } from "./leave-inputs.ts";
import { byWho, fireLeaveEvent } from "./leave-transition.ts";
import { buildLeaveCard } from "./leave.cards.ts";
import { personLabel } from "../people/person-label.ts";

export const assignSubstitute = useCase({
  name: "leave.assign_substitute",
  input: z.object({ leaveId: IdSchema, substitute: RefSchema, expectedVersion: VersionSchema }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.assign_substitute");
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    const substitute = await personByRef(tx, input.substitute);
    if (!substitute)
      throw new DomainError("NOT_FOUND", { reason: "substitute", code: input.substitute, field: "substitute" });
    if (
      facts.leave.substituteId === substitute.id &&
      (input.expectedVersion === undefined || input.expectedVersion === facts.leave.version)
    ) {
      throw new DomainError("ALREADY_DONE");
    }
    const moved = await fireLeaveEvent(tx, env, byWho(who), facts, {
      event: "assign_substitute",
      expectedVersion: input.expectedVersion,
      patch: { substituteId: substitute.id },
      context: { substitute: { employeeId: substitute.id, onLeave: await tx.people.isAway(substitute.id) } },
      data: { substituteId: substitute.id, previousSubstituteId: facts.leave.substituteId },
    });
    const card = await buildLeaveCard(
      tx,
      { subjectId: moved.leave.id, kind: "leave_planned", recipient: who.person },
      env,
    );
    return {
      message: bi(
        `已指定代岗人：${personLabel(substitute)["zh-CN"]}。`,
        `Substitute assigned: ${personLabel(substitute).en}.`,
      ),
      ...(card ? { card } : {}),
      touched: [{ type: "leave", id: moved.leave.id }],
    };
  },
});
