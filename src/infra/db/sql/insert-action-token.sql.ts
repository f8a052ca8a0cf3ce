// Issues one card button's token (hot path: every card a press rebuilds carries new ones).
import type { SqlSession } from "../sql-session.ts";

export interface ActionTokenInsert {
  id: string;
  action: string;
  subjectType: string;
  subjectId: string;
  subjectVersion: number;
  recipientId: string;
  args: string;
  createdAt: Date;
}

export async function insertActionToken(sql: SqlSession, t: ActionTokenInsert): Promise<void> {
  await sql.run(
    `INSERT INTO "ActionToken" ("id", "action", "subjectType", "subjectId", "subjectVersion", "recipientId", "args", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    t.id,
    t.action,
    t.subjectType,
    t.subjectId,
    t.subjectVersion,
    t.recipientId,
    t.args,
    t.createdAt,
  );
}
