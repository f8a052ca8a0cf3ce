// Sliding-window rate limiting, keyed by the platform's own limit keys (a Slack channel, a Teams
// conversation, a tenant). For each (key, limit, window) the limiter remembers the times of the last
// `limit` grants: a new grant is allowed when the oldest of them left the window. It decides from
// the time it is given (no timers inside), so tests drive it with any clock; the dispatcher waits.
import type { RateLimit } from "../../ports/notifier.ts";

interface Window {
  readonly key: string;
  /** Grant times, oldest first; never more than `limit` kept. */
  readonly grants: number[];
  readonly limit: number;
  /** The platform's window plus the guard (plus any widening after a 429 on the key). */
  windowMs: number;
  readonly baseMs: number;
  /** While widened: when it narrows by one guard again (no 429 on the key for NARROW_AFTER_MS). */
  narrowAt: number;
  /** Smooth: when the next grant is due on the even schedule (window/limit apart). */
  due: number;
}

/** A 429 on a key widens its windows by one more guard, up to this many guards in all. */
const MAX_GUARDS = 4;

/** A widened key narrows by one guard after this long without a 429. */
const NARROW_AFTER_MS = 10_000;

/** How late a smooth grant may be and still keep its key's schedule (a late wake-up under load, a GC pause). */
const CATCH_UP_MS = 50;

export interface RateLimiterOptions {
  /**
   * Added to every window: a grant is timed when the send starts and the platform counts when the
   * request arrives, so a little slack keeps the jitter between the two from provoking a 429. A 429
   * on a key (the jitter was larger than the guard: a loaded machine, a slow network) widens that
   * key's windows by one more guard, up to MAX_GUARDS in all; each NARROW_AFTER_MS without another
   * 429 takes one guard back.
   */
  readonly guardMs?: number;
  /**
   * Spread grants evenly: besides the window, grants of one key follow a schedule window/limit apart
   * (a leaky bucket). Bursts are what turn a platform's arrival jitter into 429s: the tail of one
   * burst arrives late while the head of the next arrives on time. A grant taken late (the process
   * woke late, or the key's turn came late) does not push the schedule back: the next one is due one
   * step after the one missed, so a late timer costs no throughput — unless it was later than
   * CATCH_UP_MS (or one step, if longer), when the schedule starts again from now. The windows still
   * bound every burst.
   */
  readonly smooth?: boolean;
}

export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #pausedUntil = new Map<string, number>();
  /** Guards added to a key's windows after 429s on it (ms). */
  readonly #widened = new Map<string, number>();
  readonly #guardMs: number;
  readonly #smooth: boolean;
  /** The window id of a RateLimit object, computed once per object (a lane's head is checked often). */
  readonly #ids = new WeakMap<RateLimit, string>();

  constructor(options: RateLimiterOptions = {}) {
    this.#guardMs = options.guardMs ?? 0;
    this.#smooth = options.smooth ?? false;
  }

  #idOf(limit: RateLimit): string {
    let id = this.#ids.get(limit);
    if (id === undefined) {
      id = `${limit.key}\u0000${limit.limit}/${limit.windowMs}`;
      this.#ids.set(limit, id);
    }
    return id;
  }

  #window(limit: RateLimit): Window {
    const id = this.#idOf(limit);
    let window = this.#windows.get(id);
    if (!window) {
      const baseMs = limit.windowMs + this.#guardMs;
      window = { key: limit.key, grants: [], limit: Math.max(1, Math.floor(limit.limit)), baseMs, windowMs: baseMs + (this.#widened.get(limit.key) ?? 0), narrowAt: Infinity, due: -Infinity };
      this.#windows.set(id, window);
    }
    return window;
  }

  /** How long to wait before all of `limits` allow one more grant at `nowMs` (0: now). */
  waitMs(limits: readonly RateLimit[], nowMs: number): number {
    let wait = 0;
    for (const limit of limits) {
      const paused = this.#pausedUntil.get(limit.key);
      if (paused !== undefined) {
        if (paused > nowMs) wait = Math.max(wait, paused - nowMs);
        else this.#pausedUntil.delete(limit.key);
      }
      const window = this.#windows.get(this.#idOf(limit));
      if (!window) continue;
      if (nowMs >= window.narrowAt) this.#narrow(window, nowMs);
      if (this.#smooth) wait = Math.max(wait, window.due - nowMs);
      if (window.grants.length < window.limit) continue;
      const oldest = window.grants[window.grants.length - window.limit] as number;
      wait = Math.max(wait, oldest + window.windowMs - nowMs);
    }
    return wait;
  }

  /** Takes one grant at `nowMs` if all limits allow it; true when taken. */
  tryAcquire(limits: readonly RateLimit[], nowMs: number): boolean {
    if (this.waitMs(limits, nowMs) > 0) return false;
    for (const limit of limits) {
      const window = this.#window(limit);
      const step = window.windowMs / window.limit;
      window.due = (nowMs - window.due <= Math.max(step, CATCH_UP_MS) ? window.due : nowMs) + step;
      window.grants.push(nowMs);
      if (window.grants.length > window.limit) window.grants.splice(0, window.grants.length - window.limit);
    }
    return true;
  }

  /** The platform said 429 for `key`: nothing more goes to it for `ms`. */
  pause(key: string, nowMs: number, ms: number): void {
    const until = nowMs + ms;
    if ((this.#pausedUntil.get(key) ?? -Infinity) < until) this.#pausedUntil.set(key, until);
    const widened = Math.min((MAX_GUARDS - 1) * this.#guardMs, (this.#widened.get(key) ?? 0) + this.#guardMs);
    if (widened <= 0) return;
    this.#widened.set(key, widened);
    for (const window of this.#windows.values()) {
      if (window.key !== key) continue;
      window.windowMs = window.baseMs + widened;
      window.narrowAt = nowMs + NARROW_AFTER_MS;
    }
  }

  #narrow(window: Window, nowMs: number): void {
    const widened = Math.max(0, window.windowMs - window.baseMs - this.#guardMs);
    window.windowMs = window.baseMs + widened;
    window.narrowAt = widened > 0 ? nowMs + NARROW_AFTER_MS : Infinity;
    if (widened > 0) this.#widened.set(window.key, widened);
    else this.#widened.delete(window.key);
  }

  /** How much a key's windows were widened after 429s on it (ms; for tests). */
  widenedMs(key: string): number {
    return this.#widened.get(key) ?? 0;
  }

  /** Forgets windows with no grant inside them any more (a long-running process meets many keys). */
  prune(nowMs: number): void {
    for (const [id, window] of this.#windows) {
      const newest = window.grants[window.grants.length - 1];
      if (newest === undefined || newest + window.windowMs <= nowMs) this.#windows.delete(id);
    }
    const live = new Set([...this.#windows.values()].map((w) => w.key));
    for (const key of this.#widened.keys()) if (!live.has(key)) this.#widened.delete(key);
    for (const [key, until] of this.#pausedUntil) if (until <= nowMs) this.#pausedUntil.delete(key);
  }

  /** How many windows are remembered (for tests of pruning). */
  get size(): number {
    return this.#windows.size;
  }
}
