// npm run bench:import — generates a 100 000-employee register (units, employees with roles and
// chat identities, key posts, assignments) into temporary CSV files, imports it into a fresh SQLite
// database (and into PostgreSQL when KEYPOST_TEST_PG_URL names a server), imports it a second time
// (nothing changes), and prints rows/s and memory. It prints figures; it asserts nothing.
// Goal (issue 2 §5): ≥ 20 000 rows/s and ≤ 300 MB on a 2-core machine.
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
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
import { csvLine } from "../src/infra/register-files/register-file-writer.ts";
import { keepBatchHeapSmall } from "../src/cli/import.command.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { systemClock } from "../src/ports/clock.ts";

const FILES = ["units", "employees", "posts", "assignments"] as const;
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const BRANCHES = 36; // tier-1 branches, each with 4 tier-2 branches of 12 sub-branches: 1 909 units
const POSTS_PER_SUB_BRANCH = 11;
const HISTORY_EVERY = 3; // one past assignment for every third current holder

async function writeCsv(path: string, header: string[], rows: Iterable<string[]>): Promise<number> {
  const out = createWriteStream(path);
  let count = 0;
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await put(csvLine(header));
  for (const row of rows) {
    await put(csvLine(row));
    count++;
  }
  out.end();
  await once(out, "finish");
  return count;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function* units(): Generator<string[]> {
  yield ["HO", "总行", "Head Office", "head_office", "", "Asia/Shanghai", ""];
  for (let b = 1; b <= BRANCHES; b++) {
    const br = `B${pad(b, 2)}`;
    yield [br, `第${b}分行`, `Branch ${b}`, "branch", "HO", "Asia/Shanghai", ""];
    for (let t = 1; t <= 4; t++) {
      const t2 = `${br}-${t}`;
      yield [t2, `第${b}分行第${t}二级分行`, `Branch ${b}.${t}`, "branch", br, "", ""];
      for (let s = 1; s <= 12; s++) yield [`${t2}-${pad(s, 2)}`, `支行 ${b}.${t}.${s}`, `Sub-branch ${b}.${t}.${s}`, "sub_branch", t2, "", ""];
    }
  }
}

const subBranches = [...units()].filter((u) => u[3] === "sub_branch").map((u) => u[0]!);
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英";

function unitOf(i: number): string {
  return subBranches[i % subBranches.length]!;
}

function* employees(): Generator<string[]> {
  for (let i = 1; i <= EMPLOYEES; i++) {
    const code = `E${pad(i, 6)}`;
    const unit = unitOf(i);
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 13) % GIVEN.length]!;
    const roles = i % 50 === 0 ? `manager@${unit}` : i % 97 === 0 ? `auditor@${unit.slice(0, 3)};compliance@${unit.slice(0, 3)}` : "";
    const slack = i % 10 < 7 ? `U${pad(i, 9)}` : "";
    const teams = i % 10 >= 7 || i % 20 === 0 ? `00000000-0000-4000-8000-${pad(i, 12)}` : "";
    yield [code, name, `Employee ${i}`, `e${i}@bank.example`, unit, "active", "", roles, slack, teams];
  }
}

const POSTS = subBranches.length * POSTS_PER_SUB_BRANCH;
const CATEGORIES = ["authority", "operations", "operations", "operations", "operations", "operations", "operations", "operations", "operations", "oversight", "oversight"];

function* posts(): Generator<string[]> {
  for (let p = 0; p < POSTS; p++) {
    const unit = subBranches[Math.floor(p / POSTS_PER_SUB_BRANCH)]!;
    const k = p % POSTS_PER_SUB_BRANCH;
    yield [`P${pad(p, 6)}`, `关键岗位 ${k}`, `Key post ${k}`, unit, CATEGORIES[k]!, "现金;印章", "", "", "true", "true"];
  }
}

function* assignments(): Generator<string[]> {
  // Each post has one current holder from its own unit; every third also a past holder.
  for (let p = 0; p < POSTS; p++) {
    const holder = 1 + ((p * 9 + 1) % EMPLOYEES);
    const day = 1 + (p % 28);
    yield [`E${pad(holder, 6)}`, `P${pad(p, 6)}`, "holder", `2024-03-${pad(day, 2)}`, "", ""];
    if (p % HISTORY_EVERY === 0) yield [`E${pad(1 + ((holder + 5) % EMPLOYEES), 6)}`, `P${pad(p, 6)}`, "holder", `2021-01-${pad(day, 2)}`, `2024-02-${pad(day, 2)}`, "rotation"];
  }
}

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
    const outcome = await importRegister({ store: new PrismaRegisterStore(db), clock: systemClock, newId: timeOrderedId }, { sources, dryRun: false, fileErrors: errors });
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
    if (!first.outcome.ok) throw new Error(`import failed: ${first.outcome.errors.slice(0, 5).map((e) => `${e.file}:${e.line}:${e.column} ${e.reason}`).join("; ")}`);
    const second = await timedImport(url, paths);
    if (!second.outcome.ok || second.outcome.report.kinds.some((k) => k.created + k.updated > 0)) throw new Error("the second import changed something");
    const rate = (run: Run) => `${run.seconds.toFixed(1)} s = ${Math.round(rows / run.seconds).toLocaleString("en")} rows/s (this process's CPU: ${run.cpuSeconds.toFixed(1)} s)`;
    console.log(`${engine}: first import ${rate(first)}`);
    console.log(`${engine}: re-import, nothing changes ${rate(second)}`);
    console.log(`${engine}: RSS before the import ${mb(before)}, peak sampled during the first import ${mb(peak)}, process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    await remove();
  }
}

/** Each engine runs in a child process of its own, so that its memory figures are its own. */
function runChild(engine: "sqlite" | "postgres", dir: string, rows: number): void {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--engine", engine, "--dir", dir, "--rows", String(rows)], { stdio: "inherit" });
  if (child.status !== 0) throw new Error(`the ${engine} run failed (exit ${child.status})`);
}

async function generate(): Promise<void> {
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs`);
  const dir = mkdtempSync(join(tmpdir(), "keypost-bench-"));
  try {
    const started = performance.now();
    const files = {
      units: await writeCsv(join(dir, "units.csv"), ["code", "name", "name_en", "kind", "parent_code", "time_zone", "calendar_code"], units()),
      employees: await writeCsv(
        join(dir, "employees.csv"),
        ["code", "name", "name_en", "email", "unit_code", "status", "locale", "roles", "slack_user_id", "teams_aad_object_id"],
        employees(),
      ),
      posts: await writeCsv(join(dir, "posts.csv"), ["code", "name", "name_en", "unit_code", "category", "risk_points", "policy_code", "checklist_template_code", "standard_defined", "active"], posts()),
      assignments: await writeCsv(join(dir, "assignments.csv"), ["employee_code", "post_code", "kind", "start_date", "end_date", "end_reason"], assignments()),
    };
    const rows = Object.values(files).reduce((a, b) => a + b, 0);
    console.log(`register: ${Object.entries(files).map(([k, n]) => `${n.toLocaleString("en")} ${k}`).join(", ")} = ${rows.toLocaleString("en")} rows (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    runChild("sqlite", dir, rows);
    if (process.env.KEYPOST_TEST_PG_URL) runChild("postgres", dir, rows);
    else console.log("postgres skipped: set KEYPOST_TEST_PG_URL (e.g. eval \"$(bash .ci/postgres.sh start)\")");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { engine: { type: "string" }, dir: { type: "string" }, rows: { type: "string" } } });
if (values.engine === "sqlite" || values.engine === "postgres") {
  keepBatchHeapSmall(); // as `keypost import` does (and it uses the same time-ordered ids)
  await bench(values.engine, FILES.map((kind) => join(values.dir!, `${kind}.csv`)), Number(values.rows));
} else {
  await generate();
}
