// Who sends to a platform tenant right now (decision 17.18). Platform rate limits are per tenant, not
// per process: one replica at a time holds a tenant's sender lease and runs the dispatcher for it
// with its one rate limiter; the others only enqueue and answer presses. A lease is short and renewed
// by heartbeat, so a dead holder's lease runs out soon and another replica takes over. Every write
// is fenced by the value the holder last knew (its id and the lease's end): a holder that stalled
// past its lease cannot renew a lease another has taken since.
// Every replica also says it is alive (a presence row beside the keys, renewed with its leases), so
// that free keys go to the replica holding the fewest and the sending is spread (decision 17.s10r-2).

/** A lease as its holder knows it: the fencing token of its next renewal. */
export interface HeldLease {
  readonly key: string;
  readonly holder: string;
  readonly leaseUntil: Date;
}

export interface SenderLeases {
  /**
   * Takes or renews `key` for `holder` until `until`: taken when nobody holds it or its lease ran out
   * by `now`; renewed when `held` is still the row's value. Returns the lease now held, or undefined
   * when another replica holds it.
   */
  claim(key: string, holder: string, now: Date, until: Date, held?: HeldLease): Promise<HeldLease | undefined>;
  /** Gives the lease up at once (a process stopping), only while `held` is still its value. */
  release(held: HeldLease): Promise<boolean>;
  /** Says `holder` is alive until `until` (its presence; forgets presences that ran out before `now`). */
  present(holder: string, now: Date, until: Date): Promise<void>;
  /**
   * The leases not run out at `now`, the replicas alive then, and the keys whose holder's lease ran
   * out without being given up (`lapsed`: a dead or stalled holder, not a release or a key never held).
   */
  live(now: Date): Promise<{
    readonly leases: readonly HeldLease[];
    readonly replicas: readonly string[];
    readonly lapsed: readonly string[];
  }>;
  /** Forgets `holder`'s presence (a process stopping). */
  absent(holder: string): Promise<void>;
}
