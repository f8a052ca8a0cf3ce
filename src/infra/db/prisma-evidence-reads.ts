// Reads one audit's whole record for its evidence pack (src/ports/evidence-reads.ts). Read-only,
// in one transaction so that the pack is a consistent snapshot.
import { FINDING_TEXT, RECTIFICATION_TEXT } from "./prisma-audit-repository.ts";
import type { AuditEvidence, EvidenceReads, PersonName } from "../../ports/evidence-reads.ts";
import type { Database } from "./database.ts";

export class PrismaEvidenceReads implements EvidenceReads {
  constructor(private readonly db: Database) {}

  async auditEvidence(auditRef: string): Promise<AuditEvidence | undefined> {
    let auditId = auditRef;
    if (!(await this.db.prisma.audit.findUnique({ where: { id: auditRef }, select: { id: true } }))) {
      if (auditRef.length < 8) return undefined;
      const matches = await this.db.prisma.audit.findMany({
        where: { id: { startsWith: auditRef } },
        select: { id: true },
        take: 2,
      });
      if (matches.length !== 1) return undefined;
      auditId = matches[0]!.id;
    }
    const fields = this.db.fields;
    return this.db.prisma.$transaction(
      async (tx) => {
        const audit = await tx.audit.findUnique({
          where: { id: auditId },
          include: {
            members: true,
            items: { orderBy: { seq: "asc" } },
            findings: { orderBy: { seq: "asc" } },
            opinions: { orderBy: { at: "asc" } },
            signatures: { orderBy: { at: "asc" } },
            rectifications: { orderBy: { createdAt: "asc" } },
            files: { orderBy: [{ uploadedAt: "asc" }, { id: "asc" }] },
          },
        });
        if (!audit) return undefined;
        const post = await tx.keyPost.findUniqueOrThrow({ where: { id: audit.postId } });
        const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: audit.unitId } });
        const leave = audit.leaveId ? await tx.leave.findUnique({ where: { id: audit.leaveId } }) : null;
        const handovers = leave
          ? await tx.handover.findMany({
              where: { leaveId: leave.id },
              include: { items: { orderBy: { seq: "asc" } }, confirms: { orderBy: { at: "asc" } } },
              orderBy: { openedAt: "asc" },
            })
          : [];
        const named = [
          audit.holderId,
          audit.planApprovedById,
          ...audit.members.map((m) => m.employeeId),
          ...audit.items.map((i) => i.markedById),
          ...audit.findings.map((f) => f.createdById),
          ...audit.files.map((f) => f.uploadedById),
          ...audit.opinions.map((o) => o.employeeId),
          ...audit.signatures.map((s) => s.employeeId),
          ...audit.rectifications.flatMap((r) => [r.ownerId, r.closedById]),
          leave?.substituteId,
          leave?.plannedById,
          ...handovers.flatMap((h) => [h.fromId, h.toId, ...h.confirms.map((c) => c.employeeId)]),
        ];
        const ids = new Set(named.filter((id): id is string => typeof id === "string"));
        const people = new Map<string, PersonName>(
          (
            await tx.employee.findMany({
              where: { id: { in: [...ids] } },
              select: { id: true, code: true, name: true, nameEn: true },
            })
          ).map((p) => [p.id, p]),
        );
        const evidence: AuditEvidence = {
          audit,
          post,
          unit,
          holderId: audit.holderId,
          members: audit.members,
          items: audit.items,
          files: audit.files.map((f) => ({
            itemSeq: f.itemSeq,
            name: f.name,
            mediaType: f.mediaType,
            bytes: f.bytes,
            sha256: f.sha256,
            uploadedById: f.uploadedById,
            uploadedAt: f.uploadedAt,
          })),
          findings: audit.findings.map((f) => ({ ...f, description: fields.open(FINDING_TEXT, f.description) })),
          opinions: audit.opinions,
          signatures: audit.signatures,
          rectifications: audit.rectifications.map((r) => ({
            ...r,
            description: fields.open(RECTIFICATION_TEXT, r.description),
          })),
          leave,
          handovers,
          people,
        };
        return evidence;
      },
      { maxWait: 30_000, timeout: 30_000 },
    );
  }
}
