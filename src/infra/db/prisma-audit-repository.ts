// Off-post audits in the database. The audit row, its team, checklist, findings, opinions,
// signatures and rectification items come back as one plain record, with the post, the post's unit
// and the leave's secrecy facts looked up beside it (the schema keeps those as plain ids).
import type { AuditState } from "../../domain/audit/audit.machine.ts";
import type { ItemResult, RectificationState, Severity } from "../../domain/audit/checklist.ts";
import type { TeamRole } from "../../domain/access/separation.ts";
import type { LeaveState } from "../../domain/leave/leave.machine.ts";
import type {
  AuditLeaveFacts,
  AuditMemberRecord,
  AuditPatch,
  AuditRecord,
  AuditRepository,
  AuditSummary,
  EvidenceFileRecord,
  ItemMarkWrite,
  NewAudit,
  NewFinding,
  NewRectification,
  OpinionRecord,
  RectificationRecord,
  SignatureRecord,
  TemplateItem,
} from "../../ports/audit-repository.ts";
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { newId } from "../../ports/ids.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";
import type { Tx } from "./database.ts";
import type { Prisma } from "./generated/sqlite/client.ts";
import { unitIdsUnder } from "./units-under.ts";

const include = {
  members: true,
  items: { orderBy: { seq: "asc" as const } },
  findings: { orderBy: { seq: "asc" as const } },
  opinions: { orderBy: { at: "asc" as const } },
  signatures: { orderBy: { at: "asc" as const } },
  rectifications: { orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] },
  files: { orderBy: [{ uploadedAt: "asc" as const }, { id: "asc" as const }] },
} satisfies Prisma.AuditInclude;

const LEAVE_FACTS = {
  id: true,
  status: true,
  sealed: true,
  startDate: true,
  endDate: true,
  substituteId: true,
} as const;

type AuditRow = {
  id: string;
  leaveId: string | null;
  rotationId: string | null;
  postId: string;
  holderId: string;
  unitId: string;
  status: string;
  planText: string;
  planApprovedById: string | null;
  noticeIssuedAt: Date | null;
  reportText: string;
  dueDate: string | null;
  version: number;
  requestedAt: Date;
  closedAt: Date | null;
};

type RectificationRow = Omit<RectificationRecord, "status"> & { status: string };

type AuditRowWithChildren = AuditRow & {
  members: { employeeId: string; role: string }[];
  items: {
    seq: number;
    text: string;
    textEn: string;
    result: string;
    note: string;
    evidenceUrl: string;
    markedById: string | null;
    markedAt: Date | null;
  }[];
  findings: {
    seq: number;
    severity: string;
    description: string;
    itemSeq: number | null;
    evidenceUrl: string;
    createdById: string;
    createdAt: Date;
  }[];
  opinions: OpinionRecord[];
  signatures: SignatureRecord[];
  rectifications: RectificationRow[];
  files: EvidenceFileRecord[];
};

function toSummary(row: AuditRow): AuditSummary {
  return {
    id: row.id,
    leaveId: row.leaveId,
    rotationId: row.rotationId,
    postId: row.postId,
    holderId: row.holderId,
    unitId: row.unitId,
    status: row.status as AuditState,
    planText: row.planText,
    planApprovedById: row.planApprovedById,
    noticeIssuedAt: row.noticeIssuedAt,
    reportText: row.reportText,
    dueDate: row.dueDate,
    version: row.version,
    requestedAt: row.requestedAt,
    closedAt: row.closedAt,
  };
}

/** Encrypted columns (docs/field-encryption.md). */
export const FINDING_TEXT = "Finding.description";
export const RECTIFICATION_TEXT = "Rectification.description";

function toRectification(row: RectificationRow, fields: FieldCipher): RectificationRecord {
  return {
    id: row.id,
    auditId: row.auditId,
    findingSeq: row.findingSeq,
    description: fields.open(RECTIFICATION_TEXT, row.description),
    ownerId: row.ownerId,
    dueDate: row.dueDate,
    status: row.status as RectificationState,
    closingNote: row.closingNote,
    closedById: row.closedById,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
  };
}

/**
 * One instance per transaction. Cards are rebuilt for every notice of an audit after each step, so
 * the audit's own rows are kept between reads and forgotten on any write through this repository;
 * the post and the unit do not change; the leave (written by the leave area) is read every time.
 */
export class PrismaAuditRepository implements AuditRepository {
  readonly #rows = new Map<string, AuditRowWithChildren>();
  readonly #static = new Map<string, { post: AuditRecord["post"]; unit: AuditRecord["unit"] }>();

  constructor(
    private readonly db: Tx,
    private readonly fields: FieldCipher = PLAIN_FIELDS,
  ) {}

  #forget(): void {
    this.#rows.clear();
  }

  async create(audit: NewAudit): Promise<void> {
    this.#forget();
    await this.db.audit.create({
      data: {
        id: audit.id,
        leaveId: audit.leaveId,
        rotationId: audit.rotationId,
        postId: audit.postId,
        holderId: audit.holderId,
        unitId: audit.unitId,
        status: audit.status,
        requestedAt: audit.requestedAt,
        dueDate: audit.dueDate,
        items: {
          create: audit.items.map((item) => ({ id: newId(), seq: item.seq, text: item.text, textEn: item.textEn })),
        },
      },
    });
  }

  async byId(id: string): Promise<AuditRecord | undefined> {
    const row = this.#rows.get(id) ?? (await this.db.audit.findUnique({ where: { id }, include }));
    if (!row) return undefined;
    this.#rows.set(id, row);
    return this.#record(row);
  }

  async ofLeave(leaveId: string): Promise<AuditRecord | undefined> {
    return this.#latest({ leaveId });
  }

  async ofRotation(rotationId: string): Promise<AuditRecord | undefined> {
    return this.#latest({ rotationId });
  }

  async forMember(employeeId: string): Promise<AuditSummary[]> {
    const rows = await this.db.audit.findMany({
      where: { members: { some: { employeeId } } },
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
    });
    return rows.map(toSummary);
  }

  async forHolder(holderId: string): Promise<AuditSummary[]> {
    const rows = await this.db.audit.findMany({
      where: { holderId },
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
    });
    return rows.map(toSummary);
  }

  async forUnit(unitPath: string, limit = 200): Promise<AuditSummary[]> {
    const rows = await this.db.audit.findMany({
      where: { unitId: { in: await unitIdsUnder(this.db, [unitPath]) } },
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      take: limit,
    });
    return rows.map(toSummary);
  }

  async leaveFacts(leaveId: string): Promise<AuditLeaveFacts | undefined> {
    const leave = await this.db.leave.findUnique({ where: { id: leaveId }, select: LEAVE_FACTS });
    return leave ? { ...leave, status: leave.status as LeaveState } : undefined;
  }

  async checklistTemplateOf(postId: string): Promise<TemplateItem[]> {
    const post = await this.db.keyPost.findUnique({
      where: { id: postId },
      select: { checklistTemplate: { select: { items: { orderBy: { seq: "asc" } } } } },
    });
    return (post?.checklistTemplate?.items ?? []).map((item) => ({
      seq: item.seq,
      text: item.text,
      textEn: item.textEn,
    }));
  }

  async update(id: string, expectedVersion: number, patch: AuditPatch): Promise<boolean> {
    this.#forget();
    const { count } = await this.db.audit.updateMany({
      where: { id, version: expectedVersion },
      data: { ...patch, version: { increment: 1 } },
    });
    return count === 1;
  }

  async replaceTeam(auditId: string, team: readonly AuditMemberRecord[]): Promise<void> {
    this.#forget();
    await this.db.auditMember.deleteMany({ where: { auditId } });
    await this.db.auditMember.createMany({
      data: team.map((m) => ({ id: newId(), auditId, employeeId: m.employeeId, role: m.role })),
    });
  }

  async markItem(auditId: string, seq: number, expected: ItemResult, mark: ItemMarkWrite): Promise<boolean> {
    this.#forget();
    const { count } = await this.db.auditChecklistItem.updateMany({
      where: { auditId, seq, result: expected },
      data: { ...mark },
    });
    return count === 1;
  }

  async addFinding(auditId: string, finding: NewFinding): Promise<number> {
    this.#forget();
    const last = await this.db.finding.findFirst({
      where: { auditId },
      orderBy: { seq: "desc" },
      select: { seq: true },
    });
    const seq = (last?.seq ?? 0) + 1;
    await this.db.finding.create({
      data: { id: newId(), auditId, seq, ...finding, description: this.fields.seal(FINDING_TEXT, finding.description) },
    });
    return seq;
  }

  async addOpinion(auditId: string, opinion: OpinionRecord): Promise<void> {
    this.#forget();
    await this.db.auditOpinion.create({ data: { id: newId(), auditId, ...opinion } });
  }

  async addFile(auditId: string, file: EvidenceFileRecord): Promise<void> {
    this.#forget();
    await this.db.evidenceFile.create({ data: { auditId, ...file } });
  }

  async addSignature(auditId: string, signature: SignatureRecord): Promise<void> {
    this.#forget();
    await this.db.auditSignature.create({ data: { id: newId(), auditId, ...signature } });
  }

  async addRectification(auditId: string, rectification: NewRectification): Promise<string> {
    this.#forget();
    const id = newId();
    await this.db.rectification.create({
      data: {
        id,
        auditId,
        status: "open",
        ...rectification,
        description: this.fields.seal(RECTIFICATION_TEXT, rectification.description),
      },
    });
    return id;
  }

  async rectificationById(id: string): Promise<RectificationRecord | undefined> {
    const row = await this.db.rectification.findUnique({ where: { id } });
    return row ? toRectification(row, this.fields) : undefined;
  }

  async closeRectification(id: string, close: { note: string; closedById: string; closedAt: Date }): Promise<boolean> {
    this.#forget();
    const { count } = await this.db.rectification.updateMany({
      where: { id, status: "open" },
      data: { status: "closed", closingNote: close.note, closedById: close.closedById, closedAt: close.closedAt },
    });
    return count === 1;
  }

  /** The live audit of a leave or rotation, else the latest one (a cancelled one). */
  async #latest(where: { leaveId: string } | { rotationId: string }): Promise<AuditRecord | undefined> {
    const rows = await this.db.audit.findMany({ where, include, orderBy: [{ requestedAt: "desc" }, { id: "asc" }] });
    const row = rows.find((r) => r.status !== "cancelled") ?? rows[0];
    return row ? this.#record(row) : undefined;
  }

  async #around(row: AuditRow): Promise<{ post: AuditRecord["post"]; unit: AuditRecord["unit"] }> {
    const key = `${row.postId}:${row.unitId}`;
    const known = this.#static.get(key);
    if (known) return known;
    // One after the other: a transaction runs on one connection.
    const post = await this.db.keyPost.findUnique({
      where: { id: row.postId },
      select: { code: true, name: true, nameEn: true },
    });
    const unit = await this.db.orgUnit.findUnique({
      where: { id: row.unitId },
      select: { path: true, timeZone: true },
    });
    if (!post || !unit) throw new Error(`audit ${row.id}: its post or unit is missing`);
    this.#static.set(key, { post, unit });
    return { post, unit };
  }

  async #record(row: AuditRowWithChildren): Promise<AuditRecord> {
    const { post, unit } = await this.#around(row);
    const leave =
      row.leaveId === null ? null : await this.db.leave.findUnique({ where: { id: row.leaveId }, select: LEAVE_FACTS });
    return {
      ...toSummary(row),
      post,
      unit,
      leave: leave ? { ...leave, status: leave.status as LeaveState } : null,
      members: row.members
        .map((m) => ({ employeeId: m.employeeId, role: m.role as TeamRole }))
        .sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.employeeId.localeCompare(b.employeeId)),
      items: row.items.map((item) => ({ ...item, result: item.result as ItemResult })),
      findings: row.findings.map((f) => ({
        ...f,
        severity: f.severity as Severity,
        description: this.fields.open(FINDING_TEXT, f.description),
      })),
      opinions: row.opinions.map((o) => ({ employeeId: o.employeeId, agrees: o.agrees, reason: o.reason, at: o.at })),
      signatures: row.signatures.map((s) => ({ employeeId: s.employeeId, at: s.at })),
      rectifications: row.rectifications.map((r) => toRectification(r, this.fields)),
      files: row.files.map((f) => ({
        id: f.id,
        itemSeq: f.itemSeq,
        name: f.name,
        mediaType: f.mediaType,
        bytes: f.bytes,
        sha256: f.sha256,
        uploadedById: f.uploadedById,
        uploadedAt: f.uploadedAt,
      })),
    };
  }
}

function roleOrder(role: TeamRole): number {
  return role === "team_leader" ? 0 : role === "lead_auditor" ? 1 : 2;
}
