// The suspension rule: while their own mandatory leave runs (started, not ended) a holder cannot act
// in the bot in any role — approve, sign, hand over, issue instructions — except acknowledging their
// own notice and giving their opinion on their own audit. The caller logs every refusal and tells
// compliance; this function only decides.
import type { Actor } from "./roles.ts";

export const EXEMPT_ACTIONS = ["acknowledge_own_notice", "give_audit_opinion"] as const;
export type ExemptAction = (typeof EXEMPT_ACTIONS)[number];

/** What the actor tries to do. */
export interface ActorAction {
  /** An exempt action's name, or any other name ("leave.plan", "handover.confirm_item" …). */
  readonly name: string;
  /** Whose own business it is: the notice's recipient, the audited holder. */
  readonly ownerId?: string | null;
}

export function isExemptAction(name: string): name is ExemptAction {
  return (EXEMPT_ACTIONS as readonly string[]).includes(name);
}

export function suspensionCheck(actor: Actor, action: ActorAction): "SUSPENDED" | null {
  if (!actor.onLeave) return null;
  if (isExemptAction(action.name) && action.ownerId === actor.employeeId) return null;
  return "SUSPENDED";
}
