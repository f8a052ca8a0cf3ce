// Acts on the requests a chat adapter accepted into the inbox: leases a few at a time (the
// database decides who has which), hands each to the adapter's handler, and marks it done. A
// handler that throws leaves its request leased; it is taken again when the lease runs out, up to
// `maxAttempts`, then given up (recorded with the error, logged). Requests left by a crash or by
// another process are found by the poll. `idle()` lets a test or a benchmark wait until everything
// accepted so far has been acted on.
import type { Logger } from "../../infra/logger.ts";
import type { Clock } from "../../ports/clock.ts";
import type { InboundRequest, InboxPlatform } from "../../ports/inbox.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";

export interface InboxWorkerOptions {
  readonly platform: InboxPlatform;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly log: Logger;
  readonly handle: (request: InboundRequest) => Promise<void>;
  /** Requests acted on at once (each is its own transactions; SQLite serialises their writes anyway). */
  readonly concurrency?: number;
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  readonly pollMs?: number;
}

export const INBOX_DEFAULTS = { concurrency: 4, leaseMs: 60_000, maxAttempts: 5, pollMs: 15_000 } as const;
/** Finished requests are kept a day (far past their five-minute replay window), then forgotten. */
const KEEP_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
/** How long arriving requests may hold the worker off entirely. */
const STARVE_MS = 2_000;

export class InboxWorker {
  readonly #o: Required<InboxWorkerOptions>;
  #inFlight = 0;
  #leasing = false;
  #again = false;
  #running = false;
  #poll: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];
  #prunedAt = 0;
  #holds = 0;
  #heldSince = 0;

  constructor(options: InboxWorkerOptions) {
    this.#o = { ...INBOX_DEFAULTS, ...options };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#poll = setInterval(() => {
      this.kick();
      void this.#prune();
    }, this.#o.pollMs);
    this.#poll.unref();
    this.kick();
  }

  /** Something was accepted: act on it now (or right after the lease in progress). */
  kick(): void {
    if (!this.#running) return;
    if (this.#leasing) {
      this.#again = true;
      return;
    }
    this.#fill();
  }

  /**
   * A request is arriving: until the returned release is called, nothing new is acted on, so that
   * acknowledging what arrives (well under a millisecond of work each) is not queued behind acting
   * on what came before (a press is tens of milliseconds of synchronous SQLite and CPU that hold
   * the event loop). Under a flood that never pauses, one request at a time is still acted on once
   * the hold has lasted `STARVE_MS`, so nothing waits forever.
   */
  hold(): () => void {
    if (this.#holds === 0) this.#heldSince = Date.now();
    this.#holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      // Let the next I/O turn read what else has arrived before going back to work.
      if (this.#holds === 0) setImmediate(() => this.kick());
    };
  }

  /** Resolves once nothing is being leased or acted on. */
  idle(): Promise<void> {
    if (this.#quiet()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearInterval(this.#poll);
    await this.idle();
  }

  async #prune(): Promise<void> {
    const now = this.#o.clock.now().getTime();
    if (now - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = now;
    try {
      await this.#o.uow.run((tx) => tx.inbox.prune(new Date(now - KEEP_MS)));
    } catch (error) {
      this.#o.log.warn("inbox prune failed", { error: error instanceof Error ? error.message : String(error) });
    }
  }

  #allowed(): number {
    if (this.#holds === 0) return this.#o.concurrency;
    return Date.now() - this.#heldSince > STARVE_MS ? 1 : 0;
  }

  #quiet(): boolean {
    return this.#inFlight === 0 && !this.#leasing && !this.#again;
  }

  #settle(): void {
    if (!this.#quiet()) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  #fill(): void {
    const want = this.#allowed() - this.#inFlight;
    if (!this.#running || this.#leasing || want <= 0) return this.#settle();
    this.#leasing = true;
    this.#again = false;
    const now = this.#o.clock.now();
    this.#o.uow
      .run((tx) => tx.inbox.lease(this.#o.platform, now, new Date(now.getTime() + this.#o.leaseMs), want))
      .then(
        (batch) => {
          this.#leasing = false;
          for (const request of batch) this.#act(request);
          if (batch.length === want || this.#again) this.#fill();
          else this.#settle();
        },
        (error: unknown) => {
          this.#leasing = false;
          this.#again = false;
          this.#o.log.error("inbox lease failed", { platform: this.#o.platform, error: error instanceof Error ? error.message : String(error) });
          this.#settle();
        },
      );
  }

  #act(request: InboundRequest): void {
    this.#inFlight += 1;
    void this.#actOn(request).finally(() => {
      this.#inFlight -= 1;
      this.#fill();
    });
  }

  async #actOn(request: InboundRequest): Promise<void> {
    // An I/O turn first: requests waiting to be read are acknowledged before this one is acted on.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await this.#o.handle(request);
      await this.#o.uow.run((tx) => tx.inbox.finish(request.key, this.#o.clock.now()));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (request.attempts < this.#o.maxAttempts) {
        // Left leased: taken again when the lease runs out.
        this.#o.log.warn("inbox request failed; will retry", { platform: this.#o.platform, attempts: request.attempts, error: message });
        return;
      }
      this.#o.log.error("inbox request given up", { platform: this.#o.platform, attempts: request.attempts, error: message });
      await this.#o.uow.run((tx) => tx.inbox.finish(request.key, this.#o.clock.now(), `gave up after ${request.attempts} attempts: ${message}`)).catch(() => undefined);
    }
  }
}
