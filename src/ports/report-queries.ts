// The read side behind the regulator's and management's figures (src/app/reports): plain facts,
// read in bulk and scoped by unit path, that the reports combine with policies, calendars and the
// secrecy rule. Nothing here decides who may see what: the application filters every leave (and
// everything tied to one) through the secrecy rule before it counts it.
import type { Actor } from "../domain/access/roles.ts";
import type { LocalDate } from "../domain/calendar/index.ts";
import type { LeaveKind, LeaveState } from "../domain/leave/leave.machine.ts";
import type { Policy, PostCategory } from "../domain/policy/index.ts";
import type { CalendarRepository } from "./calendar-repository.ts";

/**
 * The unit paths a read covers, each with its subtree ("/HO/BR1/" covers "/HO/BR1/SB1/"); "/" is
 * the whole bank; an empty list covers nothing.
 */
export type ScopePaths = readonly string[];

export interface UnitFact {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly path: string;
  readonly timeZone: string;
  /** The code of the unit's own working-day calendar (null: it inherits its parent's), when the source knows it. */
  readonly calendarCode?: string | null;
}

export interface EmployeeFact {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** The English name from the register, when the read has it (English readers see it). */
  readonly nameEn?: string | null;
}

/** An active key post. */
export interface PostFact {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly unitId: string;
  readonly category: string;
  /** The post's own (override) policy, if any. */
  readonly policyId: string | null;
  readonly standardDefined: boolean;
  readonly checklistCode: string | null;
  /** Items of the post's checklist template (0 without a template). */
  readonly checklistItems: number;
}

/** An open holder assignment (no end date) of an active key post. */
export interface HoldingFact {
  readonly assignmentId: string;
  readonly employeeId: string;
  readonly postId: string;
  readonly startDate: LocalDate;
}

export interface LeaveFact {
  readonly id: string;
  readonly kind: LeaveKind;
  readonly holderId: string;
  readonly postId: string;
  readonly substituteId: string | null;
  /** The post's unit: its path, calendar and time zone. */
  readonly unitId: string;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly sealed: boolean;
  readonly status: LeaveState;
  /** Employee ids of the audit team of the leave's audits. */
  readonly auditTeam: readonly string[];
}

export interface AuditFact {
  readonly id: string;
  readonly postId: string;
  readonly postCode: string;
  readonly unitId: string;
  readonly holderId: string;
  readonly leaveId: string | null;
  readonly status: string;
  readonly dueDate: LocalDate | null;
  /** The first signature (the executive's sign-off). */
  readonly signedAt: Date | null;
  readonly closedAt: Date | null;
}

export interface FindingFact {
  readonly auditId: string;
  readonly seq: number;
  readonly severity: string;
  readonly description: string;
  readonly createdAt: Date;
}

export interface RectificationFact {
  readonly id: string;
  readonly auditId: string;
  readonly ownerId: string;
  readonly description: string;
  readonly dueDate: LocalDate;
  readonly status: string;
  readonly closedAt: Date | null;
}

/** One notice to one person (its rows on every platform taken together), not acknowledged. */
export interface NoticeFact {
  /** The dedupe key without its "@platform" suffix. */
  readonly key: string;
  readonly recipientId: string;
  readonly recipientUnitId: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** When it became visible: its visibleFrom, else when it was written. */
  readonly since: Date;
  /** The key post the subject is about, when it is about one. */
  readonly postId: string | null;
  /** The mandatory leave the subject belongs to, when it belongs to one. */
  readonly leaveId: string | null;
}

/** Every stored policy, and which ones are the active category defaults. */
export interface PolicyTable {
  readonly defaults: Readonly<Partial<Record<PostCategory, Policy>>>;
  /** Policies by row id: what KeyPost.policyId points at. */
  readonly byId: ReadonlyMap<string, Policy>;
}

/** The key the scan joins a post's policy on: its own policy's id, else "category:<category>". */
export type PolicyKey = string;

export interface DueThreshold {
  readonly policyKey: PolicyKey;
  /** Holdings that started on or before this day may be within the tenure warnings or past the limit. */
  readonly tenureBy: LocalDate;
  /** Holdings whose leave clock (last leave end, else start) is on or before this day may be due a leave. */
  readonly leaveBy: LocalDate;
}

export interface DueCandidateQuery {
  readonly thresholds: readonly DueThreshold[];
  /** Only holdings that started on or before this day. */
  readonly startedBy: LocalDate;
  readonly scope?: ScopePaths;
  /** Keyset pagination: assignments with a greater id, `limit` at a time. */
  readonly afterId?: string;
  readonly limit: number;
}

/** A holding the scan's SQL could not rule out; the application decides exactly. */
export interface DueCandidate {
  readonly assignmentId: string;
  readonly employeeId: string;
  readonly postId: string;
  readonly unitId: string;
  readonly startDate: LocalDate;
  readonly policyKey: PolicyKey;
  /** The end of the holder's latest mandatory leave that has started (any post), if any. */
  readonly lastLeaveEnd: LocalDate | null;
}

/**
 * What the holdings of one (time zone, policy) are measured against at one instant of a figure
 * query: every date is decided by the application (calendar arithmetic, the policy in force then),
 * so the SQL only compares "YYYY-MM-DD" texts.
 */
export interface HoldingRule {
  /** Which of the query's instants (0 …). */
  readonly instant: number;
  readonly timeZone: string;
  readonly policyKey: PolicyKey;
  /** The local date at the instant: holdings that start after it are not counted. */
  readonly today: LocalDate;
  /** A holding that started on or before this day is past its tenure limit. */
  readonly overdueBy: LocalDate;
  /** A leave taken counts from this first day (12 months before today) to today. */
  readonly windowFrom: LocalDate;
  readonly minWorkingDays: number;
}

/** A leave the viewer may count (the app applied the secrecy rule), with its length in working days. */
export interface CountedLeave {
  readonly holderId: string;
  readonly startDate: LocalDate;
  readonly workingDays: number;
  /** Started (taken once in the window) or still planned (counts from today on). */
  readonly started: boolean;
  /** Bit i set: the viewer may count it at instant i. */
  readonly instants: number;
}

export interface HoldingFiguresQuery {
  readonly scope: ScopePaths;
  readonly rules: readonly HoldingRule[];
  readonly leaves: readonly CountedLeave[];
  /** false: one row per instant (unitId and category empty), for totals only. Default true. */
  readonly perUnit?: boolean;
}

/** The counted holdings of one unit and category at one instant (those with a policy and started by today). */
export interface HoldingFigureRow {
  readonly instant: number;
  readonly unitId: string;
  readonly category: string;
  readonly holders: number;
  /** Within their tenure limit. */
  readonly within: number;
  /** With a qualifying leave taken in the window. */
  readonly covered: number;
  /** Covered, or with a qualifying leave planned from today on. */
  readonly coveredOrPlanned: number;
}

/**
 * An open holding of an active post with the codes and names a table of holders and the early
 * warnings show: ONE read of the scope's holdings serves both on a dashboard page (decision 20.29).
 */
export interface NamedHoldingFact extends HoldingFact {
  readonly employeeCode: string;
  readonly employeeName: string;
  readonly employeeNameEn: string | null;
  readonly postCode: string;
  readonly unitId: string;
  readonly category: string;
  readonly policyId: string | null;
}

export interface ReportQueries {
  units(): Promise<readonly UnitFact[]>;
  employees(ids: readonly string[]): Promise<Map<string, EmployeeFact>>;
  /**
   * The policies in force at `at` (default: now), read back from the versioned policy.changed
   * events of the audit log: each version holds from the instant it was recorded; a policy's first
   * version also stands for the time before it (the bank's policy is older than its arrival here).
   */
  policyTable(at?: Date): Promise<PolicyTable>;
  posts(scope: ScopePaths): Promise<PostFact[]>;
  holdings(scope: ScopePaths): Promise<HoldingFact[]>;
  /** Every leave of these holders, wherever it was. */
  leavesOf(holderIds: readonly string[]): Promise<LeaveFact[]>;
  leavesByIds(ids: readonly string[]): Promise<LeaveFact[]>;
  /** Every leave of the holders of the scope's open holdings (what `leavesOf(holders)` reads, without the holdings). */
  leavesOfHoldersIn(scope: ScopePaths): Promise<LeaveFact[]>;
  /**
   * Rotation and leave-coverage counts per (instant, unit, category), computed by the database over
   * the scope's open holdings: the reports' per-holding rules, given as dated rules per time zone
   * and policy (`HoldingRule`), and the leaves the viewer may count.
   */
  holdingFigures(query: HoldingFiguresQuery): Promise<HoldingFigureRow[]>;
  audits(scope: ScopePaths): Promise<AuditFact[]>;
  /** Every audit of these holders, wherever it was, in id order (a keyed read: one person's status). */
  auditsOf(holderIds: readonly string[]): Promise<AuditFact[]>;
  findings(auditIds: readonly string[]): Promise<FindingFact[]>;
  rectifications(auditIds: readonly string[]): Promise<RectificationFact[]>;
  /** Notices not acknowledged on any platform, not superseded, visible at `now`, with their subject's post and leave. */
  unacknowledgedNotices(now: Date): Promise<NoticeFact[]>;
  /**
   * The scope's open holdings of active posts (as `holdings`) with their post's code, unit, category
   * and policy and their holder's code and names: what the dashboard's table of holders and its
   * early warnings are built from, read once per page (the app decides dates, order and pages).
   */
  namedHoldings(scope: ScopePaths): Promise<NamedHoldingFact[]>;
  /** The holdings the due scan's SQL cannot rule out, in assignment id order. */
  dueCandidates(query: DueCandidateQuery): Promise<DueCandidate[]>;
  /** A current employee as the access rules see them, by code (the CLI's --as). */
  actorByCode(code: string): Promise<Actor | undefined>;
}

/** What every report reads through: the queries and the working calendars. */
export interface ReportDeps {
  readonly queries: ReportQueries;
  readonly calendars: Pick<CalendarRepository, "load">;
  /**
   * Results computed from the reads, shared by the reports of ONE dashboard page (set only by the
   * dashboard's `sharedReads`, dropped with the page): the trend's two audit reports at each instant
   * load the same audits. Absent everywhere else, so nothing outlives a request.
   */
  readonly pageMemo?: Map<string, Promise<unknown>>;
}

/** What the CLI gives the export: its database, its files, its usage error, its clock. */
export interface ReportExportHost {
  /** The database and the key that opens its encrypted text (findings), from the configuration. */
  open(config: {
    readonly DATABASE_URL: string;
    readonly KEYPOST_FIELD_KEY_FILE?: string | undefined;
  }): Promise<{ readonly deps: ReportDeps; close(): Promise<void> }>;
  writeFile(path: string, text: string): Promise<void>;
  usageError(message: string): Error;
  now(): Date;
}
