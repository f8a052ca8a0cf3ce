// PostgreSQL: one appender at a time until the transaction ends, so two transactions never chain
// to the same head. SQLite needs none: its one writer already serialises appends.
import type { SqlSession } from "../sql-session.ts";

export async function lockAuditLog(sql: SqlSession, key: number): Promise<void> {
  await sql.run(`SELECT pg_advisory_xact_lock(${Math.trunc(key)})`);
}
