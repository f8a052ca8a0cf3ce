import type { StoredNotice } from "./outbox.ts";

/** The dispatcher's view of the outbox. Every transition is conditional, so two dispatchers never send one notice twice. */
export interface DeliveryQueue {
  /** Pending notices whose time has come (and whose visibleFrom has passed), oldest first. */
  due(now: Date, limit: number): Promise<StoredNotice[]>;
  /** pending → sending; false when someone else took it. */
  take(noticeId: string, at: Date): Promise<boolean>;
  sent(noticeId: string, messageRef: string, at: Date): Promise<void>;
  retry(noticeId: string, nextAttemptAt: Date, reason: string): Promise<void>;
  failed(noticeId: string, reason: string): Promise<void>;
  unknown(noticeId: string, reason: string): Promise<void>;
  /** Sent notices whose card changed since: to be updated in place. */
  needingUpdate(limit: number): Promise<StoredNotice[]>;
  updated(noticeId: string): Promise<void>;
}
