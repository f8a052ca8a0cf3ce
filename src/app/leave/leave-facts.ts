// Everything a leave decision or card needs, loaded once: the leave, its post (unit, calendar,
// policy), its audit (team, findings) and its handovers; and the views the domain rules take —
// secrecy (`LeaveVisibility`) and the machine's `LeaveContext`.
import type { LeaveVisibility } from "../../domain/access/secrecy.ts";
import { canSeeLeave } from "../../domain/access/secrecy.ts";
import type { Actor } from "../../domain/access/roles.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import type { LeaveContext } from "../../domain/leave/leave.machine.ts";
import type { HandoverRecord } from "../../ports/handover-repository.ts";
import type { LeaveAuditFacts, LeaveRecord } from "../../ports/leave-repository.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { PostView } from "../../ports/post-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Who } from "../kernel/use-case.ts";

export interface LeaveFacts {
  readonly leave: LeaveRecord;
  readonly post: PostView;
  readonly audit: LeaveAuditFacts;
  readonly handovers: readonly HandoverRecord[];
  /** The start of the leave's first working day in the unit's time zone. */
  readonly startsAt: Date;
}

/** Log entries about a sealed leave are hidden until it starts; an open leave hides nothing. */
export function sealedUntilOf(facts: Pick<LeaveFacts, "leave" | "startsAt">): Date | null {
  return facts.leave.sealed ? facts.startsAt : null;
}

export async function findLeave(tx: TxPorts, leaveId: string): Promise<LeaveFacts | undefined> {
  const leave = await tx.leaves.byId(leaveId);
  if (!leave) return undefined;
  const post = await tx.posts.find(leave.postId);
  if (!post) throw new Error(`leave ${leave.id} names a missing key post ${leave.postId}`);
  return {
    leave,
    post,
    audit: await tx.leaves.auditOf(leave.id),
    handovers: await tx.handovers.forLeave(leave.id),
    startsAt: post.calendar.startOfWorkingDay(leave.startDate),
  };
}

export async function loadLeave(tx: TxPorts, leaveId: string): Promise<LeaveFacts> {
  const facts = await findLeave(tx, leaveId);
  if (!facts) throw new DomainError("NOT_FOUND");
  return facts;
}

export function visibilityOf(facts: LeaveFacts): LeaveVisibility {
  const { leave } = facts;
  return {
    holderId: leave.holderId,
    substituteId: leave.substituteId,
    unitPath: leave.unitPath,
    sealed: leave.sealed,
    status: leave.status,
    startsAt: facts.startsAt,
    auditTeam: facts.audit.team,
  };
}

/**
 * The first check of every leave command a person gives: a suspended holder is refused before
 * anything is looked up, so that the refusal says nothing about any leave.
 */
export function refuseIfSuspended(who: Who, name: string): void {
  const code = suspensionCheck(who.actor, { name });
  if (code) throw new DomainError(code);
}

/** A leave the actor may not see does not exist for them: NOT_FOUND, exactly as for an unknown id. */
export function requireVisible(actor: Actor | null, facts: LeaveFacts, now: Date): void {
  if (actor !== null && !canSeeLeave(actor, visibilityOf(facts), now)) throw new DomainError("NOT_FOUND");
}

export function handoverOf(facts: LeaveFacts, purpose: HandoverRecord["purpose"]): HandoverRecord | undefined {
  return facts.handovers.filter((h) => h.purpose === purpose && h.status !== "cancelled").at(-1);
}

/** The handover the current step waits for: the takeover while started, the hand-back while returning. */
export function awaitedHandoverConfirmed(facts: LeaveFacts): boolean {
  const purpose =
    facts.leave.status === "started" ? "leave_start" : facts.leave.status === "returning" ? "leave_return" : null;
  return purpose !== null && handoverOf(facts, purpose)?.status === "confirmed";
}

export async function leaveContext(
  tx: TxPorts,
  facts: LeaveFacts,
  actor: Actor | null,
  now: Date,
  patch: Partial<LeaveContext> = {},
): Promise<LeaveContext> {
  const { leave, post } = facts;
  const calendar = post.calendar;
  const substitute =
    leave.substituteId === null
      ? null
      : { employeeId: leave.substituteId, onLeave: await tx.people.isAway(leave.substituteId) };
  return {
    actor,
    unitPath: leave.unitPath,
    holderId: leave.holderId,
    substitute,
    workingDays: calendar.countWorkingDays(leave.startDate, leave.endDate),
    leadWorkingDays: calendar.workingDaysBetween(calendar.localDateOf(now), leave.startDate),
    policy: post.policy,
    handoverConfirmed: awaitedHandoverConfirmed(facts),
    seriousFindings: facts.audit.seriousFindings,
    ...patch,
  };
}

/** A person named by id or by employee code (forms carry codes). */
export async function personByRef(tx: TxPorts, ref: string): Promise<Person | undefined> {
  const person = (await tx.people.byId(ref)) ?? (await tx.people.byCode(ref));
  return person && person.status !== "left" ? person : undefined;
}
