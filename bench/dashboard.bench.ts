// npm run bench:dashboard — every dashboard page's server time on the 100 000-employee register
// (bench/register-generator.ts, ~19 000 key posts with holders) with leaves (a third sealed and
// ahead), audits and rectification items added, through the running service: real HTTP on
// loopback with a session cookie, for a bank-wide compliance officer, a branch compliance officer
// and a sub-branch manager. Printed against a baseline measured in the same run (GET /healthz,
// which reads the database too). Goal (issue 20): every page ≤ 1 s. It prints; it asserts nothing.
// SQLite always; PostgreSQL too when KEYPOST_TEST_PG_URL is set.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { issueSignInLink, redeemSignInLink } from "../src/app/dashboard/sign-in-link.ts";
import { importRegister } from "../src/app/register/import-register.ts";
import { parseCalendarFile } from "../src/infra/calendar-files/index.ts";
import { loadConfig } from "../src/infra/config.ts";
import { openDatabase, type Database } from "../src/infra/db/database.ts";
import { migrate } from "../src/infra/db/migrator.ts";
import { PrismaCalendarRepository } from "../src/infra/db/prisma-calendar-repository.ts";
import { PrismaPolicyRepository } from "../src/infra/db/prisma-policy-repository.ts";
import { PrismaRegisterStore } from "../src/infra/db/register/prisma-register-repository.ts";
import { timeOrderedId } from "../src/infra/db/register/time-ordered-id.ts";
import { silentLogger } from "../src/infra/logger.ts";
import { openRegisterFiles } from "../src/infra/register-files/open-register-file.ts";
import { startService } from "../src/main.ts";
import { FixedClock, systemClock } from "../src/ports/clock.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { assignments, employees, EMPLOYEES, posts, units, writeCsv } from "./register-generator.ts";

const NOW = "2026-11-25T10:00:00+08:00";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGES = ["/app", "/app/warnings", "/app/trend", "/app/unit?code=B01-1-01", "/app?csv=units"];

async function loadRegister(db: Database, dir: string): Promise<void> {
  const paths = ["units", "employees", "posts", "assignments"].map((k) => join(dir, `${k}.csv`));
  const { sources, errors } = await openRegisterFiles(paths);
  const outcome = await importRegister(
    { store: new PrismaRegisterStore(db), clock: systemClock, newId: timeOrderedId },
    { sources, dryRun: false, fileErrors: errors },
  );
  if (!outcome.ok) throw new Error("the generated register does not import");
  await new PrismaPolicyRepository(db.prisma).applyPreset("cn-bank");
  const calendars = new PrismaCalendarRepository(db.prisma);
  const file = join(import.meta.dirname, "..", "samples", "calendars", "cn-2026.csv");
  for (const parsed of parseCalendarFile(file, await readFile(file, "utf8"))) {
    await calendars.define({ code: parsed.calendar, name: parsed.calendar });
    await calendars.upsertDays(parsed.calendar, parsed.days);
    const calendar = await db.prisma.calendar.findUniqueOrThrow({ where: { code: parsed.calendar } });
    await db.prisma.orgUnit.update({ where: { code: "HO" }, data: { calendarId: calendar.id } });
  }
}

/** As bench:questions: leaves on every 10th held post (a third sealed and ahead), an audit each, items on some. */
async function addActivity(db: Database): Promise<number> {
  const p = db.prisma;
  const held = await p.assignment.findMany({
    where: { endDate: null, kind: "holder" },
    select: { employeeId: true, postId: true, post: { select: { unitId: true } } },
    orderBy: { id: "asc" },
  });
  const hr = (await p.employee.findFirstOrThrow({ select: { id: true } })).id;
  const leaves = [];
  const audits = [];
  const items = [];
  for (let i = 0; i < held.length; i += 10) {
    const h = held[i]!;
    const k = (i / 10) % 3;
    const [start, end, status, sealed] =
      k === 0
        ? ["2026-11-23", "2026-11-27", "audit", true]
        : k === 1
          ? ["2026-12-07", "2026-12-11", "compliance_notified", true]
          : ["2026-10-12", "2026-10-16", "closed", false];
    const leaveId = randomUUID();
    leaves.push({
      id: leaveId,
      kind: "regular",
      holderId: h.employeeId,
      postId: h.postId,
      unitId: h.post.unitId,
      startDate: start as string,
      endDate: end as string,
      sealed: sealed as boolean,
      status: status as string,
      plannedById: hr,
    });
    const auditId = randomUUID();
    audits.push({
      id: auditId,
      leaveId,
      postId: h.postId,
      holderId: h.employeeId,
      unitId: h.post.unitId,
      status: k === 2 ? "rectifying" : "fieldwork",
      dueDate: k === 0 ? "2026-11-20" : "2026-12-31",
    });
    if (k === 2)
      items.push({
        id: randomUUID(),
        auditId,
        description: "fix the key register",
        ownerId: h.employeeId,
        dueDate: "2026-11-10",
      });
  }
  for (let i = 0; i < leaves.length; i += 500) await p.leave.createMany({ data: leaves.slice(i, i + 500) });
  for (let i = 0; i < audits.length; i += 500) await p.audit.createMany({ data: audits.slice(i, i + 500) });
  for (let i = 0; i < items.length; i += 500) await p.rectification.createMany({ data: items.slice(i, i + 500) });
  return leaves.length;
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

async function benchEngine(engine: "sqlite" | "postgres", dir: string): Promise<void> {
  const { url, remove } = await emptyDatabaseUrl(engine);
  try {
    await migrate(url);
    const db = openDatabase(url);
    const loading = performance.now();
    try {
      await loadRegister(db, dir);
      const leaves = await addActivity(db);
      // A bank-wide compliance officer (the generator's officers cover one branch each).
      const ho = await db.prisma.orgUnit.findUniqueOrThrow({ where: { code: "HO" } });
      const officer = await db.prisma.employee.findUniqueOrThrow({ where: { code: "E000003" } });
      await db.prisma.roleGrant.create({
        data: { id: randomUUID(), employeeId: officer.id, role: "compliance", unitId: ho.id },
      });
      console.log(
        `${engine}: register imported, ${leaves.toLocaleString("en")} leaves with audits (${((performance.now() - loading) / 1000).toFixed(1)} s)`,
      );
    } finally {
      await db.close();
    }
    const clock = new FixedClock(NOW);
    const service = await startService(
      loadConfig({ PORT: "0", DATABASE_URL: url, KEYPOST_SCHEDULER: "off", LOG_LEVEL: "silent" }),
      { clock, log: silentLogger },
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
          if (response.status !== 200 && !(path.includes("unit") && response.status === 404))
            throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
          return { took, bytes: body.length };
        };
        await time("/app/warnings"); // warm-up (first statements prepared, caches filled)
        console.log(`${engine}, ${viewer.label}:`);
        const base: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await fetch(`${service.url}/healthz`).then((r) => r.text());
          base.push(performance.now() - t);
        }
        console.log(
          `  ${"baseline GET /healthz".padEnd(28)} median ${ms(base.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!)}`,
        );
        for (const path of PAGES) {
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

const dir = mkdtempSync(join(tmpdir(), "keypost-dashboard-bench-"));
try {
  await writeCsv(
    join(dir, "units.csv"),
    ["code", "name", "name_en", "kind", "parent_code", "time_zone", "calendar_code"],
    units(),
  );
  await writeCsv(
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
  );
  await writeCsv(
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
  );
  await writeCsv(
    join(dir, "assignments.csv"),
    ["employee_code", "post_code", "kind", "start_date", "end_date", "end_reason"],
    assignments(),
  );
  console.log(`dashboard bench: ${EMPLOYEES.toLocaleString("en")} employees, as of ${NOW}, ${RUNS} runs per page`);
  await benchEngine("sqlite", dir);
  if (process.env.KEYPOST_TEST_PG_URL) await benchEngine("postgres", dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
