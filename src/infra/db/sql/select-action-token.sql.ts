// A card button's token, read on every press (the hot path: one statement, no ORM).
import type { SqlSession } from "../sql-session.ts";

export interface ActionTokenRow {
  id: string;
  action: string;
  subjectType: string;
  subjectId: string;
  subjectVersion: number | bigint;
  recipientId: string;
  args: string;
  usedAt: unknown;
}

export async function selectActionToken(sql: SqlSession, id: string): Promise<ActionTokenRow | undefined> {
  const [row] = await sql.rows<ActionTokenRow>(
    `SELECT "id", "action", "subjectType", "subjectId", "subjectVersion", "recipientId", "args", "usedAt" FROM "ActionToken" WHERE "id" = $1`,
    id,
  );
  return row;
}
