import { randomBytes } from "node:crypto";
import type { ActionTokenRecord, ActionTokenRepository, CommandReceipts } from "../../ports/action-tokens.ts";
import type { Provider, Tx } from "./database.ts";
import { executeRaw } from "./raw-sql.ts";
import { toDateOrNull, type SqlSession } from "./sql-session.ts";

type TokenRow = Omit<ActionTokenRecord, "args" | "usedAt"> & { args: string; usedAt: unknown };

export class PrismaActionTokens implements ActionTokenRepository {
  /** `sql`: find and use are on every press (the hot path's hand-written statements). */
  constructor(
    private readonly db: Tx,
    private readonly sql: SqlSession,
  ) {}

  async issue(token: Omit<ActionTokenRecord, "id" | "usedAt">): Promise<string> {
    const id = randomBytes(16).toString("base64url");
    await this.db.actionToken.create({ data: { ...token, id, args: JSON.stringify(token.args) } });
    return id;
  }

  async find(id: string): Promise<ActionTokenRecord | undefined> {
    const [row] = await this.sql.rows<TokenRow>(
      `SELECT "id", "action", "subjectType", "subjectId", "subjectVersion", "recipientId", "args", "usedAt" FROM "ActionToken" WHERE "id" = $1`,
      id,
    );
    if (!row) return undefined;
    return {
      ...row,
      subjectVersion: Number(row.subjectVersion),
      usedAt: toDateOrNull(row.usedAt),
      args: JSON.parse(row.args) as ActionTokenRecord["args"],
    };
  }

  async use(id: string, at: Date): Promise<boolean> {
    return (
      (await this.sql.run(`UPDATE "ActionToken" SET "usedAt" = $1 WHERE "id" = $2 AND "usedAt" IS NULL`, at, id)) === 1
    );
  }
}

export class PrismaCommandReceipts implements CommandReceipts {
  constructor(
    private readonly db: Tx,
    private readonly provider: Provider,
  ) {}

  async find(key: string): Promise<string | undefined> {
    return (await this.db.commandReceipt.findUnique({ where: { key } }))?.result;
  }

  async record(key: string, result: string): Promise<boolean> {
    const inserted = await executeRaw(
      this.db,
      this.provider,
      `INSERT INTO "CommandReceipt" ("key", "result", "createdAt") VALUES ($1, $2, $3) ON CONFLICT ("key") DO NOTHING`,
      key,
      result,
      new Date(),
    );
    return inserted > 0;
  }

  async forget(key: string): Promise<void> {
    await this.db.commandReceipt.deleteMany({ where: { key } });
  }
}
