// GET /metrics in Prometheus' text format (prom-client), one registry per service. Counters are
// fed as work happens (presses through the kernel's probe, notices from each dispatcher drain);
// gauges are read from the database at scrape time, through the pool (prisma-ops-queries.ts).
// Every metric and an alert for each that matters: docs/operations.md#metrics-and-alerts.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Clock } from "../../ports/clock.ts";
import type { PressProbe } from "../../ports/probe.ts";
import type { SettingsRepository } from "../../ports/settings.ts";
import { SETTING } from "../../ports/settings.ts";
import type { PrismaOpsQueries } from "../db/prisma-ops-queries.ts";
import type { Route } from "./server.ts";

/** The dispatcher's drain report, as far as metrics read it. */
export interface DrainFigures {
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
  readonly unknown: number;
  readonly reconciled: number;
  readonly updated: number;
  readonly escalated: number;
}

const NOTICE_OUTCOMES = ["sent", "retried", "failed", "unknown", "reconciled", "updated", "escalated"] as const;
const NOTICE_STATUSES = ["pending", "sending", "sent", "failed", "unknown", "superseded"] as const;

export interface MetricsSources {
  readonly ops: PrismaOpsQueries;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  /** Grants the dispatcher's rate limiter refused so far (it only counts up). */
  readonly rateLimitWaits: () => number;
}

export class ServiceMetrics implements PressProbe {
  readonly registry = new Registry();
  readonly #presses: Counter<"platform" | "outcome">;
  readonly #pressSeconds: Histogram<"platform">;
  readonly #notices: Counter<"outcome">;
  readonly #dbSeconds: Histogram;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "keypost_" });
    this.#presses = new Counter({
      name: "keypost_presses_total",
      help: "Button presses acted on, by platform and outcome (ok, a refusal code, or error)",
      labelNames: ["platform", "outcome"],
      registers,
    });
    this.#pressSeconds = new Histogram({
      name: "keypost_press_duration_seconds",
      help: "Time to act on one press (its transaction and the card it returns)",
      labelNames: ["platform"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.#notices = new Counter({
      name: "keypost_notices_total",
      help: "Notice delivery outcomes: sent, retried, failed, unknown (timed out), reconciled, updated, escalated",
      labelNames: ["outcome"],
      registers,
    });
    this.#dbSeconds = new Histogram({
      name: "keypost_db_ping_duration_seconds",
      help: "Round trip of SELECT 1 through the pool, measured at each scrape and readiness check",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers,
    });
    for (const outcome of NOTICE_OUTCOMES) this.#notices.inc({ outcome }, 0);
    const { ops, settings, clock } = sources;
    const ping = () => this.ping(ops);
    new Gauge({
      name: "keypost_db_up",
      help: "1 when the database answered the scrape's ping",
      registers,
      async collect() {
        this.set((await ping()) === undefined ? 0 : 1);
      },
    });
    new Gauge({
      name: "keypost_inbox_depth",
      help: "Requests accepted from a platform and not acted on yet",
      labelNames: ["platform"],
      registers,
      async collect() {
        const depth = await ops.inboxDepth().catch(() => ({}) as Record<string, number>);
        for (const platform of ["slack", "teams"]) this.set({ platform }, depth[platform] ?? 0);
      },
    });
    new Gauge({
      name: "keypost_notices_queued",
      help: "Notices in the outbox by status (pending and sending are still to be delivered)",
      labelNames: ["status"],
      registers,
      async collect() {
        const { byStatus } = await ops.outbox(clock.now()).catch(() => ({ byStatus: {} as Record<string, number> }));
        for (const status of NOTICE_STATUSES) this.set({ status }, byStatus[status] ?? 0);
      },
    });
    new Gauge({
      name: "keypost_outbox_oldest_due_age_seconds",
      help: "How long the notice that has waited longest has been due (0 when none is due)",
      registers,
      async collect() {
        const { oldestDueAt } = await ops.outbox(clock.now()).catch(() => ({ oldestDueAt: null }));
        this.set(oldestDueAt ? Math.max(0, (clock.now().getTime() - oldestDueAt.getTime()) / 1000) : 0);
      },
    });
    new Gauge({
      name: "keypost_scheduler_last_tick_age_seconds",
      help: "Seconds since the scheduler last ticked (any replica; -1 when it never has)",
      registers,
      async collect() {
        const last = await settings.get(SETTING.lastTick).catch(() => undefined);
        this.set(last ? (clock.now().getTime() - new Date(last).getTime()) / 1000 : -1);
      },
    });
    let counted = 0;
    new Counter({
      name: "keypost_rate_limit_waits_total",
      help: "Sends the dispatcher held back because a platform rate limit said wait",
      registers,
      collect() {
        const now = sources.rateLimitWaits();
        this.inc(Math.max(0, now - counted));
        counted = now;
      },
    });
  }

  /** Times one ping (recorded in the latency histogram); undefined when the database did not answer. */
  async ping(ops: PrismaOpsQueries): Promise<number | undefined> {
    try {
      const seconds = await ops.ping();
      this.#dbSeconds.observe(seconds);
      return seconds;
    } catch {
      return undefined;
    }
  }

  pressed(platform: string, outcome: string, seconds: number): void {
    this.#presses.inc({ platform, outcome });
    this.#pressSeconds.observe({ platform }, seconds);
  }

  drained(report: DrainFigures): void {
    for (const outcome of NOTICE_OUTCOMES) if (report[outcome] > 0) this.#notices.inc({ outcome }, report[outcome]);
  }

  route(): Route {
    return {
      method: "GET",
      path: "/metrics",
      handler: async (_req, res) => {
        const text = await this.registry.metrics();
        res.writeHead(200, { "content-type": this.registry.contentType, "content-length": Buffer.byteLength(text) });
        res.end(text);
      },
    };
  }
}
