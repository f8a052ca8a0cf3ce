// npm run bench:dashboard — every dashboard page's server time on the 100 000-employee register
// (bench/dashboard-bank.ts: ~19 000 key posts with holders, 1 901 leaves, a third sealed and
// ahead, audits and rectification items), through the running service: real HTTP on loopback
// with a session cookie, for a bank-wide compliance officer, a branch compliance officer and a
// sub-branch manager. Each page: p50 and p99 of its wall time, the service process's CPU time per
// request (steadier than wall time on a shared machine; on PostgreSQL the server's own CPU is not
// in it), and the p50 as a ratio to two baselines measured in the same run — `SELECT count(*)` over
// the employees through the service's client, and GET /healthz (HTTP, session-free, one read).
// Goal (issue 20): every page ≤ 1 s server time. It prints; it asserts nothing.
// SQLite always; PostgreSQL too when KEYPOST_TEST_PG_URL is set. KEYPOST_BENCH_DB=file:… keeps
// (and reuses) the SQLite bank in that file, KEYPOST_BENCH_PG_DB=postgresql://…/<name> the
// PostgreSQL one (the database is created and filled when it does not exist yet).
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { issueSignInLink, redeemSignInLink } from "../src/app/dashboard/sign-in-link.ts";
import { loadConfig } from "../src/infra/config.ts";
import { silentLogger } from "../src/infra/logger.ts";
import { startService } from "../src/main.ts";
import { FixedClock } from "../src/infra/fixed-clock.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { seedDashboardBank } from "./dashboard-bank.ts";
import { keptDatabase } from "./kept-database.ts";
import { percentile } from "./latency-summary.ts";
import { cpuBetween, postmasterOf, serverCpu } from "./server-cpu.ts";
import { EMPLOYEES } from "./register-generator.ts";

const NOW = "2026-11-25T10:00:00+08:00";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// {post} and {audit}: a post with an audit of a leave that has started, and that audit (record pages).
const PAGES = (
  process.env.BENCH_PAGES ??
  "/app,/app/warnings,/app/trend,/app/unit?code=B01-1-01,/app/unit?code=B01,/app/unit?code=HO,/app?csv=units,/app/post?code={post},/app/audit?id={audit}"
).split(",");

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

async function bank(engine: "sqlite" | "postgres"): Promise<{ url: string; remove: () => Promise<void> }> {
  const variable = engine === "sqlite" ? "KEYPOST_BENCH_DB" : "KEYPOST_BENCH_PG_DB";
  const kept = process.env[variable];
  if (kept) {
    if ((await keptDatabase(kept, variable)).isNew) await seedDashboardBank(kept);
    return { url: kept, remove: async () => undefined };
  }
  const fresh = await emptyDatabaseUrl(engine);
  const loading = performance.now();
  const leaves = await seedDashboardBank(fresh.url);
  console.log(`${engine}: bank written, ${leaves} leaves (${((performance.now() - loading) / 1000).toFixed(1)} s)`);
  return fresh;
}

async function benchEngine(engine: "sqlite" | "postgres"): Promise<void> {
  const { url, remove } = await bank(engine);
  try {
    const service = await startService(
      loadConfig({ PORT: "0", DATABASE_URL: url, KEYPOST_SCHEDULER: "off", LOG_LEVEL: "silent" }),
      { clock: new FixedClock(NOW), log: silentLogger },
    );
    try {
      const viewerOf = async (where: object, label: string) => {
        const grant = await service.db.prisma.roleGrant.findFirstOrThrow({
          where,
          select: { employeeId: true, unit: { select: { code: true } } },
          orderBy: { id: "asc" },
        });
        return { label: `${label} (${grant.unit.code})`, personId: grant.employeeId };
      };
      // BENCH_VIEWERS=1 (whole bank), 2 (branch), 3 (sub-branch), comma-separated: only those.
      const asked = (process.env.BENCH_VIEWERS ?? "1,2,3").split(",").map(Number);
      const viewers = [
        await viewerOf({ role: "compliance", unit: { code: "HO" } }, "compliance, whole bank"),
        await viewerOf({ role: "compliance", unit: { code: "B01" } }, "compliance, branch"),
        await viewerOf({ role: "manager", unit: { code: "B01-1-01" } }, "manager, sub-branch"),
      ].filter((_, i) => asked.includes(i + 1));
      const p = service.db.prisma;
      // A leave under way or closed in branch B01 (the generated activity is random; a sub-branch may have none).
      const branch = await p.orgUnit.findMany({ where: { path: { startsWith: "/HO/B01/" } }, select: { id: true } });
      const done = await p.leave.findMany({
        where: { unitId: { in: branch.map((u) => u.id) }, status: { in: ["audit", "closed"] } },
        select: { id: true },
      });
      const audit = await p.audit.findFirstOrThrow({
        where: { leaveId: { in: done.map((l) => l.id) } },
        select: { id: true, postId: true },
        orderBy: { id: "asc" },
      });
      const post = await p.keyPost.findUniqueOrThrow({ where: { id: audit.postId }, select: { code: true } });
      const postmaster = engine === "postgres" ? await postmasterOf(service.db.prisma) : undefined;
      const pathOf = (page: string) => page.replace("{post}", post.code).replace("{audit}", audit.id);
      for (const viewer of viewers) {
        const link = await issueSignInLink(service.kernel, { personId: viewer.personId, platform: "console" });
        const session = await redeemSignInLink(service.kernel, link.token);
        if (!session.ok) throw new Error("no session");
        const cookie = `keypost_session=${session.sessionToken}`;
        // One request: wall time, and the CPU time this process (the service and the client) spent on it.
        const time = async (path: string, headers: Record<string, string> = { cookie }) => {
          const db0 = serverCpu(postmaster);
          const cpu = process.cpuUsage();
          const t = performance.now();
          const response = await fetch(`${service.url}${path}`, { headers });
          const body = await response.text();
          const took = performance.now() - t;
          const used = process.cpuUsage(cpu);
          if (response.status !== 200 && !(/unit|post|audit/.test(path) && response.status === 404))
            throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
          const db1 = serverCpu(postmaster);
          const dbCpu = cpuBetween(db0, db1);
          return { took, cpu: (used.user + used.system) / 1000, dbCpu, bytes: body.length };
        };
        const measure = async (
          run: () => Promise<{ took: number; cpu: number; dbCpu: number | undefined; bytes: number }>,
        ) => {
          await run(); // warm: the first request after another page pays for caches and the JIT
          const took: number[] = [];
          const cpu: number[] = [];
          const dbCpu: number[] = [];
          let bytes = 0;
          for (let i = 0; i < RUNS; i++) {
            const r = await run();
            took.push(r.took);
            cpu.push(r.cpu);
            if (r.dbCpu !== undefined) dbCpu.push(r.dbCpu);
            bytes = r.bytes;
          }
          for (const xs of [took, cpu, dbCpu]) xs.sort((a, b) => a - b);
          const db = dbCpu.length > 0 ? percentile(dbCpu, 50) : undefined;
          return { p50: percentile(took, 50), p99: percentile(took, 99), cpu: percentile(cpu, 50), db, bytes };
        };
        const countEmployees = async () => {
          const db0 = serverCpu(postmaster);
          const cpu = process.cpuUsage();
          const t = performance.now();
          await service.db.prisma.employee.count();
          const used = process.cpuUsage(cpu);
          const db1 = serverCpu(postmaster);
          const dbCpu = cpuBetween(db0, db1);
          return { took: performance.now() - t, cpu: (used.user + used.system) / 1000, dbCpu, bytes: 0 };
        };
        console.log(
          `${engine}, ${viewer.label}: load ${loadavg()[0]!.toFixed(1)}` +
            (postmaster !== undefined ? " (cpu: this process + db: the PostgreSQL server's processes)" : ""),
        );
        const count = await measure(countEmployees);
        const health = await measure(() => time("/healthz", {}));
        const line = (label: string, m: Awaited<ReturnType<typeof measure>>, verdict = "") =>
          console.log(
            `  ${label.padEnd(30)} p50 ${ms(m.p50)}  p99 ${ms(m.p99)}  cpu ${ms(m.cpu)}` +
              (m.db !== undefined ? ` + db ${ms(m.db)}  ` : "  ") +
              `×count ${(m.p50 / count.p50).toFixed(1).padStart(6)}  ×healthz ${(m.p50 / health.p50).toFixed(1).padStart(5)}` +
              `  ${(m.bytes / 1024).toFixed(0).padStart(5)} KB${verdict}`,
          );
        line("baseline SELECT count(*)", count);
        line("baseline GET /healthz", health);
        for (const path of PAGES.map(pathOf)) {
          const m = await measure(() => time(path));
          line(path, m, m.p99 <= 1000 ? "  ≤ 1 s" : m.p50 <= 1000 ? "  p50 ≤ 1 s" : "  OVER 1 s");
        }
      }
    } finally {
      await service.close();
    }
  } finally {
    await remove();
  }
}

console.log(
  `dashboard bench: ${EMPLOYEES.toLocaleString("en")} employees, as of ${NOW}, ${RUNS} runs per page after one warm-up; ` +
    `load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
);
// BENCH_ENGINES=sqlite or postgres: only that one.
const engines = (process.env.BENCH_ENGINES ?? "sqlite,postgres").split(",");
if (engines.includes("sqlite")) await benchEngine("sqlite");
if (!engines.includes("postgres")) console.log("postgres not asked for (BENCH_ENGINES)");
else if (process.env.KEYPOST_TEST_PG_URL) await benchEngine("postgres");
else console.log("postgres skipped: set KEYPOST_TEST_PG_URL");
