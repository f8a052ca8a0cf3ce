// The dates the due scan and the early warnings decide on, one pure function each, shared by both:
// where a holding stands against its tenure limit and its leave frequency on a given day. The
// SQL prefilter (`latestStartWithin`) is exact: a holding it rules out can never be due.
import { addDays, addMonths, compareLocalDates, daysBetween, type LocalDate } from "../../domain/calendar/index.ts";
import {
  currentWarning,
  isTenureOverdue,
  nextLeaveDue,
  tenureDeadline,
  type PolicyRules,
} from "../../domain/policy/index.ts";

/**
 * The last day `s` with addMonths(s, months) ≤ limit. addMonths is non-decreasing (it clamps to
 * the month's end), so `addMonths(s, months) ≤ limit ⇔ s ≤ latestStartWithin(limit, months)`.
 */
export function latestStartWithin(limit: LocalDate, months: number): LocalDate {
  let s = addMonths(limit, -months);
  while (compareLocalDates(addMonths(s, months), limit) > 0) s = addDays(s, -1);
  while (compareLocalDates(addMonths(addDays(s, 1), months), limit) <= 0) s = addDays(s, 1);
  return s;
}

export type TenureState = "overdue" | "warning";

export interface TenureDue {
  readonly deadline: LocalDate;
  readonly state: TenureState;
  /** The warning in force (calendar days before the deadline); null when overdue. */
  readonly daysBefore: number | null;
  /** Calendar days from today to the deadline; negative once overdue. */
  readonly daysLeft: number;
}

/** Past the tenure limit, or inside one of its warnings (docs/policies.md conventions); else undefined. */
export function tenureDue(
  start: LocalDate,
  policy: Pick<PolicyRules, "maxTenureMonths" | "warningDays">,
  today: LocalDate,
): TenureDue | undefined {
  const deadline = tenureDeadline(start, policy);
  const daysLeft = daysBetween(today, deadline);
  if (isTenureOverdue(start, policy, today)) return { deadline, state: "overdue", daysBefore: null, daysLeft };
  const warning = currentWarning(start, policy, today);
  return warning ? { deadline, state: "warning", daysBefore: warning.daysBefore, daysLeft } : undefined;
}

/** The largest warning threshold: how far ahead of a deadline a holding can be warned about. */
export function widestWarning(policy: Pick<PolicyRules, "warningDays">): number {
  return Math.max(0, ...policy.warningDays);
}

export type LeaveDueState = "overdue" | "due";

export interface LeaveDue {
  /** The leave clock: the end of the last mandatory leave, else the assignment's start. */
  readonly countedFrom: LocalDate;
  /** The next mandatory leave must start on or before this day. */
  readonly dueDate: LocalDate;
  /** overdue: today is after the due date; due: the due date is within the horizon. */
  readonly state: LeaveDueState;
  readonly daysLeft: number;
}

/**
 * The leave clock of a holding: the end of the holder's latest mandatory leave that has started,
 * or the assignment's start when there was none (docs/policies.md: nextLeaveDue).
 */
export function leaveClock(start: LocalDate, lastLeaveEnd: LocalDate | null): LocalDate {
  return lastLeaveEnd ?? start;
}

/** Overdue, or due within `horizonDays` calendar days of today (0: due today); else undefined. */
export function leaveDue(
  countedFrom: LocalDate,
  policy: Pick<PolicyRules, "leaveEveryMonths">,
  today: LocalDate,
  horizonDays: number,
): LeaveDue | undefined {
  const dueDate = nextLeaveDue(countedFrom, policy);
  const daysLeft = daysBetween(today, dueDate);
  if (daysLeft < 0) return { countedFrom, dueDate, state: "overdue", daysLeft };
  return daysLeft <= horizonDays ? { countedFrom, dueDate, state: "due", daysLeft } : undefined;
}
