// One person by id with their unit, every role grant and whether they are away on a mandatory leave
// now: everything identifying an actor needs, in one round trip (every action starts with it; it
// was two statements, the person and the away check). One row per grant, `away` on each.
import { AWAY_STATES } from "../../../domain/leave/leave.machine.ts";
import type { SqlSession } from "../sql-session.ts";
import type { PersonGrantRow } from "./select-people-with-grants.sql.ts";

export interface PersonStandingRow extends PersonGrantRow {
  /** true/false on PostgreSQL, 1/0 on SQLite: read with Boolean(). */
  away: boolean | number;
}

const AWAY_PLACEHOLDERS = AWAY_STATES.map((_, i) => `$${i + 2}`).join(", ");

export function selectPersonStanding(sql: SqlSession, id: string): Promise<PersonStandingRow[]> {
  return sql.rows<PersonStandingRow>(
    `SELECT e."id", e."code", e."name", e."nameEn", e."email", e."unitId", e."status", e."locale",
            u."path" AS "unitPath", u."timeZone" AS "unitTimeZone", g."role" AS "grantRole", gu."path" AS "grantPath",
            EXISTS (SELECT 1 FROM "Leave" l WHERE l."holderId" = e."id" AND l."status" IN (${AWAY_PLACEHOLDERS})) AS "away"
     FROM "Employee" e
     JOIN "OrgUnit" u ON u."id" = e."unitId"
     LEFT JOIN "RoleGrant" g ON g."employeeId" = e."id"
     LEFT JOIN "OrgUnit" gu ON gu."id" = g."unitId"
     WHERE e."id" = $1
     ORDER BY g."id"`,
    id,
    ...AWAY_STATES,
  );
}
