// Every notice copy about one subject, oldest first: a press refreshes them all (hot path).
import type { SqlSession } from "../sql-session.ts";

export interface NoticeRow {
  id: string;
  dedupeKey: string;
  recipientId: string;
  platform: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  card: string;
  status: string;
  visibleFrom: unknown;
  createdAt: unknown;
  sentAt: unknown;
  acknowledgedAt: unknown;
  messageRef: string | null;
}

export function selectSubjectNotices(sql: SqlSession, subjectType: string, subjectId: string): Promise<NoticeRow[]> {
  return sql.rows<NoticeRow>(
    `SELECT "id", "dedupeKey", "recipientId", "platform", "kind", "subjectType", "subjectId", "card", "status", "visibleFrom", "createdAt", "sentAt", "acknowledgedAt", "messageRef"
     FROM "Notice" WHERE "subjectType" = $1 AND "subjectId" = $2 ORDER BY "createdAt"`,
    subjectType,
    subjectId,
  );
}
