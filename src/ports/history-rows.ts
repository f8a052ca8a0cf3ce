// Past mandatory leaves and off-post audits from the bank's own ledgers, as the history import
// checks them (src/app/history) and the history writer stores them (src/infra/db).
import type { Severity } from "../domain/audit/checklist.ts";
import type { LocalDate } from "../domain/calendar/index.ts";

export interface PastLeave {
  readonly line: number;
  readonly employeeCode: string;
  readonly postCode: string;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly kind: "regular" | "triggered";
}

export type AuditOutcome = "clean" | "findings";

export interface PastAudit {
  readonly line: number;
  readonly employeeCode: string;
  readonly postCode: string;
  /** The leave of this holder and post that started on this day, or null (an audit at a rotation exit). */
  readonly leaveStart: LocalDate | null;
  readonly dueDate: LocalDate | null;
  readonly doneOn: LocalDate;
  readonly outcome: AuditOutcome;
  /** How many findings of each severity; empty when clean. */
  readonly findings: Readonly<Partial<Record<Severity, number>>>;
}
