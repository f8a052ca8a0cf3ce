// npm run bench:import [-- --sizes 100000,400000] — generates a register of 100 000 and then
// 400 000 employees (units, employees with roles and chat identities, key posts, assignments) into
// temporary CSV files, imports each into a fresh SQLite database (and into PostgreSQL when
// KEYPOST_TEST_PG_URL names a server), imports it a second time (nothing changes), and prints rows/s
// and memory. After the imports, the same process inserts as many plain rows straight through the
// driver into a table with a unique index (the engine's ceiling on this machine, now): the import's
// rate is printed as a ratio of it, which a busy machine distorts far less than the rate itself.
// It prints figures; it asserts nothing. Goals (issue 13): ≥ 100 000 rows/s on SQLite (0.21× the
// ~476 000 rows/s ceiling measured idle), ≥ 50 000 on PostgreSQL, peak RSS ≤ 250 MB at 400 000.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { importRegister, type ImportOutcome } from "../src/app/register/import-register.ts";
import { openDatabase } from "../src/infra/db/database.ts";
import { migrate } from "../src/infra/db/migrator.ts";
import { PrismaRegisterStore } from "../src/infra/db/register/prisma-register-repository.ts";
import { timeOrderedId } from "../src/infra/db/register/time-ordered-id.ts";
import { openRegisterFiles } from "../src/infra/register-files/open-register-file.ts";
import { keepBatchHeapSmall } from "../src/cli/import.command.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { sqlitePath } from "../src/infra/db/database.ts";
import { systemClock } from "../src/ports/clock.ts";
import { writeGeneratedRegister } from "./register-generator.ts";

const FILES = ["units", "employees", "posts", "assignments"] as const;

interface Run {
  readonly seconds: number;
  /** CPU time of this process (user + system): on a busy machine, wall time overstates the cost. */
  readonly cpuSeconds: number;
  readonly outcome: ImportOutcome;
}

async function timedImport(url: string, paths: string[]): Promise<Run> {
  const db = openDatabase(url);
  try {
    const { sources, errors } = await openRegisterFiles(paths);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const outcome = await importRegister(
      { store: new PrismaRegisterStore(db), clock: systemClock, newId: timeOrderedId },
      { sources, dryRun: false, fileErrors: errors },
    );
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, outcome };
  } finally {
    await db.close();
  }
}

function sampler(): { stop(): NodeJS.MemoryUsage } {
  let peak = process.memoryUsage();
  const take = () => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  };
  const timer = setInterval(take, 25);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/**
 * The engine's ceiling here and now: `rows` plain rows (an id, a unique code, a name) inserted in
 * one transaction straight through the driver — prepared per row on SQLite, 1 000-row unnest
 * batches on PostgreSQL. Rows per second of wall time.
 */
async function rawInsertRate(engine: "sqlite" | "postgres", rows: number): Promise<number> {
  const { url, remove } = await emptyDatabaseUrl(engine);
  const values = (i: number) => [`id-${i}`, `C${String(i).padStart(7, "0")}`, `名字 ${i}`];
  const table = `CREATE TABLE "BenchRaw" ("id" TEXT PRIMARY KEY, "code" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL)`;
  try {
    if (engine === "sqlite") {
      const db = new BetterSqlite3(sqlitePath(url));
      try {
        db.pragma("journal_mode = WAL");
        db.exec(table);
        const insert = db.prepare(`INSERT INTO "BenchRaw" ("id", "code", "name") VALUES (?, ?, ?)`);
        const started = performance.now();
        db.transaction(() => {
          for (let i = 0; i < rows; i++) insert.run(values(i));
        })();
        return rows / ((performance.now() - started) / 1000);
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(table);
      const started = performance.now();
      await client.query("BEGIN");
      for (let i = 0; i < rows; i += 1000) {
        const batch = Array.from({ length: Math.min(1000, rows - i) }, (_, k) => values(i + k));
        await client.query(`INSERT INTO "BenchRaw" SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
          batch.map((r) => r[0]),
          batch.map((r) => r[1]),
          batch.map((r) => r[2]),
        ]);
      }
      await client.query("COMMIT");
      return rows / ((performance.now() - started) / 1000);
    } finally {
      await client.end();
    }
  } finally {
    await remove();
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function bench(engine: "sqlite" | "postgres", paths: string[], rows: number): Promise<void> {
  const { url, remove } = await emptyDatabaseUrl(engine);
  try {
    await migrate(url);
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    const memory = sampler();
    const first = await timedImport(url, paths);
    const peak = memory.stop();
    if (!first.outcome.ok)
      throw new Error(
        `import failed: ${first.outcome.errors
          .slice(0, 5)
          .map((e) => `${e.file}:${e.line}:${e.column} ${e.reason}`)
          .join("; ")}`,
      );
    const second = await timedImport(url, paths);
    if (!second.outcome.ok || second.outcome.report.kinds.some((k) => k.created + k.updated > 0))
      throw new Error("the second import changed something");
    const ceiling = await rawInsertRate(engine, rows); // after the imports: it must not count in their memory
    const rate = (run: Run) =>
      `${run.seconds.toFixed(1)} s = ${Math.round(rows / run.seconds).toLocaleString("en")} rows/s = ${(rows / run.seconds / ceiling).toFixed(3)}× the raw inserts (this process's CPU: ${run.cpuSeconds.toFixed(1)} s)`;
    console.log(
      `${engine}: raw inserts of ${rows.toLocaleString("en")} rows through the driver, same process: ${Math.round(ceiling).toLocaleString("en")} rows/s`,
    );
    console.log(`${engine}: first import ${rate(first)}`);
    console.log(`${engine}: re-import, nothing changes ${rate(second)}`);
    console.log(
      `${engine}: RSS before the import ${mb(before)}, peak sampled during the first import ${mb(peak.rss)} (V8 heap ${mb(peak.heapTotal)}, of it used ${mb(peak.heapUsed)}; outside it ${mb(peak.external)}), process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
  } finally {
    await remove();
  }
}

/** Each engine runs in a child process of its own, so that its memory figures are its own. */
function runChild(engine: "sqlite" | "postgres", dir: string, rows: number): void {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--engine", engine, "--dir", dir, "--rows", String(rows)],
    { stdio: "inherit" },
  );
  if (child.status !== 0) throw new Error(`the ${engine} run failed (exit ${child.status})`);
}

async function generate(sizes: readonly number[]): Promise<void> {
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
  console.log(`load average ${load()} on ${os.cpus().length} CPUs`);
  const root = mkdtempSync(join(tmpdir(), "keypost-bench-"));
  try {
    for (const size of sizes) {
      const dir = join(root, String(size));
      mkdirSync(dir);
      const started = performance.now();
      const files = await writeGeneratedRegister(dir, size);
      const rows = Object.values(files).reduce((a, b) => a + b, 0);
      console.log(
        `register: ${Object.entries(files)
          .map(([k, n]) => `${n.toLocaleString("en")} ${k}`)
          .join(
            ", ",
          )} = ${rows.toLocaleString("en")} rows (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      runChild("sqlite", dir, rows);
      if (process.env.KEYPOST_TEST_PG_URL) runChild("postgres", dir, rows);
      else console.log('postgres skipped: set KEYPOST_TEST_PG_URL (e.g. eval "$(bash .ci/postgres.sh start)")');
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`load average ${load()} after`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    engine: { type: "string" },
    dir: { type: "string" },
    rows: { type: "string" },
    sizes: { type: "string", default: "100000,400000" },
  },
});
if (values.engine === "sqlite" || values.engine === "postgres") {
  keepBatchHeapSmall(); // as `keypost import` does (and it uses the same time-ordered ids)
  await bench(
    values.engine,
    FILES.map((kind) => join(values.dir!, `${kind}.csv`)),
    Number(values.rows),
  );
} else {
  await generate(values.sizes.split(",").map(Number));
}
