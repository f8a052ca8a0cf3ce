// The 100 k-employee bank the dashboard benchmark reads: the import bench's register
// (bench/register-generator.ts) imported through the importer, China's 2026 calendar, and
// bench:questions' activity (leaves on every 10th held post, a third sealed and ahead, an audit
// each, rectification items on some), plus one bank-wide compliance officer (E000003).
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importRegister } from "../src/app/register/import-register.ts";
import { parseCalendarFile } from "../src/infra/calendar-files/index.ts";
import { openDatabase, type Database } from "../src/infra/db/database.ts";
import { migrate } from "../src/infra/db/migrator.ts";
import { PrismaCalendarRepository } from "../src/infra/db/prisma-calendar-repository.ts";
import { PrismaPolicyRepository } from "../src/infra/db/prisma-policy-repository.ts";
import { PrismaRegisterStore } from "../src/infra/db/register/prisma-register-repository.ts";
import { timeOrderedId } from "../src/infra/db/register/time-ordered-id.ts";
import { openRegisterFiles } from "../src/infra/register-files/open-register-file.ts";
import { systemClock } from "../src/ports/clock.ts";
import { writeGeneratedRegister } from "./register-generator.ts";

export async function loadRegister(db: Database, dir: string): Promise<void> {
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

/** Leaves on every 10th held post (a third sealed and ahead), an audit each, items on some (bench:questions too). */
export async function addActivity(db: Database): Promise<number> {
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

/** The generated register as the bank's four CSV files in `dir` (bench:questions writes the same). */
export async function writeRegister(dir: string): Promise<void> {
  await writeGeneratedRegister(dir);
}

/** Writes the bank into the database at `url` (migrating it first); answers how many leaves were added. */
export async function seedDashboardBank(url: string): Promise<number> {
  await migrate(url);
  const dir = mkdtempSync(join(tmpdir(), "keypost-dashboard-bank-"));
  const db = openDatabase(url);
  try {
    await writeRegister(dir);
    await loadRegister(db, dir);
    const leaves = await addActivity(db);
    const ho = await db.prisma.orgUnit.findUniqueOrThrow({ where: { code: "HO" } });
    const officer = await db.prisma.employee.findUniqueOrThrow({ where: { code: "E000003" } });
    await db.prisma.roleGrant.create({
      data: { id: randomUUID(), employeeId: officer.id, role: "compliance", unitId: ho.id },
    });
    // A bank in use has its statistics: without them the first pages after writing it were planned
    // blind (a sub-branch's page read 0.17 s of the server's CPU instead of 0.01 s) until autovacuum ran.
    if (db.provider === "postgres") await db.prisma.$executeRawUnsafe("ANALYZE");
    return leaves;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
