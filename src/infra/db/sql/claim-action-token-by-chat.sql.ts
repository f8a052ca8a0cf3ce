// PostgreSQL: claim-action-token.sql.ts for a presser known only by their chat account: the token is
// spent only when it was offered to that account's person. A press from a known account sends it with
// its actor's read (select-chat-person-standing) before either answer is in (decision 13.s9p-3); if the
// account then turns out not to be usable as it is (another tenant, a left person, a reference to
// store), the transaction rolls back and the claim with it. SQLite reads and spends in process.
import type { SqlSession } from "../sql-session.ts";
import { named } from "./named-statement.ts";
import type { ClaimedTokenRow } from "./claim-action-token.sql.ts";

const CLAIM_ACTION_TOKEN_BY_CHAT = named(
  "kp_claim_action_token_by_chat",
  `WITH "spent" AS (
       UPDATE "ActionToken" SET "usedAt" = CAST($2 AS TIMESTAMP(3))
       WHERE "id" = $1 AND "usedAt" IS NULL
         AND "recipientId" = (SELECT "employeeId" FROM "ChatIdentity" WHERE "platform" = $3 AND "externalId" = $4)
       RETURNING "id"
     )
     SELECT t."id", t."action", t."subjectType", t."subjectId", t."subjectVersion", t."recipientId", t."args", t."usedAt",
            (SELECT COUNT(*) FROM "spent") AS "claimed"
     FROM "ActionToken" t WHERE t."id" = $1`,
);

export async function claimActionTokenByChat(
  sql: SqlSession,
  id: string,
  platform: string,
  externalId: string,
  at: Date,
): Promise<ClaimedTokenRow | undefined> {
  const [row] = await sql.rows<ClaimedTokenRow>(CLAIM_ACTION_TOKEN_BY_CHAT, id, at, platform, externalId);
  return row;
}
