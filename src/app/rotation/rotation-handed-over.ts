// Called by the handover area, in its transaction, once a rotation's handover is confirmed (after
// its confirmed status is written): the rotation goes handed_over, the post is transferred (the
// outgoing assignment ends with endReason "rotation", the incoming one starts, and the outgoing
// holder's assignment at the destination post starts), the outgoing relationship manager's clients
// move to the incoming holder, and the rotation is done (the manager is told). Idempotent: a done
// rotation is left alone.
import type { By } from "./rotation-transition.ts";
import { bySystem, fireRotationEvent } from "./rotation-transition.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import { refreshNotices } from "../kernel/card-registry.ts";
import { moveClients } from "../clients/move-clients.ts";
import { loadRotation, todayAt, type RotationFacts } from "./rotation-facts.ts";

async function handoverConfirmed(tx: TxPorts, facts: RotationFacts): Promise<boolean> {
  const handovers = await tx.handovers.forRotation(facts.rotation.id);
  return handovers.some(
    (h) =>
      h.purpose === "rotation" &&
      h.status === "confirmed" &&
      (facts.rotation.handoverId === null || h.id === facts.rotation.handoverId),
  );
}

/** The outgoing holder's assignment ends, the incoming holder's starts, and the outgoing's new one at the destination. */
async function transferPost(tx: TxPorts, env: Env, by: By, facts: RotationFacts, date: string): Promise<void> {
  const { rotation, post } = facts;
  const open = (await tx.rotations.assignmentsOfPost(post.id)).filter((a) => a.kind === "holder" && a.endDate === null);
  const outgoing = open.find((a) => a.employeeId === rotation.outgoingId);
  if (outgoing)
    await tx.rotations.endAssignment(outgoing.id, { endDate: date, endReason: "rotation", rotationId: rotation.id });
  const incoming = rotation.incomingId as string; // named since `plan`
  const started = [
    await tx.rotations.startAssignment(
      { employeeId: incoming, postId: post.id, kind: "holder", startDate: date, rotationId: rotation.id },
      env.now,
    ),
  ];
  if (rotation.destinationPostId !== null) {
    started.push(
      await tx.rotations.startAssignment(
        {
          employeeId: rotation.outgoingId,
          postId: rotation.destinationPostId,
          kind: "holder",
          startDate: date,
          rotationId: rotation.id,
        },
        env.now,
      ),
    );
  }
  await tx.log.append({
    at: env.now,
    actorId: by.actorId,
    platform: by.platform,
    action: "post.transferred",
    subjectType: "post",
    subjectId: post.id,
    data: {
      post: post.code,
      rotationId: rotation.id,
      date,
      ended: outgoing?.id ?? null,
      started: started.map((a) => ({ id: a.id, employeeId: a.employeeId, postId: a.postId })),
    },
  });
}

export async function rotationHandedOver(tx: TxPorts, env: Env, rotationId: string): Promise<void> {
  let facts = await loadRotation(tx, rotationId);
  if (facts.rotation.status === "done") return;
  const by = bySystem();
  const date = todayAt(facts.post, env.now);
  if (facts.rotation.status !== "handed_over") {
    const fired = await fireRotationEvent(tx, env, by, facts, {
      event: "record_handover",
      context: { handoverConfirmed: await handoverConfirmed(tx, facts) },
      data: { date },
    });
    facts = fired.facts;
    for (const effect of fired.effects) {
      if (effect.kind === "transfer_post") await transferPost(tx, env, by, facts, date);
      if (effect.kind === "reassign_clients") {
        const clients = await tx.clients.servedBy(facts.rotation.outgoingId);
        await moveClients(tx, env, {
          fromId: facts.rotation.outgoingId,
          toId: facts.rotation.incomingId as string,
          clients,
          date,
          reason: "rotation",
          rotationId: facts.rotation.id,
          by,
        });
      }
    }
  }
  await fireRotationEvent(tx, env, by, facts, { event: "complete", changes: { doneAt: env.now } });
  await refreshNotices(tx, env.cards, "rotation", rotationId, env);
}
