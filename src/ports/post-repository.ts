// Key posts as the leave and handover use cases see them: the post, its unit (path, time zone,
// working-day calendar), who holds it now, the policy terms that apply, and the acting assignment
// a substitute holds while the holder is on leave.
import type { LocalDate, WorkingCalendar } from "../domain/calendar/index.ts";
import type { LeavePolicyTerms } from "../domain/leave/leave.machine.ts";
import type { PostCategory } from "../domain/policy/index.ts";

export interface PostHolder {
  readonly assignmentId: string;
  readonly employeeId: string;
  readonly startDate: LocalDate;
}

export interface PostPolicyTerms extends LeavePolicyTerms {
  /** The policy the numbers come from (the post's override, else its category default). */
  readonly code: string;
}

export interface PostView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly category: PostCategory;
  readonly riskPoints: readonly string[];
  readonly unitId: string;
  readonly unitPath: string;
  readonly unitName: string;
  readonly unitNameEn: string | null;
  readonly timeZone: string;
  /** The unit's calendar (its own, else the nearest ancestor's), read in the unit's time zone. */
  readonly calendar: WorkingCalendar;
  /** The open holder assignment; null when the post is vacant. */
  readonly holder: PostHolder | null;
  readonly policy: PostPolicyTerms;
}

export interface ActingAssignment {
  readonly id: string;
  readonly employeeId: string;
  readonly postId: string;
  readonly leaveId: string;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate | null;
  readonly endReason: string | null;
}

/** A post as a picker names it. */
export interface PostChoice {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
}

export interface PostRepository {
  /**
   * Active posts in units under any of `unitPaths` whose code, name or English name holds `text`
   * (all when empty), by code, at most `limit`: what a picker offers.
   */
  search(text: string, unitPaths: readonly string[], limit: number): Promise<PostChoice[]>;
  /** A post by id, or by its code. Throws CalendarError when its unit has no calendar. */
  find(idOrCode: string): Promise<PostView | undefined>;
  /** How many clients the employee serves now (open client assignments). */
  clientCountOf(employeeId: string): Promise<number>;
  /** The substitute's acting assignment for a leave; idempotent (the same leave twice gives the same row). */
  startActing(acting: {
    readonly postId: string;
    readonly employeeId: string;
    readonly leaveId: string;
    readonly startDate: LocalDate;
  }): Promise<ActingAssignment>;
  actingFor(leaveId: string): Promise<ActingAssignment | undefined>;
  /** Ends the leave's open acting assignment, recording the period it covered; false when none was open. */
  endActing(
    leaveId: string,
    period: { readonly startDate: LocalDate; readonly endDate: LocalDate; readonly reason: string },
  ): Promise<boolean>;
}
