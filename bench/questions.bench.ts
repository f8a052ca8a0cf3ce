// npm run bench:questions — answers typed questions over a 100 000-employee register (the import
// bench's generator, bench/register-generator.ts) with some leaves (sealed and not), audits and
// rectification items added, as sub-branch managers and branch compliance officers, and prints the
// server-side answer time (question.ask through `ask`: parse, scope, reads, card) as p50 / p99 per
// kind of question and overall — next to a baseline measured in the same run: a bare indexed
// lookup of one employee by code through the same unit of work. Beside each wall time, the CPU time
// per question (steadier on a shared machine, decision 20.26): this process's (p50 / p99) and, on a
// local PostgreSQL, the server's processes' (mean per question: /proc counts 10 ms ticks), and the
// ratios to the baseline's. It prints figures; it asserts nothing. Goal (issues 7 and 16): p99 ≤
// 100 ms. SQLite always; PostgreSQL when KEYPOST_TEST_PG_URL is set. KEYPOST_BENCH_QUESTIONS_DB=file:…
// keeps (and reuses) the SQLite bank in that file, KEYPOST_BENCH_QUESTIONS_PG_DB=postgresql://…/<name>
// the PostgreSQL one (created and filled when it does not exist yet; migrated on every run). On
// PostgreSQL it prints the statements and round trips per question of each kind (counted at the pg
// driver, bench/pg-statements.ts); KEYPOST_BENCH_SQL=1 adds the statements each kind sends most.
// KEYPOST_BENCH_ENGINE=sqlite|postgres runs one engine only.
import { addActivity, loadRegister, writeRegister } from "./dashboard-bank.ts";
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { ask } from "../src/app/home/query.ts";
import { askQuestion } from "../src/app/questions/ask-question.query.ts";
import { parseQuestion } from "../src/app/questions/question.parser.ts";
import type { Kernel } from "../src/app/kernel/execute.ts";
import { openDatabase } from "../src/infra/db/database.ts";
import { migrate } from "../src/infra/db/migrator.ts";
import { PrismaUnitOfWork } from "../src/infra/db/prisma-unit-of-work.ts";
import { FixedClock } from "../src/infra/fixed-clock.ts";
import { AWAY_STATES } from "../src/domain/leave/leave.machine.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { keptDatabase } from "./kept-database.ts";
import { EMPLOYEES, pad } from "./register-generator.ts";
import { postmasterOf, timed } from "./server-cpu.ts";
import { pgSent, pgTexts } from "./pg-statements.ts";

const NOW = "2026-11-25T10:00:00+08:00";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 600);

const QUESTIONS: readonly {
  readonly kind: string;
  readonly texts: (name: string, unit: string, post: string, person: string) => string[];
}[] = [
  {
    kind: "leave.who",
    texts: (_n, u) => ["谁在休假", "who's off next week", "12月谁休假", `${u} who is on leave this month`],
  },
  { kind: "rotation.due", texts: () => ["哪些人该轮岗了", "overdue rotations", "due in 30 days"] },
  { kind: "handover/notice", texts: () => ["未完成的交接", "notices nobody acknowledged"] },
  { kind: "audits", texts: () => ["open audits", "逾期审计", "overdue rectifications"] },
  { kind: "history", texts: (_n, _u, p, e) => [`who took over ${p}`, `where did ${e} go`] },
  { kind: "figures", texts: () => ["我们的关键指标", "leave coverage"] },
  { kind: "status", texts: (n, u) => [`${n}的状态`, `status of ${u}`] },
  { kind: "staff", texts: (_n, u) => [`how many staff in ${u}`, "员工人数"] },
  { kind: "not understood", texts: () => ["今天天气怎么样"] },
];

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** One question's (or lookup's) wall time, this process's CPU and the database server's CPU (when known). */
interface Sample {
  readonly wall: number;
  readonly cpu: number;
  readonly db: number | undefined;
}
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const summary = (xs: readonly Sample[]) => {
  const wall = sorted(xs.map((x) => x.wall));
  const cpu = sorted(xs.map((x) => x.cpu));
  const db = xs.flatMap((x) => (x.db === undefined ? [] : [x.db]));
  return {
    p50: percentile(wall, 0.5),
    p99: percentile(wall, 0.99),
    max: wall.at(-1)!,
    cpu50: percentile(cpu, 0.5),
    cpu99: percentile(cpu, 0.99),
    db: db.length === 0 ? undefined : db.reduce((a, b) => a + b, 0) / db.length,
  };
};
const line = (label: string, xs: readonly Sample[], base?: ReturnType<typeof summary>) => {
  const s = summary(xs);
  return (
    `  ${label.padEnd(18)} n=${String(xs.length).padStart(4)}  p50 ${ms(s.p50).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  max ${ms(s.max).padStart(9)}` +
    `  cpu p50 ${ms(s.cpu50).padStart(8)} p99 ${ms(s.cpu99).padStart(8)}` +
    (s.db !== undefined ? `  db mean ${ms(s.db).padStart(7)}` : "") +
    (base
      ? `  ×base p99 ${(s.p99 / base.p99).toFixed(1).padStart(5)}  ×base cpu p50 ${(s.cpu50 / base.cpu50).toFixed(1).padStart(5)}`
      : "")
  );
};

/** The bank's database: a kept one when asked (filled the first time), else a fresh one removed after the run. */
async function bank(
  engine: "sqlite" | "postgres",
): Promise<{ url: string; fill: boolean; remove: () => Promise<void> }> {
  const variable = engine === "sqlite" ? "KEYPOST_BENCH_QUESTIONS_DB" : "KEYPOST_BENCH_QUESTIONS_PG_DB";
  const kept = process.env[variable];
  if (kept) return { url: kept, fill: (await keptDatabase(kept, variable)).isNew, remove: async () => undefined };
  return { ...(await emptyDatabaseUrl(engine)), fill: true };
}

async function benchEngine(engine: "sqlite" | "postgres", dir: string): Promise<void> {
  const { url, fill, remove } = await bank(engine);
  try {
    await migrate(url);
    const db = openDatabase(url);
    try {
      if (fill) {
        const loading = performance.now();
        await loadRegister(db, dir);
        const leaves = await addActivity(db);
        // A bank in use has its statistics (decision 20.31): not planned blind until autovacuum runs.
        if (engine === "postgres") await db.prisma.$executeRawUnsafe("ANALYZE");
        console.log(
          `${engine}: register imported, ${leaves.toLocaleString("en")} leaves with audits added (${((performance.now() - loading) / 1000).toFixed(1)} s)`,
        );
      } else
        console.log(
          `${engine}: the kept bank (${engine === "sqlite" ? "KEYPOST_BENCH_QUESTIONS_DB" : "KEYPOST_BENCH_QUESTIONS_PG_DB"})`,
        );
      const postmaster = engine === "postgres" ? await postmasterOf(db.prisma) : undefined;
      const kernel: Kernel = {
        uow: new PrismaUnitOfWork(db),
        clock: new FixedClock(NOW),
        orgLocale: "zh-CN",
        cards: {},
      };
      // Askers who are not on mandatory leave themselves (a holder away is refused: SUSPENDED).
      const present = async (role: string, n: number) => {
        const grants = await db.prisma.roleGrant.findMany({
          where: { role },
          select: { employeeId: true, unit: { select: { code: true, id: true } } },
          orderBy: { id: "asc" },
          take: n * 2,
        });
        const away = new Set(
          (
            await db.prisma.leave.findMany({
              where: { holderId: { in: grants.map((g) => g.employeeId) }, status: { in: [...AWAY_STATES] } },
              select: { holderId: true },
            })
          ).map((l) => l.holderId),
        );
        return grants.filter((g) => !away.has(g.employeeId)).slice(0, n);
      };
      const managers = await present("manager", 40);
      const officers = await present("compliance", 10);
      const askers = [...managers, ...officers];
      const material = await Promise.all(
        askers.map(async (a) => {
          const someone = await db.prisma.employee.findFirst({
            where: { unit: { path: { contains: `/${a.unit.code}/` } } },
            select: { code: true, name: true },
            skip: 3,
          });
          const post = await db.prisma.keyPost.findFirst({
            where: { unit: { path: { contains: `/${a.unit.code}/` } } },
            select: { code: true },
          });
          return {
            id: a.employeeId,
            unit: a.unit.code,
            name: someone?.name ?? "王伟",
            person: someone?.code ?? "E000001",
            post: post?.code ?? "P000001",
          };
        }),
      );
      const times = new Map<string, Sample[]>();
      const baseline: Sample[] = [];
      const parse: Sample[] = [];
      const record = (kind: string, t: Sample) => times.set(kind, [...(times.get(kind) ?? []), t]);
      /** Per kind: questions, statements and round trips sent to PostgreSQL while answering them. */
      const sent = new Map<string, { n: number; statements: number; roundTrips: number }>();
      const codes = Array.from({ length: 200 }, (_, i) => `E${pad(1 + ((i * 7919) % EMPLOYEES), 6)}`);
      const units = await db.prisma.orgUnit.findMany({ select: { code: true, name: true, nameEn: true } });
      for (let round = -30; round < ROUNDS; round++) {
        const who = material[Math.abs(round) % material.length]!;
        const q = QUESTIONS[Math.abs(round) % QUESTIONS.length]!;
        const texts = q.texts(who.name, who.unit, who.post, who.person);
        const text = texts[Math.floor(Math.abs(round) / QUESTIONS.length) % texts.length]!;
        const before = { ...pgSent };
        pgTexts.tag = round < 0 ? undefined : q.kind;
        const asked = await timed(postmaster, () =>
          ask(kernel, askQuestion, { text }, { personId: who.id, platform: "console" }),
        );
        pgTexts.tag = undefined;
        if (round >= 0 && engine === "postgres") {
          const k = sent.get(q.kind) ?? { n: 0, statements: 0, roundTrips: 0 };
          k.n += 1;
          k.statements += pgSent.statements - before.statements;
          k.roundTrips += pgSent.roundTrips - before.roundTrips;
          sent.set(q.kind, k);
        }
        const answer = asked.result;
        if (!answer.ok && answer.code !== "OUT_OF_SCOPE") throw new Error(`${text}: ${answer.code}`);
        const base = await timed(postmaster, () =>
          kernel.uow.run((tx) => tx.people.byCode(codes[Math.abs(round) % codes.length]!)),
        );
        const parsed = await timed(undefined, async () =>
          parseQuestion(text, { now: new Date(NOW), zone: "Asia/Shanghai", lexicon: { units } }),
        );
        if (round < 0) continue; // warm-up
        const sample = (t: typeof base | typeof asked | typeof parsed): Sample => ({
          wall: t.wall,
          cpu: t.cpu,
          db: t.dbCpu,
        });
        record(q.kind, sample(asked));
        baseline.push(sample(base));
        parse.push(sample(parsed));
      }
      const all = [...times.values()].flat();
      const b = summary(baseline);
      console.log(
        `${engine}: ${all.length} questions by ${managers.length} sub-branch managers and ${officers.length} branch compliance officers; load ${os
          .loadavg()[0]!
          .toFixed(1)}` +
          (postmaster !== undefined ? " (cpu: this process; db: the PostgreSQL server's processes)" : ""),
      );
      for (const [kind, xs] of times) console.log(line(kind, xs, b));
      console.log(line("all questions", all, b));
      for (const [kind, k] of sent)
        console.log(
          `  ${kind.padEnd(18)} ${(k.statements / k.n).toFixed(1)} statements, ${(k.roundTrips / k.n).toFixed(1)} round trips per question (PostgreSQL)`,
        );
      if (pgTexts.on && engine === "postgres")
        for (const [kind, counts] of pgTexts.counts) {
          const n = sent.get(kind)?.n ?? 1;
          console.log(`  ${kind}: statements per question, most sent first`);
          for (const [text, count] of [...counts].sort((x, y) => y[1] - x[1]).slice(0, 40))
            console.log(`    ${(count / n).toFixed(2).padStart(6)}  ${text}`);
        }
      console.log(line("baseline lookup", baseline));
      console.log(line("parse only", parse));
      const s = summary(all);
      console.log(
        `${engine}: p99 answer ${ms(s.p99)} = ${(s.p99 / b.p99).toFixed(1)}× the baseline's p99 (goal p99 ≤ 100 ms); ` +
          `cpu p99 ${ms(s.cpu99)}${s.db !== undefined ? ` + db mean ${ms(s.db)}` : ""}; load average now ${os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join(" ")}`,
      );
    } finally {
      await db.close();
    }
  } finally {
    await remove();
  }
}

console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${os.cpus().length} CPUs`,
);
const dir = mkdtempSync(join(tmpdir(), "keypost-qbench-"));
try {
  await writeRegister(dir);
  console.log(`register: ${EMPLOYEES.toLocaleString("en")} employees`);
  const only = process.env.KEYPOST_BENCH_ENGINE;
  if (only !== "postgres") await benchEngine("sqlite", dir);
  if (only === "sqlite") console.log("postgres skipped: KEYPOST_BENCH_ENGINE=sqlite");
  else if (process.env.KEYPOST_TEST_PG_URL) await benchEngine("postgres", dir);
  else console.log("postgres skipped: set KEYPOST_TEST_PG_URL");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
