// The cheapest round trip there is: readiness times it to tell that the database answers.
import type { SqlSession } from "../sql-session.ts";

export async function selectOne(sql: SqlSession): Promise<void> {
  await sql.rows(`SELECT 1 AS "one"`);
}
