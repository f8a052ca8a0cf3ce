// npm run bench:dashboard — every dashboard page's server time on the 100 000-employee register
// (bench/dashboard-bank.ts: ~19 000 key posts with holders, 1 901 leaves, a third sealed and
// ahead, audits and rectification items), through the running service: real HTTP on loopback
// with a session cookie, for a bank-wide compliance officer, a branch compliance officer and a
// sub-branch manager. Printed against a baseline measured in the same run (GET /healthz, which
// reads the database too). Goal (issue 20): every page ≤ 1 s. It prints; it asserts nothing.
// SQLite always; PostgreSQL too when KEYPOST_TEST_PG_URL is set. KEYPOST_BENCH_DB=file:… keeps
// (and reuses) the SQLite bank in that file instead of building a fresh one.
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { issueSignInLink, redeemSignInLink } from "../src/app/dashboard/sign-in-link.ts";
import { loadConfig } from "../src/infra/config.ts";
import { silentLogger } from "../src/infra/logger.ts";
import { startService } from "../src/main.ts";
import { FixedClock } from "../src/infra/fixed-clock.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { seedDashboardBank } from "./dashboard-bank.ts";
import { EMPLOYEES } from "./register-generator.ts";

const NOW = "2026-11-25T10:00:00+08:00";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// {post} and {audit}: a post with an audit of a leave that has started, and that audit (record pages).
const PAGES = (
  process.env.BENCH_PAGES ??
  "/app,/app/warnings,/app/trend,/app/unit?code=B01-1-01,/app/unit?code=B01,/app?csv=units,/app/post?code={post},/app/audit?id={audit}"
).split(",");

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

async function bank(engine: "sqlite" | "postgres"): Promise<{ url: string; remove: () => Promise<void> }> {
  const kept = process.env.KEYPOST_BENCH_DB;
  if (engine === "sqlite" && kept) {
    if (!existsSync(kept.replace(/^file:/, ""))) await seedDashboardBank(kept);
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
      const viewers = [
        await viewerOf({ role: "compliance", unit: { code: "HO" } }, "compliance, whole bank"),
        await viewerOf({ role: "compliance", unit: { code: "B01" } }, "compliance, branch"),
        await viewerOf({ role: "manager", unit: { code: "B01-1-01" } }, "manager, sub-branch"),
      ];
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
      const pathOf = (page: string) => page.replace("{post}", post.code).replace("{audit}", audit.id);
      for (const viewer of viewers) {
        const link = await issueSignInLink(service.kernel, { personId: viewer.personId, platform: "console" });
        const session = await redeemSignInLink(service.kernel, link.token);
        if (!session.ok) throw new Error("no session");
        const cookie = `keypost_session=${session.sessionToken}`;
        const time = async (path: string) => {
          const t = performance.now();
          const response = await fetch(`${service.url}${path}`, { headers: { cookie } });
          const body = await response.text();
          const took = performance.now() - t;
          if (response.status !== 200 && !(/unit|post|audit/.test(path) && response.status === 404))
            throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
          return { took, bytes: body.length };
        };
        console.log(`${engine}, ${viewer.label}:`);
        const base: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await fetch(`${service.url}/healthz`).then((r) => r.text());
          base.push(performance.now() - t);
        }
        base.sort((a, b) => a - b);
        console.log(`  ${"baseline GET /healthz".padEnd(28)} median ${ms(base[Math.floor(RUNS / 2)]!)}`);
        for (const path of PAGES.map(pathOf)) {
          const runs: number[] = [];
          let bytes = 0;
          for (let i = 0; i < RUNS; i++) {
            const r = await time(path);
            runs.push(r.took);
            bytes = r.bytes;
          }
          runs.sort((a, b) => a - b);
          const median = runs[Math.floor(RUNS / 2)]!;
          console.log(
            `  ${path.padEnd(28)} median ${ms(median)}  max ${ms(runs.at(-1)!)}  ${(bytes / 1024).toFixed(0).padStart(5)} KB  ${median <= 1000 ? "≤ 1 s" : "OVER 1 s"}`,
          );
        }
      }
    } finally {
      await service.close();
    }
  } finally {
    await remove();
  }
}

console.log(`dashboard bench: ${EMPLOYEES.toLocaleString("en")} employees, as of ${NOW}, ${RUNS} runs per page`);
await benchEngine("sqlite");
if (process.env.KEYPOST_TEST_PG_URL) await benchEngine("postgres");
else console.log("postgres skipped: set KEYPOST_TEST_PG_URL");
