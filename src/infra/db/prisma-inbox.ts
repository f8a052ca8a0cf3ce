import type { Inbox, InboxIntake, InboundRequest, InboxPlatform } from "../../ports/inbox.ts";
import type { Database, Tx } from "./database.ts";

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
 * One INSERT in a batch transaction: the primary key decides, a replay writes nothing (nor fails, as
 * a unique violation would); atomic and serialised with every other transaction (on SQLite a
 * statement outside any transaction would run inside whichever one is open on the shared
 * connection), without an interactive transaction's round trips.
 */
export class PrismaInboxIntake implements InboxIntake {
  constructor(private readonly db: Database) {}

  async accept(request: Omit<InboundRequest, "attempts">): Promise<boolean> {
    const [inserted] = await this.db.prisma.$transaction([
      this.db.prisma
        .$executeRaw`INSERT INTO "InboundRequest" ("key", "platform", "payload", "receivedAt") VALUES (${request.key}, ${request.platform}, ${request.payload}, ${request.receivedAt}) ON CONFLICT ("key") DO NOTHING`,
    ]);
    return inserted > 0;
  }
}

export class PrismaInbox implements Inbox {
  constructor(private readonly db: Tx) {}

  async lease(platform: InboxPlatform, now: Date, leaseUntil: Date, limit: number): Promise<InboundRequest[]> {
    const free = { doneAt: null, platform, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] };
    const due = await this.db.inboundRequest.findMany({
      where: free,
      orderBy: [{ receivedAt: "asc" }, { key: "asc" }],
      take: limit,
      select: { key: true },
    });
    if (due.length === 0) return [];
    // One conditional UPDATE … RETURNING: a request another worker leased meanwhile is not returned.
    const rows = await this.db.inboundRequest.updateManyAndReturn({
      where: { ...free, key: { in: due.map((d) => d.key) } },
      data: { leaseUntil, attempts: { increment: 1 } },
    });
    return rows
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.key < b.key ? -1 : 1))
      .map(toRequest);
  }

  async finish(key: string, at: Date, error?: string): Promise<void> {
    await this.db.inboundRequest.updateMany({
      where: { key, doneAt: null },
      data: { doneAt: at, leaseUntil: null, ...(error === undefined ? {} : { error: error.slice(0, 2000) }) },
    });
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
