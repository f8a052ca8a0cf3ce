// npm run bench:fanout — 10 000 notices out of a real database (SQLite; PostgreSQL with
// KEYPOST_BENCH_ENGINE=postgres and KEYPOST_TEST_PG_URL) through the real dispatcher, to two fake
// platforms on loopback that enforce real-style rate limits and answer 429 + Retry-After when one is
// exceeded, and that inject some faults (spurious 429s, 503s, answers lost after storing, requests
// lost before storing). Prints elapsed time, the rate the limits allow for this recipient mix, the
// achieved rate, their ratio (goal ≥ 0.95), lost and duplicated notices as counted by the fakes,
// and the 429s seen. It asserts nothing.
//
// `--replicas N` (PostgreSQL: KEYPOST_TEST_PG_URL): N whole `keypost serve` processes on one database
// instead, against fakes of Slack's and Teams' real APIs that count each limit across every
// connection (bench/fanout-replicas.ts): the replicas together must keep to the limits as one process
// does (no tenant-wide 429) at ≥ 0.95, while each takes Slack and Teams presses and ticks.
//
// Slack-like: 1 message/s per channel and 90/s per workspace; 5 000 notices to 100 channels (50 each).
// Teams-like: 7/s and 60/30 s per conversation and 90/s per tenant; 5 000 notices to 20 busy
// conversations (100 each: the 60/30 s window binds) and 60 others (50 each).
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { same } from "../src/ports/card.ts";
import type { Kernel } from "../src/app/kernel/execute.ts";
import { Dispatcher } from "../src/app/delivery/dispatcher.ts";
import { openDatabase, type Database, type Provider } from "../src/infra/db/database.ts";
import { migrate } from "../src/infra/db/migrator.ts";
import { PrismaUnitOfWork } from "../src/infra/db/prisma-unit-of-work.ts";
import { createLogger } from "../src/infra/logger.ts";
import { LogNotifier } from "../src/infra/notifiers/log-notifier.ts";
import { systemClock } from "../src/ports/clock.ts";
import type { NoticePlatform } from "../src/ports/outbox.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { runWithServeReplicas } from "./fanout-replicas.ts";
import type { FakeFaults, FakeLimit, FakePlatform } from "../test/support/fake-platform.ts";
import { FakePlatformNotifier } from "../test/support/fake-platform-notifier.ts";
import { seedHeadOffice } from "../test/support/head-office.ts";

const FAULTS: FakeFaults = { rate429: 0.001, rate503: 0.001, rateDrop: 0.001, rateReset: 0.001 };

interface Profile {
  readonly platform: Exclude<NoticePlatform, "log">;
  readonly limits: readonly FakeLimit[];
  /** Notices per conversation. */
  readonly mix: readonly { conversations: number; each: number }[];
}

const PROFILES: readonly Profile[] = [
  {
    platform: "slack",
    limits: [
      { scope: "conversation", limit: 1, windowMs: 1000 },
      { scope: "tenant", limit: 90, windowMs: 1000 },
    ],
    mix: [{ conversations: 100, each: 50 }],
  },
  {
    platform: "teams",
    limits: [
      { scope: "conversation", limit: 7, windowMs: 1000 },
      { scope: "conversation", limit: 60, windowMs: 30_000 },
      { scope: "tenant", limit: 90, windowMs: 1000 },
    ],
    mix: [
      { conversations: 20, each: 100 },
      { conversations: 60, each: 50 },
    ],
  },
];

/** The shortest time `n` sends can take under `limit` per `windowMs`: full windows back to back. */
const floorMs = (n: number, limit: FakeLimit) => (Math.ceil(n / limit.limit) - 1) * limit.windowMs;

/** The least time the profile's limits allow for its mix (the largest of the per-key floors), and which binds. */
function allowedMs(profile: Profile): { ms: number; binding: string } {
  let best = { ms: 0, binding: "" };
  const total = profile.mix.reduce((sum, m) => sum + m.conversations * m.each, 0);
  for (const limit of profile.limits) {
    const ms =
      limit.scope === "tenant" ? floorMs(total, limit) : Math.max(...profile.mix.map((m) => floorMs(m.each, limit)));
    if (ms > best.ms)
      best = { ms, binding: `${profile.platform} ${limit.scope} ${limit.limit}/${limit.windowMs / 1000} s` };
  }
  return best;
}

async function seed(db: Database, kernel: Kernel): Promise<{ keys: Map<string, NoticePlatform> }> {
  const p = db.prisma;
  await seedHeadOffice(db);
  const recipients: { id: string; platform: NoticePlatform; each: number }[] = [];
  let n = 0;
  for (const profile of PROFILES) {
    for (const m of profile.mix) {
      for (let c = 0; c < m.conversations; c += 1) {
        n += 1;
        const id = randomUUID();
        await p.employee.create({ data: { id, code: `E${n}`, name: `员工${n}`, unitId: "U0" } });
        await p.chatIdentity.create({
          data: {
            id: randomUUID(),
            employeeId: id,
            platform: profile.platform,
            externalId: `${profile.platform.toUpperCase()}${n}`,
            tenantId: "TENANT1",
          },
        });
        recipients.push({ id, platform: profile.platform, each: m.each });
      }
    }
  }
  const keys = new Map<string, NoticePlatform>();
  const all: { recipientId: string; platform: NoticePlatform; i: number }[] = [];
  for (const r of recipients)
    for (let i = 0; i < r.each; i += 1) all.push({ recipientId: r.id, platform: r.platform, i });
  for (let start = 0; start < all.length; start += 1000) {
    await kernel.uow.run(async (tx) => {
      for (const { recipientId, platform, i } of all.slice(start, start + 1000)) {
        const dedupeKey = `bench:${recipientId}:${i}`;
        const card = {
          title: { "zh-CN": `通知 ${i}`, en: `Notice ${i}` },
          fields: [{ label: same("#"), value: same(String(i)) }],
          actions: [],
        };
        await tx.outbox.enqueue(
          { dedupeKey, recipientId, kind: "bench", subjectType: "bench", subjectId: String(i), card },
          [platform],
        );
        keys.set(`${dedupeKey}@${platform}`, platform);
      }
    });
  }
  return { keys };
}

/**
 * CPU seconds (user + system) of this process's main thread — the dispatcher's — without the fake
 * platforms' worker, V8's helper threads or libuv's pool (Linux: /proc; elsewhere the whole process).
 */
function mainThreadCpuS(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
}

interface Report {
  readonly lost: number;
  readonly duplicated: number;
  readonly arrivals: Record<string, number[]>;
  readonly stats: Record<string, FakePlatform["stats"]>;
}

const replicasArg = process.argv.indexOf("--replicas");
const REPLICAS = replicasArg > 0 ? Number(process.argv[replicasArg + 1]) : 0;

async function main(): Promise<void> {
  if (REPLICAS > 0) return runWithServeReplicas(REPLICAS);
  const engine: Provider = process.env.KEYPOST_BENCH_ENGINE === "postgres" ? "postgres" : "sqlite";
  const { url, remove } = await emptyDatabaseUrl(engine);
  await migrate(url);
  const db = openDatabase(url);
  const kernel: Kernel = { uow: new PrismaUnitOfWork(db), clock: systemClock, orgLocale: "zh-CN", cards: {} };
  const worker = new Worker(new URL("./fanout-platforms.worker.mjs", import.meta.url), {
    workerData: { profiles: PROFILES.map((p) => ({ platform: p.platform, limits: p.limits })), faults: FAULTS },
  });
  const load = () => loadavg()[0]?.toFixed(1) ?? "?";
  try {
    const [ready] = (await once(worker, "message")) as [{ urls: Record<string, string> }];
    const { keys } = await seed(db, kernel);
    const notifiers = {
      byPlatform: new Map<NoticePlatform, FakePlatformNotifier>(),
      fallback: new LogNotifier(createLogger("silent")),
    };
    for (const profile of PROFILES) {
      notifiers.byPlatform.set(
        profile.platform,
        new FakePlatformNotifier({
          platform: profile.platform,
          url: ready.urls[profile.platform] ?? "",
          limits: profile.limits,
        }),
      );
    }
    const allowed = PROFILES.map(allowedMs).reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(
      `fan-out: ${keys.size} notices on ${engine}; limits allow ${(keys.size / (allowed.ms / 1000)).toFixed(1)}/s (${(allowed.ms / 1000).toFixed(1)} s, bound by ${allowed.binding})`,
    );

    const guardMs = process.env.KEYPOST_BENCH_GUARD_MS ? Number(process.env.KEYPOST_BENCH_GUARD_MS) : undefined;
    const dispatcher = new Dispatcher(notifiers, {
      onError: (e) => console.error("drain failed:", e),
      ...(guardMs === undefined ? {} : { guardMs }),
    });
    const loadBefore = load();
    const cpuBefore = mainThreadCpuS();
    const started = performance.now();
    const startedAt = Date.now();
    dispatcher.start(kernel);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const open = await db.prisma.notice.count({ where: { status: { in: ["pending", "sending"] } } });
      const unresolved = await db.prisma.notice.count({
        where: { status: "unknown", nextAttemptAt: { lt: new Date("9999-01-01") } },
      });
      if (open + unresolved === 0) break;
      if (performance.now() - started > 600_000) {
        console.log(`stopped after 10 minutes with ${open} open and ${unresolved} unknown`);
        break;
      }
    }
    await dispatcher.stop();
    const cpuS = mainThreadCpuS() - cpuBefore;
    const last = await db.prisma.notice.aggregate({ _max: { sentAt: true } });
    const lastByPlatform = await db.prisma.notice.groupBy({ by: ["platform"], _max: { sentAt: true } });
    const elapsedMs = (last._max.sentAt?.getTime() ?? Date.now()) - startedAt;
    const wall = performance.now() - started;

    const byPlatform: Record<string, string[]> = {};
    for (const [key, platform] of keys) (byPlatform[platform] ??= []).push(key);
    const bucketMs = Number(process.env.KEYPOST_BENCH_TIMELINE) > 1 ? Number(process.env.KEYPOST_BENCH_TIMELINE) : 5000;
    worker.postMessage({ kind: "report", keys: byPlatform, since: startedAt, bucketMs });
    const [report] = (await once(worker, "message")) as [Report];
    if (process.env.KEYPOST_BENCH_TIMELINE) {
      // Sends per bucket (5 s, or KEYPOST_BENCH_TIMELINE ms) per platform, as the platforms stored them
      // and as the dispatcher recorded them: a steady shortfall is pacing or CPU, a long tail is ordering.
      for (const [platform, counts] of Object.entries(report.arrivals))
        console.log(`${platform} stored per ${bucketMs / 1000} s: ${counts.join(" ")}`);
      const rows = await db.prisma.notice.findMany({
        where: { sentAt: { not: null } },
        select: { platform: true, sentAt: true },
      });
      const buckets = new Map<string, number[]>();
      for (const r of rows) {
        const b = Math.floor(((r.sentAt?.getTime() ?? startedAt) - startedAt) / bucketMs);
        const counts = buckets.get(r.platform) ?? [];
        counts[b] = (counts[b] ?? 0) + 1;
        buckets.set(r.platform, counts);
      }
      for (const [platform, counts] of buckets)
        console.log(`${platform} recorded per ${bucketMs / 1000} s: ${Array.from(counts, (c) => c ?? 0).join(" ")}`);
    }
    const statuses = await db.prisma.notice.groupBy({ by: ["status"], _count: true });
    const achieved = keys.size / (elapsedMs / 1000);
    const allowedRate = keys.size / (allowed.ms / 1000);
    const finished = lastByPlatform
      .map((r) => `${r.platform} ${(((r._max.sentAt?.getTime() ?? startedAt) - startedAt) / 1000).toFixed(1)} s`)
      .join(", ");
    console.log(
      `elapsed ${(elapsedMs / 1000).toFixed(1)} s (start to the last recorded send: ${finished}; wall ${(wall / 1000).toFixed(1)} s); load average ${loadBefore} → ${load()} on ${cpus().length} cores`,
    );
    console.log(
      `dispatcher CPU (main thread) ${cpuS.toFixed(1)} s = ${((cpuS * 1000) / keys.size).toFixed(2)} ms per notice (the figure that does not depend on load; the rate needs < ${(1000 / allowedRate).toFixed(1)} ms)`,
    );
    console.log(
      `allowed ${allowedRate.toFixed(1)}/s, achieved ${achieved.toFixed(1)}/s, ratio ${(achieved / allowedRate).toFixed(3)} (goal ≥ 0.95)`,
    );
    console.log(
      `lost ${report.lost}, duplicated ${report.duplicated}; rows: ${statuses.map((s) => `${s.status} ${s._count}`).join(", ")}`,
    );
    for (const [platform, s] of Object.entries(report.stats)) {
      console.log(
        `${platform}: ${s.stored} stored, 429s provoked by the limits ${s.limited429} (tenant-wide ${s.limitedTenant429}), injected 429s ${s.injected429}, 503s ${s.injected503}, answers lost ${s.dropped}, requests lost ${s.reset}, lookups ${s.lookups}`,
      );
    }
  } finally {
    worker.postMessage({ kind: "stop" });
    await once(worker, "exit");
    await db.close();
    await remove();
  }
}

await main();
