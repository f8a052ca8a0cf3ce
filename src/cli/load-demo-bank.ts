// The demo bank: a head office and two branches in Asia/Shanghai, 60 staff, 23 key posts of all
// three categories, 40 clients, the cn-bank policy preset, China's 2026 working-day calendar and
// the audit checklists — loaded through the same importers an operator uses. `npm start` loads it
// into a new, empty default SQLite database; on any other database only `keypost demo` does.
import { PACKAGE_ROOT } from "../infra/package-root.ts";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { importRegister, summaryLines } from "../app/register/import-register.ts";
import { formatRowError } from "../ports/register-source.ts";
import type { Clock } from "../ports/clock.ts";
import { newId } from "../ports/ids.ts";
import { SETTING } from "../ports/settings.ts";
import { parseChecklistCsv } from "../infra/checklist-files/checklist-csv.parser.ts";
import { parseCalendarFile } from "../infra/calendar-files/index.ts";
import type { Database } from "../infra/db/database.ts";
import { PrismaCalendarRepository } from "../infra/db/prisma-calendar-repository.ts";
import { upsertChecklistTemplates } from "../infra/db/prisma-checklist-templates.ts";
import { PrismaPolicyRepository } from "../infra/db/prisma-policy-repository.ts";
import { PrismaRegisterStore } from "../infra/db/register/prisma-register-repository.ts";
import { PrismaSettingsRepository } from "../infra/db/prisma-settings-repository.ts";
import { openRegisterFiles } from "../infra/register-files/open-register-file.ts";

const SAMPLES = join(PACKAGE_ROOT, "samples");
export const DEMO_FILES = ["units", "employees", "posts", "assignments", "clients"].map((kind) =>
  join(SAMPLES, "demo-bank", `${kind}.csv`),
);

export class DemoBankError extends Error {
  readonly code = "DEMO_BANK_INVALID";
}

/** True when the database holds no org unit yet: the only case in which `npm start` loads the demo. */
export async function isEmptyRegister(db: Database): Promise<boolean> {
  return db.prisma.$transaction(async (tx) => (await tx.orgUnit.count()) === 0);
}

export async function loadDemoBank(db: Database, clock: Clock): Promise<string[]> {
  const lines: string[] = [];
  await new PrismaPolicyRepository(db.prisma).applyPreset("cn-bank");
  lines.push("policies: cn-bank preset");

  const calendars = new PrismaCalendarRepository(db.prisma);
  const calendarFile = join(SAMPLES, "calendars", "cn-2026.csv");
  for (const parsed of parseCalendarFile(calendarFile, await readFile(calendarFile, "utf8"))) {
    await calendars.define({ code: parsed.calendar, name: "中国内地工作日历 China mainland working days" });
    const counts = await calendars.upsertDays(parsed.calendar, parsed.days);
    lines.push(`calendar ${parsed.calendar}: ${counts.created} days added, ${counts.unchanged} unchanged`);
  }

  const checklistFile = join(SAMPLES, "demo-bank", "checklists.csv");
  const templates = parseChecklistCsv(await readFile(checklistFile, "utf8"), checklistFile);
  const counts = await db.prisma.$transaction((tx) => upsertChecklistTemplates(tx, templates), { timeout: 30_000 });
  lines.push(`checklists: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);

  const { sources, errors } = await openRegisterFiles(DEMO_FILES);
  const outcome = await importRegister(
    { store: new PrismaRegisterStore(db), clock, newId },
    { sources, dryRun: false, fileErrors: errors, platform: "system" },
  );
  if (!outcome.ok)
    throw new DemoBankError(`the demo bank files do not import:\n${outcome.errors.map(formatRowError).join("\n")}`);
  lines.push(...summaryLines(outcome.report));
  await db.prisma.$transaction((tx) =>
    new PrismaSettingsRepository(tx).set(SETTING.demoLoadedAt, clock.now().toISOString()),
  );
  return lines;
}
