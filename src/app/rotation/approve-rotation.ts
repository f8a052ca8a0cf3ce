// rotation.approve — a manager or executive over the post approves a planned rotation; never one
// in which they are the outgoing or the incoming holder.
import { z } from "zod";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadRotation } from "./rotation-facts.ts";
import { ExpectedVersion, Id } from "./rotation-inputs.ts";
import { rotationCard } from "./rotation.card.ts";
import { byWho, fireRotationEvent } from "./rotation-transition.ts";

export const approveRotation = useCase({
  name: "rotation.approve",
  input: z.object({ rotationId: Id, expectedVersion: ExpectedVersion }),
  async run(input, who, tx, env) {
    const facts = await loadRotation(tx, input.rotationId);
    const fired = await fireRotationEvent(tx, env, byWho(who), facts, {
      event: "approve",
      expectedVersion: input.expectedVersion,
      changes: { approvedById: who.person.id },
    });
    const card = await rotationCard(
      tx,
      { subjectId: facts.rotation.id, kind: "", recipient: who.person },
      { now: env.now },
    );
    return {
      message: bi(`已批准 ${fired.facts.post.code} 的轮换。`, `Rotation of ${fired.facts.post.code} approved.`),
      ...(card ? { card } : {}),
      touched: [{ type: "rotation", id: facts.rotation.id }],
    };
  },
});
