// A handover with nothing missing is confirmed by the system, in the transaction of the last
// confirmation: the receiving side answers for the post from today (the unit's date), both sides
// are told, and what the handover was for moves on — the leave (handed over, or closed after the
// hand-back) or the rotation (handed over).
import { DomainError } from "../../domain/errors.ts";
import { handoverMachine } from "../../domain/handover/handover.machine.ts";
import { decide } from "../../domain/machine/machine.ts";
import type { HandoverRecord } from "../../ports/handover-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import { leaveHandedBack, leaveHandedOver } from "../leave/leave-cascades.ts";
import { findLeave, sealedUntilOf } from "../leave/leave-facts.ts";
import { rotationHandedOver } from "../rotation/rotation-handed-over.ts";
import { partiesOf, sendHandoverNotice } from "./handover-notices.ts";
import { sheetOf } from "./open-handover.ts";

export async function handoverSealedUntil(tx: TxPorts, handover: HandoverRecord): Promise<Date | null> {
  if (handover.leaveId === null) return null;
  const facts = await findLeave(tx, handover.leaveId);
  return facts ? sealedUntilOf(facts) : null;
}

/** Confirms the handover when it is complete; answers whether it did. */
export async function settleHandover(tx: TxPorts, env: Env, handoverId: string): Promise<boolean> {
  const handover = await tx.handovers.byId(handoverId);
  if (!handover || handover.status !== "open") return false;
  const post = await tx.posts.find(handover.postId);
  if (!post) throw new Error(`handover ${handover.id} names a missing key post`);
  const decision = decide(handoverMachine, "open", "confirm", {
    actor: null,
    unitPath: post.unitPath,
    sheet: sheetOf(handover),
    confirmations: handover.confirmations,
  });
  if (!decision.ok) return false;
  const periodStart = decision.effects.some((e) => e.kind === "fix_period") ? post.calendar.localDateOf(env.now) : null;
  if (
    !(await tx.handovers.settle(handover.id, handover.version, {
      status: decision.to,
      periodStart,
      completedAt: env.now,
    }))
  )
    throw new DomainError("STALE_ACTION");
  await tx.log.append({
    at: env.now,
    actorId: null,
    platform: "system",
    action: "handover.confirmed",
    subjectType: "handover",
    subjectId: handover.id,
    sealedUntil: await handoverSealedUntil(tx, handover),
    data: { purpose: handover.purpose, periodStart, leaveId: handover.leaveId, rotationId: handover.rotationId },
  });
  const settled = await tx.handovers.byId(handover.id);
  if (!settled) throw new Error(`handover ${handover.id} vanished`);
  for (const effect of decision.effects) {
    if (effect.kind === "fix_period") continue;
    if (effect.kind !== "notify") throw new Error(`handover effect "${effect.kind}" has no handler on confirm`);
  }
  await sendHandoverNotice(
    tx,
    env,
    settled,
    "handover_confirmed",
    await partiesOf(tx, settled, ["from", "to", "witness"]),
    null,
  );
  if (settled.purpose === "leave_start" && settled.leaveId) await leaveHandedOver(tx, env, settled.leaveId);
  if (settled.purpose === "leave_return" && settled.leaveId) await leaveHandedBack(tx, env, settled.leaveId);
  if (settled.purpose === "rotation" && settled.rotationId) await rotationHandedOver(tx, env, settled.rotationId);
  return true;
}
