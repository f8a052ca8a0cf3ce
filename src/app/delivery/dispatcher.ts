// The dispatcher delivers the outbox. A drain turns rows whose lease ran out (a dispatcher died
// mid-send) into unknown outcomes, reconciles the unknown outcomes that are due, then pumps every due
// notice through the rate limits (dispatch-pump.ts). Running, it drains whenever there is due work:
// at start, when kicked (a use case just wrote notices), when the next retry or reconciliation falls
// due, and at least every `idleMs`; the scheduler tick drains too (same code, `keypost tick --at`).
// Drains in one process never overlap: a second caller waits for the running one.
// With a sender election (sender-election.ts, decision 17.18) a drain touches only the platforms this
// process is the elected sender of — another replica's dispatcher does nothing for them — and a
// heartbeat loop keeps the election's leases; losing one stops the drain under way (its held notices
// go back to pending, fenced by their own leases).
import type { Kernel } from "../kernel/execute.ts";
import { systemTimer, type Timer } from "../../ports/timer.ts";
import type { Notifiers } from "./delivery-context.ts";
import { emptyReport, type DispatchReport, type OutcomeEnv } from "./delivery-outcome.ts";
import { canReadBack, DispatchPump, type PumpOptions } from "./dispatch-pump.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { pacedCalls } from "./paced-calls.ts";
import { reconcileDue } from "./reconcile-deliveries.ts";
import type { SenderElection } from "./sender-election.ts";
import { SendTimings } from "./send-timings.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.ts";

const MIN_WAIT_MS = 50;
/** An elected sender looks for notices other replicas wrote this often (their kicks do not reach it). */
const SENDER_POLL_MS = 1_000;

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
  /**
   * One elected sender per platform tenant (several replicas on one database): drains touch only the
   * platforms whose sender lease this process holds. Absent: every platform (one process).
   */
  readonly election?: SenderElection;
}

export class Dispatcher {
  readonly limiter: RateLimiter;
  /** Each platform call's grant → departure → answer times since last read (decision 17.s11r-1). */
  readonly timings = new SendTimings();
  readonly timer: Timer;
  readonly #pump: PumpOptions;
  readonly #policy: RetryPolicy;
  readonly #random: () => number;
  readonly #idleMs: number;
  #draining: Promise<DispatchReport> | undefined;
  #current: DispatchPump | undefined;
  /** The platforms the drain under way may touch (fixed when it started; undefined: all, or none running). */
  #currentScope: readonly string[] | undefined;
  #loop: Promise<void> | undefined;
  #stopped = true;
  #wake: (() => void) | undefined;
  /** Cancels the idle sleep when the dispatcher stops (a pending 60 s timer would keep the process alive). */
  #sleep: AbortController | undefined;
  #kicked = false;
  /** Stops a paced read waiting for its grant when the drain is aborted. */
  #drainStop: AbortController | undefined;
  #beats: Promise<void> | undefined;
  /** Cancels the heartbeat loop's sleep when the dispatcher stops. */
  #beatSleep: AbortController | undefined;
  #kernel: Kernel | undefined;

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
      this.#currentScope = undefined;
      this.#drainStop = undefined;
    });
    this.#draining = run;
    return run;
  }

  /** The platforms a drain may touch now: those this process is the elected sender of (all without an election). */
  async #scope(kernel: Kernel): Promise<readonly string[] | undefined> {
    const { election } = this.options;
    if (!election) return undefined;
    if (election.dueInMs() <= 0 || election.renewalDue(kernel.clock.now()))
      await election.beat(kernel.uow, kernel.clock, this.#quiet).catch((e: unknown) => this.#failed(e));
    return election.held(kernel.clock.now());
  }

  /**
   * This process may hand `platform`'s sender lease to another replica (spreading, decision
   * 17.s10r-2): no pump is running (a drain's scope is fixed when it starts: a pump running could
   * still read and send the platform's rows after the release) and nothing it sent there still counts
   * in a rate window. The limit keys of a platform start with its name ("slack:channel:…", "teams:tenant:…").
   */
  readonly #quiet = (platform: string): boolean =>
    this.#current === undefined && this.limiter.quiet(`${platform}:`, this.timer.nowMs());

  #failed(error: unknown): void {
    this.options.onError?.(error);
  }

  async #drainOnce(kernel: Kernel): Promise<DispatchReport> {
    const report = emptyReport();
    const scope = await this.#scope(kernel);
    if (scope?.length === 0) return report; // another replica sends to every platform
    this.#currentScope = scope;
    const stop = new AbortController();
    this.#drainStop = stop;
    const env: OutcomeEnv = {
      kernel,
      policy: this.#policy,
      random: this.#random,
      report,
      paced: pacedCalls(this.limiter, this.timer, stop.signal),
      ...(scope ? { scope } : {}),
      ...(this.options.onError ? { onError: this.options.onError } : {}),
    };
    const now = kernel.clock.now();
    // Rows of a platform that cannot be read back and were never on the wire go back to pending (17.s10f-4).
    const unreadable = [...this.notifiers.byPlatform.values()].filter((n) => !canReadBack(n)).map((n) => n.platform);
    report.expired = await kernel.uow.run((tx) => tx.deliveries.expireLeases(now, scope, undefined, unreadable));
    // Reconciling runs beside the sends, from the pump's first pass on (it may wait on a platform's
    // read limit: Slack's history, 50 a minute): a notice found absent is pending again and goes out
    // in this same drain, and notices nobody held are not kept waiting behind the reads.
    // While a long drain runs (a fan-out paced by rate limits lasts minutes), what another replica
    // held when it died is swept too, not only at the next drain: its work resumes within the lease.
    // Never this process's own rows: a heartbeat late under load (load 26–30: > 15 s) let the sender
    // sweep everything in its lanes to unknown (decision 17.s9c-4); the pump releases those itself.
    const sweep = async () => {
      const keep = this.#current?.heldLeases();
      report.expired += await kernel.uow.run((tx) =>
        tx.deliveries.expireLeases(kernel.clock.now(), scope, keep, unreadable),
      );
    };
    this.#current = new DispatchPump(
      env,
      this.notifiers,
      this.limiter,
      this.timer,
      this.#pump,
      async () => {
        await sweep();
        return reconcileDue(env, this.notifiers);
      },
      sweep,
      this.timings,
    );
    if (stop.signal.aborted) this.#current.abort(); // the election was lost meanwhile
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
    this.#kernel = kernel;
    this.#loop = this.#run(kernel);
    if (this.options.election) this.#beats = this.#beatLoop(kernel, this.options.election);
  }

  /** The election's heartbeat, apart from the drains (a long fan-out or a paced read must not hold it up). */
  async #beatLoop(kernel: Kernel, election: SenderElection): Promise<void> {
    while (!this.#stopped) {
      const before = new Set(election.held(kernel.clock.now()));
      await election.beat(kernel.uow, kernel.clock, this.#quiet).catch((e: unknown) => this.#failed(e));
      const after = new Set(election.held(kernel.clock.now()));
      const gained = [...after].filter((key) => !before.has(key));
      // Lost a platform, or gained one the drain under way cannot touch (its scope was fixed when it
      // began): that drain stops — its held notices go back to pending — and the next one, kicked,
      // covers every platform held. Else a dead sender's platform waited for the end of this replica's
      // own fan-out (a Teams drain at its rate: 33.7 s from the kill in CI, decision 17.s11-lead-1).
      const narrow = this.#currentScope !== undefined && gained.some((key) => !this.#currentScope!.includes(key));
      if ([...before].some((key) => !after.has(key)) || narrow) this.#abortDrain();
      if (gained.length > 0) this.kick();
      if (this.#stopped) break;
      const sleep = new AbortController();
      this.#beatSleep = sleep;
      await this.timer.sleep(Math.max(MIN_WAIT_MS, election.dueInMs()), sleep.signal);
      this.#beatSleep = undefined;
    }
  }

  /** A platform's lease was lost: the drain under way stops; held notices go back to pending. */
  #abortDrain(): void {
    this.#drainStop?.abort();
    this.#current?.abort();
  }

  async #run(kernel: Kernel): Promise<void> {
    while (!this.#stopped) {
      this.#kicked = false;
      let wait = this.#idleMs;
      try {
        await this.drain(kernel);
        const { election } = this.options;
        const scope = election?.held(kernel.clock.now());
        // An elected sender looks for what other replicas wrote; a replica sending nothing waits for
        // the election's next heartbeat (the beat loop kicks it when it gains a platform).
        if (scope)
          wait = Math.min(wait, scope.length > 0 ? SENDER_POLL_MS : Math.max(MIN_WAIT_MS, election!.dueInMs()));
        const next = scope?.length === 0 ? null : await kernel.uow.run((tx) => tx.deliveries.nextDueAt(scope));
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
    this.#abortDrain();
    this.#sleep?.abort();
    this.#beatSleep?.abort();
    this.#wake?.();
    await this.#loop;
    await this.#beats;
    this.#loop = undefined;
    this.#beats = undefined;
    // Another replica takes over at once rather than after the lease.
    if (this.options.election && this.#kernel)
      await this.options.election.release(this.#kernel.uow).catch((e: unknown) => this.#failed(e));
  }
}
