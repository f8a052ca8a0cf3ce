// Job rotation as the core sees it: posts and who held them (the assignment history), rotation
// plans, and rotations with their optimistic version. Plain records; dates are "YYYY-MM-DD".
import type { RotationState } from "../domain/rotation/rotation.machine.ts";
import type { PolicyRules, PostCategory } from "../domain/policy/policy.ts";

export interface KeyPostRecord {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly unitId: string;
  readonly unitCode: string;
  readonly unitPath: string;
  readonly unitTimeZone: string;
  readonly category: PostCategory;
  /** The override policy the post points at, if any. */
  readonly policyId: string | null;
  readonly active: boolean;
}

/** The policy numbers a rotation needs, and the code of the policy they come from. */
export interface TenureTerms extends Pick<PolicyRules, "maxTenureMonths" | "warningDays"> {
  readonly policyCode: string;
}

export type AssignmentKind = "holder" | "acting";

export interface AssignmentRecord {
  readonly id: string;
  readonly employeeId: string;
  readonly postId: string;
  readonly kind: AssignmentKind;
  readonly startDate: string;
  readonly endDate: string | null;
  /** rotation | leave_cover_ended | left | correction */
  readonly endReason: string | null;
  readonly rotationId: string | null;
  readonly leaveId: string | null;
}

/** An open holder assignment with its post: what the due/overdue scan looks at. */
export interface Holding {
  readonly assignment: AssignmentRecord;
  readonly post: KeyPostRecord;
}

export interface NewAssignment {
  readonly employeeId: string;
  readonly postId: string;
  readonly kind: AssignmentKind;
  readonly startDate: string;
  readonly rotationId: string | null;
}

export interface RotationRecord {
  readonly id: string;
  readonly planId: string | null;
  readonly postId: string;
  readonly outgoingId: string;
  readonly incomingId: string | null;
  /** Where the outgoing holder goes. */
  readonly destinationPostId: string | null;
  readonly plannedDate: string;
  readonly status: RotationState;
  readonly handoverId: string | null;
  readonly version: number;
  readonly createdById: string | null;
  readonly approvedById: string | null;
  readonly doneAt: Date | null;
  readonly createdAt: Date;
}

export interface NewRotation {
  /** Given by the caller: the scan derives it from the holding, so two servers create one row. */
  readonly id: string;
  readonly planId: string | null;
  readonly postId: string;
  readonly outgoingId: string;
  readonly incomingId: string | null;
  readonly destinationPostId: string | null;
  readonly plannedDate: string;
  readonly status: RotationState;
  readonly createdById: string | null;
  readonly createdAt: Date;
}

/** Fields a transition may set besides the status. */
export interface RotationChanges {
  readonly status: RotationState;
  readonly incomingId?: string | null;
  readonly destinationPostId?: string | null;
  readonly plannedDate?: string;
  readonly handoverId?: string | null;
  readonly approvedById?: string | null;
  readonly planId?: string | null;
  readonly doneAt?: Date | null;
}

export type RotationPlanStatus = "draft" | "approved";

export interface RotationPlanRecord {
  readonly id: string;
  readonly year: number;
  readonly unitId: string;
  readonly unitCode: string;
  readonly unitPath: string;
  readonly status: RotationPlanStatus;
  readonly approvedById: string | null;
  readonly approvedAt: Date | null;
  readonly createdAt: Date;
}

export interface UnitView {
  readonly id: string;
  readonly code: string;
  readonly path: string;
  readonly timeZone: string;
}

export interface RotationRepository {
  postById(id: string): Promise<KeyPostRecord | undefined>;
  postByCode(code: string): Promise<KeyPostRecord | undefined>;
  unitByCode(code: string): Promise<UnitView | undefined>;
  /** The tenure terms of each post (its category default with its own policy over it); a post whose policy cannot be resolved is left out. */
  tenureTerms(postIds: readonly string[]): Promise<Map<string, TenureTerms>>;

  /** The open holder assignment of a post (no end date), if any. */
  currentHolding(postId: string): Promise<AssignmentRecord | undefined>;
  /** Open holder assignments of active posts, in id order, `limit` at a time after `afterId`; `underPath` keeps one subtree. */
  openHoldings(page: {
    readonly afterId?: string;
    readonly limit: number;
    readonly underPath?: string;
  }): Promise<Holding[]>;
  /** Every assignment of a post, oldest first. */
  assignmentsOfPost(postId: string): Promise<AssignmentRecord[]>;
  /** Every assignment of a person, oldest first. */
  assignmentsOfEmployee(employeeId: string): Promise<AssignmentRecord[]>;
  /** Ends an open assignment; false when it was ended already. */
  endAssignment(
    id: string,
    end: { readonly endDate: string; readonly endReason: string; readonly rotationId: string | null },
  ): Promise<boolean>;
  startAssignment(assignment: NewAssignment, at: Date): Promise<AssignmentRecord>;

  rotationById(id: string): Promise<RotationRecord | undefined>;
  /** Rotations of one person out of one post, created on or after `since`, oldest first. */
  rotationsOf(postId: string, outgoingId: string, since: Date): Promise<RotationRecord[]>;
  /** Rotations of posts under a unit path in these states, by planned date. */
  rotationsUnder(unitPath: string, states: readonly RotationState[]): Promise<RotationRecord[]>;
  rotationsOfPlan(planId: string): Promise<RotationRecord[]>;
  createRotation(rotation: NewRotation): Promise<RotationRecord>;
  /** Optimistic update: applies only at `expectedVersion` and bumps the version; undefined when stale. */
  updateRotation(id: string, expectedVersion: number, changes: RotationChanges): Promise<RotationRecord | undefined>;

  planById(id: string): Promise<RotationPlanRecord | undefined>;
  planOf(unitId: string, year: number): Promise<RotationPlanRecord | undefined>;
  createPlan(plan: {
    readonly id: string;
    readonly year: number;
    readonly unitId: string;
    readonly createdAt: Date;
  }): Promise<RotationPlanRecord>;
  /** draft → approved; false when it was not a draft any more (the plan's concurrency guard: it has no version column). */
  approvePlan(id: string, approvedById: string, at: Date): Promise<boolean>;
  /** Puts rotations without a plan into one; returns how many it took. */
  attachToPlan(planId: string, rotationIds: readonly string[]): Promise<number>;
}
