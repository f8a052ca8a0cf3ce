// One drain of the outbox. Due notices are taken a page at a time (pending → sending, leased to this
// dispatcher) into lanes — one lane per set of rate limits, in effect per conversation
// (dispatch-lanes.ts) — and a single pump hands out grants: each pass walks the lanes, the most work
// left first, and sends the head of every lane whose limits allow it now, up to a bound of requests
// in flight. A lane that must wait never holds up the others; when no lane may go, the pump sleeps
// until the first limit frees or a request completes (one timer at a time, not one per notice).
// A grant is followed by the platform call with no database round trip in between, and counts, for
// its keys' windows, from the call's answer (the platform counted it before answering): so what the
// platform counts never exceeds what the limiter allows, whatever the latency in between. Answers are written many to a transaction: the
// first answer waits up to `flushMs` for others (at once when nothing else is under way), so a
// steady stream costs one transaction per batch, not one per notice.
import type { TriedNotice } from "../../ports/delivery-queue.ts";
import type { Delivery, DeliveryResult, Notifier, RateLimit } from "../../ports/notifier.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { Timer } from "../../ports/timer.ts";
import { withLogContext } from "../../ports/log-context.ts";
import { DeliveryContext, notifierFor, type Notifiers } from "./delivery-context.ts";
import { recordOutcome, type OutcomeEnv } from "./delivery-outcome.ts";
import { Lanes } from "./dispatch-lanes.ts";
import type { Grant, RateLimiter } from "./rate-limiter.ts";
import type { SendTimings } from "./send-timings.ts";

export interface PumpOptions {
  /** Requests on the wire at once (an answered request waiting to be written no longer counts). */
  readonly concurrency: number;
  /** Rows taken per page. */
  readonly pageSize: number;
  /** Notices held in lanes; a page is taken when fewer than half of it are. */
  readonly maxQueued: number;
  /** During a long drain, unknown outcomes are reconciled (in the background) and new due rows looked for this often. */
  readonly reconcileEveryMs: number;
  /** The longest an answer waits (real time) for others to be written with it in one transaction. */
  readonly flushMs: number;
}

/** Answers written in one transaction at most. */
const FLUSH_BATCH = 500;
/** Rows renewed per heartbeat transaction (each commits before the next starts). */
const HEARTBEAT_CHUNK = 250;
/** A page is read at once when nothing is held; else this long after the last read ended. */
const READ_SPACING_MS = 250;

interface Job {
  readonly kind: "send" | "update";
  readonly notice: StoredNotice;
  readonly attempts: number;
  readonly delivery: Delivery;
  readonly notifier: Notifier;
  readonly limits: readonly RateLimit[];
  /** When it was taken or its lease last renewed (clock ms): held past half its lease, it is released, not sent. */
  heldSince: number;
  /** The lease the row carries while this dispatcher holds it (clock ms): its fencing token. */
  leaseUntil: number;
  /** A heartbeat found the row under another dispatcher's lease: dropped without a write. */
  lost?: boolean;
}

interface Answer {
  readonly job: Job;
  readonly result: DeliveryResult;
  readonly done: () => void;
}

async function attempt(call: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
  try {
    return await call();
  } catch (error) {
    // A notifier that throws may have sent: treat it as unknown and reconcile.
    return { kind: "unknown", reason: error instanceof Error ? error.message : String(error) };
  }
}

export class DispatchPump {
  readonly #lanes = new Lanes<Job>();
  readonly #inFlight = new Set<Promise<void>>();
  #exhausted = false;
  #completions = 0;
  #completionsAtRead = 0;
  #lastRead = -Infinity;
  /** When the last page read ended (timer ms): the next one waits READ_SPACING_MS from there. */
  #readEnded = -Infinity;
  #lastReconcile: number;
  #lastHeartbeat: number;
  #beating = false;
  /**
   * This pump's own writes to the rows it holds (answers, releases, heartbeats) one at a time: on
   * PostgreSQL a heartbeat's multi-row UPDATE beside a release or a batch of answers touching the
   * same rows in another order could deadlock.
   */
  #serial: Promise<unknown> = Promise.resolve();
  /** Sends on the wire (their leases are renewed too). */
  readonly #wire = new Set<Job>();
  /** Rows waiting to be marked on the wire, written together at the pump's next database turn. */
  readonly #wireMarks: { job: Job; done: (marked: boolean) => void; retried?: boolean }[] = [];
  /** A batch of marks is being written. */
  #marking = false;
  #reconciling = false;
  #sweeping = false;
  #aborted = false;
  /** Platform calls not answered yet (the concurrency bound). */
  #onWire = 0;
  /** The page being read, in the background (grants go on meanwhile). */
  #reading: Promise<void> | undefined;
  #readError: { error: unknown } | undefined;
  #answers: Answer[] = [];
  #stale: Job[] = [];
  /** Jobs behind a platform that refused Keypost's credentials: back to pending until the hold ends. */
  #heldBack: { job: Job; until: Date }[] = [];
  /** Limit keys whose platform refused Keypost's credentials in this drain → until when (clock ms). */
  readonly #heldKeys = new Map<string, number>();
  #flushing: Promise<void> | undefined;
  /** Something happened (an answer, a timer, an abort) since the last pass. */
  #nudged = false;
  #wake: (() => void) | undefined;
  /** When the pending pacing timer fires (timer ms); Infinity when none is pending. */
  #timerAt = Infinity;
  /**
   * Cancels the pacing timer: when an earlier one replaces it (a later one left pending kept its
   * abort listener, one more each time — a long fan-out piled them up), and when the drain ends (it
   * may be up to a window away).
   */
  #pacing: AbortController | undefined;

  constructor(
    private readonly env: OutcomeEnv,
    private readonly notifiers: Notifiers,
    private readonly limiter: RateLimiter,
    private readonly timer: Timer,
    private readonly options: PumpOptions,
    private readonly reconcile: () => Promise<unknown> = async () => undefined,
    /** Sweeps expired leases; run as often as `reconcile` is due, even while a (paced) reconcile runs. */
    private readonly sweep: () => Promise<unknown> = async () => undefined,
    /** Where each call's grant → departure → answer times go (logged per drain; decision 17.s11r-1). */
    private readonly timings?: SendTimings,
  ) {
    this.#lastReconcile = -Infinity; // the first pass reconciles what is due
    this.#lastHeartbeat = timer.nowMs();
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#serial.then(work, work);
    this.#serial = run.catch(() => undefined);
    return run;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Stop granting: held notices go back to pending, requests in flight finish and are recorded. */
  abort(): void {
    this.#aborted = true;
    this.#nudge();
  }

  #nudge(): void {
    this.#nudged = true;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /**
   * A pass is due in `ms`: one pacing timer is kept, the earliest needed. A later one is not armed
   * (the pass it wakes computes its wait again); an earlier one replaces the pending one.
   */
  #wakeIn(ms: number): void {
    const at = this.timer.nowMs() + ms;
    if (at >= this.#timerAt) return;
    this.#pacing?.abort();
    const pacing = new AbortController();
    this.#pacing = pacing;
    this.#timerAt = at;
    void this.timer.sleep(ms, pacing.signal).then(() => {
      if (pacing.signal.aborted) return; // replaced by an earlier one, or the drain ended
      this.#pacing = undefined;
      this.#timerAt = Infinity;
      this.#nudge();
    });
  }

  /** Waits for the next nudge (at once if one came since the last pass). */
  async #nextNudge(): Promise<void> {
    if (!this.#nudged) await new Promise<void>((resolve) => (this.#wake = resolve));
    this.#nudged = false;
  }

  /**
   * Builds jobs (recipient, identity, limits) inside `tx`; a notice whose recipient is gone fails at
   * once. The caller puts them in lanes only once `tx` has committed: a row is granted only when leased.
   */
  async #jobsOf(
    kind: Job["kind"],
    rows: readonly TriedNotice[],
    context: DeliveryContext,
    fail: (notice: StoredNotice) => Promise<void>,
    lease?: Date,
  ): Promise<Job[]> {
    await context.load(rows.map((r) => r.notice));
    const heldSince = this.env.kernel.clock.now().getTime();
    const leaseUntil = lease?.getTime() ?? 0;
    const jobs: Job[] = [];
    for (const { notice, attempts } of rows) {
      const delivery = await context.of(notice);
      const notifier = notifierFor(this.notifiers, notice);
      if (!delivery) {
        await fail(notice);
        continue;
      }
      jobs.push({
        kind,
        notice,
        attempts,
        delivery,
        notifier,
        limits: notifier.limitsFor?.(delivery) ?? [],
        heldSince,
        leaseUntil,
      });
    }
    return jobs;
  }

  async #loadUpdates(): Promise<void> {
    const { kernel } = this.env;
    const jobs = await kernel.uow.run(async (tx) => {
      const rows = await tx.deliveries.needingUpdate(this.options.pageSize, this.env.scope);
      const context = new DeliveryContext(tx, kernel.orgLocale);
      const updatable = [];
      for (const notice of rows) {
        if (notifierFor(this.notifiers, notice).update) updatable.push({ notice, attempts: 0 });
        else await tx.deliveries.updated(notice.id); // nothing can be updated on this platform
      }
      return this.#jobsOf("update", updatable, context, (notice) => tx.deliveries.updated(notice.id));
    });
    for (const job of jobs) this.#lanes.add(job);
    this.#readEnded = this.timer.nowMs();
  }

  /** Takes the next page of due notices; fewer than asked means none are left for now. */
  async #readAhead(): Promise<void> {
    const { kernel, policy } = this.env;
    this.#lastRead = this.timer.nowMs();
    this.#completionsAtRead = this.#completions;
    const now = kernel.clock.now();
    const { got, jobs } = await kernel.uow.run(async (tx) => {
      const lease = new Date(now.getTime() + policy.leaseMs);
      const rows = await tx.deliveries.takeDue(now, this.options.pageSize, lease, this.env.scope);
      const built = await this.#jobsOf(
        "send",
        rows,
        new DeliveryContext(tx, kernel.orgLocale),
        async (notice) => {
          await tx.deliveries.failed(notice.id, "the recipient no longer exists");
        },
        lease,
      );
      return { got: rows.length, jobs: built };
    });
    for (const job of jobs) this.#lanes.add(job);
    this.#readEnded = this.timer.nowMs();
    this.#exhausted = got < this.options.pageSize;
  }

  /**
   * Another page is wanted while fewer than maxQueued/2 are held: at once when none is held, else
   * READ_SPACING_MS after the last read ended — filling the lanes spreads the reads' CPU over the
   * first seconds instead of holding up the first grants behind them (a read on SQLite holds the
   * event loop: a second page read right after the first would keep the first page's requests from
   * leaving).
   */
  #wantsPage(): boolean {
    if (this.#exhausted || this.#lanes.queued >= this.options.maxQueued / 2) return false;
    return this.#lanes.queued === 0 || this.timer.nowMs() - this.#readEnded >= READ_SPACING_MS;
  }

  /** Reads the next page while the pump goes on granting; the read counts as in flight, and nudges when done. */
  #readInBackground(): void {
    if (this.#reading) return;
    const run = this.#readAhead()
      .catch((error: unknown) => {
        this.#readError = { error };
      })
      .finally(() => {
        this.#reading = undefined;
        this.#inFlight.delete(run);
        this.#nudge();
      });
    this.#reading = run;
    this.#inFlight.add(run);
  }

  #launch(job: Job, grant: Grant): void {
    const run = (job.kind === "send" ? this.#send(job, grant) : this.#update(job, grant)).finally(() => {
      this.#inFlight.delete(run);
      this.#completions += 1;
      this.#nudge();
    });
    this.#inFlight.add(run);
  }

  /** One platform call, counted on the wire until it answers; its grant counts from the answer. */
  async #call(job: Job, grant: Grant, call: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
    this.#onWire += 1;
    const departed = this.timer.nowMs();
    try {
      return await attempt(call);
    } finally {
      const answered = this.timer.nowMs();
      grant.answered(answered);
      this.timings?.record(job.notifier.platform, departed - grant.at, answered - departed);
      // An answer frees no rate limit, only a place on the wire: worth a pass only if the wire was full.
      if (this.#onWire-- >= this.options.concurrency) this.#nudge();
    }
  }

  /**
   * Marks a row on the wire (decision 17.s10f-4). The marks asked for while a batch is being written
   * are written together next, in one unit of work (one transaction, not one per send: decision
   * 17.s10-lead-2). Not behind the pump's other database turns (#exclusive): the send's grant already
   * counts in its rate windows while it waits for its mark, so every millisecond here is taken from
   * the platform's limit — waiting behind a batch of answers made a Teams sender's grant → departure
   * 65 ms at the median, and the tenant's 90 a second ~70 (decision 17.s11r-1). The rows marked are
   * touched by no other write of this pump meanwhile: shifted from their lanes and not yet on the
   * wire, they are neither in a heartbeat nor in a batch of answers or releases.
   */
  #markOnTheWire(job: Job): Promise<boolean> {
    return new Promise<boolean>((done) => {
      this.#wireMarks.push({ job, done });
      if (this.#marking) return; // a batch is being written: this joins the next one
      this.#marking = true;
      void (async () => {
        while (this.#wireMarks.length > 0) {
          const batch = this.#wireMarks.splice(0);
          try {
            // The lease the row carries now (a heartbeat may have renewed it since it was asked for).
            const leases = batch.map((m) => m.job.leaseUntil);
            const marked = await this.env.kernel.uow.run((tx) =>
              tx.deliveries.onTheWireMany(
                batch.map((m, i) => ({ noticeId: m.job.notice.id, leaseUntil: new Date(leases[i]!) })),
              ),
            );
            batch.forEach((m, i) => {
              const ok = marked.has(m.job.notice.id);
              // Renewed by a heartbeat that committed meanwhile: asked again under the new lease, once.
              if (!ok && m.job.leaseUntil !== leases[i] && !m.retried && !m.job.lost)
                this.#wireMarks.push({ ...m, retried: true });
              else m.done(ok);
            });
          } catch (error) {
            this.env.onError?.(error);
            for (const m of batch) m.done(false);
          }
        }
        this.#marking = false;
      })();
    });
  }

  async #send(job: Job, grant: Grant): Promise<void> {
    // A platform that cannot be read back (Teams): the row is marked on the wire before the request
    // leaves, so a sweep after a kill tells it (unknown, never resent) from rows that never left the
    // lanes (pending again, sent once by whoever takes them: decision 17.s10f-4).
    if (!canReadBack(job.notifier)) {
      const marked = await this.#markOnTheWire(job);
      if (!marked) {
        // Not ours any more (or the database is away): not sent from here; its lease expires or was taken.
        job.lost = true;
        grant.answered(this.timer.nowMs());
        return;
      }
    }
    this.#wire.add(job);
    const result = await this.#call(job, grant, () =>
      withLogContext({ noticeId: job.notice.id }, () => job.notifier.deliver(job.delivery)),
    ).finally(() => this.#wire.delete(job));
    this.#pauseOn(job, result);
    this.#holdOn(result);
    await new Promise<void>((done) => {
      this.#answers.push({ job, result, done });
      this.#flush();
    });
  }

  /** Writes the answers gathered so far in one transaction, again while more come in. */
  #flush(): void {
    if (this.#flushing) return;
    this.#flushing = (async () => {
      while (this.#answers.length > 0) {
        // An answer from a platform that cannot be read back (Teams) is written at once, not after
        // waiting for others: until it is written a kill leaves its row marked on the wire, given up
        // as unknown and told to compliance though it arrived. Answers that come meanwhile still form
        // the next batch (decision 17.s11r-4).
        const unreadable = this.#answers.some((a) => !canReadBack(a.job.notifier));
        if (this.#answers.length < FLUSH_BATCH && this.options.flushMs > 0 && !unreadable && !this.#quiet()) {
          await new Promise((resolve) => setTimeout(resolve, this.options.flushMs));
        }
        const batch = this.#answers.splice(0, FLUSH_BATCH);
        try {
          await this.#exclusive(() =>
            this.env.kernel.uow.run(async (tx) => {
              const sent = batch.flatMap(({ job, result }) =>
                result.kind === "sent" ? [{ noticeId: job.notice.id, messageRef: result.messageRef }] : [],
              );
              this.env.report.sent += await tx.deliveries.sentMany(sent, this.env.kernel.clock.now());
              for (const { job, result } of batch)
                if (result.kind !== "sent") await recordOutcome(tx, this.env, job.notice, job.attempts, result);
            }),
          );
        } catch (error) {
          // Nothing of the batch was written: its rows stay leased, expire and are reconciled (never resent blindly).
          this.env.onError?.(error);
        }
        for (const answer of batch) answer.done();
      }
    })().finally(() => {
      this.#flushing = undefined;
    });
  }

  /** Nothing else is coming soon: no notice held, every request in flight answered (or stopping). */
  #quiet(): boolean {
    return this.#aborted || (this.#lanes.queued === 0 && this.#answers.length >= this.#inFlight.size);
  }

  async #update(job: Job, grant: Grant): Promise<void> {
    const { kernel, report } = this.env;
    const result = await this.#call(job, grant, () =>
      withLogContext({ noticeId: job.notice.id }, () =>
        (job.notifier.update as NonNullable<Notifier["update"]>)(job.delivery),
      ),
    );
    this.#pauseOn(job, result);
    this.#holdOn(result);
    // Sent: done. Failed (the message is gone): nothing to update. Retry or unknown: the next drain tries again.
    if (result.kind === "sent" || result.kind === "failed") {
      await kernel.uow.run((tx) => tx.deliveries.updated(job.notice.id));
      if (result.kind === "sent") report.updated += 1;
    }
  }

  /** A Retry-After (a 429's, or a fault's) pauses the key the notifier names, else the delivery's narrowest, for that long. */
  #pauseOn(job: Job, result: DeliveryResult): void {
    if ((result.kind !== "retry" && result.kind !== "held") || result.afterMs <= 0) return;
    const key = result.limitKey ?? job.limits[0]?.key;
    if (key !== undefined) this.limiter.pause(key, this.timer.nowMs(), result.afterMs);
  }

  /** Credentials refused: the notices queued behind the same key are not sent this drain (they would be refused too). */
  #holdOn(result: DeliveryResult): void {
    if (result.kind !== "held") return;
    const until = this.env.kernel.clock.now().getTime() + result.afterMs;
    if ((this.#heldKeys.get(result.limitKey) ?? -Infinity) < until) this.#heldKeys.set(result.limitKey, until);
  }

  #heldUntil(job: Job): number | undefined {
    if (this.#heldKeys.size === 0) return undefined;
    const now = this.env.kernel.clock.now().getTime();
    for (const limit of job.limits) {
      const until = this.#heldKeys.get(limit.key);
      if (until !== undefined && until > now) return until;
    }
    return undefined;
  }

  /** The lease values of every row this pump holds (in lanes and on the wire): its own, never swept. */
  heldLeases(): Date[] {
    const values = new Set<number>();
    for (const job of [...this.#lanes.jobs(), ...this.#wire]) if (!job.lost) values.add(job.leaseUntil);
    return [...values].map((ms) => new Date(ms));
  }

  /**
   * Lease heartbeat: every third of a lease, the rows this dispatcher holds (in lanes and on the
   * wire) are leased again in one statement per 500. So a lease can be short (30 s) — what a dead
   * process held is taken over within it — while a live dispatcher keeps a large fan-out held.
   */
  #heartbeatNowAndThen(): void {
    const now = this.timer.nowMs();
    const { leaseMs } = this.env.policy;
    if (this.#beating || now - this.#lastHeartbeat < leaseMs / 3) return;
    const jobs = [...this.#lanes.jobs(), ...this.#wire].filter((job) => job.kind === "send");
    this.#lastHeartbeat = now;
    if (jobs.length === 0) return;
    this.#beating = true;
    const { kernel } = this.env;
    const at = kernel.clock.now().getTime();
    // One transaction per HEARTBEAT_CHUNK rows, each its own turn: a transaction holds its rows' locks
    // until it commits, and a row granted meanwhile waits for them before it can be marked on the wire
    // (Teams) while its grant counts in the rate windows. One transaction over a 5 000-row fan-out
    // held them 1–2 s under load: the tenant's sends stopped for as long, every heartbeat
    // (decision 17.s11r-1). A row that left the lanes before its chunk's turn is not renewed by it
    // (being marked or sent, it is renewed by the next heartbeat if still on the wire).
    const beat = async (chunk: readonly Job[]) => {
      let mine: Job[] = [];
      const extended = await this.#exclusive(() => {
        // Chosen at its turn, not before: rows taken out of their lanes while it waited are being marked.
        mine = chunk.filter((job) => !job.lost && (this.#wire.has(job) || this.#lanes.holds(job)));
        if (mine.length === 0) return Promise.resolve(new Set<string>());
        return kernel.uow.run((tx) =>
          tx.deliveries.extendLeases(
            mine.map((job) => ({ noticeId: job.notice.id, leaseUntil: new Date(job.leaseUntil) })),
            new Date(at + leaseMs),
          ),
        );
      });
      for (const job of mine) {
        if (extended.has(job.notice.id)) {
          job.heldSince = Math.max(job.heldSince, at);
          job.leaseUntil = at + leaseMs;
        } else job.lost = true; // its lease ran out and another dispatcher took it: never sent from here
      }
    };
    const run = (async () => {
      for (let i = 0; i < jobs.length; i += HEARTBEAT_CHUNK) await beat(jobs.slice(i, i + HEARTBEAT_CHUNK));
    })()
      .catch((error: unknown) => this.env.onError?.(error))
      .finally(() => {
        this.#beating = false;
        this.#inFlight.delete(run);
        this.#nudge();
      });
    this.#inFlight.add(run);
  }

  /** A long drain does not keep unknown outcomes waiting for its end. */
  #reconcileNowAndThen(): void {
    const now = this.timer.nowMs();
    if (now - this.#lastReconcile < this.options.reconcileEveryMs) return;
    // A reconcile waiting on a platform's read limit (Slack's history: 50 a minute) can last a
    // minute: what a dead sender held is swept meanwhile all the same (its work resumes within 30 s).
    if (this.#reconciling) {
      this.#lastReconcile = now;
      if (this.#sweeping) return;
      this.#sweeping = true;
      const swept = this.sweep()
        .catch((error: unknown) => this.env.onError?.(error))
        .then(() => {
          this.#sweeping = false;
          this.#inFlight.delete(swept);
          this.#completions += 1;
          this.#nudge();
        });
      this.#inFlight.add(swept);
      return;
    }
    this.#reconciling = true;
    this.#lastReconcile = now;
    const run = this.reconcile()
      .catch((error: unknown) => this.env.onError?.(error))
      .then(() => {
        this.#reconciling = false;
        this.#inFlight.delete(run);
        this.#completions += 1; // what it put back to pending is taken by a later read
        this.#nudge();
      });
    this.#inFlight.add(run);
  }

  /** Sends every lane head whose limits allow it now; returns the shortest wait of the others (Infinity when none waits). */
  #grantPass(): number {
    const now = this.timer.nowMs();
    let wait = this.#lanes.earliestAfter(now) - now;
    // Held past half its lease (a long pause): its lease could run out mid-send, so back to pending instead.
    const staleBefore = this.env.kernel.clock.now().getTime() - this.env.policy.leaseMs / 2;
    for (const lane of this.#lanes.inOrder(now, staleBefore)) {
      if (this.#onWire >= this.options.concurrency) return 0;
      const job = lane.head;
      if (job.kind === "send" && job.lost) {
        this.#lanes.shift(lane, false);
        continue;
      }
      if (job.kind === "send" && job.heldSince < staleBefore) {
        this.#stale.push(this.#lanes.shift(lane, false));
        continue;
      }
      const heldUntil = this.#heldUntil(job);
      if (heldUntil !== undefined) {
        // An update is simply left for a later drain (its row still needs updating).
        const shifted = this.#lanes.shift(lane, false);
        if (shifted.kind === "send") this.#heldBack.push({ job: shifted, until: new Date(heldUntil) });
        continue;
      }
      const { grant, waitMs } = this.limiter.acquire(job.limits, now);
      if (!grant) {
        lane.notBefore = now + Math.max(waitMs, 1);
        wait = Math.min(wait, Math.max(waitMs, 1));
        continue;
      }
      this.#launch(this.#lanes.shift(lane, true), grant);
    }
    return wait;
  }

  /** Puts held notices back to pending (all of them when the dispatcher is stopping). */
  async #releaseHeld(all: boolean): Promise<void> {
    const held = [...this.#stale, ...(all ? this.#lanes.clear() : [])];
    const heldBack = this.#heldBack;
    this.#stale = [];
    this.#heldBack = [];
    if (held.length === 0 && heldBack.length === 0) return;
    const { kernel } = this.env;
    const now = kernel.clock.now();
    await this.#exclusive(() =>
      kernel.uow.run(async (tx) => {
        for (const job of held)
          if (job.kind === "send" && !job.lost)
            await tx.deliveries.release(job.notice.id, now, new Date(job.leaseUntil));
        for (const { job, until } of heldBack)
          if (!job.lost && (await tx.deliveries.release(job.notice.id, until, new Date(job.leaseUntil))))
            this.env.report.held += 1;
      }),
    );
  }

  /** Drains: sends every due notice (and updates every changed card) it can, then returns. */
  async run(): Promise<void> {
    try {
      await this.#run();
    } finally {
      this.#pacing?.abort();
    }
  }

  async #run(): Promise<void> {
    await this.#loadUpdates();
    for (;;) {
      if (this.#readError) throw this.#readError.error;
      if (this.#aborted) {
        await this.#reading;
        await this.#releaseHeld(true);
        await Promise.all([...this.#inFlight]);
        await this.#flushing;
        return;
      }
      // New due rows (retries falling due, escalations written by answers, kicks) are looked for
      // again once answers have come in, at most every reconcileEveryMs while busy.
      const idle = this.#lanes.size === 0 && this.#inFlight.size === 0;
      if (
        this.#exhausted &&
        this.#completions !== this.#completionsAtRead &&
        (idle || this.timer.nowMs() - this.#lastRead >= this.options.reconcileEveryMs)
      ) {
        this.#exhausted = false;
      }
      // One page per pass: the first grants go out while later pages are still being read.
      if (this.#wantsPage()) this.#readInBackground();
      this.#reconcileNowAndThen();
      this.#heartbeatNowAndThen();
      this.#nudged = false;
      let wait = this.#grantPass();
      // Held notices keep their leases: wake for the next heartbeat even while every lane waits.
      if (this.#lanes.size > 0)
        wait = Math.min(wait, Math.max(1, this.#lastHeartbeat + this.env.policy.leaseMs / 3 - this.timer.nowMs()));
      // A reconcile under way (it may wait a minute on a read limit): wake for the sweep meanwhile.
      if (this.#reconciling)
        wait = Math.min(wait, Math.max(1, this.#lastReconcile + this.options.reconcileEveryMs - this.timer.nowMs()));
      if (this.#stale.length > 0 || this.#heldBack.length > 0) await this.#releaseHeld(false);
      if (this.#lanes.size === 0 && this.#inFlight.size === 0) {
        if (this.#exhausted && this.#completions === this.#completionsAtRead) return;
        continue;
      }
      if (wait !== Infinity && wait > 0 && this.#onWire < this.options.concurrency) this.#wakeIn(wait);
      else if (this.#inFlight.size === 0) continue;
      await this.#nextNudge();
    }
  }
}

/** Whether a platform can be asked if a message arrived (Slack's history); Teams cannot. */
export function canReadBack(notifier: Notifier): boolean {
  return notifier.reconcile !== undefined || notifier.reconcileMany !== undefined;
}
