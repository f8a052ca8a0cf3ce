// Accepts the requests several concurrent receivers handed over, on PostgreSQL, in ONE statement of
// its own transaction: one array per column (`unnest`), so the text never varies and stays named
// (named-statement.ts) whatever the number of rows. The primary key decides as in the one-row insert
// (insert-inbound-request.sql.ts): a key stored before writes nothing, and the keys answered are the
// ones this statement inserted. The caller passes each key once (a key twice in one list would be
// inserted once and answered once). Used by ../grouped-inbox-intake.ts (decision 13.s13s-1).
import type { SqlSession } from "../sql-session.ts";
import { named } from "./named-statement.ts";
import type { InboundInsert } from "./insert-inbound-request.sql.ts";

const INSERT_INBOUND_REQUESTS = named(
  "kp_insert_inbound_requests",
  `INSERT INTO "InboundRequest" ("key", "platform", "payload", "receivedAt")
   SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp(3)[])
   ON CONFLICT ("key") DO NOTHING
   RETURNING "key"`,
);

/** The keys inserted (a key already stored is not among them). PostgreSQL only. */
export async function insertInboundRequests(sql: SqlSession, rows: readonly InboundInsert[]): Promise<Set<string>> {
  const inserted = await sql.rows<{ key: string }>(
    INSERT_INBOUND_REQUESTS,
    rows.map((r) => r.key),
    rows.map((r) => r.platform),
    rows.map((r) => r.payload),
    rows.map((r) => r.receivedAt.toISOString()),
  );
  return new Set(inserted.map((r) => r.key));
}
