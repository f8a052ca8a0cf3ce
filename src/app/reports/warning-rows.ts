// The early-warning list's row: one shape for every kind, so that it exports as one table.
import type { LocalDate } from "../../domain/calendar/index.ts";

export const WARNING_KINDS = [
  "tenure_overdue", // past the tenure limit
  "tenure_warning", // inside one of the policy's warning thresholds before the limit
  "leave_overdue", // the next mandatory leave should have started by now (leaveEveryMonths)
  "leave_due", // it is due within the horizon asked for (0: today)
  "notice_unacknowledged", // a notice older than the policy's escalation time, not acknowledged
  "audit_late", // an off-post audit past its due date, neither signed off nor closed
  "rectification_overdue", // a rectification item past its due date, still open
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export interface WarningRow {
  readonly kind: WarningKind;
  readonly unitCode: string;
  readonly postCode: string | null;
  /** The holder, the notice's recipient, the audited holder or the item's owner. */
  readonly employeeCode: string;
  readonly employeeName: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** The tenure deadline, the leave due date, the day the notice was shown, the due date. */
  readonly date: LocalDate;
  /** Calendar days from today to `date`: negative once it has passed. */
  readonly daysLeft: number;
  /** Notices: hours since it was shown. */
  readonly hours: number | null;
  /** Leave warnings: the first day of a leave already planned that the viewer may see. */
  readonly plannedLeaveStart: LocalDate | null;
  /** The warning threshold (days), the notice's kind, the audit's status … */
  readonly detail: string;
}
