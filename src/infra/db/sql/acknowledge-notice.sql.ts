// Stamps a notice acknowledged the first time only; later presses leave the first time standing.
// Nothing reads its answer: in a PostgreSQL unit of work it leaves with the COMMIT (`queue`).
import type { SqlSession } from "../sql-session.ts";

export async function acknowledgeNotice(sql: SqlSession, noticeId: string, at: Date): Promise<void> {
  await sql.queue(
    `UPDATE "Notice" SET "acknowledgedAt" = $1 WHERE "id" = $2 AND "acknowledgedAt" IS NULL`,
    at,
    noticeId,
  );
}
