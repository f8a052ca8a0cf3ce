import { randomBytes } from "node:crypto";
import type { ActionTokenRecord, ActionTokenRepository, CommandReceipts } from "../../ports/action-tokens.ts";
import type { Provider, Tx } from "./database.ts";
import { prismaSql, toDateOrNull, type SqlSession } from "./sql-session.ts";
import { insertActionToken } from "./sql/insert-action-token.sql.ts";
import { insertCommandReceipt } from "./sql/insert-command-receipt.sql.ts";
import { claimActionToken } from "./sql/claim-action-token.sql.ts";
import { claimActionTokenByChat } from "./sql/claim-action-token-by-chat.sql.ts";
import type { PressReads } from "./press-reads.ts";
import { selectChatIdentityOwner } from "./sql/select-chat-identity-owner.sql.ts";
import { selectActionToken, type ActionTokenRow } from "./sql/select-action-token.sql.ts";
import { useActionToken } from "./sql/use-action-token.sql.ts";

function toRecord(row: ActionTokenRow): ActionTokenRecord {
  return {
    id: row.id,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    subjectVersion: Number(row.subjectVersion),
    recipientId: row.recipientId,
    usedAt: toDateOrNull(row.usedAt),
    args: JSON.parse(row.args) as ActionTokenRecord["args"],
  };
}

export class PrismaActionTokens implements ActionTokenRepository {
  /** `sql`: find and use are on every press (the hot path's hand-written statements). */
  constructor(
    private readonly db: Tx,
    private readonly sql: SqlSession,
    private readonly provider: Provider,
    /** Where a claim by chat account leaves the notices and the actor it read (press-reads.ts). */
    private readonly pressReads?: PressReads,
  ) {}

  async issue(token: Omit<ActionTokenRecord, "id" | "usedAt">): Promise<string> {
    const id = randomBytes(16).toString("base64url");
    await insertActionToken(this.sql, { ...token, id, args: JSON.stringify(token.args), createdAt: new Date() });
    return id;
  }

  async find(id: string): Promise<ActionTokenRecord | undefined> {
    const row = await selectActionToken(this.sql, id);
    return row ? toRecord(row) : undefined;
  }

  async claim(
    id: string,
    recipientId: string,
    at: Date,
  ): Promise<{ token: ActionTokenRecord; spent: boolean } | undefined> {
    if (this.provider === "postgres") {
      const row = await claimActionToken(this.sql, id, recipientId, at);
      return row ? { token: toRecord(row), spent: Number(row.claimed) === 1 } : undefined;
    }
    const token = await this.find(id);
    if (!token) return undefined;
    const spent = token.recipientId === recipientId && token.usedAt === null && (await this.use(id, at));
    return { token, spent };
  }

  async claimByChat(
    id: string,
    chat: { readonly platform: string; readonly externalId: string },
    at: Date,
  ): Promise<{ token: ActionTokenRecord; spent: boolean } | undefined> {
    if (this.provider === "postgres") {
      const answer = claimActionTokenByChat(this.sql, id, chat.platform, chat.externalId, at);
      this.pressReads?.noteClaim(
        id,
        chat,
        answer.then(
          ({ claimed: c }) =>
            c && { subjectType: c.token.subjectType, subjectId: c.token.subjectId, notices: c.notices },
        ),
        answer.then((a) => a.actor),
      );
      const { claimed } = await answer;
      return claimed ? { token: toRecord(claimed.token), spent: Number(claimed.token.claimed) === 1 } : undefined;
    }
    const owner = await selectChatIdentityOwner(this.sql, chat.platform, chat.externalId);
    if (owner) return this.claim(id, owner.personId, at);
    const token = await this.find(id);
    return token ? { token, spent: false } : undefined;
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
