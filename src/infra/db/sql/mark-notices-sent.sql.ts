// A batch of platform answers in one statement: UPDATE … FROM a list of (id, message reference)
// pairs. Only copies still 'sending' or 'unknown' change, so a late answer never undoes a later state.
import type { SqlSession } from "../sql-session.ts";

export interface SentCopy {
  noticeId: string;
  messageRef: string;
}

export function markNoticesSent(sql: SqlSession, sent: readonly SentCopy[], at: Date): Promise<number> {
  if (sent.length === 0) return Promise.resolve(0);
  const values = sent.map((_, i) => `($${i * 2 + 2}, $${i * 2 + 3})`).join(", ");
  return sql.run(
    `WITH "v"("id", "ref") AS (VALUES ${values})
     UPDATE "Notice" SET "status" = 'sent', "messageRef" = "v"."ref", "sentAt" = $1, "lastError" = ''
     FROM "v" WHERE "Notice"."id" = "v"."id" AND "Notice"."status" IN ('sending', 'unknown')`,
    at,
    ...sent.flatMap((s) => [s.noticeId, s.messageRef]),
  );
}
