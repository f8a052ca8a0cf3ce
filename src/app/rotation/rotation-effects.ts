// Carrying out what a rotation decision names: notices to its parties, and the regular mandatory
// leave an overdue rotation requires (a `leave_required` notice to HR — HR plans the leave through
// the leave area). The effects that move people and clients belong to the use case that fired them.
import type { Effect, NoticeKind, Party } from "../../domain/machine/effects.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import { notifyVisible } from "./notice-helpers.ts";
import { rotationCard } from "./rotation.card.ts";
import type { RotationFacts } from "./rotation-facts.ts";
import { nearestWithRole, withRolesOver } from "../people/rotation-people.ts";

export interface EffectOptions {
  /** Notices the caller sends itself (the scan's threshold warnings). */
  readonly skip?: readonly NoticeKind[];
  readonly visibleFrom?: Date | null;
}

/** The people a party names. The outgoing holder is never among the officers told about their own rotation. */
export async function partyOf(tx: TxPorts, facts: RotationFacts, party: Party): Promise<Person[]> {
  const { rotation, post } = facts;
  const notThem = [rotation.outgoingId, rotation.incomingId];
  const one = async (id: string | null) =>
    id === null ? [] : [await tx.people.byId(id)].filter((p): p is Person => p !== undefined);
  switch (party) {
    case "outgoing":
      return one(rotation.outgoingId);
    case "incoming":
      return one(rotation.incomingId);
    case "hr":
      return withRolesOver(tx, ["hr"], post.unitPath, [rotation.outgoingId]);
    case "compliance":
      return withRolesOver(tx, ["compliance"], post.unitPath, [rotation.outgoingId]);
    case "compliance_head":
      return withRolesOver(tx, ["compliance_head"], post.unitPath, [rotation.outgoingId]);
    case "manager":
      return nearestWithRole(tx, "manager", post.unitPath, notThem);
    default:
      return [];
  }
}

/** Sends one notice kind about a rotation to people, each with the card they may see. */
export async function tellAboutRotation(
  tx: TxPorts,
  env: Env,
  facts: RotationFacts,
  kind: string,
  recipients: readonly Person[],
  options: { version?: number; visibleFrom?: Date | null } = {},
): Promise<number> {
  const spec = {
    kind,
    subjectType: "rotation",
    subjectId: facts.rotation.id,
    version: options.version ?? facts.rotation.version,
    visibleFrom: options.visibleFrom ?? null,
  };
  return notifyVisible(tx, spec, recipients, (recipient) =>
    rotationCard(tx, { subjectId: facts.rotation.id, kind, recipient }, { now: env.now }),
  );
}

export async function carryOutRotationEffects(
  tx: TxPorts,
  env: Env,
  facts: RotationFacts,
  effects: readonly Effect[],
  options: EffectOptions,
): Promise<void> {
  for (const effect of effects) {
    if (effect.kind === "notify") {
      if (options.skip?.includes(effect.notice)) continue;
      await tellAboutRotation(tx, env, facts, effect.notice, await partyOf(tx, facts, effect.to), {
        visibleFrom: options.visibleFrom ?? null,
      });
    } else if (effect.kind === "require_leave") {
      await tellAboutRotation(tx, env, facts, "leave_required", await partyOf(tx, facts, "hr"), {
        visibleFrom: options.visibleFrom ?? null,
      });
    }
  }
}
