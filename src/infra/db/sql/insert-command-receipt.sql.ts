// Records a command's result under its idempotency key, once. ON CONFLICT DO NOTHING: a duplicate
// must not abort the surrounding PostgreSQL transaction; false tells the caller it was a repeat.
import type { SqlSession } from "../sql-session.ts";

export async function insertCommandReceipt(sql: SqlSession, key: string, result: string, at: Date): Promise<boolean> {
  const inserted = await sql.run(
    `INSERT INTO "CommandReceipt" ("key", "result", "createdAt") VALUES ($1, $2, $3) ON CONFLICT ("key") DO NOTHING`,
    key,
    result,
    at,
  );
  return inserted > 0;
}
