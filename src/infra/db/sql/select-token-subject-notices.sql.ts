// Every notice copy about the subject an action token names, oldest first, with that subject (also
// when it has no notice: one row whose notice columns are null). A press sends it beside its token's
// claim (decision 13.s9p-2): the subject is not known before the token is read, and asked this way
// both leave in one round trip on PostgreSQL instead of one after the other. A claim by chat account
// on PostgreSQL now reads these rows itself (claim-action-token-by-chat.sql.ts, decision 13.s12p-5);
// this statement serves a press by person id.
import type { SqlSession } from "../sql-session.ts";
import { named } from "./named-statement.ts";
import type { NoticeRow } from "./select-subject-notices.sql.ts";

export type TokenSubjectNoticeRow = { [K in keyof NoticeRow]: NoticeRow[K] | null } & {
  tokenSubjectType: string;
  tokenSubjectId: string;
};

const SELECT_TOKEN_SUBJECT_NOTICES = named(
  "kp_select_token_subject_notices",
  `SELECT t."subjectType" AS "tokenSubjectType", t."subjectId" AS "tokenSubjectId",
            n."id", n."dedupeKey", n."recipientId", n."platform", n."kind", n."subjectType", n."subjectId", n."card", n."status", n."visibleFrom", n."createdAt", n."sentAt", n."acknowledgedAt", n."messageRef"
     FROM "ActionToken" t
     LEFT JOIN "Notice" n ON n."subjectType" = t."subjectType" AND n."subjectId" = t."subjectId"
     WHERE t."id" = $1
     ORDER BY n."createdAt"`,
);

export function selectTokenSubjectNotices(sql: SqlSession, tokenId: string): Promise<TokenSubjectNoticeRow[]> {
  return sql.rows<TokenSubjectNoticeRow>(SELECT_TOKEN_SUBJECT_NOTICES, tokenId);
}
