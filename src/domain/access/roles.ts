// Roles and their scope. A role is granted on an org unit and covers that unit and its subtree.
// Units are named by their materialised path of codes, "/HO/BR1/": a grant covers a unit when the
// grant's path is a prefix of the unit's path. Both paths must start and end with "/", otherwise
// "/HO/BR1" would cover "/HO/BR10/"; a malformed path covers nothing (fail closed).
import type { ReasonCode } from "../errors.ts";

export const ROLES = ["hr", "compliance", "compliance_head", "auditor", "manager", "executive", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  readonly role: Role;
  readonly unitPath: string;
}

/** Whoever acts or looks, as plain data the application layer assembles from the register. */
export interface Actor {
  readonly employeeId: string;
  /** The employee's home unit. */
  readonly unitPath: string;
  readonly grants: readonly Grant[];
  /** Their own mandatory leave has started and not ended (leave status started, handed_over or audit). */
  readonly onLeave: boolean;
}

export function isUnitPath(path: string): boolean {
  return path.length > 0 && path.startsWith("/") && path.endsWith("/") && !path.includes("//");
}

/** Does a grant on `grantPath` reach the unit at `unitPath`? */
export function covers(grantPath: string, unitPath: string): boolean {
  return isUnitPath(grantPath) && isUnitPath(unitPath) && unitPath.startsWith(grantPath);
}

export function hasRole(actor: Actor, role: Role, unitPath: string): boolean {
  return actor.grants.some((grant) => grant.role === role && covers(grant.unitPath, unitPath));
}

export function hasAnyRole(actor: Actor, roles: readonly Role[], unitPath: string): boolean {
  return roles.some((role) => hasRole(actor, role, unitPath));
}

/**
 * The reason an actor may not act on a subject in `unitPath` with one of `roles`: OUT_OF_SCOPE when
 * they hold such a role elsewhere (the sentence can say "not your unit"), NOT_AUTHORISED when not at all.
 */
export function roleCheck(actor: Actor, roles: readonly Role[], unitPath: string): ReasonCode | null {
  if (hasAnyRole(actor, roles, unitPath)) return null;
  return actor.grants.some((grant) => roles.includes(grant.role)) ? "OUT_OF_SCOPE" : "NOT_AUTHORISED";
}
