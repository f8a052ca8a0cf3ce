// Who a chat account belongs to, with the state the press path needs (status, language), in one
// statement: every press and message starts here.
import type { SqlSession } from "../sql-session.ts";

export interface ChatIdentityOwnerRow {
  platform: string;
  externalId: string;
  tenantId: string;
  conversationRef: string | null;
  installedAt: unknown;
  personId: string;
  status: string;
  locale: string | null;
}

export async function selectChatIdentityOwner(
  sql: SqlSession,
  platform: string,
  externalId: string,
): Promise<ChatIdentityOwnerRow | undefined> {
  const [row] = await sql.rows<ChatIdentityOwnerRow>(
    `SELECT c."platform", c."externalId", c."tenantId", c."conversationRef", c."installedAt", c."employeeId" AS "personId", e."status", e."locale"
     FROM "ChatIdentity" c JOIN "Employee" e ON e."id" = c."employeeId"
     WHERE c."platform" = $1 AND c."externalId" = $2`,
    platform,
    externalId,
  );
  return row;
}
