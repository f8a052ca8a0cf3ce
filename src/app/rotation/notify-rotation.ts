// rotation.notify — HR tells the outgoing and the incoming holder (rotation_notice, to acknowledge)
// and opens the rotation's handover between them (the machine's open_handover); a witness may be
// named, else the handover area picks the post's manager when custody items change hands.
import { z } from "zod";
import { openHandover } from "../handover/open-handover.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { loadRotation } from "./rotation-facts.ts";
import { ExpectedVersion, Id, OptionalCode, personByCode } from "./rotation-inputs.ts";
import { rotationCard } from "./rotation.card.ts";
import { byWho, fireRotationEvent, prepareRotationEvent } from "./rotation-transition.ts";

export const notifyRotation = useCase({
  name: "rotation.notify",
  input: z.object({ rotationId: Id, witness: OptionalCode, expectedVersion: ExpectedVersion }),
  async run(input, who, tx, env) {
    const facts = await loadRotation(tx, input.rotationId);
    const by = byWho(who);
    const firing = { event: "notify" as const, expectedVersion: input.expectedVersion };
    prepareRotationEvent(by, facts, firing); // refuse before anything is opened
    const { rotation } = facts;
    const witness = input.witness === undefined ? undefined : await personByCode(tx, input.witness, "witness");
    const { handoverId } = await openHandover(tx, env, {
      postId: rotation.postId,
      fromId: rotation.outgoingId,
      toId: rotation.incomingId as string, // the machine's guards make sure it is named
      witnessId: witness?.id,
      purpose: "rotation",
      leaveId: null,
      rotationId: rotation.id,
      items: undefined,
      by,
    });
    const fired = await fireRotationEvent(tx, env, by, facts, {
      ...firing,
      changes: { handoverId },
      data: { handoverId },
    });
    const card = await rotationCard(tx, { subjectId: rotation.id, kind: "", recipient: who.person }, { now: env.now });
    return {
      message: bi(
        `已通知 ${fired.facts.post.code} 的轮换双方，交接已开启。`,
        `Both sides of the ${fired.facts.post.code} rotation are told; the handover is open.`,
      ),
      ...(card ? { card } : {}),
      touched: [{ type: "rotation", id: rotation.id }],
    };
  },
});
