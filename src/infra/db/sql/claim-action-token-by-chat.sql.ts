// PostgreSQL: claim-action-token.sql.ts for a presser known only by their chat account: the token is
// spent only when it was offered to that account's person. A press from a known account sends it with
// its actor's read (select-chat-person-standing) before either answer is in (decision 13.s9p-3); if the
// account then turns out not to be usable as it is (another tenant, a left person, a reference to
// store), the transaction rolls back and the claim with it. SQLite reads and spends in process.
//
// The same statement answers with the notices about the token's subject (what
// select-token-subject-notices reads): a press asks for both together every time (decision 13.s9p-2),
// and one statement is one Bind/Execute/Sync, one portal and one answer for the server instead of
// two (decision 13.s12p-5). One row per notice, oldest first, each with the token's columns; a single
// row with null notice columns when the subject has none; no row when there is no such token.
import type { SqlSession } from "../sql-session.ts";
import { named } from "./named-statement.ts";
import type { ClaimedTokenRow } from "./claim-action-token.sql.ts";
import type { NoticeRow } from "./select-subject-notices.sql.ts";

const CLAIM_ACTION_TOKEN_BY_CHAT = named(
  "kp_claim_action_token_by_chat_with_notices",
  `WITH "spent" AS (
       UPDATE "ActionToken" SET "usedAt" = CAST($2 AS TIMESTAMP(3))
       WHERE "id" = $1 AND "usedAt" IS NULL
         AND "recipientId" = (SELECT "employeeId" FROM "ChatIdentity" WHERE "platform" = $3 AND "externalId" = $4)
       RETURNING "id"
     )
     SELECT t."id", t."action", t."subjectType", t."subjectId", t."subjectVersion", t."recipientId", t."args", t."usedAt",
            (SELECT COUNT(*) FROM "spent") AS "claimed",
            n."id" AS "n_id", n."dedupeKey" AS "n_dedupeKey", n."recipientId" AS "n_recipientId", n."platform" AS "n_platform",
            n."kind" AS "n_kind", n."subjectType" AS "n_subjectType", n."subjectId" AS "n_subjectId", n."card" AS "n_card",
            n."status" AS "n_status", n."visibleFrom" AS "n_visibleFrom", n."createdAt" AS "n_createdAt", n."sentAt" AS "n_sentAt",
            n."acknowledgedAt" AS "n_acknowledgedAt", n."messageRef" AS "n_messageRef"
     FROM "ActionToken" t
     LEFT JOIN "Notice" n ON n."subjectType" = t."subjectType" AND n."subjectId" = t."subjectId"
     WHERE t."id" = $1
     ORDER BY n."createdAt"`,
);

type PrefixedNotice = { [K in keyof NoticeRow as `n_${K}`]: NoticeRow[K] | null };

export interface ClaimedTokenWithNotices {
  readonly token: ClaimedTokenRow;
  /** The notices whose subject is the token's, oldest first. */
  readonly notices: NoticeRow[];
}

export async function claimActionTokenByChat(
  sql: SqlSession,
  id: string,
  platform: string,
  externalId: string,
  at: Date,
): Promise<ClaimedTokenWithNotices | undefined> {
  const rows = await sql.rows<ClaimedTokenRow & PrefixedNotice>(
    CLAIM_ACTION_TOKEN_BY_CHAT,
    id,
    at,
    platform,
    externalId,
  );
  const [first] = rows;
  if (!first) return undefined;
  const token: ClaimedTokenRow = {
    id: first.id,
    action: first.action,
    subjectType: first.subjectType,
    subjectId: first.subjectId,
    subjectVersion: first.subjectVersion,
    recipientId: first.recipientId,
    args: first.args,
    usedAt: first.usedAt,
    claimed: first.claimed,
  };
  const notices: NoticeRow[] = [];
  for (const row of rows)
    if (row.n_id !== null)
      notices.push({
        id: row.n_id,
        dedupeKey: row.n_dedupeKey!,
        recipientId: row.n_recipientId!,
        platform: row.n_platform!,
        kind: row.n_kind!,
        subjectType: row.n_subjectType!,
        subjectId: row.n_subjectId!,
        card: row.n_card!,
        status: row.n_status!,
        visibleFrom: row.n_visibleFrom,
        createdAt: row.n_createdAt,
        sentAt: row.n_sentAt,
        acknowledgedAt: row.n_acknowledgedAt,
        messageRef: row.n_messageRef,
      });
  return { token, notices };
}
