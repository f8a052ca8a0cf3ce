// Acts on the requests a chat adapter accepted into the inbox: leases a batch at a time (the
// database decides who has which), hands each to the adapter's handler, `concurrency` at once, and
// marks them done — the ones finished while the last marking ran, together in one transaction. A
// handler that throws leaves its request leased; it is taken again when the lease runs out, up to
// `maxAttempts`, then given up (recorded with the error, logged). Requests left by a crash or by
// another process are found by the poll. `idle()` lets a test or a benchmark wait until everything
// accepted so far has been acted on.
import type { Logger } from "../../ports/logger.ts";
import type { Clock } from "../../ports/clock.ts";
import { withLogContext } from "../../ports/log-context.ts";
import type { InboundRequest, InboxPlatform } from "../../ports/inbox.ts";
import { systemTimer, type Timer } from "../../ports/timer.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";

export interface InboxWorkerOptions {
  readonly platform: InboxPlatform;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly log: Logger;
  readonly handle: (request: InboundRequest) => Promise<void>;
  /** Requests acted on at once (each is its own transactions; SQLite serialises their writes anyway). */
  readonly concurrency?: number;
  /** Requests leased in one statement and kept in order until a slot is free (within their lease). */
  readonly leaseBatch?: number;
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  readonly pollMs?: number;
  /** How long after the last arriving request the worker waits before acting again (a burst's gaps are shorter). */
  readonly quietMs?: number;
  /** Monotonic time for the pacing above (the wall clock stamps rows). */
  readonly timer?: Timer;
}

// A 15 s lease and a 2.5 s poll (one indexed query): a press a killed process had leased is acted on
// by another ~17.5 s after the kill by design, within 30 s with room for a loaded machine's late
// timers (decision 17.s8s-4; at 5 s one chaos run measured 30.1 s at load 7–9).
// Eight presses at once: on SQLite their transactions then share a group commit eight at a time, and
// their answers to the platform overlap; a batch of 32 leased at once is far less than 20 s of work.
export const INBOX_DEFAULTS = {
  concurrency: 8,
  leaseBatch: 32,
  leaseMs: 15_000,
  maxAttempts: 5,
  pollMs: 2_500,
  quietMs: 25,
} as const;
/** Finished requests are kept a day (far past their five-minute replay window), then forgotten. */
const KEEP_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
/** How long a finished request waits for others to be marked done with it. */
const MARK_AFTER_MS = 5;
/** How long arriving requests may hold the worker off entirely. */
const STARVE_MS = 2_000;

export class InboxWorker {
  readonly #o: Required<InboxWorkerOptions>;
  #inFlight = 0;
  /** Leased, not yet handed to the handler (oldest first). */
  #queue: InboundRequest[] = [];
  /** Handled, to be marked done by the next marking; `#finishing` while one runs. */
  #finished: string[] = [];
  #finishing = false;
  #leasing = false;
  #again = false;
  #running = false;
  #poll: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];
  #prunedAt = 0;
  #holds = 0;
  /** Start of the current stretch of arriving requests (undefined: none), on the timer's scale. */
  #busySince: number | undefined;
  #lastArrival = -Infinity;
  /** Work waits for the arrivals to pause; a timer will look again. */
  #deferred = false;

  constructor(options: InboxWorkerOptions) {
    this.#o = { ...INBOX_DEFAULTS, timer: systemTimer, ...options };
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
   * A request is arriving: until the returned release is called, and for `quietMs` after the last
   * one, nothing new is acted on, so that acknowledging what arrives (well under a millisecond of
   * work each) is not queued behind acting on what came before (a press is milliseconds of CPU and,
   * on SQLite, synchronous I/O that hold the event loop). Under a flood that never pauses, one
   * request at a time is still acted on once the stretch has lasted `STARVE_MS`, so nothing waits
   * forever.
   */
  hold(): () => void {
    const now = this.#o.timer.nowMs();
    this.#busySince ??= now;
    this.#lastArrival = now;
    this.#holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      this.#lastArrival = this.#o.timer.nowMs();
      if (this.#holds === 0) this.#defer();
    };
  }

  /** Looks again once arrivals have paused for `quietMs`. */
  #defer(): void {
    if (this.#deferred || !this.#running) return;
    this.#deferred = true;
    void this.#o.timer.sleep(this.#o.quietMs + 1).then(() => {
      this.#deferred = false;
      if (this.#running) this.kick();
      else this.#fill(); // stopping: what is leased already is still acted on
    });
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
    const now = this.#o.timer.nowMs();
    if (this.#holds === 0 && now - this.#lastArrival >= this.#o.quietMs) {
      this.#busySince = undefined;
      return this.#o.concurrency;
    }
    if (now - (this.#busySince ?? now) > STARVE_MS) return 1;
    if (this.#holds === 0) this.#defer();
    return 0;
  }

  #quiet(): boolean {
    return (
      this.#inFlight === 0 &&
      this.#queue.length === 0 &&
      this.#finished.length === 0 &&
      !this.#finishing &&
      !this.#leasing &&
      !this.#again &&
      !this.#deferred
    );
  }

  #settle(): void {
    if (!this.#quiet()) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  #fill(): void {
    const allowed = this.#allowed();
    // What is leased already is acted on first (even while stopping: it was promised to this worker).
    while (this.#inFlight < allowed && this.#queue.length > 0) this.#act(this.#queue.shift()!);
    const free = allowed - this.#inFlight;
    if (!this.#running || this.#leasing || free <= 0) return this.#settle();
    // A batch when every slot may be used; under a flood that never pauses, one at a time.
    const want = allowed === this.#o.concurrency ? Math.max(free, this.#o.leaseBatch) : free;
    this.#leasing = true;
    this.#again = false;
    const now = this.#o.clock.now();
    this.#o.uow
      .run((tx) => tx.inbox.lease(this.#o.platform, now, new Date(now.getTime() + this.#o.leaseMs), want))
      .then(
        (batch) => {
          this.#leasing = false;
          this.#queue.push(...batch);
          if (batch.length === want || this.#again) this.#fill();
          else {
            while (this.#inFlight < this.#allowed() && this.#queue.length > 0) this.#act(this.#queue.shift()!);
            this.#settle();
          }
        },
        (error: unknown) => {
          this.#leasing = false;
          this.#again = false;
          this.#o.log.error("inbox lease failed", {
            platform: this.#o.platform,
            error: error instanceof Error ? error.message : String(error),
          });
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

  /**
   * Marks handled requests done: those handled while the last marking ran, in one transaction. A
   * marking that fails leaves them leased; they are taken again when the lease runs out (a press
   * acted on twice is refused the second time: its token is spent).
   */
  #markDone(): void {
    if (this.#finishing || this.#finished.length === 0) return;
    this.#finishing = true;
    // A few milliseconds for the requests being finished around this one to join the marking.
    void this.#o.timer
      .sleep(MARK_AFTER_MS)
      .then(() => {
        const keys = this.#finished;
        this.#finished = [];
        return this.#o.uow
          .run((tx) => tx.inbox.finishMany(keys, this.#o.clock.now()))
          .then(
            () => undefined,
            (error: unknown) => this.#notMarked(keys.length, error),
          );
      })
      .finally(() => {
        this.#finishing = false;
        if (this.#finished.length > 0) this.#markDone();
        else this.#settle();
      });
  }

  #notMarked(count: number, error: unknown): void {
    this.#o.log.error("inbox requests not marked done", {
      platform: this.#o.platform,
      count,
      error: error instanceof Error ? error.message : String(error),
    });
  }

  /** Every log line written while acting on a request carries its key as the press id. */
  #actOn(request: InboundRequest): Promise<void> {
    return withLogContext({ pressId: request.key }, () => this.#actOnNow(request));
  }

  async #actOnNow(request: InboundRequest): Promise<void> {
    // An I/O turn first: requests waiting to be read are acknowledged before this one is acted on.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await this.#o.handle(request);
      this.#finished.push(request.key);
      this.#markDone();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (request.attempts < this.#o.maxAttempts) {
        // Left leased: taken again when the lease runs out.
        this.#o.log.warn("inbox request failed; will retry", {
          platform: this.#o.platform,
          attempts: request.attempts,
          error: message,
        });
        return;
      }
      this.#o.log.error("inbox request given up", {
        platform: this.#o.platform,
        attempts: request.attempts,
        error: message,
      });
      await this.#o.uow
        .run((tx) =>
          tx.inbox.finish(request.key, this.#o.clock.now(), `gave up after ${request.attempts} attempts: ${message}`),
        )
        .catch(() => undefined);
    }
  }
}
