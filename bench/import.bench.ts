// npm run bench:import — generates a 100 000-employee register (units, employees with roles and
// chat identities, key posts, assignments) into temporary CSV files, imports it into a fresh SQLite
// database (and into PostgreSQL when KEYPOST_TEST_PG_URL names a server), imports it a second time
// (nothing changes), and prints rows/s and memory. It prints figures; it asserts nothing.
// Goal (issue 2 §5): ≥ 20 000 rows/s and ≤ 300 MB on a 2-core machine.
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { importRegister, type ImportOutcome } from "../src/app/register/import-register.ts";
import { openDatabase } from "../src/infra/db/database.ts";
import { migrate } from "../src/infra/db/migrator.ts";
import { PrismaRegisterStore } from "../src/infra/db/register/prisma-register-repository.ts";
import { timeOrderedId } from "../src/infra/db/register/time-ordered-id.ts";
import { openRegisterFiles } from "../src/infra/register-files/open-register-file.ts";
import { keepBatchHeapSmall } from "../src/cli/import.command.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { systemClock } from "../src/ports/clock.ts";
import { assignments, employees, posts, units, writeCsv } from "./register-generator.ts";

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

function sampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
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
    const rate = (run: Run) =>
      `${run.seconds.toFixed(1)} s = ${Math.round(rows / run.seconds).toLocaleString("en")} rows/s (this process's CPU: ${run.cpuSeconds.toFixed(1)} s)`;
    console.log(`${engine}: first import ${rate(first)}`);
    console.log(`${engine}: re-import, nothing changes ${rate(second)}`);
    console.log(
      `${engine}: RSS before the import ${mb(before)}, peak sampled during the first import ${mb(peak)}, process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
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

async function generate(): Promise<void> {
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${os.cpus().length} CPUs`,
  );
  const dir = mkdtempSync(join(tmpdir(), "keypost-bench-"));
  try {
    const started = performance.now();
    const files = {
      units: await writeCsv(
        join(dir, "units.csv"),
        ["code", "name", "name_en", "kind", "parent_code", "time_zone", "calendar_code"],
        units(),
      ),
      employees: await writeCsv(
        join(dir, "employees.csv"),
        [
          "code",
          "name",
          "name_en",
          "email",
          "unit_code",
          "status",
          "locale",
          "roles",
          "slack_user_id",
          "teams_aad_object_id",
        ],
        employees(),
      ),
      posts: await writeCsv(
        join(dir, "posts.csv"),
        [
          "code",
          "name",
          "name_en",
          "unit_code",
          "category",
          "risk_points",
          "policy_code",
          "checklist_template_code",
          "standard_defined",
          "active",
        ],
        posts(),
      ),
      assignments: await writeCsv(
        join(dir, "assignments.csv"),
        ["employee_code", "post_code", "kind", "start_date", "end_date", "end_reason"],
        assignments(),
      ),
    };
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: { engine: { type: "string" }, dir: { type: "string" }, rows: { type: "string" } },
});
if (values.engine === "sqlite" || values.engine === "postgres") {
  keepBatchHeapSmall(); // as `keypost import` does (and it uses the same time-ordered ids)
  await bench(
    values.engine,
    FILES.map((kind) => join(values.dir!, `${kind}.csv`)),
    Number(values.rows),
  );
} else {
  await generate();
}
