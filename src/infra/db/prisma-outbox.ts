import type { Card } from "../../ports/card.ts";
import type { NewNotice, NoticePlatform, Outbox, StoredNotice } from "../../ports/outbox.ts";
import { newId } from "../../ports/ids.ts";
import type { Provider, Tx } from "./database.ts";
import { executeRaw } from "./raw-sql.ts";
import { toDate, toDateOrNull, type SqlSession } from "./sql-session.ts";

type Row = {
  id: string;
  dedupeKey: string;
  recipientId: string;
  platform: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  card: string;
  status: string;
  visibleFrom: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  messageRef: string | null;
};

export function toStoredNotice(row: Row): StoredNotice {
  return { ...row, platform: row.platform as NoticePlatform, card: JSON.parse(row.card) as Card };
}

type RawRow = Omit<Row, "visibleFrom" | "createdAt" | "sentAt" | "acknowledgedAt"> & {
  visibleFrom: unknown;
  createdAt: unknown;
  sentAt: unknown;
  acknowledgedAt: unknown;
};

const ROW_COLUMNS = `"id", "dedupeKey", "recipientId", "platform", "kind", "subjectType", "subjectId", "card", "status", "visibleFrom", "createdAt", "sentAt", "acknowledgedAt", "messageRef"`;

function fromRaw(row: RawRow): Row {
  return {
    ...row,
    visibleFrom: toDateOrNull(row.visibleFrom),
    createdAt: toDate(row.createdAt),
    sentAt: toDateOrNull(row.sentAt),
    acknowledgedAt: toDateOrNull(row.acknowledgedAt),
  };
}

/** Statuses whose platform copy may show an older card than the stored one. */
const IN_FLIGHT_OR_SENT = new Set(["sending", "sent", "unknown"]);

export class PrismaOutbox implements Outbox {
  /** `sql`: a subject's notices and their acknowledgement are on every press (hand-written statements). */
  constructor(
    private readonly db: Tx,
    private readonly provider: Provider,
    private readonly sql: SqlSession,
  ) {}

  async enqueue(notice: NewNotice, platforms: readonly NoticePlatform[]): Promise<boolean> {
    let created = false;
    const targets: readonly NoticePlatform[] = platforms.length > 0 ? platforms : ["log"];
    for (const platform of targets) {
      // ON CONFLICT DO NOTHING: a duplicate must not abort the surrounding PostgreSQL transaction.
      const inserted = await executeRaw(
        this.db,
        this.provider,
        `INSERT INTO "Notice" ("id", "dedupeKey", "recipientId", "platform", "kind", "subjectType", "subjectId", "card", "visibleFrom", "status", "attempts", "nextAttemptAt", "lastError", "remindersSent", "needsUpdate", "createdAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, '', 0, false, $11)
         ON CONFLICT ("dedupeKey") DO NOTHING`,
        newId(),
        `${notice.dedupeKey}@${platform}`,
        notice.recipientId,
        platform,
        notice.kind,
        notice.subjectType,
        notice.subjectId,
        JSON.stringify(notice.card),
        notice.visibleFrom ?? null,
        notice.visibleFrom ?? new Date(0),
        new Date(),
      );
      created ||= inserted > 0;
    }
    return created;
  }

  async forSubject(subjectType: string, subjectId: string): Promise<StoredNotice[]> {
    const rows = await this.sql.rows<RawRow>(
      `SELECT ${ROW_COLUMNS} FROM "Notice" WHERE "subjectType" = $1 AND "subjectId" = $2 ORDER BY "createdAt"`,
      subjectType,
      subjectId,
    );
    return rows.map((row) => toStoredNotice(fromRaw(row)));
  }

  async replaceCard(noticeId: string, card: Card): Promise<void> {
    const row = await this.db.notice.findUniqueOrThrow({ where: { id: noticeId }, select: { status: true } });
    await this.db.notice.update({
      where: { id: noticeId },
      // A copy may be out already, or on its way with the card read when it was claimed: both need
      // the new card put in place once sent. Only a notice not yet claimed sends the new card itself.
      data: { card: JSON.stringify(card), needsUpdate: IN_FLIGHT_OR_SENT.has(row.status) },
    });
  }

  async acknowledge(noticeId: string, at: Date): Promise<void> {
    await this.sql.run(
      `UPDATE "Notice" SET "acknowledgedAt" = $1 WHERE "id" = $2 AND "acknowledgedAt" IS NULL`,
      at,
      noticeId,
    );
  }

  async visibleTo(recipientId: string, now: Date, limit: number): Promise<StoredNotice[]> {
    const rows = await this.db.notice.findMany({
      where: { recipientId, OR: [{ visibleFrom: null }, { visibleFrom: { lte: now } }] },
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    return rows.map(toStoredNotice);
  }
}
