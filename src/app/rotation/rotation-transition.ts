// Firing one event of the rotation machine, the same way for every use case and for the scheduler:
// check the card's version, decide with the domain, write the new state under the version check,
// log it, send the notices the decision names. The effects that move people and clients
// (open_handover, transfer_post, reassign_clients) are returned for the caller to carry out.
import { DomainError } from "../../domain/errors.ts";
import type { Effect } from "../../domain/machine/effects.ts";
import { decide, NEW } from "../../domain/machine/machine.ts";
import {
  rotationMachine,
  type RotationContext,
  type RotationEvent,
  type RotationState,
} from "../../domain/rotation/rotation.machine.ts";
import type { NewRotation, RotationChanges } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import { carryOutRotationEffects, type EffectOptions } from "./rotation-effects.ts";
import { loadRotation, rotationContext, type RotationFacts } from "./rotation-facts.ts";

import type { By } from "../kernel/by.ts";
export { byWho, bySystem, type By } from "../kernel/by.ts";

/** The log action of each event: what happened to the rotation. */
export const ROTATION_LOG_ACTIONS: Readonly<Record<RotationEvent, string>> = {
  become_due: "rotation.due",
  plan: "rotation.planned",
  approve: "rotation.approved",
  notify: "rotation.notified",
  record_handover: "rotation.handed_over",
  complete: "rotation.done",
  mark_overdue: "rotation.overdue",
  cancel: "rotation.cancelled",
};

/** States in which the event has happened already: a repeat is ALREADY_DONE rather than INVALID_TRANSITION. */
const DONE_IN: Readonly<Record<RotationEvent, readonly RotationState[]>> = {
  become_due: [],
  plan: [],
  approve: ["approved", "notified", "handed_over", "done"],
  notify: ["notified", "handed_over", "done"],
  record_handover: ["handed_over", "done"],
  complete: ["done"],
  mark_overdue: ["overdue"],
  cancel: ["cancelled"],
};

export interface Firing {
  readonly event: RotationEvent;
  /** From a card: the version the card showed. A rotation that moved on since is STALE_ACTION. */
  readonly expectedVersion?: number | undefined;
  readonly changes?: Omit<RotationChanges, "status">;
  readonly context?: Partial<RotationContext>;
  /** Facts for the log entry. */
  readonly data?: Record<string, unknown>;
  /** Which of those facts are a person's personal data, and whose (the log's format 2). */
  readonly personal?: Readonly<Record<string, string>>;
  readonly options?: EffectOptions;
}

export interface Fired {
  readonly facts: RotationFacts;
  readonly effects: readonly Effect[];
}

/** Decides without writing; throws the refusal. */
export function prepareRotationEvent(
  by: By,
  facts: RotationFacts,
  firing: Firing,
): { to: RotationState; effects: readonly Effect[] } {
  const { rotation } = facts;
  const decision = decide(
    rotationMachine,
    rotation.status,
    firing.event,
    rotationContext(facts, by.actor, firing.context),
  );
  if (!decision.ok) {
    const already = decision.code === "INVALID_TRANSITION" && DONE_IN[firing.event].includes(rotation.status);
    throw new DomainError(already ? "ALREADY_DONE" : decision.code);
  }
  if (firing.expectedVersion !== undefined && firing.expectedVersion !== rotation.version)
    throw new DomainError("STALE_ACTION");
  return decision;
}

export async function fireRotationEvent(
  tx: TxPorts,
  env: Env,
  by: By,
  facts: RotationFacts,
  firing: Firing,
): Promise<Fired> {
  const { rotation } = facts;
  const { to, effects } = prepareRotationEvent(by, facts, firing);
  const updated = await tx.rotations.updateRotation(rotation.id, rotation.version, { ...firing.changes, status: to });
  if (!updated) throw new DomainError("STALE_ACTION");
  await tx.log.append({
    at: env.now,
    actorId: by.actorId,
    platform: by.platform,
    action: ROTATION_LOG_ACTIONS[firing.event],
    subjectType: "rotation",
    subjectId: rotation.id,
    data: { from: rotation.status, to, version: updated.version, post: facts.post.code, ...firing.data },
    ...(firing.personal ? { personal: firing.personal } : {}),
  });
  const moved = await loadRotation(tx, rotation.id);
  await carryOutRotationEffects(tx, env, moved, effects, firing.options ?? {});
  return { facts: moved, effects };
}

/** A rotation that starts life on this event (become_due by the system, plan by HR). */
export async function createRotation(
  tx: TxPorts,
  env: Env,
  by: By,
  row: Omit<NewRotation, "status" | "createdAt" | "createdById">,
  post: RotationFacts["post"],
  firing: Omit<Firing, "expectedVersion" | "changes">,
): Promise<Fired> {
  const draft: RotationFacts = {
    post,
    rotation: {
      ...row,
      status: "due",
      handoverId: null,
      version: 0,
      createdById: by.actorId,
      approvedById: null,
      doneAt: null,
      createdAt: env.now,
    },
  };
  const decision = decide(rotationMachine, NEW, firing.event, rotationContext(draft, by.actor, firing.context));
  if (!decision.ok) throw new DomainError(decision.code);
  const created = await tx.rotations.createRotation({
    ...row,
    status: decision.to,
    createdById: by.actorId,
    createdAt: env.now,
  });
  await tx.log.append({
    at: env.now,
    actorId: by.actorId,
    platform: by.platform,
    action: ROTATION_LOG_ACTIONS[firing.event],
    subjectType: "rotation",
    subjectId: created.id,
    data: {
      from: NEW,
      to: decision.to,
      version: created.version,
      post: post.code,
      outgoing: row.outgoingId,
      plannedDate: row.plannedDate,
      ...firing.data,
    },
  });
  const facts = { rotation: created, post };
  await carryOutRotationEffects(tx, env, facts, decision.effects, firing.options ?? {});
  return { facts, effects: decision.effects };
}
