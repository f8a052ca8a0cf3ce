// A chat account's person with everything identifying an actor needs — unit, role grants, whether
// they are away on a mandatory leave now — and the account's own stored state (tenant, conversation
// reference, installation), in one statement. A press from a known chat account reads its actor this
// way inside its transaction (decision 13.s9p-3), instead of a gate's identity read before it and
// the actor's read by id inside it: one round trip fewer on PostgreSQL. One row per grant. On
// PostgreSQL a press's claim by chat account reads the same rows in its own statement
// (claim-action-token-by-chat.sql.ts, decision 13.s12p-5); this one serves everything else.
import { AWAY_STATES } from "../../../domain/leave/leave.machine.ts";
import type { SqlSession } from "../sql-session.ts";
import { named } from "./named-statement.ts";
import type { PersonStandingRow } from "./select-person-standing.sql.ts";

export interface ChatPersonStandingRow extends PersonStandingRow {
  chatTenantId: string;
  chatConversationRef: string | null;
  chatInstalledAt: unknown;
}

const AWAY_PLACEHOLDERS = AWAY_STATES.map((_, i) => `$${i + 3}`).join(", ");

const SELECT_CHAT_PERSON_STANDING = named(
  "kp_select_chat_person_standing",
  `SELECT c."tenantId" AS "chatTenantId", c."conversationRef" AS "chatConversationRef", c."installedAt" AS "chatInstalledAt",
            e."id", e."code", e."name", e."nameEn", e."email", e."unitId", e."status", e."locale",
            u."path" AS "unitPath", u."timeZone" AS "unitTimeZone", g."role" AS "grantRole", gu."path" AS "grantPath",
            EXISTS (SELECT 1 FROM "Leave" l WHERE l."holderId" = e."id" AND l."status" IN (${AWAY_PLACEHOLDERS})) AS "away"
     FROM "ChatIdentity" c
     JOIN "Employee" e ON e."id" = c."employeeId"
     JOIN "OrgUnit" u ON u."id" = e."unitId"
     LEFT JOIN "RoleGrant" g ON g."employeeId" = e."id"
     LEFT JOIN "OrgUnit" gu ON gu."id" = g."unitId"
     WHERE c."platform" = $1 AND c."externalId" = $2
     ORDER BY g."id"`,
);

export function selectChatPersonStanding(
  sql: SqlSession,
  platform: string,
  externalId: string,
): Promise<ChatPersonStandingRow[]> {
  return sql.rows<ChatPersonStandingRow>(SELECT_CHAT_PERSON_STANDING, platform, externalId, ...AWAY_STATES);
}
