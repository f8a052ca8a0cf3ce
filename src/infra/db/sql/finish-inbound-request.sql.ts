// Marks an inbox request done (once: a second finish leaves the first time and error standing).
import type { SqlSession } from "../sql-session.ts";

export async function finishInboundRequest(
  sql: SqlSession,
  key: string,
  at: Date,
  error: string | undefined,
): Promise<void> {
  if (error === undefined)
    await sql.run(
      `UPDATE "InboundRequest" SET "doneAt" = $1, "leaseUntil" = NULL WHERE "key" = $2 AND "doneAt" IS NULL`,
      at,
      key,
    );
  else
    await sql.run(
      `UPDATE "InboundRequest" SET "doneAt" = $1, "leaseUntil" = NULL, "error" = $3 WHERE "key" = $2 AND "doneAt" IS NULL`,
      at,
      key,
      error,
    );
}
