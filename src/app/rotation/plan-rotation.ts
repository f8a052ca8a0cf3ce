// rotation.plan — HR names the incoming holder, the planned date and where the outgoing holder goes.
// Plans the holding's due rotation, or starts one for the post's current holder (a rotation planned
// ahead, or a late one after an overdue rotation). The approvers over the post are asked to approve.
import { inputDetail } from "../kernel/input-problem.ts";
import { z } from "zod";
import { AppError } from "../kernel/app-error.ts";
import { DomainError } from "../../domain/errors.ts";
import { roleCheck } from "../../domain/access/roles.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { startOfWorkingDay } from "../../domain/calendar/index.ts";
import { newId } from "../../ports/ids.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { bi } from "../../ports/locale.ts";
import { useCase, type Env, type Who } from "../kernel/use-case.ts";
import { tellAboutRotation } from "./rotation-effects.ts";
import { loadRotation, type RotationFacts } from "./rotation-facts.ts";
import {
  Code,
  ExpectedVersion,
  Id,
  LocalDateInput,
  OptionalCode,
  personByCode,
  postByCode,
} from "./rotation-inputs.ts";
import { approversOver } from "../people/rotation-people.ts";
import { rotationCard } from "./rotation.card.ts";
import { byWho, createRotation, fireRotationEvent } from "./rotation-transition.ts";

const Input = z
  .object({
    rotationId: Id.optional(),
    post: Code.optional(),
    incoming: OptionalCode,
    plannedDate: LocalDateInput,
    destinationPost: OptionalCode,
    expectedVersion: ExpectedVersion,
  })
  .refine((i) => i.rotationId !== undefined || i.post !== undefined, {
    message: "name the rotation or the post",
    path: ["rotationId"],
  });

/** The rotation to plan: the one named, else the live one of the post's holder; undefined: start one. */
async function target(
  tx: TxPorts,
  input: z.infer<typeof Input>,
): Promise<{ facts?: RotationFacts; post: RotationFacts["post"]; outgoingId: string }> {
  if (input.rotationId !== undefined) {
    const facts = await loadRotation(tx, input.rotationId);
    return { facts, post: facts.post, outgoingId: facts.rotation.outgoingId };
  }
  const post = await postByCode(tx, input.post as string);
  const holding = await tx.rotations.currentHolding(post.id);
  if (!holding) throw new DomainError("NOT_FOUND", { subject: "holder", code: post.code });
  const since = startOfWorkingDay(holding.startDate, post.unitTimeZone);
  const live = (await tx.rotations.rotationsOf(post.id, holding.employeeId, since))
    .filter((r) => r.status !== "done" && r.status !== "cancelled" && r.status !== "overdue")
    .at(-1);
  return live
    ? { facts: { rotation: live, post }, post, outgoingId: holding.employeeId }
    : { post, outgoingId: holding.employeeId };
}

async function run(input: z.infer<typeof Input>, who: Who, tx: TxPorts, env: Env) {
  const { facts, post, outgoingId } = await target(tx, input);
  const incoming = input.incoming === undefined ? null : await personByCode(tx, input.incoming, "incoming");
  const destination =
    input.destinationPost === undefined ? null : await postByCode(tx, input.destinationPost, "destinationPost");
  if (destination && destination.id === post.id)
    throw new AppError("INVALID_INPUT", inputDetail("destinationPost", "same_post"));
  const changes = {
    incomingId: incoming?.id ?? null,
    plannedDate: input.plannedDate,
    destinationPostId: destination?.id ?? null,
  };
  const data = {
    incoming: incoming?.code ?? null,
    plannedDate: input.plannedDate,
    destinationPost: destination?.code ?? null,
  };

  // Scope and suspension before "already done": a repeat tells nothing to someone who may not plan.
  const refused = suspensionCheck(who.actor, { name: "rotation.plan" }) ?? roleCheck(who.actor, ["hr"], post.unitPath);
  if (refused) throw new DomainError(refused);
  if (facts && facts.rotation.status !== "due") {
    const r = facts.rotation;
    const same =
      r.incomingId === changes.incomingId &&
      r.plannedDate === changes.plannedDate &&
      r.destinationPostId === changes.destinationPostId;
    if (same && ["planned", "approved", "notified", "handed_over", "done"].includes(r.status))
      throw new DomainError("ALREADY_DONE");
  }
  const by = byWho(who);
  const fired = facts
    ? await fireRotationEvent(tx, env, by, facts, {
        event: "plan",
        expectedVersion: input.expectedVersion,
        changes,
        context: { incomingId: changes.incomingId },
        data,
      })
    : await createRotation(tx, env, by, { id: newId(), planId: null, postId: post.id, outgoingId, ...changes }, post, {
        event: "plan",
        context: { incomingId: changes.incomingId },
        data,
      });
  const { rotation } = fired.facts;
  await tellAboutRotation(
    tx,
    env,
    fired.facts,
    "rotation_planned",
    await approversOver(tx, post.unitPath, [rotation.outgoingId, rotation.incomingId, who.person.id]),
  );
  const card = await rotationCard(tx, { subjectId: rotation.id, kind: "", recipient: who.person }, { now: env.now });
  return {
    message: bi(
      `已安排 ${post.code} 的轮换（${input.plannedDate}），已提交审批。`,
      `Rotation of ${post.code} planned for ${input.plannedDate} and sent for approval.`,
    ),
    ...(card ? { card } : {}),
    touched: [{ type: "rotation", id: rotation.id }],
  };
}

export const planRotation = useCase({ name: "rotation.plan", input: Input, run });
