// Stamps a notice acknowledged the first time only; later presses leave the first time standing.
// Nothing reads its answer: in a PostgreSQL unit of work it leaves with the COMMIT (`queue`).
import type { SqlSession } from "../sql-session.ts";
import { named } from "./named-statement.ts";

const ACKNOWLEDGE_NOTICE = named(
  "kp_acknowledge_notice",
  `UPDATE "Notice" SET "acknowledgedAt" = $1 WHERE "id" = $2 AND "acknowledgedAt" IS NULL`,
);

export async function acknowledgeNotice(sql: SqlSession, noticeId: string, at: Date): Promise<void> {
  await sql.queue(ACKNOWLEDGE_NOTICE, at, noticeId);
}
