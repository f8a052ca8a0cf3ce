// The steps every retention purge shares, written once (audit log, leaves, audits, findings,
// major-event reports): the signing key must be there (a purge ends in a signed checkpoint); the
// whole log is verified against the signed checkpoints first (a broken log is not purged); the
// class's rows go in one transaction that also logs `records.purged` (what went: class, cut-off,
// count, ids); files kept outside the database that nothing references any more go after the
// commit; then the new head — the records.purged entry, the tombstone — is signed (`reason:
// purge`). The retention and legal-hold checks are the caller's (retention.command.ts).
import type { RecordClass } from "../../domain/retention/retention.policy.ts";
import { verifyLog } from "../db/audit-log-verifier.ts";
import { appendLogEntry } from "../db/audit-log-writer.ts";
import type { Database, Tx } from "../db/database.ts";
import type { SqlSession } from "../db/sql-session.ts";
import type { LogRecords } from "../audit-log/log-records.ts";
import { signCheckpoint, type SigningKey } from "../audit-log/checkpoint-signing.ts";
import { trustedCheckpoints } from "../audit-log/trusted-checkpoints.ts";

export class PurgeError extends Error {
  constructor(
    readonly code: "NO_SIGNING_KEY" | "AUDIT_LOG_BROKEN",
    message: string,
  ) {
    super(message);
  }
}

/** What one class's removal did, inside the purge's transaction. */
export interface Removal {
  readonly removed: number;
  /** The `records.purged` entry's data beyond recordClass and before (ids, counts of dependants…). */
  readonly data: Record<string, unknown>;
  /** Run after the commit: e.g. evidence bytes no row references any more. */
  readonly afterCommit?: () => Promise<void>;
}

export interface ClassPurge {
  readonly recordClass: RecordClass | "people";
  /** The log entry's action and subject when not `records.purged` of the class (an erasure). */
  readonly entry?: { readonly action: string; readonly subjectType: string; readonly subjectId: string };
  /** Before the transaction, once the log verified (the audit log signs its last removed entry here). */
  prepare?(key: SigningKey): Promise<void>;
  remove(tx: Tx, sql: SqlSession): Promise<Removal>;
}

export interface PurgeResult extends Removal {
  /** The seq of the records.purged entry, signed as the tombstone (undefined when nothing went). */
  readonly tombstone?: number;
}

export async function runPurge(
  db: Database,
  records: LogRecords,
  purge: ClassPurge,
  /** The cut-off of a class purge (undefined for an erasure). */
  before: Date | undefined,
  now: Date,
): Promise<PurgeResult> {
  const key = records.key;
  if (!key)
    throw new PurgeError(
      "NO_SIGNING_KEY",
      `${purge.recordClass === "people" ? "erasing a person" : `purging ${purge.recordClass}`} needs KEYPOST_LOG_SIGNING_KEY_FILE: the purge leaves a signed checkpoint as its tombstone`,
    );
  const trusted = await trustedCheckpoints(records.store);
  if (!trusted.ok) throw new PurgeError("AUDIT_LOG_BROKEN", trusted.reason);
  const verdict = await verifyLog(db, { checkpoints: trusted.checkpoints });
  if (!verdict.ok)
    throw new PurgeError(
      "AUDIT_LOG_BROKEN",
      `the audit log is broken at #${verdict.firstBad.seq} (${verdict.firstBad.reason}): nothing is purged`,
    );
  await purge.prepare?.(key);
  const result = await db.transaction(async (tx, sql) => {
    const removal = await purge.remove(tx, sql);
    if (removal.removed === 0) return { removal, seq: undefined };
    const entry = await appendLogEntry(
      tx,
      db.provider,
      {
        at: now,
        actorId: null,
        platform: "cli",
        action: purge.entry?.action ?? "records.purged",
        subjectType: purge.entry?.subjectType ?? "records",
        subjectId: purge.entry?.subjectId ?? purge.recordClass,
        data: purge.entry
          ? removal.data
          : { recordClass: purge.recordClass, before: before?.toISOString().slice(0, 10), ...removal.data },
      },
      sql,
    );
    return { removal, seq: entry.seq, hash: entry.hash };
  });
  if (result.seq === undefined) return result.removal;
  await result.removal.afterCommit?.();
  const signed = await records.checkpointer.checkpoint("purge", now);
  // The tombstone itself is signed even when another entry was appended before the head was: an
  // export carries an erasure entry beside its run, proven by exactly this checkpoint.
  if (signed?.seq !== result.seq)
    await records.store.append(
      signCheckpoint(key, { seq: result.seq, hash: result.hash }, now, "purge"),
      key.publicKeyPem,
    );
  return { ...result.removal, tombstone: result.seq };
}
