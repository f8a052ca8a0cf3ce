import type { Inbox, InboxIntake, InboundRequest, InboxPlatform } from "../../ports/inbox.ts";
import type { Database, Provider, Tx } from "./database.ts";
import { GroupedInboxIntake } from "./grouped-inbox-intake.ts";
import { toDate, type SqlSession } from "./sql-session.ts";
import { finishInboundRequests } from "./sql/finish-inbound-requests.sql.ts";
import { finishInboundRequest } from "./sql/finish-inbound-request.sql.ts";
import { leaseInboundRequests } from "./sql/lease-inbound-requests.sql.ts";
import { insertInboundRequest } from "./sql/insert-inbound-request.sql.ts";

const PLATFORMS: ReadonlySet<string> = new Set<InboxPlatform>(["slack", "teams"]);

function toRequest(row: {
  key: string;
  platform: string;
  payload: string;
  receivedAt: Date;
  attempts: number;
}): InboundRequest {
  if (!PLATFORMS.has(row.platform)) throw new Error(`inbound request ${row.key}: unknown platform ${row.platform}`);
  return {
    key: row.key,
    platform: row.platform as InboxPlatform,
    payload: row.payload,
    receivedAt: row.receivedAt,
    attempts: row.attempts,
  };
}

/**
 * The receivers' side: a request accepted once (sql/insert-inbound-request.sql.ts). On PostgreSQL
 * the requests arriving together are inserted together (grouped-inbox-intake.ts).
 */
export class PrismaInboxIntake implements InboxIntake {
  readonly #grouped: GroupedInboxIntake | undefined;

  constructor(private readonly db: Database) {
    this.#grouped = db.provider === "postgres" ? new GroupedInboxIntake(db) : undefined;
  }

  accept(request: Omit<InboundRequest, "attempts">): Promise<boolean> {
    return this.#grouped ? this.#grouped.accept(request) : insertInboundRequest(this.db, request);
  }
}

export class PrismaInbox implements Inbox {
  constructor(
    private readonly db: Tx,
    private readonly provider: Provider,
    private readonly sql: SqlSession,
  ) {}

  async lease(platform: InboxPlatform, now: Date, leaseUntil: Date, limit: number): Promise<InboundRequest[]> {
    const leased = await leaseInboundRequests(this.sql, this.provider, platform, now, leaseUntil, limit);
    return leased
      .map((r) => toRequest({ ...r, receivedAt: toDate(r.receivedAt), attempts: Number(r.attempts) }))
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.key < b.key ? -1 : 1));
  }

  async finish(key: string, at: Date, error?: string): Promise<void> {
    await finishInboundRequest(this.sql, key, at, error?.slice(0, 2000));
  }

  async finishMany(keys: readonly string[], at: Date): Promise<void> {
    for (let i = 0; i < keys.length; i += 512) await finishInboundRequests(this.sql, keys.slice(i, i + 512), at);
  }

  unfinished(platform: InboxPlatform): Promise<number> {
    return this.db.inboundRequest.count({ where: { platform, doneAt: null } });
  }

  async prune(before: Date): Promise<number> {
    const { count } = await this.db.inboundRequest.deleteMany({
      where: { doneAt: { not: null }, receivedAt: { lt: before } },
    });
    return count;
  }
}
