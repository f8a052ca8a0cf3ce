// Writes one setting, replacing its value (the audit log's head is kept this way, in the append's
// own transaction).
import type { SqlSession } from "../sql-session.ts";

export async function upsertSetting(sql: SqlSession, key: string, value: string): Promise<void> {
  await sql.run(
    `INSERT INTO "Setting" ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
    key,
    value,
  );
}
