// The service's health, three ways. GET /livez: the process answers (no database: a restart would
// not cure a database outage). GET /readyz: this replica should get traffic — the database answers
// through the pool, no migration is pending, the scheduler ticked within 3 minutes (when it is on),
// the oldest due notice has waited less than KEYPOST_READY_OUTBOX_AGE, and the service is not
// shutting down. GET /healthz: the older summary (database, migrations, last tick), kept as it was.
import type { Clock } from "../../ports/clock.ts";
import type { SettingsRepository } from "../../ports/settings.ts";
import { SETTING } from "../../ports/settings.ts";
import type { PrismaOpsQueries } from "../db/prisma-ops-queries.ts";
import type { ServiceMetrics } from "./metrics.ts";
import { sendJson, type Route } from "./server.ts";

/** The scheduler ticks every minute: three missed ticks mean it is stuck. */
export const TICK_STALE_MS = 180_000;

export interface HealthSources {
  readonly ops: PrismaOpsQueries;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly metrics: ServiceMetrics;
  /** Names of the migrations this build ships. */
  readonly migrations: readonly string[];
  readonly schedulerEnabled: boolean;
  /** The longest the oldest due notice may wait before the replica is not ready (ms). */
  readonly outboxMaxAgeMs: number;
  /** When this process started serving (a scheduler that has not ticked yet is given TICK_STALE_MS). */
  readonly startedAt: Date;
  /** True once SIGTERM came: the replica takes no new traffic. */
  readonly stopping: () => boolean;
}

export interface Readiness {
  ready: boolean;
  /** Why not (stable codes), empty when ready. */
  problems: string[];
  database: { ok: boolean; latencyMs: number | null };
  migrations: { pending: string[] };
  scheduler: { enabled: boolean; lastTick: string | null; ageSeconds: number | null };
  outbox: { oldestDueAgeSeconds: number };
}

export async function checkReadiness(s: HealthSources): Promise<Readiness> {
  const now = s.clock.now();
  const problems: string[] = [];
  if (s.stopping()) problems.push("SHUTTING_DOWN");
  const latency = await s.metrics.ping(s.ops);
  let pending: string[] = [];
  let lastTick: string | null = null;
  let oldestAge = 0;
  if (latency === undefined) problems.push("DATABASE_UNREACHABLE");
  else {
    try {
      const applied = new Set(await s.ops.appliedMigrations());
      pending = s.migrations.filter((m) => !applied.has(m));
      lastTick = (await s.settings.get(SETTING.lastTick)) ?? null;
      const { oldestDueAt } = await s.ops.outbox(now);
      oldestAge = oldestDueAt ? Math.max(0, now.getTime() - oldestDueAt.getTime()) : 0;
    } catch {
      problems.push("DATABASE_UNREACHABLE");
    }
  }
  if (pending.length > 0) problems.push("MIGRATIONS_PENDING");
  const tickAge = lastTick ? now.getTime() - new Date(lastTick).getTime() : null;
  if (s.schedulerEnabled && latency !== undefined) {
    const since = tickAge ?? now.getTime() - s.startedAt.getTime();
    if (since > TICK_STALE_MS) problems.push("SCHEDULER_STALLED");
  }
  if (oldestAge > s.outboxMaxAgeMs) problems.push("OUTBOX_BEHIND");
  return {
    ready: problems.length === 0,
    problems,
    database: { ok: latency !== undefined, latencyMs: latency === undefined ? null : Math.round(latency * 1e4) / 10 },
    migrations: { pending },
    scheduler: {
      enabled: s.schedulerEnabled,
      lastTick,
      ageSeconds: tickAge === null ? null : Math.round(tickAge / 1000),
    },
    outbox: { oldestDueAgeSeconds: Math.round(oldestAge / 1000) },
  };
}

export function healthRoutes(s: HealthSources): Route[] {
  return [
    {
      method: "GET",
      path: "/livez",
      handler: (_req, res) => sendJson(res, 200, { ok: true }),
    },
    {
      method: "GET",
      path: "/readyz",
      handler: async (_req, res) => {
        const readiness = await checkReadiness(s);
        sendJson(res, readiness.ready ? 200 : 503, readiness);
      },
    },
    {
      method: "GET",
      path: "/healthz",
      handler: async (_req, res) => {
        const r = await checkReadiness(s);
        const ok = r.database.ok && r.migrations.pending.length === 0;
        sendJson(res, ok ? 200 : 503, {
          ok,
          database: r.database.ok ? "ok" : "unreachable",
          migrations: r.migrations,
          scheduler: { enabled: r.scheduler.enabled, lastTick: r.scheduler.lastTick },
        });
      },
    },
  ];
}
