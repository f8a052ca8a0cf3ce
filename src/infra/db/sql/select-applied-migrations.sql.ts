// The migrations recorded as applied (the migrator's own table), for readiness: a pending one means
// this code runs against an older schema.
import type { SqlSession } from "../sql-session.ts";

export async function selectAppliedMigrations(sql: SqlSession): Promise<string[]> {
  const rows = await sql.rows<{ name: string }>(`SELECT "name" FROM "_migrations"`);
  return rows.map((r) => r.name);
}
