// A person's chat accounts, one per platform (hot path: every delivery and every refreshed card
// finds where to send through this).
import type { SqlSession } from "../sql-session.ts";

export interface ChatIdentityRow {
  platform: string;
  externalId: string;
  tenantId: string;
  conversationRef: string | null;
  installedAt: unknown;
}

export function selectChatIdentitiesOf(sql: SqlSession, personId: string): Promise<ChatIdentityRow[]> {
  return sql.rows<ChatIdentityRow>(
    `SELECT "platform", "externalId", "tenantId", "conversationRef", "installedAt" FROM "ChatIdentity" WHERE "employeeId" = $1 ORDER BY "platform"`,
    personId,
  );
}
