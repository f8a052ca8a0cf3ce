// Firing one event of the leave machine, the same way for every use case and for the system:
// check the card's version, decide with the domain, write the new state under the version check,
// log it (sealed until the start), carry out the effects. `prepare` decides without writing, so
// that a scheduler sweep can skip a leave it may not move and go on with the others.
import { DomainError } from "../../domain/errors.ts";
import type { LeaveContext, LeaveEvent, LeaveState } from "../../domain/leave/leave.machine.ts";
import { leaveMachine } from "../../domain/leave/leave.machine.ts";
import type { Effect } from "../../domain/machine/effects.ts";
import { decide } from "../../domain/machine/machine.ts";
import type { LeavePatch } from "../../ports/leave-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import { carryOutLeaveEffects, type EffectOptions } from "./leave-effects.ts";
import { leaveContext, loadLeave, sealedUntilOf, type LeaveFacts } from "./leave-facts.ts";

import type { By } from "../kernel/by.ts";
export { byWho, bySystem, type By } from "../kernel/by.ts";

export interface Firing {
  readonly event: LeaveEvent;
  /** From a card: the version the card showed. A leave that moved on since is STALE_ACTION. */
  readonly expectedVersion?: number | undefined;
  /** Data the event changes besides the status (the substitute, the end date). */
  readonly patch?: LeavePatch;
  readonly context?: Partial<LeaveContext>;
  /** Facts for the log entry. */
  readonly data?: Record<string, unknown>;
  /** Which of those facts are a person's personal data, and whose (the log's format 2). */
  readonly personal?: Readonly<Record<string, string>>;
  readonly options?: EffectOptions;
}

export interface Prepared {
  readonly facts: LeaveFacts;
  readonly by: By;
  readonly firing: Firing;
  readonly to: LeaveState;
  readonly effects: readonly Effect[];
}

/** The log action of each event: what happened to the leave. */
export const LEAVE_LOG_ACTIONS: Readonly<Record<LeaveEvent, string>> = {
  plan: "leave.planned",
  assign_substitute: "leave.substitute_assigned",
  record_compliance_notice: "leave.compliance_notified",
  start: "leave.started",
  record_handover: "leave.handed_over",
  begin_audit: "leave.audit_began",
  extend: "leave.extended",
  return: "leave.returned",
  close: "leave.closed",
  cancel: "leave.cancelled",
};

/** States in which the event has happened already: a repeat is ALREADY_DONE rather than INVALID_TRANSITION. */
const DONE_IN: Readonly<Record<LeaveEvent, readonly LeaveState[]>> = {
  plan: [],
  assign_substitute: [],
  record_compliance_notice: ["compliance_notified", "started", "handed_over", "audit", "returning", "closed"],
  start: ["started", "handed_over", "audit", "returning", "closed"],
  record_handover: ["handed_over", "audit", "returning", "closed"],
  begin_audit: ["audit", "returning", "closed"],
  extend: [],
  return: ["returning", "closed"],
  close: ["closed"],
  cancel: ["cancelled"],
};

function stamps(event: LeaveEvent, at: Date): LeavePatch {
  if (event === "record_compliance_notice") return { complianceNotifiedAt: at };
  if (event === "start") return { startedAt: at };
  if (event === "close") return { closedAt: at };
  if (event === "cancel") return { cancelledAt: at };
  return {};
}

/** Decides, writes nothing. The refusal carries no detail about the leave (refusals are logged unsealed). */
export async function prepareLeaveEvent(
  tx: TxPorts,
  env: Env,
  by: By,
  facts: LeaveFacts,
  firing: Firing,
): Promise<Prepared> {
  const { leave } = facts;
  if (firing.expectedVersion !== undefined && firing.expectedVersion !== leave.version)
    throw new DomainError("STALE_ACTION");
  const ctx = await leaveContext(tx, facts, by.actor, env.now, firing.context);
  const decision = decide(leaveMachine, leave.status, firing.event, ctx);
  if (!decision.ok) {
    const already = decision.code === "INVALID_TRANSITION" && DONE_IN[firing.event].includes(leave.status);
    throw new DomainError(already ? "ALREADY_DONE" : decision.code);
  }
  return { facts, by, firing, to: decision.to, effects: decision.effects };
}

export async function applyLeaveEvent(tx: TxPorts, env: Env, prepared: Prepared): Promise<LeaveFacts> {
  const { facts, by, firing, to } = prepared;
  const { leave } = facts;
  const updated = await tx.leaves.update(leave.id, leave.version, {
    ...firing.patch,
    ...stamps(firing.event, env.now),
    status: to,
  });
  if (!updated) throw new DomainError("STALE_ACTION");
  await tx.log.append({
    at: env.now,
    actorId: by.actorId,
    platform: by.platform,
    action: LEAVE_LOG_ACTIONS[firing.event],
    subjectType: "leave",
    subjectId: leave.id,
    sealedUntil: sealedUntilOf(facts),
    data: { from: leave.status, to, version: updated.version, ...firing.data },
    ...(firing.personal ? { personal: firing.personal } : {}),
  });
  const moved = await loadLeave(tx, leave.id);
  await carryOutLeaveEffects(tx, env, by, moved, prepared.effects, firing.options ?? {});
  return loadLeave(tx, leave.id);
}

export async function fireLeaveEvent(
  tx: TxPorts,
  env: Env,
  by: By,
  facts: LeaveFacts,
  firing: Firing,
): Promise<LeaveFacts> {
  return applyLeaveEvent(tx, env, await prepareLeaveEvent(tx, env, by, facts, firing));
}
