// Takes a platform tenant's sender lease when nobody has ever held it: the primary key decides
// between replicas starting together. `ON CONFLICT DO NOTHING` so that losing the race does not
// abort a PostgreSQL transaction (the caller then tries to take an expired lease instead).
import type { SqlSession } from "../sql-session.ts";

export async function insertSenderLease(
  sql: SqlSession,
  lease: { key: string; holder: string; leaseUntil: Date },
): Promise<boolean> {
  const inserted = await sql.run(
    `INSERT INTO "SenderLease" ("key", "holder", "leaseUntil") VALUES ($1, $2, $3) ON CONFLICT ("key") DO NOTHING`,
    lease.key,
    lease.holder,
    lease.leaseUntil,
  );
  return inserted > 0;
}
