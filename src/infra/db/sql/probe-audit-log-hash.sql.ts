// PostgreSQL: the server's SHA-256 of a canonical body cut around `seq`, computed exactly as the
// one-statement append computes an entry's hash (append-audit-log-entry.sql.ts), and whether the
// log has a readable head. Run once per pool before any append leaves with the COMMIT behind it
// (decision 13.s9p-1): the writer compares the hash with the documented algorithm's own, over a
// body with every kind of character a log entry may hold, so an encoding or a cast on this server
// that would store a broken link is seen before a single entry is written that way.
import type { SqlSession } from "../sql-session.ts";

export interface AuditLogHashProbe {
  hash: string;
  /** Whether Setting "log.head" holds "<seq>:<64 hex>" (the append's own test of it). */
  head: boolean;
}

export async function probeAuditLogHash(
  sql: SqlSession,
  headKey: string,
  prevHash: string,
  bodyBeforeSeq: string,
  seq: number,
  bodyAfterSeq: string,
): Promise<AuditLogHashProbe | undefined> {
  const [row] = await sql.rows<AuditLogHashProbe>(
    `SELECT encode(sha256(convert_to($2 || $3 || CAST(CAST($4 AS INTEGER) AS TEXT) || $5, 'UTF8')), 'hex') AS "hash",
            EXISTS (SELECT 1 FROM "Setting" WHERE "key" = $1 AND "value" ~ '^[1-9][0-9]{0,8}:[0-9a-f]+$' AND length(split_part("value", ':', 2)) = 64) AS "head"`,
    headKey,
    prevHash,
    bodyBeforeSeq,
    seq,
    bodyAfterSeq,
  );
  return row;
}
