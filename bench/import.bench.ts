// npm run bench:import [-- --sizes 100000,400000] — generates a register of 100 000 and then
// 400 000 employees (units, employees with roles and chat identities, key posts, assignments) into
// temporary CSV files, imports each into a fresh SQLite database (and into PostgreSQL when
// KEYPOST_TEST_PG_URL names a server), imports it a second time (nothing changes), and prints rows/s
// and memory. After the imports, the same process inserts as many plain rows straight through the
// driver into a table with a unique index (the engine's ceiling on this machine, now): the import's
// rate is printed as a ratio of it, which a busy machine distorts far less than the rate itself.
// Before that, the import's own floor: the rows the first import wrote, inserted again into a fresh
// database with the import's own statements and bulk load (sameRowsFloor). On a PostgreSQL server
// of this machine it also prints the cluster's CPU (serverCpu), the server's share of the work.
// `npm run bench:import` gives Node `--max-semi-space-size=4`, as `keypost import` runs into SQLite
// (bin/keypost.js); the PostgreSQL child runs without it, as that command runs into PostgreSQL.
// KEYPOST_BENCH_TIMELINE=1 prints a SQLite first import's two threads side by side per 50 ms,
// KEYPOST_BENCH_OPS=1 the SQLite thread's time per statement (decision 13.s14i-1).
// It prints figures; it asserts nothing. Goals (issue 13): ≥ 100 000 rows/s on SQLite (0.21× the
// ~476 000 rows/s ceiling measured idle), ≥ 50 000 on PostgreSQL, peak RSS ≤ 250 MB at 400 000.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
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
import { RegisterSql, arrayLiteral } from "../src/infra/db/register/register-sql.ts";
import {
  lastSqliteThreadCpu,
  lastSqliteThreadOps,
  lastSqliteThreadSpans,
  traceSqliteThread,
} from "../src/infra/db/sqlite-thread-session.ts";
import { dropForBulkLoad, restoreAfterBulkLoad } from "../src/infra/db/register/bulk-load-indexes.ts";
import { openRegisterFiles } from "../src/infra/register-files/open-register-file.ts";
import { keepBatchHeapSmall } from "../src/cli/import.command.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { sqlitePath } from "../src/infra/db/database.ts";
import { systemClock } from "../src/ports/clock.ts";
import { writeGeneratedRegister } from "./register-generator.ts";

/** Progress marks for the timeline (KEYPOST_BENCH_TIMELINE): [epoch ms, label]. */
const timelineMarks: [number, string][] = [];
const FILES = ["units", "employees", "posts", "assignments"] as const;

interface Run {
  readonly seconds: number;
  /** CPU time of this process (user + system): on a busy machine, wall time overstates the cost. */
  readonly cpuSeconds: number;
  /** CPU time of the main thread alone (Linux), the import's JavaScript; SQLite's statements run in a thread of their own. */
  readonly mainSeconds?: number;
  /** SQLite: CPU time of the thread that ran the import's statements (sqlite-thread-session.ts). */
  readonly sqlSeconds?: number;
  /** The PostgreSQL cluster's CPU over the same time, when it can be read (serverCpu). */
  readonly serverSeconds?: number;
  /** SQLite: where the wall time went, the two threads side by side (wallBreakdown). */
  readonly breakdown?: string;
  readonly outcome: ImportOutcome;
}

/** Samples of the main thread's event loop: [time (ms since the epoch), share busy since the last]. */
function eventLoopSampler(): { stop(): [number, number][] } {
  const samples: [number, number][] = [];
  let last = performance.eventLoopUtilization();
  const sample = () => {
    const now = performance.eventLoopUtilization();
    samples.push([performance.timeOrigin + performance.now(), performance.eventLoopUtilization(now, last).utilization]);
    last = now;
  };
  const timer = setInterval(sample, 10);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}

/**
 * Where a SQLite import's wall time went, in 10 ms steps: both threads busy, the main thread alone
 * (reading, checking, diffing; its event loop busy, GC included), the SQLite thread alone (the
 * thread's own record of when it ran statements), or neither. Then the SQLite thread's busy time by
 * kind of statement. On a loaded machine "busy" includes time a thread waited for a core.
 */
function wallBreakdown(
  from: number,
  to: number,
  main: readonly [number, number][],
  spans: readonly number[],
  ops: Readonly<Record<string, number>>,
): string {
  const STEP = 10;
  const n = Math.ceil((to - from) / STEP);
  const spread = (into: number[], a: number, b: number, share: number) => {
    for (let t = Math.max(a, from); t < Math.min(b, to);) {
      const k = Math.floor((t - from) / STEP);
      const end = Math.min(b, to, from + (k + 1) * STEP);
      into[k]! += ((end - t) * share) / STEP;
      t = end;
    }
  };
  const m = new Array<number>(n).fill(0);
  const q = new Array<number>(n).fill(0);
  let previous = from;
  for (const [t, share] of main) {
    spread(m, previous, t, share);
    previous = t;
  }
  for (let i = 0; i + 1 < spans.length; i += 2) spread(q, spans[i]!, spans[i + 1]!, 1);
  let both = 0;
  let mainAlone = 0;
  let sqlAlone = 0;
  let neither = 0;
  // Within a step the two shares are taken as independent (the main thread's is known only per
  // sample): a step half busy on each side counts a quarter for both, alone and neither.
  for (let k = 0; k < n; k++) {
    const a = Math.min(1, m[k]!);
    const b = Math.min(1, q[k]!);
    both += a * b;
    mainAlone += a * (1 - b);
    sqlAlone += b * (1 - a);
    neither += (1 - a) * (1 - b);
  }
  if (process.env.KEYPOST_BENCH_TIMELINE) {
    // Per 50 ms: the main thread's busy share and the SQLite thread's, a # per tenth; the rows read by then.
    const line: string[] = [];
    for (let k = 0; k < n; k += 5) {
      let a = 0;
      let b = 0;
      for (let j = k; j < Math.min(n, k + 5); j++) {
        a += Math.min(1, m[j]!);
        b += Math.min(1, q[j]!);
      }
      const marks = timelineMarks.filter(([t]) => t >= from + k * STEP && t < from + (k + 5) * STEP).map(([, l]) => l);
      line.push(
        `${String(k * STEP).padStart(5)} ms main ${"#".repeat(Math.round(a * 2)).padEnd(10)} sql ${"#".repeat(Math.round(b * 2)).padEnd(10)} ${marks.join(" ")}`,
      );
    }
    console.log(line.join("\n"));
  }
  const s = (steps: number) => `${((steps * STEP) / 1000).toFixed(2)} s`;
  if (process.env.KEYPOST_BENCH_OPS)
    console.log(
      Object.entries(ops)
        .filter(([, ms]) => ms > 5)
        .map(([l, ms]) => `  ${ms.toFixed(0).padStart(5)} ms ${l}`)
        .join("\n"),
    );
  const kinds = new Map<string, number>();
  for (const [label, ms] of Object.entries(ops)) {
    const kind = /CREATE (UNIQUE )?INDEX/.test(label)
      ? "index builds"
      : /COMMIT|close/.test(label)
        ? "COMMIT and close"
        : /^run INSERT/.test(label)
          ? "inserts"
          : /^all /.test(label)
            ? "reads"
            : "other";
    kinds.set(kind, (kinds.get(kind) ?? 0) + ms);
  }
  const byKind = [...kinds]
    .sort((x, y) => y[1] - x[1])
    .map(([kind, ms]) => `${kind} ${(ms / 1000).toFixed(2)} s`)
    .join(", ");
  return `wall ${((to - from) / 1000).toFixed(2)} s = both threads busy ${s(both)} + the main thread alone ${s(mainAlone)} + the SQLite thread alone ${s(sqlAlone)} + neither ${s(neither)}; the SQLite thread's statements: ${byKind}`;
}

/**
 * The PostgreSQL cluster's own CPU seconds so far (the postmaster, the backends it has reaped, and
 * the live ones), read from /proc when the server runs on this machine and its data directory is
 * readable; undefined otherwise (and on SQLite, whose work is this process's). A cluster the bench
 * shares with other work counts theirs too: the tests' cluster of `.ci/postgres.sh` is the bench's own.
 */
async function serverCpu(url: string): Promise<(() => number) | undefined> {
  if (!url.startsWith("postgres")) return undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dir = (await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS "dir"`)).rows[0]!.dir;
    const postmaster = readFileSync(join(dir, "postmaster.pid"), "utf8").split("\n")[0]!.trim();
    const fields = (pid: string) => {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat
        .slice(stat.lastIndexOf(")") + 2)
        .split(" ")
        .map(Number); // [state, ppid, …, utime (11), stime, cutime, cstime]
    };
    const TICKS = 100; // USER_HZ on Linux
    return () => {
      const own = fields(postmaster);
      let ticks = own[11]! + own[12]! + own[13]! + own[14]!;
      for (const pid of readdirSync("/proc")) {
        if (!/^\d+$/.test(pid)) continue;
        try {
          const f = fields(pid);
          if (String(f[1]) === postmaster) ticks += f[11]! + f[12]!;
        } catch {
          // gone meanwhile
        }
      }
      return ticks / TICKS;
    };
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

/** This process's main thread's CPU seconds so far, from /proc (undefined elsewhere). */
function mainThreadCpu(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const f = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    return (f[11]! + f[12]!) / 100;
  } catch {
    return undefined;
  }
}

async function timedImport(url: string, paths: string[]): Promise<Run> {
  const db = openDatabase(url);
  const server = await serverCpu(url);
  try {
    const { sources, errors } = await openRegisterFiles(paths);
    const sqlite = url.startsWith("file:");
    traceSqliteThread(sqlite);
    const loop = sqlite ? eventLoopSampler() : undefined;
    const epochStart = performance.timeOrigin + performance.now();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const mainBefore = mainThreadCpu();
    const serverBefore = server?.();
    const outcome = await importRegister(
      {
        store: new PrismaRegisterStore(db),
        clock: systemClock,
        newId: timeOrderedId,
        onProgress: (kind, n) =>
          timelineMarks.push([performance.timeOrigin + performance.now(), `${kind}:${n / 1000}k`]),
      },
      { sources, dryRun: false, fileErrors: errors },
    );
    const used = process.cpuUsage(cpu);
    const mainAfter = mainThreadCpu();
    const epochEnd = performance.timeOrigin + performance.now();
    const samples = loop?.stop();
    traceSqliteThread(false);
    const spans = lastSqliteThreadSpans();
    const serverSeconds = server && serverBefore !== undefined ? server() - serverBefore : undefined;
    return {
      breakdown:
        samples && spans ? wallBreakdown(epochStart, epochEnd, samples, spans, lastSqliteThreadOps() ?? {}) : undefined,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      mainSeconds: mainBefore !== undefined && mainAfter !== undefined ? mainAfter - mainBefore : undefined,
      sqlSeconds: url.startsWith("file:") ? lastSqliteThreadCpu() : undefined,
      serverSeconds,
      outcome,
    };
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

/** The register tables in the order a first import fills them, with the kind whose bulk load covers them. */
const FLOOR_TABLES = [
  ["OrgUnit", undefined],
  ["Employee", "employees"],
  ["RoleGrant", "employees"],
  ["ChatIdentity", "employees"],
  ["KeyPost", "posts"],
  ["Assignment", "assignments"],
] as const;

/**
 * The floor of the import's SQL, here and now: the very rows the first import wrote (read back from
 * its database, all columns) inserted into a fresh migrated database with the import's own
 * statements (RegisterSql.insert: multi-row VALUES / unnest) and its bulk load (indexes, and on
 * PostgreSQL foreign keys, dropped and put back), in one transaction on the driver — what the
 * import would cost if reading, checking and diffing the files took no time at all. Returns the
 * seconds of wall time and of this process's CPU.
 */
async function sameRowsFloor(
  engine: "sqlite" | "postgres",
  imported: string,
): Promise<{ seconds: number; cpu: number; server?: number }> {
  const source = openDatabase(imported);
  const tables: FloorTable[] = [];
  try {
    await source.driverTransaction(async (sql) => {
      for (const [table] of FLOOR_TABLES) {
        const columns =
          engine === "sqlite"
            ? await sql.rows<{ name: string; type: string }>(`SELECT "name", "type" FROM pragma_table_info($1)`, table)
            : await sql.rows<{ name: string; type: string }>(
                `SELECT a."attname" AS "name", format_type(a."atttypid", a."atttypmod") AS "type" FROM "pg_attribute" a
                  WHERE a."attrelid" = format('%I', $1::text)::regclass AND a."attnum" > 0 AND NOT a."attisdropped" ORDER BY a."attnum"`,
                table,
              );
        const stamped = columns.filter((c) => STAMPS.includes(c.name)).map((c) => c.name);
        const kept = columns.filter((c) => !STAMPS.includes(c.name)); // stamped with one value, as the import does
        const list = kept.map((c) => (engine === "postgres" ? `"${c.name}"::text` : `"${c.name}"`)).join(", ");
        const order = table === "OrgUnit" ? `ORDER BY length("path")` : ""; // parents first
        const rows = (await sql.rows<Record<string, unknown>>(`SELECT ${list} FROM "${table}" ${order}`)).map((r) =>
          Object.values(r),
        );
        tables.push({ table, columns: kept.map((c) => c.name), types: kept.map((c) => c.type), stamped, rows });
      }
      throw new Error("read only"); // roll back: nothing to commit
    });
  } catch (error) {
    if ((error as Error).message !== "read only") throw error;
  } finally {
    await source.close();
  }
  const { url, remove } = await emptyDatabaseUrl(engine);
  try {
    await migrate(url);
    const db = openDatabase(url);
    try {
      const at = new Date();
      const server = await serverCpu(url);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const serverBefore = server?.();
      await db.driverTransaction(
        async (session) => {
          const sql = new RegisterSql(engine, session);
          await insertAll(sql, tables[0]!, at); // the units: no bulk load, as in the import
          for (const kind of ["employees", "posts", "assignments"] as const) {
            const dropped = await dropForBulkLoad(sql, kind);
            for (const t of tables)
              if (FLOOR_TABLES.find(([name]) => name === t.table)?.[1] === kind) await insertAll(sql, t, at);
            await restoreAfterBulkLoad(sql, dropped);
          }
          await sql.settle(); // PostgreSQL: the writes were pipelined, as the import's are (13.s12g-2)
        },
        { thread: false },
      ); // the SQL alone, on this thread: no copying to the import's SQLite thread
      const used = process.cpuUsage(cpu);
      const serverSeconds = server && serverBefore !== undefined ? server() - serverBefore : undefined;
      return {
        seconds: (performance.now() - started) / 1000,
        cpu: (used.user + used.system) / 1e6,
        server: serverSeconds,
      };
    } finally {
      await db.close();
    }
  } finally {
    await remove();
  }
}

const STAMPS = ["createdAt", "updatedAt"];

interface FloorTable {
  readonly table: string;
  readonly columns: string[];
  /** The columns' types (PostgreSQL: the rows are read as text and cast back on insert). */
  readonly types: string[];
  readonly stamped: string[];
  readonly rows: unknown[][];
}

/**
 * SQLite: the import's own insert; PostgreSQL: its unnest form, every column sent as an array literal
 * of texts and cast to its type, each statement a pipelined `write` as the import's.
 */
async function insertAll(sql: RegisterSql, t: FloorTable, at: Date): Promise<void> {
  if (sql.provider === "sqlite")
    return sql.insert(
      t.table,
      t.columns.map((name) => ({ name })),
      t.rows,
      { columns: t.stamped, at },
    );
  const names = [...t.columns, ...t.stamped].map((n) => `"${n}"`).join(", ");
  const stamp = `$${t.columns.length + 1}::timestamp(3)`;
  const select = [...t.types.map((type, i) => `c${i}::${type}`), ...t.stamped.map(() => stamp)].join(", ");
  const arrays = t.columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const text = `INSERT INTO "${t.table}" (${names}) SELECT ${select} FROM unnest(${arrays}) AS u(${t.columns.map((_, i) => `c${i}`).join(", ")})`;
  for (let i = 0; i < t.rows.length; i += 5000) {
    const batch = t.rows.slice(i, i + 5000);
    await sql.write(
      text,
      ...t.columns.map((_, c) => arrayLiteral(batch.length, (r) => batch[r]![c])),
      ...(t.stamped.length > 0 ? [at] : []),
    );
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
    const maxRss = process.resourceUsage().maxRSS * 1024; // before the floor, which holds every row in memory
    const floor = await sameRowsFloor(engine, url);
    const ceiling = await rawInsertRate(engine, rows); // after the imports: it must not count in their memory
    const rate = (run: Run) =>
      `${run.seconds.toFixed(1)} s = ${Math.round(rows / run.seconds).toLocaleString("en")} rows/s = ${(rows / run.seconds / ceiling).toFixed(3)}× the raw inserts (this process's CPU: ${run.cpuSeconds.toFixed(2)} s${run.mainSeconds === undefined ? "" : `, its main thread's ${run.mainSeconds.toFixed(2)} s`}${run.sqlSeconds === undefined ? "" : `, its SQLite thread's ${run.sqlSeconds.toFixed(2)} s`}${run.serverSeconds === undefined ? "" : `; the PostgreSQL cluster's: ${run.serverSeconds.toFixed(1)} s`})`;
    console.log(
      `${engine}: raw inserts of ${rows.toLocaleString("en")} rows through the driver, same process: ${Math.round(ceiling).toLocaleString("en")} rows/s`,
    );
    console.log(
      `${engine}: the first import's own rows through its own statements alone (rows ready in memory, same process): ${floor.seconds.toFixed(2)} s = ${Math.round(rows / floor.seconds).toLocaleString("en")} file rows/s (this process's CPU: ${floor.cpu.toFixed(2)} s${floor.server === undefined ? "" : `; the PostgreSQL cluster's: ${floor.server.toFixed(2)} s`}) — the most the import can do here`,
    );
    console.log(`${engine}: first import ${rate(first)}; ${(floor.seconds / first.seconds).toFixed(3)}× that floor`);
    if (first.breakdown) console.log(`${engine}: first import's ${first.breakdown}`);
    console.log(`${engine}: re-import, nothing changes ${rate(second)}`);
    console.log(
      `${engine}: RSS before the import ${mb(before)}, peak sampled during the first import ${mb(peak.rss)} (V8 heap ${mb(peak.heapTotal)}, of it used ${mb(peak.heapUsed)}; outside it ${mb(peak.external)}), process maxRSS through both imports ${mb(maxRss)}`,
    );
  } finally {
    await remove();
  }
}

/**
 * Each engine runs in a child process of its own, so that its memory figures are its own — with the
 * Node flags `keypost import` gives it: PostgreSQL's without the 4 MB young generation (13.s12g-1).
 */
function runChild(engine: "sqlite" | "postgres", dir: string, rows: number): void {
  const flags =
    engine === "postgres" ? process.execArgv.filter((a) => !a.startsWith("--max-semi-space-size")) : process.execArgv;
  const child = spawnSync(
    process.execPath,
    [...flags, fileURLToPath(import.meta.url), "--engine", engine, "--dir", dir, "--rows", String(rows)],
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
