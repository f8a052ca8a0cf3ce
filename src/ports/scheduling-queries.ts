// What the scheduler's due jobs read and claim beyond the aggregates' own repositories: notices that
// may await their recipient's action (the reminder and escalation ladder), the policy and calendar
// that apply to them, open audits and rectifications, and the units a yearly rotation plan is
// drafted for. Every claim is a conditional update: the database decides that a rung ran once.
import type { Card } from "./card.ts";
import type { WorkingCalendar } from "../domain/calendar/index.ts";
import type { PolicyRules } from "../domain/policy/index.ts";

/** One notice to one person (all its platform rows), delivered, offering buttons, not yet escalated. */
export interface AwaitingNotice {
  /** The dedupe key without its "@platform" suffix. */
  readonly key: string;
  /** Its rows, one per platform. */
  readonly ids: readonly string[];
  readonly recipientId: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** When the recipient could first act on it: its first delivery (never before visibleFrom). */
  readonly since: Date;
  readonly visibleFrom: Date | null;
  readonly remindersSent: number;
  /** Acknowledged: its Acknowledge button (which acknowledges the person's other notices about the subject) no longer counts for it. */
  readonly acknowledged: boolean;
  /** The stored card of its first row (rebuilt whenever the subject moved on). */
  readonly card: Card;
}

/** Where a page of awaiting notices ends: the last row's delivery and dedupe key (the order). */
export interface NoticeCursor {
  readonly sentAt: Date;
  readonly dedupeKey: string;
}

/** The key post and the mandatory leave a subject is about, when it is about one. */
export interface SubjectLink {
  readonly postId: string | null;
  readonly leaveId: string | null;
}

export interface PlanUnit {
  readonly id: string;
  readonly code: string;
  readonly path: string;
  readonly timeZone: string;
}

export interface SchedulingQueries {
  /**
   * One page of the notices delivered in [deliveredSince, deliveredBy] about `subjectTypes` that may
   * await their recipient (they offer a button), oldest first, each with all its rows; `next` is
   * where the following page starts (undefined after the last).
   */
  awaitingNotices(
    deliveredSince: Date,
    deliveredBy: Date,
    subjectTypes: readonly string[],
    page: { readonly limit: number; readonly after?: NoticeCursor },
  ): Promise<{ notices: AwaitingNotice[]; next?: NoticeCursor }>;
  /** remindersSent from → to on every row of the notice; false when another tick moved it first. */
  claimReminder(ids: readonly string[], from: number, to: number): Promise<boolean>;
  /** escalatedAt null → at on every row of the notice; false when another tick escalated it first. */
  claimEscalation(ids: readonly string[], at: Date): Promise<boolean>;
  /** The action names behind card tokens. */
  tokenActions(tokens: readonly string[]): Promise<Map<string, string>>;
  subjectLink(subjectType: string, subjectId: string): Promise<SubjectLink>;
  /** The links of many subjects of one type, by subject id (a subject that is gone has none). */
  subjectLinks(subjectType: string, subjectIds: readonly string[]): Promise<Map<string, SubjectLink>>;
  /** The policy of a key post (its override laid over its category default). */
  policyForPost(postId: string): Promise<PolicyRules | undefined>;
  /** The shortest first rung and the longest escalation time of any stored policy, in hours; undefined when none. */
  rungBounds(): Promise<{ shortest: number; longest: number } | undefined>;
  /** For notices about no post: the active category default that escalates soonest. */
  strictestDefault(): Promise<PolicyRules | undefined>;
  /** A unit's working-day calendar (its own, else its nearest ancestor's) in its time zone; undefined when none. */
  unitCalendar(unitId: string): Promise<WorkingCalendar | undefined>;
  /** Units some HR officer is granted on (their own scope): the units a yearly plan is drafted for, deepest first. */
  planUnits(): Promise<PlanUnit[]>;
  /** Audits not yet signed off (nor cancelled) with a due date on or before `dueBy` ("YYYY-MM-DD", the latest local date anywhere). */
  auditsDueBy(dueBy: string): Promise<{ id: string; unitId: string; dueDate: string }[]>;
  /** Open rectification items due on or before `dueBy`. */
  rectificationsDueBy(dueBy: string): Promise<{ id: string; auditId: string; unitId: string; dueDate: string }[]>;
}
