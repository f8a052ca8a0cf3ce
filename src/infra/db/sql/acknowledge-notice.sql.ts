// Stamps a notice acknowledged the first time only; later presses leave the first time standing.
import type { SqlSession } from "../sql-session.ts";

export async function acknowledgeNotice(sql: SqlSession, noticeId: string, at: Date): Promise<void> {
  await sql.run(`UPDATE "Notice" SET "acknowledgedAt" = $1 WHERE "id" = $2 AND "acknowledgedAt" IS NULL`, at, noticeId);
}
