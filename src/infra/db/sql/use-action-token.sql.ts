// Spends a token once: true for the one press that changed it, false for every later or concurrent one.
import type { SqlSession } from "../sql-session.ts";

export async function useActionToken(sql: SqlSession, id: string, at: Date): Promise<boolean> {
  return (await sql.run(`UPDATE "ActionToken" SET "usedAt" = $1 WHERE "id" = $2 AND "usedAt" IS NULL`, at, id)) === 1;
}
