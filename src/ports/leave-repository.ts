// Mandatory leaves as stored, as plain records. The post's unit (its path and time zone) comes
// with every leave: scope, secrecy and "when does it start there" all need it.
import type { LocalDate } from "../domain/calendar/index.ts";
import type { LeaveKind, LeaveState, LeaveTrigger } from "../domain/leave/leave.machine.ts";

export interface LeaveRecord {
  readonly id: string;
  readonly kind: LeaveKind;
  readonly trigger: LeaveTrigger | null;
  readonly triggerRef: string | null;
  readonly holderId: string;
  readonly postId: string;
  readonly substituteId: string | null;
  /** The post's unit: its calendar and its time zone. */
  readonly unitId: string;
  readonly unitPath: string;
  readonly timeZone: string;
  /** The first working day of the leave (the unit's calendar). */
  readonly startDate: LocalDate;
  /** The last day of the leave, inclusive. */
  readonly endDate: LocalDate;
  readonly sealed: boolean;
  readonly status: LeaveState;
  readonly reason: string;
  readonly plannedById: string;
  readonly complianceNotifiedAt: Date | null;
  readonly startedAt: Date | null;
  readonly closedAt: Date | null;
  readonly cancelledAt: Date | null;
  readonly version: number;
  readonly createdAt: Date;
}

export interface NewLeave {
  readonly id: string;
  readonly kind: LeaveKind;
  readonly trigger: LeaveTrigger | null;
  readonly triggerRef: string | null;
  readonly holderId: string;
  readonly postId: string;
  readonly substituteId: string | null;
  readonly unitId: string;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly sealed: boolean;
  readonly reason: string;
  readonly plannedById: string;
  readonly status: LeaveState;
  readonly at: Date;
}

/** What a transition may change. */
export type LeavePatch = Partial<
  Pick<
    LeaveRecord,
    "status" | "substituteId" | "endDate" | "complianceNotifiedAt" | "startedAt" | "closedAt" | "cancelledAt"
  >
>;

/** What the leave needs to know about its off-post audit (the audit area owns those rows). */
export interface LeaveAuditFacts {
  readonly auditId: string | null;
  readonly status: string | null;
  /** Employee ids of the audit team: they may see the sealed leave. */
  readonly team: readonly string[];
  /** The audit has a finding of severity high or critical. */
  readonly seriousFindings: boolean;
}

export interface LeaveRepository {
  byId(id: string): Promise<LeaveRecord | undefined>;
  create(leave: NewLeave): Promise<LeaveRecord>;
  /**
   * Applies `patch` when the stored version is still `expectedVersion`, and increments it.
   * Undefined when the version moved on (the caller answers STALE_ACTION).
   */
  update(id: string, expectedVersion: number, patch: LeavePatch): Promise<LeaveRecord | undefined>;
  /** A person's leaves as holder, newest start first. */
  forHolder(holderId: string): Promise<LeaveRecord[]>;
  /** Leaves of posts in a unit and its subtree, newest start first. */
  forUnit(unitPath: string, limit?: number): Promise<LeaveRecord[]>;
  /** Leaves in these states, oldest start first (the scheduler's sweeps). */
  inStatus(statuses: readonly LeaveState[], limit?: number): Promise<LeaveRecord[]>;
  /** compliance_notified leaves whose first working day has begun at `at` in their unit's time zone. */
  dueToStart(at: Date): Promise<LeaveRecord[]>;
  /** Leaves away (started, handed_over, audit) whose end day is over at `at` in their unit's time zone. */
  dueToEnd(at: Date): Promise<LeaveRecord[]>;
  auditOf(leaveId: string): Promise<LeaveAuditFacts>;
}
