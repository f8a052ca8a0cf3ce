// Removes the oldest part of the audit log once its retention is over, leaving the chain
// verifiable. Beyond the shared steps (purge-runner.ts: verify first, log records.purged, sign the
// new head), the last removed entry is signed as a checkpoint (`reason: purge`) before anything
// goes, and kept as the tombstone "log.purgedThrough": verify-log then starts after it and accepts
// it only when a signed checkpoint confirms it.
import { LOG_PURGED_KEY } from "../db/audit-log-writer.ts";
import type { Database } from "../db/database.ts";
import { signCheckpoint } from "../audit-log/checkpoint-signing.ts";
import type { LogRecords } from "../audit-log/log-records.ts";
import type { ClassPurge } from "./purge-runner.ts";

export interface PurgePlan {
  /** Entries #from…#through would go (none when through < from). */
  readonly from: number;
  readonly through: number;
}

/** The entries dated before `before`, as a prefix of the log (an entry dated later ends it). */
export async function auditLogPurgePlan(db: Database, before: Date): Promise<PurgePlan> {
  const first = await db.prisma.auditLogEntry.findFirst({ orderBy: { seq: "asc" }, select: { seq: true } });
  const firstKept = await db.prisma.auditLogEntry.findFirst({
    where: { at: { gte: before } },
    orderBy: { seq: "asc" },
    select: { seq: true },
  });
  const last = await db.prisma.auditLogEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  if (!first || !last) return { from: 1, through: 0 };
  return { from: first.seq, through: firstKept ? firstKept.seq - 1 : last.seq };
}

export function auditLogPurge(db: Database, records: LogRecords, before: Date, now: Date): ClassPurge {
  let last: { seq: number; hash: string } | undefined;
  let plan: PurgePlan = { from: 1, through: 0 };
  return {
    recordClass: "audit_log",
    async prepare(key) {
      plan = await auditLogPurgePlan(db, before);
      if (plan.through < plan.from) return;
      last = await db.prisma.auditLogEntry.findUniqueOrThrow({
        where: { seq: plan.through },
        select: { seq: true, hash: true },
      });
      await records.store.append(signCheckpoint(key, last, now, "purge"), key.publicKeyPem);
    },
    async remove(tx) {
      if (!last) return { removed: 0, data: {} };
      const count = await tx.auditLogEntry.deleteMany({ where: { seq: { lte: last.seq } } });
      const value = `${last.seq}:${last.hash}`;
      await tx.setting.upsert({
        where: { key: LOG_PURGED_KEY },
        create: { key: LOG_PURGED_KEY, value },
        update: { value },
      });
      return {
        removed: count.count,
        data: { from: plan.from, through: last.seq, throughHash: last.hash, removed: count.count },
      };
    },
  };
}
