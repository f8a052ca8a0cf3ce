// Purging off-post audits and their findings past retention. Both classes select audits closed
// before the cut-off; an audit not closed is kept whatever its date.
//  - `purge audits` removes each audit whole: team, checklist answers, evidence files (rows, then
//    the bytes no remaining row references), findings, the holder's opinion, signatures,
//    rectifications, and the notices and button tokens about the audit and its rectifications.
//    Findings go with it, so the caller checks the findings' retention and hold too.
//  - `purge findings` removes the findings of those audits and the rectifications raised for them
//    (with their notices); the audit itself, its checklist and signatures stay.
// The shared steps (verify first, records.purged, the signed tombstone) are purge-runner.ts's.
import type { EvidenceFileStore } from "../../ports/evidence-files.ts";
import type { Tx } from "../db/database.ts";
import type { ClassPurge } from "./purge-runner.ts";
import { bySlices, readBySlices, removeNotices } from "./purge-notices.ts";

export interface AuditPurgePlan {
  /** Closed before the cut-off. */
  readonly ids: readonly string[];
  /** Requested before the cut-off and not closed. */
  readonly open: number;
  /** Findings of those audits. */
  readonly findings: number;
}

export async function auditPurgePlan(tx: Pick<Tx, "audit" | "finding">, before: Date): Promise<AuditPurgePlan> {
  const rows = await tx.audit.findMany({
    where: { status: "closed", closedAt: { lt: before } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const ids = rows.map((r) => r.id);
  return {
    ids,
    open: await tx.audit.count({ where: { status: { not: "closed" }, requestedAt: { lt: before } } }),
    findings: await bySlices(ids, (slice) => tx.finding.count({ where: { auditId: { in: slice } } })),
  };
}

export function auditPurge(before: Date, evidence: EvidenceFileStore): ClassPurge {
  return {
    recordClass: "audits",
    async remove(tx) {
      const plan = await auditPurgePlan(tx, before);
      if (plan.ids.length === 0) return { removed: 0, data: { keptOpen: plan.open } };
      const ids = [...plan.ids];
      const rectifications = (
        await readBySlices(ids, (slice) =>
          tx.rectification.findMany({ where: { auditId: { in: slice } }, select: { id: true } }),
        )
      ).map((r) => r.id);
      const files = await readBySlices(ids, (slice) =>
        tx.evidenceFile.findMany({ where: { auditId: { in: slice } }, select: { sha256: true } }),
      );
      const notices =
        (await removeNotices(tx, "audit", ids)) + (await removeNotices(tx, "rectification", rectifications));
      await bySlices(ids, async (slice) => {
        const inAudits = { auditId: { in: slice } };
        await tx.auditMember.deleteMany({ where: inAudits });
        await tx.auditChecklistItem.deleteMany({ where: inAudits });
        await tx.evidenceFile.deleteMany({ where: inAudits });
        await tx.finding.deleteMany({ where: inAudits });
        await tx.auditOpinion.deleteMany({ where: inAudits });
        await tx.auditSignature.deleteMany({ where: inAudits });
        await tx.rectification.deleteMany({ where: inAudits });
        return (await tx.audit.deleteMany({ where: { id: { in: slice } } })).count;
      });
      // Bytes are shared by hash: only those no remaining evidence row names may go.
      const hashes = [...new Set(files.map((f) => f.sha256))];
      const stillUsed = new Set(
        (
          await readBySlices(hashes, (slice) =>
            tx.evidenceFile.findMany({ where: { sha256: { in: slice } }, select: { sha256: true } }),
          )
        ).map((f) => f.sha256),
      );
      const unreferenced = hashes.filter((h) => !stillUsed.has(h)).sort();
      return {
        removed: ids.length,
        data: {
          removed: ids.length,
          ids,
          findings: plan.findings,
          rectifications: rectifications.length,
          evidenceFiles: files.length,
          evidenceBytesRemoved: unreferenced,
          notices,
          keptOpen: plan.open,
        },
        afterCommit: async () => {
          for (const sha of unreferenced) await evidence.remove(sha);
        },
      };
    },
  };
}

export function findingPurge(before: Date): ClassPurge {
  return {
    recordClass: "findings",
    async remove(tx) {
      const plan = await auditPurgePlan(tx, before);
      if (plan.findings === 0) return { removed: 0, data: { keptOpen: plan.open } };
      const ids = [...plan.ids];
      const rectifications = (
        await readBySlices(ids, (slice) =>
          tx.rectification.findMany({
            where: { auditId: { in: slice }, findingSeq: { not: null } },
            select: { id: true },
          }),
        )
      ).map((r) => r.id);
      const notices = await removeNotices(tx, "rectification", rectifications);
      await bySlices(
        rectifications,
        async (slice) => (await tx.rectification.deleteMany({ where: { id: { in: slice } } })).count,
      );
      const removed = await bySlices(
        ids,
        async (slice) => (await tx.finding.deleteMany({ where: { auditId: { in: slice } } })).count,
      );
      return {
        removed,
        data: { removed, audits: ids, rectifications: rectifications.length, notices, keptOpen: plan.open },
      };
    },
  };
}
