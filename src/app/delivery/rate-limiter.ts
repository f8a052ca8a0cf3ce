// Sliding-window rate limiting, keyed by the platform's own limit keys (a Slack channel, a Teams
// conversation, a tenant). A platform counts a send when the request *arrives*, which is some time
// after the grant and before the answer; so for each grant the limiter remembers when it was given
// and, once the platform answered, when: a send counts (for its key's windows) from the latest time
// it may have arrived — its answer, or, while it is still on the wire, now — and a new grant is
// allowed while fewer than `limit` sends may have arrived within the last window. This needs no
// guessed margin: whatever the latency between grant and arrival, the platform can never count more
// than the limit in a window (a send with no answer after `reachMs` is assumed to have arrived by
// then, so that a hung request does not hold its keys). It decides from the time it is given (no
// timers inside), so tests drive it with any clock; the dispatcher waits.
import type { RateLimit } from "../../ports/notifier.ts";

/** A grant taken: tell it when the platform answered (or the call failed) so that it counts from then. */
export interface Grant {
  /** When it was granted (the pump measures from it how long the request took to leave). */
  readonly at: number;
  answered(nowMs: number): void;
}

class Send implements Grant {
  /** When the answer came (Infinity while on the wire). */
  answeredAt = Infinity;

  constructor(readonly at: number) {}

  answered(nowMs: number): void {
    this.answeredAt = Math.min(this.answeredAt, Math.max(this.at, nowMs));
  }
}

interface Window {
  readonly key: string;
  /** Grants in the order given; those that can no longer count are dropped from the front. */
  readonly sends: Send[];
  readonly limit: number;
  /** The platform's window (plus any widening after a 429 on the key). */
  windowMs: number;
  readonly baseMs: number;
  /** While widened: when it narrows by one guard again (no 429 on the key for NARROW_AFTER_MS). */
  narrowAt: number;
  /** Smooth: when the next grant is due on the even schedule (window/limit apart). */
  due: number;
}

/**
 * A 429 on a key widens its windows by one more guard, up to MAX_GUARDS − 1 in all; and, unless
 * `reachMs` is given, a send still unanswered after MAX_GUARDS guards counts as arrived.
 */
const MAX_GUARDS = 4;

/** A widened key narrows by one guard after this long without a 429. */
const NARROW_AFTER_MS = 10_000;

/**
 * How late a smooth grant may be and still keep its key's schedule (a late wake-up, a page read that
 * held the event loop, a GC pause); also the most a new or idle key may start with at once. Bursts
 * are safe for the windows (a send counts from its answer), so this only bounds how bursty a
 * platform sees us: a quarter second's worth of a key's rate.
 */
const CATCH_UP_MS = 250;

export interface RateLimiterOptions {
  /**
   * A 429 on a key (the platform counted differently: another sender on the same limit, a request
   * that took longer than `reachMs` to arrive) widens that key's windows by one guard, up to
   * MAX_GUARDS − 1 in all; each NARROW_AFTER_MS without another 429 takes one guard back.
   */
  readonly guardMs?: number;
  /**
   * The longest a send is assumed to take to reach the platform when it has no answer yet (default
   * MAX_GUARDS × guardMs): past it, an unanswered send counts from its grant plus this. An answer
   * that comes sooner (the usual case) counts from the answer.
   */
  readonly reachMs?: number;
  /**
   * Spread grants evenly: besides the window, grants of one key follow a schedule window/limit apart
   * (a token bucket holding CATCH_UP_MS worth of grants, or one), so that a platform is not sent
   * bursts. A grant taken late (the process woke late, or the key's turn came late) does not push the
   * schedule back: the next one is due one step after the one missed, so a late timer costs no
   * throughput — up to CATCH_UP_MS (or one step, if longer) behind; a key further behind (new, or
   * idle) starts again owing CATCH_UP_MS worth (nothing when a step is longer). The windows still
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
  readonly #reachMs: number;
  readonly #smooth: boolean;
  /** The window id of a RateLimit object, computed once per object (a lane's head is checked often). */
  readonly #ids = new WeakMap<RateLimit, string>();
  /** Scratch space for the times a window's sends count from. */
  #reaches: number[] = [];

  constructor(options: RateLimiterOptions = {}) {
    this.#guardMs = options.guardMs ?? 0;
    this.#reachMs = options.reachMs ?? MAX_GUARDS * this.#guardMs;
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
      const baseMs = limit.windowMs;
      window = {
        key: limit.key,
        sends: [],
        limit: Math.max(1, Math.floor(limit.limit)),
        baseMs,
        windowMs: baseMs + (this.#widened.get(limit.key) ?? 0),
        narrowAt: Infinity,
        due: -Infinity,
      };
      this.#windows.set(id, window);
    }
    return window;
  }

  /** The latest time `send` may have reached the platform, as known at `nowMs`. */
  #reach(send: Send, nowMs: number): number {
    return Math.min(send.answeredAt, nowMs, send.at + this.#reachMs);
  }

  /**
   * How long until fewer than `limit` of the window's sends may have arrived within the last window.
   * Exact once every send counted is answered; while one is on the wire, a lower bound (its answer
   * can only come later than now).
   */
  #windowWait(window: Window, nowMs: number): number {
    const since = nowMs - window.windowMs;
    const reaches = this.#reaches;
    reaches.length = 0;
    let sorted = true;
    for (let i = window.sends.length - 1; i >= 0; i -= 1) {
      const reach = this.#reach(window.sends[i] as Send, nowMs);
      if (reach <= since) continue;
      if (reaches.length > 0 && reach > (reaches[reaches.length - 1] as number)) sorted = false;
      reaches.push(reach);
    }
    if (reaches.length < window.limit) return 0;
    // Wait until all but limit − 1 of them have left the window: the (n − limit + 1)-th earliest.
    if (!sorted) reaches.sort((a, b) => b - a);
    return (reaches[window.limit - 1] as number) + window.windowMs - nowMs;
  }

  /** How long to wait before all of `limits` allow one more grant at `nowMs` (0: now; see #windowWait). */
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
      if (window.sends.length >= window.limit) wait = Math.max(wait, this.#windowWait(window, nowMs));
    }
    return wait;
  }

  /** Grants refused so far because a limit said wait (a metric: rate-limit waits). */
  waits = 0;

  /** Takes one grant at `nowMs` if all limits allow it; else says how long to wait first. */
  acquire(
    limits: readonly RateLimit[],
    nowMs: number,
  ): { readonly grant: Grant; readonly waitMs: 0 } | { readonly grant: undefined; readonly waitMs: number } {
    const wait = this.waitMs(limits, nowMs);
    if (wait > 0) {
      this.waits += 1;
      return { grant: undefined, waitMs: wait };
    }
    const send = new Send(nowMs);
    for (const limit of limits) {
      const window = this.#window(limit);
      const step = window.windowMs / window.limit;
      // On schedule, or behind by no more than the allowance: keep it. Further behind (a new or idle
      // key): start again from now, owing the allowance's worth of grants beyond this one.
      window.due =
        nowMs - window.due <= Math.max(step, CATCH_UP_MS)
          ? window.due + step
          : nowMs + step - Math.max(0, CATCH_UP_MS - step);
      this.#forget(window, nowMs);
      window.sends.push(send);
    }
    return { grant: send, waitMs: 0 };
  }

  /**
   * Forgets the sends that can no longer count (sure to have arrived a window ago): from the front,
   * and all through when a send still on the wire holds up the front and many are kept.
   */
  #forget(window: Window, nowMs: number): void {
    const since = nowMs - window.windowMs;
    const gone = (send: Send) => Math.min(send.answeredAt, send.at + this.#reachMs) <= since;
    let drop = 0;
    while (drop < window.sends.length && gone(window.sends[drop] as Send)) drop += 1;
    if (drop > 0) window.sends.splice(0, drop);
    if (window.sends.length > 2 * window.limit + 16) {
      const kept = window.sends.filter((send) => !gone(send));
      window.sends.splice(0, window.sends.length, ...kept);
    }
  }

  /** Takes one grant at `nowMs` if all limits allow it; true when taken (the send counts from `nowMs` + reachMs unless answered). */
  tryAcquire(limits: readonly RateLimit[], nowMs: number): boolean {
    return this.acquire(limits, nowMs).grant !== undefined;
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

  /**
   * Nothing granted under keys starting with `prefix` (a platform's keys: "slack:", "teams:") still
   * counts in its window at `nowMs`, and none of them is paused: another process's fresh limiter may
   * take these keys over without overrunning a window this one filled (decision 17.s10r-2).
   */
  quiet(prefix: string, nowMs: number): boolean {
    for (const [key, until] of this.#pausedUntil) if (until > nowMs && key.startsWith(prefix)) return false;
    for (const window of this.#windows.values()) {
      if (!window.key.startsWith(prefix)) continue;
      for (const send of window.sends) if (this.#reach(send, Infinity) + window.windowMs > nowMs) return false;
    }
    return true;
  }

  /** How much a key's windows were widened after 429s on it (ms; for tests). */
  widenedMs(key: string): number {
    return this.#widened.get(key) ?? 0;
  }

  /** Forgets windows none of whose sends can count any more (a long-running process meets many keys). */
  prune(nowMs: number): void {
    for (const [id, window] of this.#windows) {
      if (window.sends.every((send) => this.#reach(send, Infinity) + window.windowMs <= nowMs))
        this.#windows.delete(id);
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
