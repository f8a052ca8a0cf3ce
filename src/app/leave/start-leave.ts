// leave.start: the leave begins (the scheduler at the start instant, or HR by hand). The holder's
// authority is suspended, the substitute takes the post as acting holder, the handover holder →
// substitute opens, and both are told — all visible from the start instant.
//
// Decision: starting before the start instant (the start of the first working day in the unit's
// time zone) is refused as LEAVE_SEALED. Starting is the step that reveals the leave to the holder,
// the substitute and managers; doing it early would reveal an unannounced leave before its time
// (and suspend someone still at work). The code says exactly that: "not started yet, confidential".
// An unsealed leave is refused the same way: it is not secret, but its start is still not due.
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { HandoverItemSchema } from "../handover/handover-items.ts";
import { bi } from "../../ports/locale.ts";
import { useCase, type Env } from "../kernel/use-case.ts";
import type { EffectOptions } from "./leave-effects.ts";
import { loadLeave, personByRef, refuseIfSuspended, requireVisible, type LeaveFacts } from "./leave-facts.ts";
import { IdSchema, RefSchema, VersionSchema } from "./leave-inputs.ts";
import { applyLeaveEvent, byWho, prepareLeaveEvent, type By, type Prepared } from "./leave-transition.ts";
import { buildLeaveCard } from "./leave.cards.ts";

/** Decides the start without writing: the machine's guards, then the start instant. */
export async function prepareStart(
  tx: TxPorts,
  env: Env,
  by: By,
  facts: LeaveFacts,
  options: EffectOptions,
  expectedVersion?: number,
): Promise<Prepared> {
  const prepared = await prepareLeaveEvent(tx, env, by, facts, {
    event: "start",
    expectedVersion,
    options,
    data: { startsAt: facts.startsAt, substituteId: facts.leave.substituteId },
  });
  if (env.now.getTime() < facts.startsAt.getTime()) throw new DomainError("LEAVE_SEALED");
  return prepared;
}

export const startLeave = useCase({
  name: "leave.start",
  input: z.object({
    leaveId: IdSchema,
    expectedVersion: VersionSchema,
    /** The handover sheet; default: the post's usual items. */
    items: z.array(HandoverItemSchema).max(50).optional(),
    /** The handover's witness (id or code); null: none; absent: the post's manager when custody items are handed over. */
    witness: RefSchema.nullable().optional(),
  }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.start");
    const facts = await loadLeave(tx, input.leaveId);
    requireVisible(who.actor, facts, env.now);
    let witnessId: string | null | undefined = input.witness === null ? null : undefined;
    if (input.witness) {
      const witness = await personByRef(tx, input.witness);
      if (!witness) throw new DomainError("NOT_FOUND", { reason: "witness" });
      witnessId = witness.id;
    }
    const prepared = await prepareStart(
      tx,
      env,
      byWho(who),
      facts,
      { items: input.items, witnessId },
      input.expectedVersion,
    );
    const moved = await applyLeaveEvent(tx, env, prepared);
    const card = await buildLeaveCard(
      tx,
      { subjectId: moved.leave.id, kind: "leave_planned", recipient: who.person },
      env,
    );
    const touched = [
      { type: "leave", id: moved.leave.id },
      ...moved.handovers.map((h) => ({ type: "handover", id: h.id })),
    ];
    return {
      message: bi(
        "休假已开始：已暂停休假人权限，已通知休假人和代岗人，交接已发起。",
        "The leave has started: the holder's authority is suspended, the holder and the substitute are told, and the handover is open.",
      ),
      ...(card ? { card } : {}),
      touched,
    };
  },
});
