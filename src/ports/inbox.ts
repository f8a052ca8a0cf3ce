// Requests accepted from a chat platform before they are acted on. A request is written (and its
// replay key claimed) in one short transaction before the platform gets its answer; the inbox
// worker then acts on it. The database decides: a key is accepted once, a request is leased to one
// worker at a time, and one left unfinished by a crash is taken again when its lease runs out.
export type InboxPlatform = "slack" | "teams";

export interface InboundRequest {
  readonly key: string;
  readonly platform: InboxPlatform;
  /** The request body as received (JSON). */
  readonly payload: string;
  readonly receivedAt: Date;
  /** Attempts so far, this one included once leased. */
  readonly attempts: number;
}

/** The worker's side of the inbox, inside a unit of work (requests come in through `InboxIntake`). */
export interface Inbox {
  /** Leases up to `limit` unfinished requests of a platform, oldest first, until `leaseUntil`. */
  lease(platform: InboxPlatform, now: Date, leaseUntil: Date, limit: number): Promise<InboundRequest[]>;
  /** Done (or given up, with the error): never taken again. */
  finish(key: string, at: Date, error?: string): Promise<void>;
  /** Several requests done at once (no error), in one statement. */
  finishMany(keys: readonly string[], at: Date): Promise<void>;
  /** How many requests of a platform are not finished. */
  unfinished(platform: InboxPlatform): Promise<number>;
  /** Forgets finished requests received before `before` (their replay window is long over). */
  prune(before: Date): Promise<number>;
}

/**
 * The receiving end of the inbox, used before a request is acknowledged: one statement in its own
 * short transaction (serialised with the others), far cheaper than a unit of work.
 */
export interface InboxIntake {
  /** False when the key was accepted before (a replayed request): nothing is written. */
  accept(request: Omit<InboundRequest, "attempts">): Promise<boolean>;
}
