// Dates a policy sets: the tenure deadline and its warnings, when the next mandatory leave is due,
// and a leave's working-day window. Month arithmetic is end-of-month safe (addMonths clamps to the
// month's last day: 2026-01-31 + 1 month = 2026-02-28).
//
// Conventions (docs/policies.md):
// - tenureDeadline: the last day the rotation may take effect. A successor starting on or before
//   it keeps the holder within the limit; still holding the post after it is overdue.
// - warningDates: calendar days before the deadline, largest first; a warning that would fall
//   before the assignment began is dropped.
// - nextLeaveDue: the next mandatory leave must START on or before this date; it is counted from
//   the end of the last mandatory leave, or from the assignment start when there was none.
import { addDays, addMonths, compareLocalDates, type LocalDate } from "../calendar/local-date.ts";
import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import type { PolicyRules } from "./policy.ts";

export interface TenureWarning {
  readonly daysBefore: number;
  readonly date: LocalDate;
}

export function tenureDeadline(assignmentStart: LocalDate, policy: Pick<PolicyRules, "maxTenureMonths">): LocalDate {
  return addMonths(assignmentStart, policy.maxTenureMonths);
}

export function isTenureOverdue(
  assignmentStart: LocalDate,
  policy: Pick<PolicyRules, "maxTenureMonths">,
  today: LocalDate,
): boolean {
  return compareLocalDates(today, tenureDeadline(assignmentStart, policy)) > 0;
}

export function warningDates(
  assignmentStart: LocalDate,
  policy: Pick<PolicyRules, "maxTenureMonths" | "warningDays">,
): TenureWarning[] {
  const deadline = tenureDeadline(assignmentStart, policy);
  return [...new Set(policy.warningDays)]
    .sort((a, b) => b - a)
    .map((daysBefore) => ({ daysBefore, date: addDays(deadline, -daysBefore) }))
    .filter((w) => compareLocalDates(w.date, assignmentStart) >= 0);
}

/**
 * The warning in force on `today`: the latest one whose date has come, until the deadline passes
 * (then the rotation is overdue, not warned about). A stable key for "send this warning once".
 */
export function currentWarning(
  assignmentStart: LocalDate,
  policy: Pick<PolicyRules, "maxTenureMonths" | "warningDays">,
  today: LocalDate,
): TenureWarning | undefined {
  if (isTenureOverdue(assignmentStart, policy, today)) return undefined;
  return warningDates(assignmentStart, policy)
    .filter((w) => compareLocalDates(w.date, today) <= 0)
    .at(-1);
}

export function nextLeaveDue(
  lastLeaveEndOrAssignmentStart: LocalDate,
  policy: Pick<PolicyRules, "leaveEveryMonths">,
): LocalDate {
  return addMonths(lastLeaveEndOrAssignmentStart, policy.leaveEveryMonths);
}

export function isLeaveOverdue(
  lastLeaveEndOrAssignmentStart: LocalDate,
  policy: Pick<PolicyRules, "leaveEveryMonths">,
  today: LocalDate,
): boolean {
  return compareLocalDates(today, nextLeaveDue(lastLeaveEndOrAssignmentStart, policy)) > 0;
}

export interface LeaveWindow {
  /** The first working day on or after the requested start. */
  readonly start: LocalDate;
  /** The last day of the minimum leave: leaveMinWorkingDays consecutive working days. */
  readonly end: LocalDate;
  /** The last day HR may tell compliance: complianceLeadWorkingDays working days before start. */
  readonly notifyComplianceBy: LocalDate;
}

export function leaveWindow(
  calendar: WorkingCalendar,
  requestedStart: LocalDate,
  policy: Pick<PolicyRules, "leaveMinWorkingDays" | "complianceLeadWorkingDays">,
): LeaveWindow {
  const start = calendar.workingDayOnOrAfter(requestedStart);
  return {
    start,
    end: calendar.endOfWorkingSpan(start, policy.leaveMinWorkingDays),
    notifyComplianceBy: calendar.subtractWorkingDays(start, policy.complianceLeadWorkingDays),
  };
}

/** Whether compliance heard of a leave early enough: at least the lead in working days. */
export function isComplianceNoticeInTime(
  calendar: WorkingCalendar,
  notifiedOn: LocalDate,
  leaveStart: LocalDate,
  policy: Pick<PolicyRules, "complianceLeadWorkingDays">,
): boolean {
  return calendar.workingDaysBetween(notifiedOn, leaveStart) >= policy.complianceLeadWorkingDays;
}

/** Whether a leave from `start` to `end` (inclusive) holds the minimum number of working days. */
export function isLeaveLongEnough(
  calendar: WorkingCalendar,
  start: LocalDate,
  end: LocalDate,
  policy: Pick<PolicyRules, "leaveMinWorkingDays">,
): boolean {
  return calendar.countWorkingDays(start, end) >= policy.leaveMinWorkingDays;
}
