// Whether a person is away on a mandatory leave now (any of the leave machine's away states): a
// holder on leave may do nothing but acknowledge and answer their audit.
import { AWAY_STATES } from "../../../domain/leave/leave.machine.ts";
import type { SqlSession } from "../sql-session.ts";

const AWAY_PLACEHOLDERS = AWAY_STATES.map((_, i) => `$${i + 2}`).join(", ");

export async function selectHolderAway(sql: SqlSession, personId: string): Promise<boolean> {
  const rows = await sql.rows(
    `SELECT 1 AS "away" FROM "Leave" WHERE "holderId" = $1 AND "status" IN (${AWAY_PLACEHOLDERS}) LIMIT 1`,
    personId,
    ...AWAY_STATES,
  );
  return rows.length > 0;
}
