import { randomBytes } from "node:crypto";
import type { ActionTokenRecord, ActionTokenRepository, CommandReceipts } from "../../ports/action-tokens.ts";
import type { Provider, Tx } from "./database.ts";
import { executeRaw } from "./raw-sql.ts";

export class PrismaActionTokens implements ActionTokenRepository {
  constructor(private readonly db: Tx) {}

  async issue(token: Omit<ActionTokenRecord, "id" | "usedAt">): Promise<string> {
    const id = randomBytes(16).toString("base64url");
    await this.db.actionToken.create({ data: { ...token, id, args: JSON.stringify(token.args) } });
    return id;
  }

  async find(id: string): Promise<ActionTokenRecord | undefined> {
    const row = await this.db.actionToken.findUnique({ where: { id } });
    if (!row) return undefined;
    return { ...row, args: JSON.parse(row.args) as ActionTokenRecord["args"] };
  }

  async use(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.actionToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: at } });
    return count === 1;
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
}
