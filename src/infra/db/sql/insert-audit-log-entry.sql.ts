// Appends one chained entry: the fields the hash covers (audit-log-writer.ts), the previous entry's
// hash and its own.
import type { SqlSession } from "../sql-session.ts";

export interface AuditLogRow {
  seq: number;
  at: Date;
  actorId: string | null;
  platform: string;
  action: string;
  subjectType: string;
  subjectId: string;
  sealedUntil: Date | null;
  data: string;
  /** Format 2: canonical JSON of the personal members (entry-format.ts); null for format 1. */
  personal: string | null;
  prevHash: string;
  hash: string;
}

export async function insertAuditLogEntry(sql: SqlSession, row: AuditLogRow): Promise<void> {
  await sql.run(
    `INSERT INTO "AuditLogEntry" ("seq", "at", "actorId", "platform", "action", "subjectType", "subjectId", "sealedUntil", "data", "personal", "prevHash", "hash")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    row.seq,
    row.at,
    row.actorId,
    row.platform,
    row.action,
    row.subjectType,
    row.subjectId,
    row.sealedUntil,
    row.data,
    row.personal,
    row.prevHash,
    row.hash,
  );
}
