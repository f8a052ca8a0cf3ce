// Queues one notice copy for one platform, once per dedupe key. ON CONFLICT DO NOTHING: a duplicate
// must not abort the surrounding PostgreSQL transaction; false tells the caller it already existed.
import type { SqlSession } from "../sql-session.ts";
import type { NoticeRow } from "./select-subject-notices.sql.ts";

export type NoticeInsert = Pick<
  NoticeRow,
  "id" | "dedupeKey" | "recipientId" | "platform" | "kind" | "subjectType" | "subjectId" | "card"
> & { visibleFrom: Date | null; nextAttemptAt: Date; createdAt: Date };

export async function insertNotice(sql: SqlSession, n: NoticeInsert): Promise<boolean> {
  const inserted = await sql.run(
    `INSERT INTO "Notice" ("id", "dedupeKey", "recipientId", "platform", "kind", "subjectType", "subjectId", "card", "visibleFrom", "status", "attempts", "nextAttemptAt", "lastError", "remindersSent", "needsUpdate", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, '', 0, false, $11)
     ON CONFLICT ("dedupeKey") DO NOTHING`,
    n.id,
    n.dedupeKey,
    n.recipientId,
    n.platform,
    n.kind,
    n.subjectType,
    n.subjectId,
    n.card,
    n.visibleFrom,
    n.nextAttemptAt,
    n.createdAt,
  );
  return inserted > 0;
}
