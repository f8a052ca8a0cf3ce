// One drain of the outbox: due notices are read page by page into lanes — one lane per set of rate
// limits (in effect, per conversation) — and a single pump hands out grants: each pass walks the
// lanes round-robin and starts the head of every lane whose limits allow a send now, up to a bound
// of sends in flight. A lane that must wait never holds up the others; when no lane may go, the pump
// sleeps until the first limit frees or a send completes. The row is taken (pending → sending) only
// after its grant, right before the platform is called, so a notice waiting for its turn stays
// pending for any other dispatcher, and the one that takes it first is the only one that sends it.
import type { DueCursor } from "../../ports/delivery-queue.ts";
import type { Delivery, DeliveryResult, Notifier, RateLimit } from "../../ports/notifier.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { Timer } from "../../ports/timer.ts";
import { DeliveryContext, notifierFor, type Notifiers } from "./delivery-context.ts";
import { recordOutcome, type OutcomeEnv } from "./delivery-outcome.ts";
import type { RateLimiter } from "./rate-limiter.ts";

export interface PumpOptions {
  /** Sends (and updates) in flight at once. */
  readonly concurrency: number;
  /** Rows read per page. */
  readonly pageSize: number;
  /** Notices held in lanes before the pump stops reading ahead. */
  readonly maxQueued: number;
  /** During a long drain, unknown outcomes are reconciled (in the background) this often. */
  readonly reconcileEveryMs: number;
}

interface Job {
  readonly kind: "send" | "update";
  readonly notice: StoredNotice;
  readonly delivery: Delivery;
  readonly notifier: Notifier;
  readonly limits: readonly RateLimit[];
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
  readonly #lanes = new Map<string, Job[]>();
  readonly #known = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  #queued = 0;
  #cursor: DueCursor | undefined;
  #passFresh = 0;
  #exhausted = false;
  #completions = 0;
  #lastReconcile: number;
  #reconciling = false;

  constructor(
    private readonly env: OutcomeEnv,
    private readonly notifiers: Notifiers,
    private readonly limiter: RateLimiter,
    private readonly timer: Timer,
    private readonly options: PumpOptions,
    private readonly reconcile: () => Promise<unknown> = async () => undefined,
  ) {
    this.#lastReconcile = timer.nowMs();
  }

  /** A long drain (a backlog under rate limits) does not keep unknown outcomes waiting for its end. */
  #reconcileNowAndThen(): void {
    const now = this.timer.nowMs();
    if (this.#reconciling || now - this.#lastReconcile < this.options.reconcileEveryMs) return;
    this.#reconciling = true;
    this.#lastReconcile = now;
    const run = this.reconcile()
      .catch(() => undefined)
      .then(() => {
        this.#reconciling = false;
        this.#inFlight.delete(run);
        // What reconciling put back to pending is read on the next pass.
        this.#completions += 1;
      });
    this.#inFlight.add(run);
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  #enqueue(job: Job): void {
    const lane = job.limits.map((l) => `${l.key}#${l.limit}/${l.windowMs}`).join("|");
    const jobs = this.#lanes.get(lane);
    if (jobs) jobs.push(job);
    else this.#lanes.set(lane, [job]);
    this.#known.add(job.notice.id);
    this.#queued += 1;
  }

  async #jobsOf(kind: Job["kind"], notices: readonly StoredNotice[]): Promise<void> {
    const { kernel } = this.env;
    const fresh = notices.filter((n) => !this.#known.has(n.id));
    if (fresh.length === 0) return;
    const built = await kernel.uow.run(async (tx) => {
      const context = new DeliveryContext(tx, kernel.orgLocale);
      const out: { notice: StoredNotice; delivery: Delivery | undefined }[] = [];
      for (const notice of fresh) out.push({ notice, delivery: await context.of(notice) });
      return out;
    });
    for (const { notice, delivery } of built) {
      const notifier = notifierFor(this.notifiers, notice);
      if (!delivery) {
        if (kind === "send") await this.#orphan(notice);
        continue;
      }
      if (kind === "update" && !notifier.update) {
        await kernel.uow.run((tx) => tx.deliveries.updated(notice.id));
        continue;
      }
      this.#enqueue({ kind, notice, delivery, notifier, limits: notifier.limitsFor?.(delivery) ?? [] });
    }
    if (kind === "send") this.#passFresh += fresh.length;
  }

  /** A notice whose recipient is gone can never be delivered: failed, nobody to escalate about. */
  async #orphan(notice: StoredNotice): Promise<void> {
    const { kernel } = this.env;
    const now = kernel.clock.now();
    await kernel.uow.run(async (tx) => {
      if (await tx.deliveries.take(notice.id, now, now)) await tx.deliveries.failed(notice.id, "the recipient no longer exists");
    });
  }

  /** Reads the next page of due notices; at the end of a full pass with nothing new, the drain is exhausted. */
  async #readAhead(): Promise<void> {
    const { kernel } = this.env;
    const page = await kernel.uow.run((tx) => tx.deliveries.due(kernel.clock.now(), this.options.pageSize, this.#cursor));
    await this.#jobsOf("send", page.map((d) => d.notice));
    if (page.length < this.options.pageSize) {
      if (this.#passFresh === 0) this.#exhausted = true;
      this.#cursor = undefined;
      this.#passFresh = 0;
    } else {
      this.#cursor = page[page.length - 1]?.cursor;
    }
  }

  #launch(job: Job): void {
    const run = (job.kind === "send" ? this.#send(job) : this.#update(job)).finally(() => {
      this.#inFlight.delete(run);
      this.#known.delete(job.notice.id);
      this.#completions += 1;
    });
    this.#inFlight.add(run);
  }

  async #send(job: Job): Promise<void> {
    const { kernel, policy } = this.env;
    const now = kernel.clock.now();
    const taken = await kernel.uow.run((tx) => tx.deliveries.take(job.notice.id, now, new Date(now.getTime() + policy.leaseMs)));
    if (!taken) return;
    const delivery: Delivery = { ...job.delivery, notice: taken.notice };
    const result = await attempt(() => job.notifier.deliver(delivery));
    this.#pauseOn(job, result);
    await recordOutcome(this.env, taken.notice, taken.attempts, result);
  }

  async #update(job: Job): Promise<void> {
    const { kernel, report } = this.env;
    const result = await attempt(() => (job.notifier.update as NonNullable<Notifier["update"]>)(job.delivery));
    this.#pauseOn(job, result);
    // Sent: done. Failed (the message is gone): nothing to update. Retry or unknown: the next drain tries again.
    if (result.kind === "sent" || result.kind === "failed") {
      await kernel.uow.run((tx) => tx.deliveries.updated(job.notice.id));
      if (result.kind === "sent") report.updated += 1;
    }
  }

  /** A 429 pauses the key it names (else the delivery's narrowest) for its Retry-After. */
  #pauseOn(job: Job, result: DeliveryResult): void {
    if (result.kind !== "retry" || result.afterMs <= 0 || (!result.rateLimited && result.limitKey === undefined)) return;
    const key = result.limitKey ?? job.limits[0]?.key;
    if (key !== undefined) this.limiter.pause(key, this.timer.nowMs(), result.afterMs);
  }

  /** Starts every lane head whose limits allow it now; the shortest wait of the others (Infinity when none waits). */
  #grantPass(): number {
    let wait = Infinity;
    for (const [lane, jobs] of this.#lanes) {
      if (this.#inFlight.size >= this.options.concurrency) return 0;
      const job = jobs[0] as Job;
      const now = this.timer.nowMs();
      const ms = this.limiter.waitMs(job.limits, now);
      if (ms > 0 || !this.limiter.tryAcquire(job.limits, now)) {
        wait = Math.min(wait, Math.max(ms, 1));
        continue;
      }
      jobs.shift();
      this.#queued -= 1;
      // Round-robin: the lane goes to the back of the order (or away when empty).
      this.#lanes.delete(lane);
      if (jobs.length > 0) this.#lanes.set(lane, jobs);
      this.#launch(job);
    }
    return wait;
  }

  /** Drains: sends every due notice (and updates every changed card) it can, then returns. */
  async run(): Promise<void> {
    const { kernel } = this.env;
    await this.#jobsOf("update", await kernel.uow.run((tx) => tx.deliveries.needingUpdate(this.options.pageSize)));
    let completionsAtExhaustion = -1;
    for (;;) {
      while (!this.#exhausted && this.#queued < this.options.maxQueued) await this.#readAhead();
      if (this.#exhausted && completionsAtExhaustion < 0) completionsAtExhaustion = this.#completions;
      this.#reconcileNowAndThen();
      const wait = this.#grantPass();
      if (this.#lanes.size === 0 && this.#inFlight.size === 0 && this.#exhausted) {
        // Sends that completed since the last full pass may have written new due rows (escalations).
        if (this.#completions === completionsAtExhaustion) return;
        this.#exhausted = false;
        completionsAtExhaustion = -1;
        continue;
      }
      if (this.#inFlight.size >= this.options.concurrency || (wait > 0 && this.#lanes.size > 0) || (this.#lanes.size === 0 && this.#exhausted)) {
        const waits: Promise<void>[] = [...this.#inFlight];
        if (wait !== Infinity && wait > 0 && this.#inFlight.size < this.options.concurrency) waits.push(this.timer.sleep(wait));
        if (waits.length > 0) await Promise.race(waits);
      }
    }
  }
}
