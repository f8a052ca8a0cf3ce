// One elected sender per platform tenant (decision 17.18). Slack and Teams count their rate limits per
// workspace or tenant, not per process: if every replica dispatched with its own limiter, three
// replicas could together send three times the allowed rate. So each platform ("slack", "teams",
// "log": one workspace and one tenant per deployment) has a sender lease in the database; the
// replica holding it runs the dispatcher for that platform — its lanes, its one limiter, the sweep of
// expired notice leases and reconciliation — and every other replica only enqueues (and answers
// presses). A lease is short (15 s) and renewed every third of it, so a dead sender's lease runs out
// and another replica takes over well within 30 s; each renewal is fenced by the value the holder
// last knew, and a lease the holder's own clock says has run out is no longer acted on.
import type { Clock } from "../../ports/clock.ts";
import { newId } from "../../ports/ids.ts";
import type { HeldLease } from "../../ports/sender-leases.ts";
import type { Timer } from "../../ports/timer.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";

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

export class SenderElection {
  readonly holder: string;
  readonly leaseMs: number;
  readonly #keys: readonly string[];
  readonly #held = new Map<string, HeldLease>();
  #lastBeat = -Infinity;
  #beating: Promise<void> | undefined;

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

  /** Claims the free keys and renews the held ones (one transaction); concurrent callers share one beat. */
  beat(uow: UnitOfWork, clock: Clock): Promise<void> {
    this.#beating ??= this.#beat(uow, clock).finally(() => (this.#beating = undefined));
    return this.#beating;
  }

  async #beat(uow: UnitOfWork, clock: Clock): Promise<void> {
    this.#lastBeat = this.timer.nowMs();
    const now = clock.now();
    const until = new Date(now.getTime() + this.leaseMs);
    const before = new Set(this.held(now));
    let claimed: Map<string, HeldLease | undefined>;
    try {
      claimed = await uow.run(async (tx) => {
        const got = new Map<string, HeldLease | undefined>();
        for (const key of this.#keys)
          got.set(key, await tx.senders.claim(key, this.holder, now, until, this.#held.get(key)));
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

  #report(before: ReadonlySet<string>, after: ReadonlySet<string>): void {
    const gained = [...after].filter((k) => !before.has(k));
    const lost = [...before].filter((k) => !after.has(k));
    if (gained.length > 0 || lost.length > 0) this.options.onChange?.({ gained, lost });
  }

  /** Gives every held lease up at once (a process stopping): another replica takes over without waiting. */
  async release(uow: UnitOfWork): Promise<void> {
    const held = [...this.#held.values()];
    this.#held.clear();
    if (held.length === 0) return;
    await uow.run(async (tx) => {
      for (const lease of held) await tx.senders.release(lease);
    });
  }
}
