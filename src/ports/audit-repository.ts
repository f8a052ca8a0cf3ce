// Off-post audits (离岗审计) as stored, as plain records: the audit with its team, checklist items,
// findings, the holder's opinion, signatures and rectification items (整改). Every audit comes with
// what its rules need to know around it: the post, the post's unit (scope, time zone) and, for the
// audit of a leave, the leave's secrecy facts and substitute.
import type { AuditState } from "../domain/audit/audit.machine.ts";
import type { ItemResult, RectificationState, Severity } from "../domain/audit/checklist.ts";
import type { TeamRole } from "../domain/access/separation.ts";
import type { LocalDate } from "../domain/calendar/index.ts";
import type { LeaveState } from "../domain/leave/leave.machine.ts";

export interface AuditMemberRecord {
  readonly employeeId: string;
  readonly role: TeamRole;
}

export interface ChecklistItemRecord {
  readonly seq: number;
  readonly text: string;
  readonly textEn: string;
  readonly result: ItemResult;
  readonly note: string;
  readonly evidenceUrl: string;
  readonly markedById: string | null;
  readonly markedAt: Date | null;
}

export interface FindingRecord {
  readonly seq: number;
  readonly severity: Severity;
  readonly description: string;
  readonly itemSeq: number | null;
  readonly evidenceUrl: string;
  readonly createdById: string;
  readonly createdAt: Date;
}

/** A file attached to a checklist item; its bytes are in the evidence store under `sha256`. */
export interface EvidenceFileRecord {
  readonly id: string;
  readonly itemSeq: number;
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly uploadedById: string;
  readonly uploadedAt: Date;
}

export interface OpinionRecord {
  readonly employeeId: string;
  readonly agrees: boolean;
  readonly reason: string;
  readonly at: Date;
}

export interface SignatureRecord {
  readonly employeeId: string;
  readonly at: Date;
}

export interface RectificationRecord {
  readonly id: string;
  readonly auditId: string;
  readonly findingSeq: number | null;
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: LocalDate;
  readonly status: RectificationState;
  readonly closingNote: string;
  readonly closedById: string | null;
  readonly closedAt: Date | null;
  readonly createdAt: Date;
}

/** The leave an audit belongs to, as far as the audit's rules need it. */
export interface AuditLeaveFacts {
  readonly id: string;
  readonly status: LeaveState;
  readonly sealed: boolean;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  readonly substituteId: string | null;
}

/** The audit row alone, for lists. */
export interface AuditSummary {
  readonly id: string;
  readonly leaveId: string | null;
  readonly rotationId: string | null;
  readonly postId: string;
  readonly holderId: string;
  readonly unitId: string;
  readonly status: AuditState;
  readonly planText: string;
  readonly planApprovedById: string | null;
  readonly noticeIssuedAt: Date | null;
  readonly reportText: string;
  readonly dueDate: LocalDate | null;
  readonly version: number;
  readonly requestedAt: Date;
  readonly closedAt: Date | null;
}

export interface AuditRecord extends AuditSummary {
  readonly post: { readonly code: string; readonly name: string; readonly nameEn: string | null };
  readonly unit: { readonly path: string; readonly timeZone: string };
  readonly leave: AuditLeaveFacts | null;
  readonly members: readonly AuditMemberRecord[];
  /** In checklist order. */
  readonly items: readonly ChecklistItemRecord[];
  /** In the order they were recorded. */
  readonly findings: readonly FindingRecord[];
  readonly opinions: readonly OpinionRecord[];
  readonly signatures: readonly SignatureRecord[];
  /** In the order they were raised. */
  readonly rectifications: readonly RectificationRecord[];
  /** Evidence files of the checklist items, in the order they were attached. */
  readonly files: readonly EvidenceFileRecord[];
}

export interface TemplateItem {
  readonly seq: number;
  readonly text: string;
  readonly textEn: string;
}

export interface NewAudit {
  readonly id: string;
  readonly leaveId: string | null;
  readonly rotationId: string | null;
  readonly postId: string;
  readonly holderId: string;
  readonly unitId: string;
  readonly status: AuditState;
  readonly requestedAt: Date;
  /** The day the audit should be signed off by (the leave's last day), if any. */
  readonly dueDate: LocalDate | null;
  readonly items: readonly TemplateItem[];
}

/** What an audit-level step may change on the audit row (its version always moves on). */
export type AuditPatch = Partial<
  Pick<
    AuditSummary,
    "status" | "planText" | "planApprovedById" | "noticeIssuedAt" | "reportText" | "dueDate" | "closedAt"
  >
>;

export interface ItemMarkWrite {
  readonly result: Exclude<ItemResult, "pending">;
  readonly note: string;
  readonly evidenceUrl: string;
  readonly markedById: string;
  readonly markedAt: Date;
}

export interface NewFinding {
  readonly severity: Severity;
  readonly description: string;
  readonly itemSeq: number | null;
  readonly evidenceUrl: string;
  readonly createdById: string;
  readonly createdAt: Date;
}

export interface NewRectification {
  readonly findingSeq: number | null;
  readonly description: string;
  readonly ownerId: string;
  readonly dueDate: LocalDate;
  readonly createdAt: Date;
}

export interface AuditRepository {
  /** Creates the audit in its first state with its checklist items (copied from the post's template). */
  create(audit: NewAudit): Promise<void>;
  byId(id: string): Promise<AuditRecord | undefined>;
  /** The audit of a leave: the live one, else the latest cancelled one. */
  ofLeave(leaveId: string): Promise<AuditRecord | undefined>;
  /** The audit of a rotation exit, likewise. */
  ofRotation(rotationId: string): Promise<AuditRecord | undefined>;
  /** Audits a person sits on the team of, newest first. */
  forMember(employeeId: string): Promise<AuditSummary[]>;
  /** Audits of a holder, newest first. */
  forHolder(holderId: string): Promise<AuditSummary[]>;
  /** Audits of posts in a unit and its subtree, newest first. */
  forUnit(unitPath: string, limit?: number): Promise<AuditSummary[]>;
  /** The facts of a leave an audit is (to be) about. */
  leaveFacts(leaveId: string): Promise<AuditLeaveFacts | undefined>;
  /** The post's checklist template, in order; empty when the post has none. */
  checklistTemplateOf(postId: string): Promise<TemplateItem[]>;
  /**
   * Applies `patch` and increments the version when the stored version is still `expectedVersion`;
   * false when it moved on (the caller answers STALE_ACTION). Every change to an audit's rows goes
   * with one such call, so that two writers of the same audit never both succeed.
   */
  update(id: string, expectedVersion: number, patch: AuditPatch): Promise<boolean>;
  replaceTeam(auditId: string, team: readonly AuditMemberRecord[]): Promise<void>;
  /** Marks an item whose result is still `expected`; false when it is not (someone marked it first). */
  markItem(auditId: string, seq: number, expected: ItemResult, mark: ItemMarkWrite): Promise<boolean>;
  /** Returns the finding's number in the audit. */
  addFinding(auditId: string, finding: NewFinding): Promise<number>;
  addOpinion(auditId: string, opinion: OpinionRecord): Promise<void>;
  /** Records a file attached to an item (its bytes are already in the evidence store). */
  addFile(auditId: string, file: EvidenceFileRecord): Promise<void>;
  addSignature(auditId: string, signature: SignatureRecord): Promise<void>;
  /** Returns the new item's id. */
  addRectification(auditId: string, rectification: NewRectification): Promise<string>;
  rectificationById(id: string): Promise<RectificationRecord | undefined>;
  /** Closes an open item; false when it was closed already. */
  closeRectification(
    id: string,
    close: { readonly note: string; readonly closedById: string; readonly closedAt: Date },
  ): Promise<boolean>;
}
