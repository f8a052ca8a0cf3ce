// The lines of the daily digests (issue #15, decision 15.18): a ladder escalation is not its own
// message any more but one line of the recipient's digest for their next working morning. The
// lines are kept apart from the digest notice so that its card can be rendered again from the
// lines still open (a line whose subject closed before the digest is sent drops out).
export interface NewDigestLine {
  /** `digest.daily:<recipientId>:<local date of sendAt>`: also the digest notice's dedupe key. */
  readonly digestKey: string;
  readonly recipientId: string;
  /** When the digest is sent: the recipient's next working morning, 09:00 on their unit's calendar. */
  readonly sendAt: Date;
  /** The late person's notice (its dedupe key without "@platform") and its subject. */
  readonly noticeKey: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly lateId: string;
  /** JSON of the line's facts (digest-lines.ts in src/app/jobs reads and writes it). */
  readonly line: string;
  readonly createdAt: Date;
}

export interface StoredDigestLine extends NewDigestLine {
  readonly id: string;
}

export interface DigestLines {
  /** False when this notice already has a line in this digest. */
  add(line: NewDigestLine): Promise<boolean>;
  /** A digest's lines, oldest first. */
  of(digestKey: string): Promise<StoredDigestLine[]>;
  /** The keys of the digests to be sent in [from, to], soonest first. */
  keysBetween(from: Date, to: Date): Promise<string[]>;
}
