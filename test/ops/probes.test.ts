// /livez, /readyz, /healthz and /metrics over real HTTP on the running service, on SQLite and
// PostgreSQL: readiness follows the database, pending migrations, a stalled scheduler and a
// late outbox; on PostgreSQL probes reuse the pool (no connection opened per probe); /metrics is
// Prometheus text with every documented series, and a press shows in it.
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/infra/config.ts";
import { silentLogger } from "../../src/infra/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { seedSmallBank } from "../support/small-bank.ts";
import { slackWorld, type SlackWorld } from "../adapters/slack/slack-harness.ts";

const AT = "2026-03-02T02:00:00Z";

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

describe.each(ENGINES)("health and metrics on %s", (engine) => {
  let db: TestDatabase | undefined;
  let service: Service | undefined;
  let world: SlackWorld | undefined;
  afterEach(async () => {
    await service?.close();
    await db?.drop();
    await world?.close();
    service = db = world = undefined;
  });

  const start = async (env: Record<string, string>, clock: FixedClock) => {
    db = await testDatabase(engine);
    await seedSmallBank(db);
    service = await startService(loadConfig({ PORT: "0", DATABASE_URL: db.url, LOG_LEVEL: "silent", ...env }), {
      clock,
      log: silentLogger,
      dispatchAfterChange: false,
    });
    return service;
  };

  it(
    "readiness follows the scheduler, the outbox and the migrations; liveness does not",
    { timeout: 60_000 },
    async () => {
      const clock = new FixedClock(AT);
      const { url } = await start({ KEYPOST_SCHEDULER: "on", KEYPOST_READY_OUTBOX_AGE: "300" }, clock);
      // The scheduler ticks once at start.
      for (let i = 0; i < 100 && !(await db!.prisma.setting.findFirst({ where: { key: "scheduler.lastTick" } })); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await get(`${url}/livez`)).toEqual({ status: 200, body: '{"ok":true}' });
      const ready = await get(`${url}/readyz`);
      expect(ready.status, ready.body).toBe(200);
      expect(JSON.parse(ready.body)).toMatchObject({ ready: true, problems: [], database: { ok: true } });

      // Three minutes and more without a tick: not ready, still alive.
      clock.set("2026-03-02T02:03:30Z");
      const stalled = await get(`${url}/readyz`);
      expect(stalled.status).toBe(503);
      expect(JSON.parse(stalled.body)).toMatchObject({ ready: false, problems: ["SCHEDULER_STALLED"] });
      expect((await get(`${url}/livez`)).status).toBe(200);
      expect((await get(`${url}/healthz`)).status).toBe(200);

      // A migration recorded as not applied: not ready, and /healthz says so too.
      await db!.prisma.$executeRawUnsafe(`DELETE FROM "_migrations" WHERE name = '0004_inbound_requests'`);
      const pending = JSON.parse((await get(`${url}/readyz`)).body) as { problems: string[]; migrations: unknown };
      expect(pending.problems).toContain("MIGRATIONS_PENDING");
      expect(pending.migrations).toEqual({ pending: ["0004_inbound_requests"] });
      expect((await get(`${url}/healthz`)).status).toBe(503);
    },
  );

  it("a notice due for longer than the threshold makes the replica not ready", { timeout: 60_000 }, async () => {
    const clock = new FixedClock(AT);
    const { url } = await start({ KEYPOST_SCHEDULER: "off", KEYPOST_READY_OUTBOX_AGE: "300" }, clock);
    const person = await db!.prisma.employee.findFirstOrThrow();
    const notice = (id: string, minutesAgo: number, visibleFrom?: Date) => ({
      id,
      dedupeKey: id,
      recipientId: person.id,
      platform: "log",
      kind: "test",
      subjectType: "test",
      subjectId: id,
      card: "{}",
      nextAttemptAt: new Date(clock.now().getTime() - minutesAgo * 60_000),
      visibleFrom: visibleFrom ?? null,
    });
    // Due a minute ago, and a sealed one written a week ago that became visible a minute ago.
    await db!.prisma.notice.create({ data: notice("n-fresh", 1) });
    await db!.prisma.notice.create({
      data: notice("n-sealed", 7 * 24 * 60, new Date(clock.now().getTime() - 60_000)),
    });
    const fresh = JSON.parse((await get(`${url}/readyz`)).body) as { ready: boolean; outbox: unknown };
    expect(fresh).toMatchObject({ ready: true, outbox: { oldestDueAgeSeconds: 60 } });
    await db!.prisma.notice.create({ data: notice("n-late", 6) });
    const late = await get(`${url}/readyz`);
    expect(late.status).toBe(503);
    expect(JSON.parse(late.body)).toMatchObject({ problems: ["OUTBOX_BEHIND"], outbox: { oldestDueAgeSeconds: 360 } });
    const metrics = (await get(`${url}/metrics`)).body;
    expect(metrics).toContain("keypost_outbox_oldest_due_age_seconds 360");
    expect(metrics).toContain('keypost_notices_queued{status="pending"} 3');
  });

  it("exposes every series in Prometheus text; a press is counted", { timeout: 60_000 }, async () => {
    world = await slackWorld(engine, AT);
    const pressed = await world.press("hr", "kp.press.1", "no-such-token");
    expect(pressed.status).toBe(200);
    const res = await fetch(`${world.service.url}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const series of [
      "keypost_presses_total",
      "keypost_press_duration_seconds_bucket",
      "keypost_inbox_depth",
      "keypost_notices_total",
      "keypost_notices_queued",
      "keypost_outbox_oldest_due_age_seconds",
      "keypost_rate_limit_waits_total",
      "keypost_scheduler_last_tick_age_seconds",
      "keypost_db_ping_duration_seconds_bucket",
      "keypost_db_up",
      "keypost_process_resident_memory_bytes",
    ])
      expect(text, series).toContain(`${series}`);
    expect(text).toContain('keypost_presses_total{platform="slack",outcome="UNKNOWN_ACTION"} 1');
    expect(text).toContain('keypost_press_duration_seconds_count{platform="slack"} 1');
    expect(text).toContain("keypost_db_up 1");
    expect(text).toContain('keypost_inbox_depth{platform="slack"} 0');
  });
});

describe("health probes on PostgreSQL", () => {
  let db: TestDatabase | undefined;
  let service: Service | undefined;
  afterEach(async () => {
    await service?.close();
    await db?.drop();
    service = db = undefined;
  });
  const start = async (env: Record<string, string>, clock: FixedClock) => {
    db = await testDatabase("postgres");
    service = await startService(loadConfig({ PORT: "0", DATABASE_URL: db.url, LOG_LEVEL: "silent", ...env }), {
      clock,
      log: silentLogger,
      dispatchAfterChange: false,
    });
    return service;
  };

  it("probes reuse the pool: no connection per probe", { timeout: 60_000 }, async () => {
    const { url } = await start({ KEYPOST_SCHEDULER: "off" }, new FixedClock(AT));
    const watcher = new pg.Client({ connectionString: db!.url });
    await watcher.connect();
    // Sessions ever opened on this database (counted by the server when each one ends).
    const sessions = async () => {
      await watcher.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await watcher.query<{ n: string }>(
        "SELECT sessions AS n FROM pg_stat_database WHERE datname = current_database()",
      );
      return Number(rows[0]!.n);
    };
    const settle = async (until: (n: number) => boolean) => {
      let n = await sessions();
      for (let i = 0; i < 40 && !until(n); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        n = await sessions();
      }
      return n;
    };
    try {
      // A first round warms the pool up (a scrape's gauges read side by side).
      await get(`${url}/readyz`);
      await get(`${url}/metrics`);
      const before = await sessions();
      // The control: one connection opened and closed is counted.
      const other = new pg.Client({ connectionString: db!.url });
      await other.connect();
      await other.end();
      const counted = await settle((n) => n > before);
      expect(counted).toBe(before + 1);
      for (let i = 0; i < 20; i++) {
        expect((await get(`${url}/readyz`)).status).toBe(200);
        await get(`${url}/healthz`);
        await get(`${url}/metrics`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await sessions()).toBe(counted);
    } finally {
      await watcher.end();
    }
  });
});
