// PostgreSQL: a press's token read and spent in one round trip. The token is marked used only for
// the person it was offered to and only once; the row comes back either way (as it was before this
// statement), so the caller can still say why a press was refused (not yours, already used).
// SQLite has no UPDATE inside WITH: there the caller reads and spends in two in-process statements
// (select-action-token, use-action-token), which cost no round trip.
import type { SqlSession } from "../sql-session.ts";
import type { ActionTokenRow } from "./select-action-token.sql.ts";

export interface ClaimedTokenRow extends ActionTokenRow {
  /** 1 when this statement spent the token, 0 when it was used already or is someone else's. */
  claimed: number | string | bigint;
}

export async function claimActionToken(
  sql: SqlSession,
  id: string,
  recipientId: string,
  at: Date,
): Promise<ClaimedTokenRow | undefined> {
  const [row] = await sql.rows<ClaimedTokenRow>(
    `WITH "spent" AS (
       UPDATE "ActionToken" SET "usedAt" = CAST($2 AS TIMESTAMP(3))
       WHERE "id" = $1 AND "recipientId" = $3 AND "usedAt" IS NULL
       RETURNING "id"
     )
     SELECT t."id", t."action", t."subjectType", t."subjectId", t."subjectVersion", t."recipientId", t."args", t."usedAt",
            (SELECT COUNT(*) FROM "spent") AS "claimed"
     FROM "ActionToken" t WHERE t."id" = $1`,
    id,
    at,
    recipientId,
  );
  return row;
}
