// The notices a drain holds, in lanes: one lane per set of rate limits (in effect, per conversation).
// A pass offers grants lane by lane, the lane with the most work left first: work is the lane's
// notices times its pace (the longest window/limit of its limits — the least time a notice costs it
// whatever else happens). When a shared limit (a tenant's) is what binds, this "longest work first"
// order lets every lane end near the same time: round-robin would give each lane an equal share, so
// the busiest conversations, held to their own pace, would be left to finish alone at the end.
// Ties go round-robin (a lane just served goes to the back). A lane remembers until when it cannot
// go (waits only grow as other lanes are granted), so most passes skip it without asking the limiter.
import type { RateLimit } from "../../ports/notifier.ts";

export interface LaneJob {
  readonly limits: readonly RateLimit[];
  /** When it was taken (wall clock, ms). */
  readonly heldSince: number;
}

export class Lane<J extends LaneJob> {
  readonly jobs: J[] = [];
  /** Before this time (timer ms) its head cannot go; a lower bound, so skipping until then is safe. */
  notBefore = -Infinity;
  /** The least time one notice costs this lane: the longest window/limit of its limits (ms). */
  readonly paceMs: number;

  constructor(
    readonly key: string,
    limits: readonly RateLimit[],
  ) {
    this.paceMs = limits.reduce((pace, l) => Math.max(pace, l.windowMs / Math.max(1, l.limit)), 0);
  }

  get head(): J {
    return this.jobs[0] as J;
  }

  /** What is left to do here, in pace time. */
  get work(): number {
    return this.jobs.length * this.paceMs;
  }
}

const byWork = <J extends LaneJob>(a: Lane<J>, b: Lane<J>) => b.work - a.work;

export class Lanes<J extends LaneJob> {
  /** In round-robin order: a lane served goes to the back. */
  readonly #lanes = new Map<string, Lane<J>>();
  /** Every job in a lane (a heartbeat renews only those still here or on the wire). */
  readonly #held = new Set<J>();
  #queued = 0;

  get size(): number {
    return this.#lanes.size;
  }

  /** Notices held in all lanes. */
  get queued(): number {
    return this.#queued;
  }

  add(job: J): void {
    const key = job.limits.map((l) => `${l.key}#${l.limit}/${l.windowMs}`).join("|");
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = new Lane<J>(key, job.limits);
      this.#lanes.set(key, lane);
    }
    lane.jobs.push(job);
    this.#held.add(job);
    this.#queued += 1;
  }

  /**
   * The lanes a pass offers grants, in order (most work first, ties round-robin): those that may go
   * at `now`, and those whose head was held since before `staleBefore` (to be put back).
   */
  inOrder(now: number, staleBefore: number): Lane<J>[] {
    const open: Lane<J>[] = [];
    for (const lane of this.#lanes.values()) {
      if (lane.notBefore <= now || lane.head.heldSince < staleBefore) open.push(lane);
    }
    return open.sort(byWork);
  }

  /** The earliest time after `now` a lane that cannot go now may go (Infinity: none waits). */
  earliestAfter(now: number): number {
    let earliest = Infinity;
    for (const lane of this.#lanes.values())
      if (lane.notBefore > now && lane.notBefore < earliest) earliest = lane.notBefore;
    return earliest;
  }

  /** Takes `lane`'s head; `served` sends the lane to the back of the round-robin order. */
  shift(lane: Lane<J>, served: boolean): J {
    const job = lane.jobs.shift() as J;
    this.#held.delete(job);
    this.#queued -= 1;
    if (served || lane.jobs.length === 0) this.#lanes.delete(lane.key);
    if (lane.jobs.length > 0 && !this.#lanes.has(lane.key)) this.#lanes.set(lane.key, lane);
    return job;
  }

  /** Whether `job` is still in a lane (not taken out to be sent, released or dropped). */
  holds(job: J): boolean {
    return this.#held.has(job);
  }

  /** Every job held, in no particular order (for lease heartbeats). */
  *jobs(): IterableIterator<J> {
    for (const lane of this.#lanes.values()) yield* lane.jobs;
  }

  /** Empties every lane; returns what they held. */
  clear(): J[] {
    const all = [...this.#lanes.values()].flatMap((lane) => lane.jobs);
    this.#lanes.clear();
    this.#held.clear();
    this.#queued = 0;
    return all;
  }
}
