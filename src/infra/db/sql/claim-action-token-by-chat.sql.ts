// PostgreSQL: claim-action-token.sql.ts for a presser known only by their chat account: the token is
// spent only when it was offered to that account's person. If the account then turns out not to be
// usable as it is (another tenant, a left person, a reference to store), the transaction rolls back
// and the claim with it (decision 13.s9p-3). SQLite reads and spends in process.
//
// The same statement answers with what a press asks for beside its claim, every time: the notices
// about the token's subject (select-token-subject-notices, decision 13.s9p-2) and the account's actor
// (select-chat-person-standing, 13.s9p-3). One statement is one Bind/Describe/Execute/Sync, one
// portal and one answer for the server instead of three (decision 13.s12p-5). Its rows, in order:
// part 1, one per notice, oldest first, each with the token's columns (a single row with null notice
// columns when the subject has none; none when there is no such token); then part 2, one per grant
// of the account's person, as select-chat-person-standing gives them (none for an unknown account).
import { AWAY_STATES } from "../../../domain/leave/leave.machine.ts";
import type { SqlSession } from "../sql-session.ts";
import { named } from "./named-statement.ts";
import type { ClaimedTokenRow } from "./claim-action-token.sql.ts";
import { chatPersonStandingParts, type ChatPersonStandingRow } from "./select-chat-person-standing.sql.ts";
import type { NoticeRow } from "./select-subject-notices.sql.ts";

const TOKEN = ["id", "action", "subjectType", "subjectId", "subjectVersion", "recipientId", "args", "usedAt"] as const;
const NOTICE = [
  "id",
  "dedupeKey",
  "recipientId",
  "platform",
  "kind",
  "subjectType",
  "subjectId",
  "card",
  "status",
  "visibleFrom",
  "createdAt",
  "sentAt",
  "acknowledgedAt",
  "messageRef",
] as const;
/** The actor's columns and joins, as select-chat-person-standing reads them, numbered for this statement. */
const ACTOR = chatPersonStandingParts({ platform: 3, externalId: 4, firstAway: 5 });
const nulls = (n: number) => Array.from({ length: n }, () => "NULL").join(", ");

const CLAIM_ACTION_TOKEN_BY_CHAT = named(
  "kp_claim_action_token_by_chat_with_notices_and_actor",
  `WITH "spent" AS (
       UPDATE "ActionToken" SET "usedAt" = CAST($2 AS TIMESTAMP(3))
       WHERE "id" = $1 AND "usedAt" IS NULL
         AND "recipientId" = (SELECT "employeeId" FROM "ChatIdentity" WHERE "platform" = $3 AND "externalId" = $4)
       RETURNING "id"
     )
     SELECT 1 AS "part", ${TOKEN.map((c) => `t."${c}" AS "t_${c}"`).join(", ")}, (SELECT COUNT(*) FROM "spent") AS "t_claimed",
            ${NOTICE.map((c) => `n."${c}" AS "n_${c}"`).join(", ")},
            ${ACTOR.columns.map(([c]) => `NULL AS "a_${c}"`).join(", ")}, NULL AS "a_grantId"
     FROM "ActionToken" t
     LEFT JOIN "Notice" n ON n."subjectType" = t."subjectType" AND n."subjectId" = t."subjectId"
     WHERE t."id" = $1
     UNION ALL
     SELECT 2, ${nulls(TOKEN.length + 1 + NOTICE.length)}, ${ACTOR.columns.map(([, expression]) => expression).join(", ")}, g."id"
     ${ACTOR.from}
     ORDER BY "part", "n_createdAt", "a_grantId"`,
);

type Prefixed<R, P extends string> = { [K in keyof R & string as `${P}${K}`]: R[K] | null };
type Row = { part: number } & Prefixed<ClaimedTokenRow, "t_"> &
  Prefixed<NoticeRow, "n_"> &
  Prefixed<ChatPersonStandingRow, "a_">;

export interface ClaimedTokenWithNotices {
  readonly token: ClaimedTokenRow;
  /** The notices whose subject is the token's, oldest first. */
  readonly notices: NoticeRow[];
}

export interface ClaimByChatAnswer {
  /** Undefined when there is no such token. */
  readonly claimed: ClaimedTokenWithNotices | undefined;
  /** The account's person, one row per grant, as selectChatPersonStanding answers (empty: no such account). */
  readonly actor: ChatPersonStandingRow[];
}

export async function claimActionTokenByChat(
  sql: SqlSession,
  id: string,
  platform: string,
  externalId: string,
  at: Date,
): Promise<ClaimByChatAnswer> {
  const rows = await sql.rows<Row>(CLAIM_ACTION_TOKEN_BY_CHAT, id, at, platform, externalId, ...AWAY_STATES);
  const claimedRows = rows.filter((r) => Number(r.part) === 1);
  const actor = rows
    .filter((r) => Number(r.part) === 2)
    .map((r): ChatPersonStandingRow => ({
      chatTenantId: r.a_chatTenantId!,
      chatConversationRef: r.a_chatConversationRef,
      chatInstalledAt: r.a_chatInstalledAt,
      id: r.a_id!,
      code: r.a_code!,
      name: r.a_name!,
      nameEn: r.a_nameEn,
      email: r.a_email,
      unitId: r.a_unitId!,
      status: r.a_status!,
      locale: r.a_locale,
      unitPath: r.a_unitPath!,
      unitTimeZone: r.a_unitTimeZone!,
      grantRole: r.a_grantRole,
      grantPath: r.a_grantPath,
      away: r.a_away!,
    }));
  const [first] = claimedRows;
  if (!first) return { claimed: undefined, actor };
  const token: ClaimedTokenRow = {
    id: first.t_id!,
    action: first.t_action!,
    subjectType: first.t_subjectType!,
    subjectId: first.t_subjectId!,
    subjectVersion: first.t_subjectVersion!,
    recipientId: first.t_recipientId!,
    args: first.t_args!,
    usedAt: first.t_usedAt,
    claimed: first.t_claimed!,
  };
  const notices: NoticeRow[] = [];
  for (const row of claimedRows)
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
  return { claimed: { token, notices }, actor };
}
