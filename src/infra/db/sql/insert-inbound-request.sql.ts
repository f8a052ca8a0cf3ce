// Accepts one platform request into the inbox: one INSERT. The primary key decides, so a replay
// writes nothing (nor fails, as a unique violation would). On SQLite it runs in a batch transaction
// (a statement outside any transaction would run inside whichever one is open on the shared
// connection), without an interactive transaction's round trips — this is why it takes the
// database, not a SqlSession. On PostgreSQL one statement is its own transaction: it goes to the
// pool Keypost owns, named (named-statement.ts), without Prisma's query path, which was most of an
// ack's database CPU in bench:slack's profile (decision 13.s10p-6).
import type { Database } from "../database.ts";
import { dialect } from "../raw-sql.ts";
import { named } from "./named-statement.ts";

export interface InboundInsert {
  key: string;
  platform: string;
  payload: string;
  receivedAt: Date;
}

const INSERT_INBOUND_REQUEST = named(
  "kp_insert_inbound_request",
  `INSERT INTO "InboundRequest" ("key", "platform", "payload", "receivedAt") VALUES ($1, $2, $3, $4) ON CONFLICT ("key") DO NOTHING`,
);

export async function insertInboundRequest(db: Database, r: InboundInsert): Promise<boolean> {
  const args = [r.key, r.platform, r.payload, r.receivedAt];
  if (db.provider === "postgres") return (await db.sql(db.prisma).run(INSERT_INBOUND_REQUEST, ...args)) > 0;
  const [text, sqliteArgs] = dialect(db.provider, INSERT_INBOUND_REQUEST, args);
  const [inserted] = await db.prisma.$transaction([db.prisma.$executeRawUnsafe(text, ...sqliteArgs)]);
  return inserted > 0;
}
