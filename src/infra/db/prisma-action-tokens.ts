import { randomBytes } from "node:crypto";
import type { ActionTokenRecord, ActionTokenRepository, CommandReceipts } from "../../ports/action-tokens.ts";
import type { Provider, Tx } from "./database.ts";
import { prismaSql, toDateOrNull, type SqlSession } from "./sql-session.ts";
import { insertActionToken } from "./sql/insert-action-token.sql.ts";
import { insertCommandReceipt } from "./sql/insert-command-receipt.sql.ts";
import { selectActionToken } from "./sql/select-action-token.sql.ts";
import { useActionToken } from "./sql/use-action-token.sql.ts";

export class PrismaActionTokens implements ActionTokenRepository {
  /** `sql`: find and use are on every press (the hot path's hand-written statements). */
  constructor(
    private readonly db: Tx,
    private readonly sql: SqlSession,
  ) {}

  async issue(token: Omit<ActionTokenRecord, "id" | "usedAt">): Promise<string> {
    const id = randomBytes(16).toString("base64url");
    await insertActionToken(this.sql, { ...token, id, args: JSON.stringify(token.args), createdAt: new Date() });
    return id;
  }

  async find(id: string): Promise<ActionTokenRecord | undefined> {
    const row = await selectActionToken(this.sql, id);
    if (!row) return undefined;
    return {
      ...row,
      subjectVersion: Number(row.subjectVersion),
      usedAt: toDateOrNull(row.usedAt),
      args: JSON.parse(row.args) as ActionTokenRecord["args"],
    };
  }

  async use(id: string, at: Date): Promise<boolean> {
    return useActionToken(this.sql, id, at);
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
    return insertCommandReceipt(prismaSql(this.db, this.provider), key, result, new Date());
  }

  async forget(key: string): Promise<void> {
    await this.db.commandReceipt.deleteMany({ where: { key } });
  }

  async pruneByPrefix(prefix: string, before: Date): Promise<number> {
    const { count } = await this.db.commandReceipt.deleteMany({
      where: { key: { startsWith: prefix }, createdAt: { lt: before } },
    });
    return count;
  }
}
