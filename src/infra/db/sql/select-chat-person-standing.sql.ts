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

/**
 * The actor's columns (name, expression) and the joins they read from, with the statement's own
 * parameter numbers: this statement's, and the press's claim's, which reads the same rows beside its
 * own (claim-action-token-by-chat.sql.ts) — one list, so the two cannot drift apart. The claim also
 * orders by the grant's id, which it selects.
 */
export function chatPersonStandingParts(p: { platform: number; externalId: number; firstAway: number }): {
  columns: readonly (readonly [keyof ChatPersonStandingRow, string])[];
  from: string;
} {
  const away = AWAY_STATES.map((_, i) => `$${i + p.firstAway}`).join(", ");
  return {
    columns: [
      ["chatTenantId", `c."tenantId"`],
      ["chatConversationRef", `c."conversationRef"`],
      ["chatInstalledAt", `c."installedAt"`],
      ["id", `e."id"`],
      ["code", `e."code"`],
      ["name", `e."name"`],
      ["nameEn", `e."nameEn"`],
      ["email", `e."email"`],
      ["unitId", `e."unitId"`],
      ["status", `e."status"`],
      ["locale", `e."locale"`],
      ["unitPath", `u."path"`],
      ["unitTimeZone", `u."timeZone"`],
      ["grantRole", `g."role"`],
      ["grantPath", `gu."path"`],
      ["away", `EXISTS (SELECT 1 FROM "Leave" l WHERE l."holderId" = e."id" AND l."status" IN (${away}))`],
    ],
    from: `FROM "ChatIdentity" c
     JOIN "Employee" e ON e."id" = c."employeeId"
     JOIN "OrgUnit" u ON u."id" = e."unitId"
     LEFT JOIN "RoleGrant" g ON g."employeeId" = e."id"
     LEFT JOIN "OrgUnit" gu ON gu."id" = g."unitId"
     WHERE c."platform" = $${p.platform} AND c."externalId" = $${p.externalId}`,
  };
}

const PARTS = chatPersonStandingParts({ platform: 1, externalId: 2, firstAway: 3 });

const SELECT_CHAT_PERSON_STANDING = named(
  "kp_select_chat_person_standing",
  `SELECT ${PARTS.columns.map(([name, expression]) => `${expression} AS "${name}"`).join(", ")}
     ${PARTS.from}
     ORDER BY g."id"`,
);

export function selectChatPersonStanding(
  sql: SqlSession,
  platform: string,
  externalId: string,
): Promise<ChatPersonStandingRow[]> {
  return sql.rows<ChatPersonStandingRow>(SELECT_CHAT_PERSON_STANDING, platform, externalId, ...AWAY_STATES);
}
