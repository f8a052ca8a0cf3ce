// Leases the oldest free requests of a platform in ONE statement (UPDATE … WHERE key IN (SELECT …
// LIMIT n) RETURNING). On PostgreSQL, FOR UPDATE SKIP LOCKED lets two workers leasing at the same
// moment take disjoint rows instead of both choosing the same first N and one of them coming back
// empty-handed. SQLite has one writer and no FOR UPDATE: its transactions never interleave.
import type { Provider } from "../database.ts";
import type { SqlSession } from "../sql-session.ts";

export interface LeasedRequestRow {
  key: string;
  platform: string;
  payload: string;
  receivedAt: unknown;
  attempts: number | bigint;
}

export function leaseInboundRequests(
  sql: SqlSession,
  provider: Provider,
  platform: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<LeasedRequestRow[]> {
  return sql.rows<LeasedRequestRow>(
    `UPDATE "InboundRequest" SET "leaseUntil" = $1, "attempts" = "attempts" + 1
     WHERE "key" IN (
       SELECT "key" FROM "InboundRequest"
       WHERE "doneAt" IS NULL AND "platform" = $2 AND ("leaseUntil" IS NULL OR "leaseUntil" <= $3)
       ORDER BY "receivedAt", "key" LIMIT $4${provider === "postgres" ? " FOR UPDATE SKIP LOCKED" : ""})
     RETURNING "key", "platform", "payload", "receivedAt", "attempts"`,
    leaseUntil,
    platform,
    now,
    limit,
  );
}
