// The secrecy rule: a sealed leave is invisible to the holder and to anyone outside HR, compliance
// and its audit team until it starts. Every read path (status answers, App Home, lists, logs a
// manager can read) asks `canSeeLeave` before it shows a leave.
import type { LeaveState } from "../leave/leave.machine.ts";
import { hasStarted } from "../leave/leave.machine.ts";
import type { Actor, Role } from "./roles.ts";
import { hasAnyRole } from "./roles.ts";

/** What the rule needs to know about a leave. */
export interface LeaveVisibility {
  readonly holderId: string;
  readonly substituteId: string | null;
  /** The post's unit. */
  readonly unitPath: string;
  readonly sealed: boolean;
  readonly status: LeaveState;
  /** The start of the leave's first working day in the unit's time zone. */
  readonly startsAt: Date;
  /** Employee ids of its audit team. */
  readonly auditTeam: readonly string[];
}

/** Who sees a sealed leave before it starts (in scope of the post's unit), besides its audit team. */
export const INSIDER_ROLES: readonly Role[] = ["hr", "compliance", "compliance_head"];
/** Who sees a leave once it is revealed, besides the insiders, the holder, the substitute and the team. */
export const REVEALED_ROLES: readonly Role[] = [...INSIDER_ROLES, "manager", "executive"];

/**
 * A sealed leave is revealed at its start instant, and only if it really started: a leave cancelled
 * before its start, or stuck before `start` (compliance never notified), stays sealed (fail closed).
 */
export function isRevealed(leave: LeaveVisibility, now: Date): boolean {
  if (!leave.sealed) return true;
  return hasStarted(leave.status) && now.getTime() >= leave.startsAt.getTime();
}

/**
 * Before the reveal: the audit team and HR / compliance in scope, never the holder (even one who holds
 * such a role: an HR officer sent on leave must not learn it from the bot). After: also the holder,
 * the substitute, and managers and executives in scope.
 */
export function canSeeLeave(viewer: Actor, leave: LeaveVisibility, now: Date): boolean {
  const isHolder = viewer.employeeId === leave.holderId;
  if (isRevealed(leave, now)) {
    if (isHolder || viewer.employeeId === leave.substituteId) return true;
    return leave.auditTeam.includes(viewer.employeeId) || hasAnyRole(viewer, REVEALED_ROLES, leave.unitPath);
  }
  if (isHolder) return false;
  return leave.auditTeam.includes(viewer.employeeId) || hasAnyRole(viewer, INSIDER_ROLES, leave.unitPath);
}
