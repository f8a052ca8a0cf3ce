// The outbox: notices are rows written in the same transaction as the change that causes them.
// A dispatcher delivers them later; the unique dedupe key makes each notice happen once.
import type { Card } from "./card.ts";

export type NoticePlatform = "slack" | "teams" | "log";

export interface NewNotice {
  /** Stable across retries and repeated ticks, e.g. "leave:<id>:started:holder:<personId>". */
  readonly dedupeKey: string;
  readonly recipientId: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly card: Card;
  /** Never delivered before this instant (a sealed leave's start). */
  readonly visibleFrom?: Date | null;
}

export interface StoredNotice {
  readonly id: string;
  readonly dedupeKey: string;
  readonly recipientId: string;
  readonly platform: NoticePlatform;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly card: Card;
  readonly status: string;
  readonly visibleFrom: Date | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly acknowledgedAt: Date | null;
  readonly messageRef: string | null;
}

export interface Outbox {
  /** One row per platform the recipient can be reached on ("log" when none); false when the key was used already. */
  enqueue(notice: NewNotice, platforms: readonly NoticePlatform[]): Promise<boolean>;
  /** Notices about a subject, e.g. to refresh their cards when it moves on. */
  forSubject(subjectType: string, subjectId: string): Promise<StoredNotice[]>;
  /**
   * Notices about the subject an action token names (none for an unknown token): a press asks for
   * them together with its token, before it knows the subject (on PostgreSQL both leave in one round
   * trip). A later `forSubject` of that subject in the same unit of work is answered from this read.
   */
  forSubjectOfToken(tokenId: string): Promise<StoredNotice[]>;
  /** Replace a notice's card; a sent notice is then updated in place on its platform. */
  replaceCard(noticeId: string, card: Card): Promise<void>;
  acknowledge(noticeId: string, at: Date): Promise<void>;
  /**
   * Holds back a notice not yet claimed by the dispatcher (`held`: pending → superseded, never sent)
   * or lets a held one go again (superseded → pending): a digest whose every line closed, then a new line.
   */
  hold(noticeId: string, held: boolean): Promise<void>;
  /** The notices a person may see now (never one whose visibleFrom is still ahead). */
  visibleTo(recipientId: string, now: Date, limit: number): Promise<StoredNotice[]>;
  /** How many notices reached this person on this platform (status sent): grows each time they are reachable. */
  sentCount(recipientId: string, platform: NoticePlatform): Promise<number>;
}
