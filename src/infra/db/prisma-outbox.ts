import type { Card } from "../../ports/card.ts";
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";
import { cardOf, storedCard } from "./notice-card-codec.ts";
import type { NewNotice, NoticePlatform, Outbox, StoredNotice } from "../../ports/outbox.ts";
import { newId } from "../../ports/ids.ts";
import type { Provider, Tx } from "./database.ts";
import { toDate, toDateOrNull, type SqlSession } from "./sql-session.ts";
import { acknowledgeNotice } from "./sql/acknowledge-notice.sql.ts";
import { insertNotice } from "./sql/insert-notice.sql.ts";
import { selectSubjectNotices, type NoticeRow } from "./sql/select-subject-notices.sql.ts";
import { selectTokenSubjectNotices } from "./sql/select-token-subject-notices.sql.ts";
import { NoticeMemo } from "./notice-memo.ts";
import type { PressReads } from "./press-reads.ts";

/** A stored notice row with its dates as dates. */
type Row = Omit<NoticeRow, "visibleFrom" | "createdAt" | "sentAt" | "acknowledgedAt"> & {
  visibleFrom: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
};

export function toStoredNotice(row: Row, fields: FieldCipher): StoredNotice {
  return { ...row, platform: row.platform as NoticePlatform, card: cardOf(fields, row.card) };
}

function fromRaw(row: NoticeRow): Row {
  return {
    ...row,
    visibleFrom: toDateOrNull(row.visibleFrom),
    createdAt: toDate(row.createdAt),
    sentAt: toDateOrNull(row.sentAt),
    acknowledgedAt: toDateOrNull(row.acknowledgedAt),
  };
}

let lastCreatedAt = 0;
/**
 * When a notice was queued: now, but never the same millisecond as the previous one in this process,
 * so that "newest first" keeps the order notices were written in (a transaction writes many within
 * one millisecond now that the insert is a prepared statement).
 */
function nextCreatedAt(): Date {
  lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
  return new Date(lastCreatedAt);
}

/** Statuses whose platform copy may show an older card than the stored one. */
const IN_FLIGHT_OR_SENT = new Set(["sending", "sent", "unknown"]);

export class PrismaOutbox implements Outbox {
  /** `sql`: a subject's notices and their acknowledgement are on every press (hand-written statements). */
  constructor(
    private readonly db: Tx,
    private readonly provider: Provider,
    private readonly sql: SqlSession,
    /** A subject's notices kept between writes (notice-memo.ts); a fresh one keeps them for this outbox only. */
    private readonly memo: NoticeMemo = new NoticeMemo(),
    private readonly fields: FieldCipher = PLAIN_FIELDS,
    /** Notices a claim of the same unit already read (press-reads.ts). */
    private readonly pressReads?: PressReads,
  ) {}

  async enqueue(notice: NewNotice, platforms: readonly NoticePlatform[]): Promise<boolean> {
    this.memo.forget();
    let created = false;
    const targets: readonly NoticePlatform[] = platforms.length > 0 ? platforms : ["log"];
    for (const platform of targets) {
      // ON CONFLICT DO NOTHING: a duplicate must not abort the surrounding PostgreSQL transaction.
      const inserted = await insertNotice(this.sql, {
        id: newId(),
        dedupeKey: `${notice.dedupeKey}@${platform}`,
        recipientId: notice.recipientId,
        platform,
        kind: notice.kind,
        subjectType: notice.subjectType,
        subjectId: notice.subjectId,
        card: storedCard(this.fields, notice.subjectType, notice.card),
        visibleFrom: notice.visibleFrom ?? null,
        nextAttemptAt: notice.visibleFrom ?? new Date(0),
        createdAt: nextCreatedAt(),
      });
      created ||= inserted;
    }
    return created;
  }

  async forSubject(subjectType: string, subjectId: string): Promise<StoredNotice[]> {
    const kept = this.memo.get(subjectType, subjectId);
    if (kept) return kept;
    const rows = await selectSubjectNotices(this.sql, subjectType, subjectId);
    const notices = rows.map((row) => toStoredNotice(fromRaw(row), this.fields));
    this.memo.keep(subjectType, subjectId, notices);
    return notices;
  }

  async forSubjectOfToken(tokenId: string): Promise<StoredNotice[]> {
    const claimed = this.pressReads?.takeNotices(tokenId);
    if (claimed) {
      const answer = await claimed;
      if (!answer) return [];
      const notices = answer.notices.map((row) => toStoredNotice(fromRaw(row), this.fields));
      this.memo.keep(answer.subjectType, answer.subjectId, notices);
      return notices;
    }
    const rows = await selectTokenSubjectNotices(this.sql, tokenId);
    const [first] = rows;
    if (!first) return [];
    const notices = rows
      .filter((row) => row.id !== null)
      .map((row) => toStoredNotice(fromRaw(row as NoticeRow), this.fields));
    this.memo.keep(first.tokenSubjectType, first.tokenSubjectId, notices);
    return notices;
  }

  async replaceCard(noticeId: string, card: Card): Promise<void> {
    this.memo.forget();
    const row = await this.db.notice.findUniqueOrThrow({
      where: { id: noticeId },
      select: { status: true, subjectType: true },
    });
    await this.db.notice.update({
      where: { id: noticeId },
      // A copy may be out already, or on its way with the card read when it was claimed: both need
      // the new card put in place once sent. Only a notice not yet claimed sends the new card itself.
      data: {
        card: storedCard(this.fields, row.subjectType, card),
        needsUpdate: IN_FLIGHT_OR_SENT.has(row.status),
      },
    });
  }

  async acknowledge(noticeId: string, at: Date): Promise<void> {
    this.memo.forget();
    await acknowledgeNotice(this.sql, noticeId, at);
  }

  async hold(noticeId: string, held: boolean): Promise<void> {
    this.memo.forget();
    await this.db.notice.updateMany({
      where: { id: noticeId, status: held ? "pending" : "superseded" },
      data: { status: held ? "superseded" : "pending" },
    });
  }

  async visibleTo(recipientId: string, now: Date, limit: number): Promise<StoredNotice[]> {
    const rows = await this.db.notice.findMany({
      where: { recipientId, OR: [{ visibleFrom: null }, { visibleFrom: { lte: now } }] },
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    return rows.map((row) => toStoredNotice(row, this.fields));
  }

  async sentCount(recipientId: string, platform: NoticePlatform): Promise<number> {
    return this.db.notice.count({ where: { recipientId, platform, status: "sent" } });
  }
}
