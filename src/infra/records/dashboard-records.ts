// The dashboard's record reads over one database and the checkpoint store: an audit's record (the
// evidence pack's reads) and one subject's log entries verified the way
// `keypost verify-log --file` verifies an export — a checkpoint is signed for the reading first
// (reason "export", as every export does), so the entries up to now are covered by it.
import type { DashboardRecords, LogReader, SubjectLog, SubjectLogEntry } from "../../ports/dashboard-records.ts";
import { auditLogExport } from "../audit-log/audit-log-exporter.ts";
import type { ExportRecord } from "../audit-log/export-records.ts";
import { verifyExport } from "../audit-log/export-verifier.ts";
import type { LogRecords } from "../audit-log/log-records.ts";
import type { Database } from "../db/database.ts";
import { PrismaEvidenceReads } from "../db/prisma-evidence-reads.ts";

function subjectOf(subject: string): { type: string; id: string } {
  const colon = subject.indexOf(":");
  return { type: subject.slice(0, colon), id: subject.slice(colon + 1) };
}

export function dashboardRecordsOf(db: Database, records: LogRecords): DashboardRecords {
  const reads = new PrismaEvidenceReads(db);
  const checkpoints = async () => {
    const keys = await records.store.publicKeys();
    return (await records.store.list()).map((checkpoint) => ({
      checkpoint,
      publicKey: keys.get(checkpoint.keyId) ?? "",
    }));
  };
  return {
    auditEvidence: async (auditId) => {
      const evidence = await reads.auditEvidence(auditId);
      // Only the exact id: the evidence reads also take a prefix, which a URL should not.
      return evidence?.audit.id === auditId ? evidence : undefined;
    },

    async subjectLog(subject: string, reader: LogReader, now: Date): Promise<SubjectLog | "no-key"> {
      if (!records.key) return "no-key";
      const mine = await records.checkpointer.checkpoint("export", now);
      const run: ExportRecord[] = [];
      for await (const r of auditLogExport(db, { subjects: [subject] }, reader, now, await checkpoints())) run.push(r);
      const verdict = verifyExport(run);
      const { type, id } = subjectOf(subject);
      const entries: SubjectLogEntry[] = [];
      const mineSeqs = new Set(
        (
          await db.prisma.auditLogEntry.findMany({
            where: { subjectType: type, subjectId: id, seq: { lte: mine?.seq ?? 0 } },
            select: { seq: true },
          })
        ).map((r) => r.seq),
      );
      let withheld = 0;
      for (const r of run) {
        if (r.record === "entry" && r.subjectType === type && r.subjectId === id)
          entries.push({
            seq: r.seq,
            at: new Date(r.at),
            actorId: r.actorId,
            platform: r.platform,
            action: r.action,
            subjectType: r.subjectType,
            subjectId: r.subjectId,
            hash: r.hash,
          });
        else if (r.record === "omitted" && mineSeqs.has(r.seq)) withheld += 1;
      }
      return {
        entries,
        withheld,
        verdict: {
          ok: verdict.ok,
          entries: verdict.entries,
          proven: verdict.proven,
          checkpoints: verdict.checkpoints,
          keyIds: verdict.keyIds,
          problems: verdict.problems,
        },
        signedSeq: mine?.seq ?? 0,
      };
    },
  };
}
