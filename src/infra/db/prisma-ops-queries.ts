// What readiness and the metrics read from the database: a ping (timed), the migrations recorded as
// applied, the inbox's depth, the outbox's counts and its oldest due notice. All through the
// service's own pool (Prisma's): a probe never opens a connection of its own.
import type { Database } from "./database.ts";
import { prismaSql } from "./sql-session.ts";
import { selectAppliedMigrations } from "./sql/select-applied-migrations.sql.ts";
import { selectOne } from "./sql/select-one.sql.ts";

export interface OutboxFigures {
  /** Notices by status (pending, sending, sent, failed, unknown, superseded). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** When the notice that has waited longest became due (null: none is due). */
  readonly oldestDueAt: Date | null;
}

export class PrismaOpsQueries {
  constructor(private readonly db: Database) {}

  /** Seconds one round trip took; throws when the database cannot be reached. */
  async ping(): Promise<number> {
    const started = performance.now();
    await selectOne(prismaSql(this.db.prisma, this.db.provider));
    return (performance.now() - started) / 1000;
  }

  /** Names recorded in `_migrations` (empty when the table is missing). */
  async appliedMigrations(): Promise<string[]> {
    try {
      return await selectAppliedMigrations(prismaSql(this.db.prisma, this.db.provider));
    } catch {
      return [];
    }
  }

  /** Requests accepted from a platform and not acted on yet. */
  async inboxDepth(): Promise<Record<string, number>> {
    const rows = await this.db.prisma.inboundRequest.groupBy({
      by: ["platform"],
      where: { doneAt: null },
      _count: { _all: true },
    });
    return Object.fromEntries(rows.map((r) => [r.platform, r._count._all]));
  }

  async outbox(now: Date): Promise<OutboxFigures> {
    const counts = await this.db.prisma.notice.groupBy({ by: ["status"], _count: { _all: true } });
    const byStatus = Object.fromEntries(counts.map((r) => [r.status, r._count._all]));
    // A notice is due from the later of its next attempt and its visibility (a sealed leave's
    // notices wait for its start): the oldest of each kind, then the earlier of the two.
    const plain = await this.db.prisma.notice.findFirst({
      where: { status: "pending", visibleFrom: null, nextAttemptAt: { lte: now } },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    });
    const sealed = await this.db.prisma.notice.findMany({
      where: { status: "pending", visibleFrom: { lte: now }, nextAttemptAt: { lte: now } },
      orderBy: { visibleFrom: "asc" },
      select: { nextAttemptAt: true, visibleFrom: true },
      take: 50,
    });
    const dues = [
      ...(plain ? [plain.nextAttemptAt.getTime()] : []),
      ...sealed.map((r) => Math.max(r.nextAttemptAt.getTime(), r.visibleFrom?.getTime() ?? 0)),
    ];
    return { byStatus, oldestDueAt: dues.length > 0 ? new Date(Math.min(...dues)) : null };
  }
}
