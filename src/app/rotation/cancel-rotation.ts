// rotation.cancel — HR withdraws a rotation still to be carried out, or an overdue one superseded by
// a new plan. The sweep follows the holding's next live rotation (or opens a new due one); it never
// warns twice for the same threshold nor requires a second leave for the same lapse.
import { z } from "zod";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadRotation } from "./rotation-facts.ts";
import { ExpectedVersion, Id } from "./rotation-inputs.ts";
import { rotationCard } from "./rotation.card.ts";
import { byWho, fireRotationEvent } from "./rotation-transition.ts";

export const cancelRotation = useCase({
  name: "rotation.cancel",
  input: z.object({ rotationId: Id, reason: z.string().trim().max(500).default(""), expectedVersion: ExpectedVersion }),
  async run(input, who, tx, env) {
    const facts = await loadRotation(tx, input.rotationId);
    const fired = await fireRotationEvent(tx, env, byWho(who), facts, {
      event: "cancel",
      expectedVersion: input.expectedVersion,
      data: { reason: input.reason },
      personal: { reason: who.person.id }, // typed by them
    });
    const card = await rotationCard(
      tx,
      { subjectId: facts.rotation.id, kind: "", recipient: who.person },
      { now: env.now },
    );
    return {
      message: bi(`已取消 ${fired.facts.post.code} 的轮换。`, `Rotation of ${fired.facts.post.code} cancelled.`),
      ...(card ? { card } : {}),
      touched: [{ type: "rotation", id: facts.rotation.id }],
    };
  },
});
