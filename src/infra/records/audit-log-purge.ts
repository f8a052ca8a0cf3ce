// Removes the oldest part of the audit log once its retention is over, leaving the chain
// verifiable: the whole log is verified first (against the signed checkpoints), the last removed
// entry is signed as a checkpoint (`reason: purge`) and kept as the tombstone "log.purgedThrough",
// the removal itself is logged (records.purged), and the new head is signed. verify-log then starts
// after the tombstone and accepts it only when a signed checkpoint confirms it.
import { appendLogEntry, LOG_PURGED_KEY } from "../db/audit-log-writer.ts";
import { verifyLog } from "../db/audit-log-verifier.ts";
import type { Database } from "../db/database.ts";
import { signCheckpoint } from "../audit-log/checkpoint-signing.ts";
import type { LogRecords } from "../audit-log/log-records.ts";
import { trustedCheckpoints } from "../audit-log/trusted-checkpoints.ts";

export class PurgeError extends Error {
  constructor(
    readonly code: "NO_SIGNING_KEY" | "AUDIT_LOG_BROKEN",
    message: string,
  ) {
    super(message);
  }
}

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

export async function purgeAuditLog(
  db: Database,
  records: LogRecords,
  before: Date,
  now: Date,
): Promise<{ removed: number; through: number }> {
  if (!records.key)
    throw new PurgeError(
      "NO_SIGNING_KEY",
      "purging the audit log needs KEYPOST_LOG_SIGNING_KEY_FILE: the purge leaves a signed checkpoint as its tombstone",
    );
  const trusted = await trustedCheckpoints(records.store);
  if (!trusted.ok) throw new PurgeError("AUDIT_LOG_BROKEN", trusted.reason);
  const verdict = await verifyLog(db, { checkpoints: trusted.checkpoints });
  if (!verdict.ok)
    throw new PurgeError(
      "AUDIT_LOG_BROKEN",
      `the audit log is broken at #${verdict.firstBad.seq} (${verdict.firstBad.reason}): nothing is purged`,
    );
  const plan = await auditLogPurgePlan(db, before);
  if (plan.through < plan.from) return { removed: 0, through: plan.from - 1 };
  const last = await db.prisma.auditLogEntry.findUniqueOrThrow({ where: { seq: plan.through } });
  await records.store.append(
    signCheckpoint(records.key, { seq: last.seq, hash: last.hash }, now, "purge"),
    records.key.publicKeyPem,
  );
  const removed = await db.transaction(async (tx, sql) => {
    const count = await tx.auditLogEntry.deleteMany({ where: { seq: { lte: plan.through } } });
    await tx.setting.upsert({
      where: { key: LOG_PURGED_KEY },
      create: { key: LOG_PURGED_KEY, value: `${last.seq}:${last.hash}` },
      update: { value: `${last.seq}:${last.hash}` },
    });
    await appendLogEntry(
      tx,
      db.provider,
      {
        at: now,
        actorId: null,
        platform: "cli",
        action: "records.purged",
        subjectType: "records",
        subjectId: "audit_log",
        data: {
          recordClass: "audit_log",
          before,
          from: plan.from,
          through: last.seq,
          throughHash: last.hash,
          removed: count.count,
        },
      },
      sql,
    );
    return count.count;
  });
  await records.checkpointer.checkpoint("purge", now);
  return { removed, through: last.seq };
}
