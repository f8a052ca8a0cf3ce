import type { StoredNotice } from "./outbox.ts";

/** Where the last page of due notices ended: the next page starts after it. */
export interface DueCursor {
  readonly nextAttemptAt: Date;
  readonly id: string;
}

/** A due notice and where it sits in the queue's order (nextAttemptAt, id). */
export interface DueNotice {
  readonly notice: StoredNotice;
  readonly cursor: DueCursor;
  /** Tries so far (sends and reconciliations). */
  readonly attempts: number;
}

/** A notice with its count of tries so far. */
export interface TriedNotice {
  readonly notice: StoredNotice;
  readonly attempts: number;
}

/** nextAttemptAt of an unknown outcome nobody will look at again (it was escalated instead). */
export const GIVEN_UP = new Date("9999-12-31T00:00:00.000Z");

/**
 * The dispatcher's view of the outbox. Every transition is conditional on the state it leaves, so
 * two dispatchers never send one notice twice and a late answer never overwrites a newer state.
 */
export interface DeliveryQueue {
  // `platforms` (where given) scopes a read or a sweep to the platforms this process is the elected
  // sender of (decision 17.18); absent, every platform.
  /** Pending notices whose time has come (and whose visibleFrom has passed), in (nextAttemptAt, id) order, after `after`. */
  due(now: Date, limit: number, after?: DueCursor): Promise<DueNotice[]>;
  /**
   * pending → sending, only while it is still due and visible; counts an attempt and leases the row
   * until `leaseUntil` (a dispatcher that dies mid-send leaves it to `expireLeases`). Returns the row
   * as taken (its current card) and the attempts so far, or undefined when someone else took it (or
   * it is no longer due).
   */
  take(noticeId: string, at: Date, leaseUntil: Date): Promise<TriedNotice | undefined>;
  /**
   * Takes up to `limit` due notices at once (each as `take` does), oldest first: the dispatcher holds
   * them until their rate limits allow, then sends with no database round trip in between.
   */
  takeDue(now: Date, limit: number, leaseUntil: Date, platforms?: readonly string[]): Promise<TriedNotice[]>;
  /**
   * A lease heartbeat: each row still `sending` under the lease its holder knows (`leaseUntil`, the
   * holder's fencing token) is leased until `until`; returns the ids extended. A row whose lease ran
   * out and was taken by another dispatcher carries that one's lease and is left alone.
   */
  extendLeases(held: readonly { noticeId: string; leaseUntil: Date }[], until: Date): Promise<Set<string>>;
  /**
   * sending → pending again, not tried after all (a dispatcher stopping, a lease about to run out);
   * the attempt is not counted. With `heldLease`, only while the row still carries that lease.
   */
  release(noticeId: string, at: Date, heldLease?: Date): Promise<boolean>;
  /** Many `sent` at once (a batch of answers); returns how many rows changed. */
  sentMany(sent: readonly { noticeId: string; messageRef: string }[], at: Date): Promise<number>;
  /** sending (or unknown, after reconciling) → sent. */
  sent(noticeId: string, messageRef: string, at: Date): Promise<boolean>;
  /** sending → pending, due again at `nextAttemptAt`; `uncounted`: the attempt is given back (a 429). */
  retry(noticeId: string, nextAttemptAt: Date, reason: string, uncounted?: boolean): Promise<boolean>;
  /** sending → failed; true when this call made the change (the caller escalates once). */
  failed(noticeId: string, reason: string): Promise<boolean>;
  /** sending → unknown, to be reconciled at `reconcileAt`. */
  unknown(noticeId: string, reason: string, reconcileAt: Date): Promise<boolean>;
  /**
   * Marks rows still `sending` under their `leaseUntil` as handed to a platform that cannot be read
   * back (Teams), just before the requests leave (decision 17.s10f-4); returns the ids marked — a row
   * no longer under its lease is not, and is not sent from here. One statement per lease value, not
   * one per row: a Teams sender marks ~90 a second (decision 17.s11r-1).
   */
  onTheWireMany(rows: readonly { noticeId: string; leaseUntil: Date }[]): Promise<Set<string>>;
  /**
   * sending rows whose lease ran out (their dispatcher died mid-send) → unknown, reconciled now. Rows
   * still under one of `keep` (the lease values the sweeping dispatcher itself holds: a late heartbeat
   * of its own) are left alone — they are not a dead process's (decision 17.s9c-4). Rows of an
   * `unreadable` platform that were never marked on the wire (`onTheWireMany`) never left the dead
   * dispatcher's lanes: they go back to pending, their attempt not counted (decision 17.s10f-4).
   */
  expireLeases(
    now: Date,
    platforms?: readonly string[],
    keep?: readonly Date[],
    unreadable?: readonly string[],
  ): Promise<number>;
  /** Unknown outcomes due to be reconciled. */
  unknownDue(now: Date, limit: number, platforms?: readonly string[]): Promise<TriedNotice[]>;
  /** unknown → pending (the platform certainly has no such message), due at `at`. */
  absent(noticeId: string, at: Date): Promise<boolean>;
  /** Still unknown: counts an attempt, asks again at `nextAt`. */
  stillUnknown(noticeId: string, reason: string, nextAt: Date): Promise<boolean>;
  /** Stays unknown for good (escalated, never resent); true when this call made the change. */
  giveUp(noticeId: string, reason: string): Promise<boolean>;
  /** The earliest time a pending notice or an unknown outcome falls due (null when none will). */
  nextDueAt(platforms?: readonly string[]): Promise<Date | null>;
  /** Sent notices whose card changed since: to be updated in place. */
  needingUpdate(limit: number, platforms?: readonly string[]): Promise<StoredNotice[]>;
  updated(noticeId: string): Promise<void>;
}
