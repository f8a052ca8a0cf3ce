// One elected sender per platform tenant (decision 17.18). Slack and Teams count their rate limits per
// workspace or tenant, not per process: if every replica dispatched with its own limiter, three
// replicas could together send three times the allowed rate. So each platform ("slack", "teams",
// "log": one workspace and one tenant per deployment) has a sender lease in the database; the
// replica holding it runs the dispatcher for that platform — its lanes, its one limiter, the sweep of
// expired notice leases and reconciliation — and every other replica only enqueues (and answers
// presses). A lease is short (15 s) and renewed every third of it, so a dead sender's lease runs out
// and another replica takes over well within 30 s; each renewal is fenced by the value the holder
// last knew, and a lease the holder's own clock says has run out is no longer acted on.
// Spread (decision 17.s10r-2): every replica says it is alive at each beat, and a free key goes to the
// live replica holding the fewest keys (ties by name), so three platforms use three processes' CPU
// rather than the first replica to beat taking them all. A replica holding two more than another
// hands one over, but only a key it has been quiet on (nothing sent whose rate window still counts,
// nothing held): the new sender's fresh limiter then cannot overrun a window the old one filled.
// A dead holder's key (its lease ran out) is not assigned: the first live replica to beat takes it
// (decision 17.s10-lead-1), so the 30 s take-up never waits for a cold, just-restarted replica.
import type { Clock } from "../../ports/clock.ts";
import { newId } from "../../ports/ids.ts";
import type { HeldLease } from "../../ports/sender-leases.ts";
import type { Timer } from "../../ports/timer.ts";
import type { TxPorts, UnitOfWork } from "../../ports/unit-of-work.ts";

export const SENDER_LEASE_MS = 15_000;

export interface SenderElectionOptions {
  /** The platform tenants this process may send to (the notices' platforms). */
  readonly keys: readonly string[];
  /** This process's name in the lease rows (an id, never personal data). */
  readonly holder?: string;
  readonly leaseMs?: number;
  /** Told after a heartbeat that changed what this process holds. */
  readonly onChange?: (change: { readonly gained: readonly string[]; readonly lost: readonly string[] }) => void;
}

/**
 * Who should take each free key: the live replica holding the fewest keys (ties by name), counting
 * each key given out — every replica computes the same answer from the same rows.
 */
export function assignFree(
  free: readonly string[],
  replicas: readonly string[],
  held: ReadonlyMap<string, number>,
): Map<string, string> {
  const count = new Map(replicas.map((r) => [r, held.get(r) ?? 0]));
  const out = new Map<string, string>();
  for (const key of free) {
    let best: string | undefined;
    for (const [r, n] of count)
      if (best === undefined || n < count.get(best)! || (n === count.get(best)! && r < best)) best = r;
    if (best === undefined) break;
    out.set(key, best);
    count.set(best, count.get(best)! + 1);
  }
  return out;
}

export class SenderElection {
  readonly holder: string;
  readonly leaseMs: number;
  readonly #keys: readonly string[];
  readonly #held = new Map<string, HeldLease>();
  #lastBeat = -Infinity;
  #beating: Promise<void> | undefined;
  /** Keys seen free and given to another replica (timer ms first seen): taken anyway at the next beat after a quarter lease. */
  readonly #freeSince = new Map<string, number>();

  constructor(
    private readonly options: SenderElectionOptions,
    private readonly timer: Timer,
  ) {
    this.holder = options.holder ?? `sender-${newId()}`;
    this.leaseMs = options.leaseMs ?? SENDER_LEASE_MS;
    this.#keys = options.keys;
  }

  /** The keys held now: claimed and, by this process's clock, not yet run out. */
  held(now: Date): string[] {
    return [...this.#held.values()].filter((l) => l.leaseUntil.getTime() > now.getTime()).map((l) => l.key);
  }

  /**
   * A held lease is due for renewal by the wall clock too: a third of it gone (the clock may move
   * faster than the timer — a test's injected clock, a process that stalled).
   */
  renewalDue(now: Date): boolean {
    return [...this.#held.values()].some((l) => l.leaseUntil.getTime() - now.getTime() <= (this.leaseMs * 2) / 3);
  }

  /** Milliseconds until the next heartbeat is due (≤ 0: now). */
  dueInMs(): number {
    return this.#lastBeat + this.leaseMs / 3 - this.timer.nowMs();
  }

  /**
   * Says this process is alive, renews the held keys and claims the free keys given to it (one
   * transaction); concurrent callers share one beat. `quiet(key)` says whether this process may hand
   * `key` over now (absent: it never does).
   */
  beat(uow: UnitOfWork, clock: Clock, quiet?: (key: string) => boolean): Promise<void> {
    this.#beating ??= this.#beat(uow, clock, quiet).finally(() => (this.#beating = undefined));
    return this.#beating;
  }

  async #beat(uow: UnitOfWork, clock: Clock, quiet?: (key: string) => boolean): Promise<void> {
    const beganMs = this.timer.nowMs();
    this.#lastBeat = beganMs;
    const now = clock.now();
    const until = new Date(now.getTime() + this.leaseMs);
    const before = new Set(this.held(now));
    let claimed: Map<string, HeldLease | undefined>;
    try {
      claimed = await uow.run(async (tx) => {
        const live = await tx.senders.live(now);
        await tx.senders.present(this.holder, now, until);
        const holderOf = new Map(live.leases.map((l) => [l.key, l.holder]));
        const replicas = [...new Set([...live.replicas, ...live.leases.map((l) => l.holder), this.holder])];
        const counts = new Map<string, number>();
        for (const key of this.#keys) {
          const h = holderOf.get(key);
          if (h !== undefined) counts.set(h, (counts.get(h) ?? 0) + 1);
        }
        const free = this.#keys.filter((key) => !holderOf.has(key));
        // A key whose holder died (its lease ran out, never given up) is taken at once by whichever live
        // replica beats first, as before the spread: its held work must resume within 30 s, and a
        // just-restarted replica (often the fewest-holding one) is cold. Spreading follows by hand-over.
        const lapsed = new Set(live.lapsed);
        const given = assignFree(free, replicas, counts);
        for (const key of this.#keys) if (!free.includes(key)) this.#freeSince.delete(key);
        const got = new Map<string, HeldLease | undefined>();
        for (const key of this.#keys) {
          const mine = this.#held.get(key);
          if (free.includes(key) && given.get(key) !== this.holder && !lapsed.has(key)) {
            // Given to another live replica: it claims at its beat. Taken anyway if still free at this
            // replica's next beat (a dead sender's platform never waits more than a beat longer).
            const since = this.#freeSince.get(key) ?? beganMs;
            this.#freeSince.set(key, since);
            if (beganMs - since < this.leaseMs / 4) {
              got.set(key, undefined);
              continue;
            }
          }
          if (!mine && !free.includes(key)) {
            got.set(key, undefined); // another replica's
            continue;
          }
          got.set(key, await tx.senders.claim(key, this.holder, now, until, mine));
        }
        await this.#handOver(tx, got, replicas, counts, quiet);
        return got;
      });
    } catch (error) {
      // Nothing was renewed: what this process holds runs out by its own clock (held() stops naming it).
      this.#report(before, new Set(this.held(clock.now())));
      throw error;
    }
    for (const [key, lease] of claimed) {
      if (lease) this.#held.set(key, lease);
      else this.#held.delete(key);
    }
    this.#report(before, new Set(this.held(now)));
  }

  /**
   * Holding two keys more than the live replica holding the fewest: hands keys over (each lease
   * released, fenced) until it no longer does — never the first of its keys, and only keys it is
   * quiet on. Those replicas take them at their next beats (assignFree).
   */
  async #handOver(
    tx: TxPorts,
    got: Map<string, HeldLease | undefined>,
    replicas: readonly string[],
    counts: ReadonlyMap<string, number>,
    quiet: ((key: string) => boolean) | undefined,
  ): Promise<void> {
    if (!quiet) return;
    const others = replicas.filter((r) => r !== this.holder).map((r) => counts.get(r) ?? 0);
    if (others.length === 0) return;
    const mine = this.#keys.filter((key) => got.get(key));
    for (const key of mine.slice(1)) {
      const fewest = Math.min(...others);
      const left = this.#keys.filter((k) => got.get(k)).length;
      if (left < fewest + 2) return;
      const lease = got.get(key);
      if (!lease || !quiet(key) || !(await tx.senders.release(lease))) continue;
      got.set(key, undefined);
      others[others.indexOf(fewest)] = fewest + 1;
    }
  }

  #report(before: ReadonlySet<string>, after: ReadonlySet<string>): void {
    const gained = [...after].filter((k) => !before.has(k));
    const lost = [...before].filter((k) => !after.has(k));
    if (gained.length > 0 || lost.length > 0) this.options.onChange?.({ gained, lost });
  }

  /** Gives every held lease up at once (a process stopping): another replica takes over without waiting. */
  async release(uow: UnitOfWork): Promise<void> {
    const held = [...this.#held.values()];
    this.#held.clear();
    await uow.run(async (tx) => {
      for (const lease of held) await tx.senders.release(lease);
      await tx.senders.absent(this.holder);
    });
  }
}
