// Effects are data: a decision lists what should happen, the application layer carries it out
// (sends the notice, opens the handover, writes the audit row). Nothing here performs anything.
import type { HandoverPurpose } from "../handover/handover.machine.ts";
import type { LeaveKind, LeaveTrigger } from "../leave/leave.machine.ts";

/** Who a notice goes to, named by their part in the subject; the application resolves the people. */
export type Party =
  | "holder"
  | "substitute"
  | "hr"
  | "compliance"
  | "compliance_head"
  | "audit_team"
  | "executive"
  | "manager"
  | "rectification_owners"
  | "reporter"
  | "outgoing"
  | "incoming"
  | "from"
  | "to"
  | "witness";

export type NoticeKind =
  // leave
  | "leave_planned"
  | "leave_cancelled"
  | "leave_started"
  | "leave_cover_started"
  | "leave_extended"
  | "leave_ending"
  | "hand_back_opened"
  | "leave_closed"
  // handover
  | "handover_opened"
  | "handover_confirmed"
  | "handover_cancelled"
  // audit
  | "audit_assigned"
  | "audit_plan_submitted"
  | "audit_plan_approved"
  | "audit_plan_rejected"
  | "audit_notice"
  | "audit_report_for_opinion"
  | "audit_opinion_given"
  | "audit_report_to_sign"
  | "audit_signed"
  | "rectification_assigned"
  | "rectification_closed"
  | "audit_closed"
  | "audit_cancelled"
  // rotation
  | "rotation_due"
  | "rotation_notice"
  | "rotation_overdue"
  | "rotation_done"
  // major-event report
  | "major_event_filed"
  | "major_event_closed"
  | "leave_required";

export type Effect =
  | { readonly kind: "notify"; readonly to: Party; readonly notice: NoticeKind }
  | { readonly kind: "suspend_authority" }
  | { readonly kind: "restore_authority" }
  | { readonly kind: "open_handover"; readonly purpose: HandoverPurpose }
  /** The receiving side answers for the post from today: set the handover's periodStart. */
  | { readonly kind: "fix_period" }
  | { readonly kind: "request_audit" }
  | { readonly kind: "cancel_audit" }
  | { readonly kind: "require_leave"; readonly leaveKind: LeaveKind; readonly trigger: LeaveTrigger }
  | { readonly kind: "reassign_clients" }
  /** End the outgoing holder's assignment and start the incoming one's. */
  | { readonly kind: "transfer_post" };

export function notify(to: Party, notice: NoticeKind): Effect {
  return { kind: "notify", to, notice };
}
