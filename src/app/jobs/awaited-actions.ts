// Which buttons mean "this notice awaits its recipient": acknowledging, confirming a handover,
// giving one's audit opinion, approving (or returning) a plan or a rotation, signing an audit
// report. The card builders already decide who may press what *now* (state, role, suspension,
// "already confirmed"), so a notice awaits its recipient exactly when the recipient's current card
// offers one of these — except an Acknowledge button on a notice already acknowledged (the button
// is there for the person's other, newer notices about the subject). Fieldwork buttons (marking items, drafting a report) are not awaited here:
// late audits have their own job; nor are navigation or cancel buttons.
import type { Card } from "../../ports/card.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

/** Buttons that acknowledge: they stop counting for a notice once it is acknowledged itself. */
export const ACKNOWLEDGE_ACTIONS: ReadonlySet<string> = new Set([
  "notice.acknowledge",
  "leave.acknowledge",
  "leave.record_compliance_notice",
]);

export const AWAITED_ACTIONS: ReadonlySet<string> = new Set([
  ...ACKNOWLEDGE_ACTIONS,
  // handover confirmation
  "handover.confirm_item",
  "handover.confirm_all",
  // audit opinion
  "audit.give_opinion",
  // approval
  "audit.approve_plan",
  "audit.reject_plan",
  "rotation.approve",
  "rotation.approve_plan",
  // sign-off
  "audit.sign",
]);

/** Whether a button awaits the recipient of a notice (acknowledged or not). */
export function awaits(action: string | undefined, acknowledged: boolean): boolean {
  return action !== undefined && AWAITED_ACTIONS.has(action) && !(acknowledged && ACKNOWLEDGE_ACTIONS.has(action));
}

/** The awaited actions a card offers to the recipient of a notice, by name. */
export async function awaitedOn(tx: TxPorts, card: Card, acknowledged: boolean): Promise<string[]> {
  const tokens = card.actions.map((a) => a.token);
  const names = await tx.scheduling.tokenActions(tokens);
  return [
    ...new Set(tokens.map((t) => names.get(t)).filter((n): n is string => n !== undefined && awaits(n, acknowledged))),
  ];
}
