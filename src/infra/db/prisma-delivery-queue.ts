import type { DeliveryQueue } from "../../ports/delivery-queue.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { Tx } from "./database.ts";
import { toStoredNotice } from "./prisma-outbox.ts";

export class PrismaDeliveryQueue implements DeliveryQueue {
  constructor(private readonly db: Tx) {}

  async due(now: Date, limit: number): Promise<StoredNotice[]> {
    const rows = await this.db.notice.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ visibleFrom: null }, { visibleFrom: { lte: now } }] },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      take: limit,
    });
    return rows.map(toStoredNotice);
  }

  async take(noticeId: string, _at: Date): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({ where: { id: noticeId, status: "pending" }, data: { status: "sending", attempts: { increment: 1 } } });
    return count === 1;
  }

  async sent(noticeId: string, messageRef: string, at: Date): Promise<void> {
    await this.db.notice.updateMany({ where: { id: noticeId, status: "sending" }, data: { status: "sent", messageRef, sentAt: at, lastError: "" } });
  }

  async retry(noticeId: string, nextAttemptAt: Date, reason: string): Promise<void> {
    await this.db.notice.updateMany({ where: { id: noticeId, status: "sending" }, data: { status: "pending", nextAttemptAt, lastError: reason } });
  }

  async failed(noticeId: string, reason: string): Promise<void> {
    await this.db.notice.updateMany({ where: { id: noticeId, status: "sending" }, data: { status: "failed", lastError: reason } });
  }

  async unknown(noticeId: string, reason: string): Promise<void> {
    await this.db.notice.updateMany({ where: { id: noticeId, status: "sending" }, data: { status: "unknown", lastError: reason } });
  }

  async needingUpdate(limit: number): Promise<StoredNotice[]> {
    const rows = await this.db.notice.findMany({ where: { status: "sent", needsUpdate: true }, orderBy: { createdAt: "asc" }, take: limit });
    return rows.map(toStoredNotice);
  }

  async updated(noticeId: string): Promise<void> {
    await this.db.notice.updateMany({ where: { id: noticeId }, data: { needsUpdate: false } });
  }
}
