// The audit log's stored head and its last row in one round trip: what the next entry chains to.
import type { SqlSession } from "../sql-session.ts";

export interface AuditLogEnds {
  head: string | null;
  lastSeq: number | null;
  lastHash: string | null;
}

export async function selectAuditLogEnds(sql: SqlSession, headKey: string): Promise<AuditLogEnds | undefined> {
  const [ends] = await sql.rows<AuditLogEnds>(
    `SELECT (SELECT "value" FROM "Setting" WHERE "key" = $1) AS "head",
            (SELECT "seq" FROM "AuditLogEntry" ORDER BY "seq" DESC LIMIT 1) AS "lastSeq",
            (SELECT "hash" FROM "AuditLogEntry" ORDER BY "seq" DESC LIMIT 1) AS "lastHash"`,
    headKey,
  );
  return ends;
}
