// The dispatcher delivers the outbox. A drain turns rows whose lease ran out (a dispatcher died
// mid-send) into unknown outcomes, reconciles the unknown outcomes that are due, then pumps every due
// notice through the rate limits (dispatch-pump.ts). Running, it drains whenever there is due work:
// at start, when kicked (a use case just wrote notices), when the next retry or reconciliation falls
// due, and at least every `idleMs`; the scheduler tick drains too (same code, `keypost tick --at`).
// Drains in one process never overlap: a second caller waits for the running one.
import type { Kernel } from "../kernel/execute.ts";
import { systemTimer, type Timer } from "../../ports/timer.ts";
import type { Notifiers } from "./delivery-context.ts";
import { emptyReport, type DispatchReport, type OutcomeEnv } from "./delivery-outcome.ts";
import { DispatchPump, type PumpOptions } from "./dispatch-pump.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { reconcileDue } from "./reconcile-deliveries.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.ts";

const MIN_WAIT_MS = 50;

export interface DispatcherOptions extends Partial<PumpOptions> {
  readonly timer?: Timer;
  readonly random?: () => number;
  readonly policy?: RetryPolicy;
  /** How much a 429 on a key widens its rate-limit windows (up to three times; see rate-limiter.ts). */
  readonly guardMs?: number;
  /**
   * The longest a send with no answer yet is assumed to take to reach the platform (default 30 s:
   * longer than any notifier's timeout, so in effect every send counts from its answer).
   */
  readonly reachMs?: number;
  /** Spread each key's grants evenly over its window (default) rather than in bursts. */
  readonly smooth?: boolean;
  /** The longest a running dispatcher sleeps without looking at the outbox. */
  readonly idleMs?: number;
  /** Told when a drain fails (the running loop goes on after a pause). */
  readonly onError?: (error: unknown) => void;
  /** Told what each drain did (the service counts it in its metrics). */
  readonly onDrained?: (report: DispatchReport) => void;
}

export class Dispatcher {
  readonly limiter: RateLimiter;
  readonly timer: Timer;
  readonly #pump: PumpOptions;
  readonly #policy: RetryPolicy;
  readonly #random: () => number;
  readonly #idleMs: number;
  #draining: Promise<DispatchReport> | undefined;
  #current: DispatchPump | undefined;
  #loop: Promise<void> | undefined;
  #stopped = true;
  #wake: (() => void) | undefined;
  /** Cancels the idle sleep when the dispatcher stops (a pending 60 s timer would keep the process alive). */
  #sleep: AbortController | undefined;
  #kicked = false;

  constructor(
    private readonly notifiers: Notifiers,
    private readonly options: DispatcherOptions = {},
  ) {
    this.timer = options.timer ?? systemTimer;
    this.limiter = new RateLimiter({
      guardMs: options.guardMs ?? 20,
      smooth: options.smooth ?? true,
      reachMs: options.reachMs ?? 30_000,
    });
    this.#pump = {
      concurrency: options.concurrency ?? 64,
      pageSize: options.pageSize ?? 500,
      // Enough that a large fan-out is held whole: the order of the lanes (most work first) then knows
      // all the work (a lease is 10 minutes; a notice held half of it goes back to pending).
      maxQueued: options.maxQueued ?? 20_000,
      reconcileEveryMs: options.reconcileEveryMs ?? 250,
      flushMs: options.flushMs ?? 50,
    };
    this.#policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.#random = options.random ?? Math.random;
    this.#idleMs = options.idleMs ?? 60_000;
  }

  /** Sends and updates in flight right now (tests wait for 0 before moving virtual time). */
  get inFlight(): number {
    return this.#current?.inFlight ?? 0;
  }

  /** Delivers everything due now; a call while a drain runs waits for that drain and then runs once more. */
  async drain(kernel: Kernel): Promise<DispatchReport> {
    while (this.#draining) await this.#draining.catch(() => undefined);
    const run = this.#drainOnce(kernel).finally(() => {
      this.#draining = undefined;
      this.#current = undefined;
    });
    this.#draining = run;
    return run;
  }

  async #drainOnce(kernel: Kernel): Promise<DispatchReport> {
    const report = emptyReport();
    const env: OutcomeEnv = {
      kernel,
      policy: this.#policy,
      random: this.#random,
      report,
      ...(this.options.onError ? { onError: this.options.onError } : {}),
    };
    const now = kernel.clock.now();
    report.expired = await kernel.uow.run((tx) => tx.deliveries.expireLeases(now));
    // Reconciling first: a notice found absent is pending again and goes out in this same drain.
    await reconcileDue(env, this.notifiers);
    // While a long drain runs (a fan-out paced by rate limits lasts minutes), what another replica
    // held when it died is swept too, not only at the next drain: its work resumes within the lease.
    this.#current = new DispatchPump(env, this.notifiers, this.limiter, this.timer, this.#pump, async () => {
      report.expired += await kernel.uow.run((tx) => tx.deliveries.expireLeases(kernel.clock.now()));
      return reconcileDue(env, this.notifiers);
    });
    await this.#current.run();
    this.limiter.prune(this.timer.nowMs());
    this.options.onDrained?.(report);
    return report;
  }

  /** Asks a running dispatcher to drain now (e.g. right after a use case wrote notices). */
  kick(): void {
    this.#kicked = true;
    this.#wake?.();
  }

  /** Drains now and whenever work falls due, until stopped. */
  start(kernel: Kernel): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loop = this.#run(kernel);
  }

  async #run(kernel: Kernel): Promise<void> {
    while (!this.#stopped) {
      this.#kicked = false;
      let wait = this.#idleMs;
      try {
        await this.drain(kernel);
        const next = await kernel.uow.run((tx) => tx.deliveries.nextDueAt());
        // Never less than MIN_WAIT_MS: a row that stays due for some reason must not make the loop spin.
        if (next) wait = Math.min(wait, Math.max(MIN_WAIT_MS, next.getTime() - kernel.clock.now().getTime()));
      } catch (error) {
        this.options.onError?.(error);
        wait = Math.min(wait, 5_000);
      }
      if (this.#stopped || this.#kicked) continue;
      const sleep = new AbortController();
      this.#sleep = sleep;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        void this.timer.sleep(wait, sleep.signal).then(resolve);
      });
      sleep.abort(); // woken early (a kick, a stop): the timer goes with it
      this.#wake = undefined;
      this.#sleep = undefined;
    }
  }

  /** Stops the loop: notices held for their turn go back to pending; sends in flight finish and are recorded. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#current?.abort();
    this.#sleep?.abort();
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }
}
