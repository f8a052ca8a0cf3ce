// Accepts one platform request into the inbox: one INSERT in a batch transaction. The primary key
// decides, so a replay writes nothing (nor fails, as a unique violation would); atomic and
// serialised with every other transaction (on SQLite a statement outside any transaction would run
// inside whichever one is open on the shared connection), without an interactive transaction's
// round trips. This is why it takes the client, not a SqlSession.
import type { Database } from "../database.ts";
import { dialect } from "../raw-sql.ts";

export interface InboundInsert {
  key: string;
  platform: string;
  payload: string;
  receivedAt: Date;
}

export async function insertInboundRequest(db: Database, r: InboundInsert): Promise<boolean> {
  const [text, args] = dialect(
    db.provider,
    `INSERT INTO "InboundRequest" ("key", "platform", "payload", "receivedAt") VALUES ($1, $2, $3, $4) ON CONFLICT ("key") DO NOTHING`,
    [r.key, r.platform, r.payload, r.receivedAt],
  );
  const [inserted] = await db.prisma.$transaction([db.prisma.$executeRawUnsafe(text, ...args)]);
  return inserted > 0;
}
