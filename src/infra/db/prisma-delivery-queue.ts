import {
  GIVEN_UP,
  type DeliveryQueue,
  type DueCursor,
  type DueNotice,
  type TriedNotice,
} from "../../ports/delivery-queue.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { Provider, Tx } from "./database.ts";
import { prismaSql } from "./sql-session.ts";
import { markNoticesSent } from "./sql/mark-notices-sent.sql.ts";
import { toStoredNotice } from "./prisma-outbox.ts";
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";

/** Only the given platforms' rows (this process is their elected sender); all when absent. */
/** A row handed to a platform that cannot be read back, just before the request left (`onTheWireMany`). */
const ON_THE_WIRE = "on the wire: the platform cannot be read back";

const onPlatforms = (platforms?: readonly string[]) => (platforms ? { platform: { in: [...platforms] } } : {});

const visibleAt = (now: Date) => ({ OR: [{ visibleFrom: null }, { visibleFrom: { lte: now } }] });

export class PrismaDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly db: Tx,
    private readonly provider: Provider,
    private readonly fields: FieldCipher = PLAIN_FIELDS,
  ) {}

  async due(now: Date, limit: number, after?: DueCursor): Promise<DueNotice[]> {
    const page = after
      ? {
          OR: [
            { nextAttemptAt: { gt: after.nextAttemptAt } },
            { nextAttemptAt: after.nextAttemptAt, id: { gt: after.id } },
          ],
        }
      : {};
    const rows = await this.db.notice.findMany({
      where: { AND: [{ status: "pending", nextAttemptAt: { lte: now } }, visibleAt(now), page] },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    return rows.map((row) => ({
      notice: toStoredNotice(row, this.fields),
      cursor: { nextAttemptAt: row.nextAttemptAt, id: row.id },
      attempts: row.attempts,
    }));
  }

  async take(noticeId: string, at: Date, leaseUntil: Date): Promise<TriedNotice | undefined> {
    const { count } = await this.db.notice.updateMany({
      where: { AND: [{ id: noticeId, status: "pending", nextAttemptAt: { lte: at } }, visibleAt(at)] },
      data: { status: "sending", attempts: { increment: 1 }, nextAttemptAt: leaseUntil },
    });
    if (count !== 1) return undefined;
    const row = await this.db.notice.findUniqueOrThrow({ where: { id: noticeId } });
    return { notice: toStoredNotice(row, this.fields), attempts: row.attempts };
  }

  async takeDue(now: Date, limit: number, leaseUntil: Date, platforms?: readonly string[]): Promise<TriedNotice[]> {
    const due = await this.db.notice.findMany({
      where: { AND: [{ status: "pending", nextAttemptAt: { lte: now }, ...onPlatforms(platforms) }, visibleAt(now)] },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true },
    });
    if (due.length === 0) return [];
    // One conditional UPDATE … RETURNING: a row another dispatcher took meanwhile is simply not returned.
    const rows = await this.db.notice.updateManyAndReturn({
      where: {
        AND: [{ id: { in: due.map((d) => d.id) }, status: "pending", nextAttemptAt: { lte: now } }, visibleAt(now)],
      },
      data: { status: "sending", attempts: { increment: 1 }, nextAttemptAt: leaseUntil },
    });
    const order = new Map(due.map((d, i) => [d.id, i]));
    rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return rows.map((row) => ({ notice: toStoredNotice(row, this.fields), attempts: row.attempts }));
  }

  async extendLeases(held: readonly { noticeId: string; leaseUntil: Date }[], until: Date): Promise<Set<string>> {
    // Rows taken or renewed together share their lease: one UPDATE per lease value and 500 rows.
    const byLease = new Map<number, string[]>();
    for (const h of held)
      byLease.set(h.leaseUntil.getTime(), [...(byLease.get(h.leaseUntil.getTime()) ?? []), h.noticeId]);
    for (const [lease, ids] of byLease) {
      for (let i = 0; i < ids.length; i += 500) {
        await this.db.notice.updateMany({
          where: { id: { in: ids.slice(i, i + 500) }, status: "sending", nextAttemptAt: new Date(lease) },
          data: { nextAttemptAt: until },
        });
      }
    }
    const extended = new Set<string>();
    const all = held.map((h) => h.noticeId);
    for (let i = 0; i < all.length; i += 500) {
      const rows = await this.db.notice.findMany({
        where: { id: { in: all.slice(i, i + 500) }, status: "sending", nextAttemptAt: until },
        select: { id: true },
      });
      for (const r of rows) extended.add(r.id);
    }
    return extended;
  }

  async release(noticeId: string, at: Date, heldLease?: Date): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, status: "sending", ...(heldLease ? { nextAttemptAt: heldLease } : {}) },
      data: { status: "pending", nextAttemptAt: at, attempts: { decrement: 1 } },
    });
    return count === 1;
  }

  async sentMany(sent: readonly { noticeId: string; messageRef: string }[], at: Date): Promise<number> {
    return markNoticesSent(prismaSql(this.db, this.provider), sent, at);
  }

  async sent(noticeId: string, messageRef: string, at: Date): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, status: { in: ["sending", "unknown"] } },
      data: { status: "sent", messageRef, sentAt: at, lastError: "" },
    });
    return count === 1;
  }

  async retry(noticeId: string, nextAttemptAt: Date, reason: string, uncounted = false): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, status: "sending" },
      data: {
        status: "pending",
        nextAttemptAt,
        lastError: reason,
        ...(uncounted ? { attempts: { decrement: 1 } } : {}),
      },
    });
    return count === 1;
  }

  async failed(noticeId: string, reason: string): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, status: "sending" },
      data: { status: "failed", lastError: reason },
    });
    return count === 1;
  }

  async unknown(noticeId: string, reason: string, reconcileAt: Date): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, status: "sending" },
      data: { status: "unknown", lastError: reason, nextAttemptAt: reconcileAt },
    });
    return count === 1;
  }

  async onTheWireMany(rows: readonly { noticeId: string; leaseUntil: Date }[]): Promise<Set<string>> {
    const byLease = new Map<number, string[]>();
    for (const r of rows) {
      const ids = byLease.get(r.leaseUntil.getTime()) ?? [];
      ids.push(r.noticeId);
      byLease.set(r.leaseUntil.getTime(), ids);
    }
    const marked = new Set<string>();
    for (const [lease, ids] of byLease) {
      const under = { id: { in: ids }, status: "sending", nextAttemptAt: new Date(lease) };
      const { count } = await this.db.notice.updateMany({ where: under, data: { lastError: ON_THE_WIRE } });
      if (count === ids.length) for (const id of ids) marked.add(id);
      else if (count > 0)
        // Some were no longer under this lease: those still under it are the ones just marked.
        for (const r of await this.db.notice.findMany({ where: under, select: { id: true } })) marked.add(r.id);
    }
    return marked;
  }

  async expireLeases(
    now: Date,
    platforms?: readonly string[],
    keep?: readonly Date[],
    unreadable?: readonly string[],
  ): Promise<number> {
    const expired = {
      status: "sending",
      nextAttemptAt: { lte: now, ...(keep && keep.length > 0 ? { notIn: [...keep] } : {}) },
      ...onPlatforms(platforms),
    };
    let back = 0;
    if (unreadable && unreadable.length > 0) {
      // Never on the wire: the dead dispatcher still had them in its lanes. Sending them is safe.
      ({ count: back } = await this.db.notice.updateMany({
        where: {
          ...expired,
          AND: [{ platform: { in: [...unreadable] } }, { lastError: { not: ON_THE_WIRE } }],
        },
        data: {
          status: "pending",
          nextAttemptAt: now,
          attempts: { decrement: 1 },
          lastError: "taken back: its dispatcher stopped before sending it",
        },
      }));
    }
    const { count } = await this.db.notice.updateMany({
      where: expired,
      data: { status: "unknown", lastError: "the dispatcher stopped mid-send", nextAttemptAt: now },
    });
    return back + count;
  }

  async unknownDue(now: Date, limit: number, platforms?: readonly string[]): Promise<TriedNotice[]> {
    const rows = await this.db.notice.findMany({
      where: { status: "unknown", nextAttemptAt: { lte: now, lt: GIVEN_UP }, ...onPlatforms(platforms) },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    return rows.map((row) => ({ notice: toStoredNotice(row, this.fields), attempts: row.attempts }));
  }

  async absent(noticeId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, status: "unknown", nextAttemptAt: { lt: GIVEN_UP } },
      data: { status: "pending", nextAttemptAt: at },
    });
    return count === 1;
  }

  async stillUnknown(noticeId: string, reason: string, nextAt: Date): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, status: "unknown", nextAttemptAt: { lt: GIVEN_UP } },
      data: { attempts: { increment: 1 }, lastError: reason, nextAttemptAt: nextAt },
    });
    return count === 1;
  }

  async giveUp(noticeId: string, reason: string): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: noticeId, status: "unknown", nextAttemptAt: { lt: GIVEN_UP } },
      data: { lastError: reason, nextAttemptAt: GIVEN_UP },
    });
    return count === 1;
  }

  async nextDueAt(platforms?: readonly string[]): Promise<Date | null> {
    const row = await this.db.notice.aggregate({
      where: {
        status: { in: ["pending", "sending", "unknown"] },
        nextAttemptAt: { lt: GIVEN_UP },
        ...onPlatforms(platforms),
      },
      _min: { nextAttemptAt: true },
    });
    return row._min.nextAttemptAt ?? null;
  }

  async needingUpdate(limit: number, platforms?: readonly string[]): Promise<StoredNotice[]> {
    const rows = await this.db.notice.findMany({
      where: { status: "sent", needsUpdate: true, ...onPlatforms(platforms) },
      orderBy: { createdAt: "asc" },
      take: limit,
    });
    return rows.map((row) => toStoredNotice(row, this.fields));
  }

  async updated(noticeId: string): Promise<void> {
    await this.db.notice.updateMany({ where: { id: noticeId }, data: { needsUpdate: false } });
  }
}
