// The reference files `keypost import` takes beside the register: working-day calendars (CSV with
// the header calendar,date,kind,name, or .ics with --calendar CODE) and audit checklist templates
// (CSV with the header template_code,template_name,seq,text,text_en). They are parsed and checked
// before anything is written, and written before the register, which refers to them by code.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { CalendarFileError, parseCalendarFile } from "../infra/calendar-files/index.ts";
import type { ParsedCalendar } from "../infra/calendar-files/calendar-file.ts";
import {
  ChecklistFileError,
  isChecklistHeader,
  parseChecklistCsv,
  type ChecklistTemplateFile,
} from "../infra/checklist-files/checklist-csv.parser.ts";
import type { Database } from "../infra/db/database.ts";
import { PrismaCalendarRepository } from "../infra/db/prisma-calendar-repository.ts";
import { upsertChecklistTemplates } from "../infra/db/prisma-checklist-templates.ts";

export interface ReferenceFiles {
  readonly calendars: ParsedCalendar[];
  readonly checklists: ChecklistTemplateFile[];
  /** The paths that are register files, for the register importer. */
  readonly registerPaths: string[];
  readonly problems: string[];
}

const CALENDAR_HEADER = /^\uFEFF?calendar,date,kind,name\s*$/;

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
}

export async function readReferenceFiles(
  paths: readonly string[],
  calendarCode: string | undefined,
): Promise<ReferenceFiles> {
  const out: ReferenceFiles = { calendars: [], checklists: [], registerPaths: [], problems: [] };
  for (const path of paths) {
    const extension = extname(path).toLowerCase();
    const isIcs = extension === ".ics";
    if (!isIcs && extension !== ".csv") {
      out.registerPaths.push(path);
      continue;
    }
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch {
      out.registerPaths.push(path); // the register importer names the unreadable file
      continue;
    }
    const header = firstLine(text);
    try {
      if (isIcs || CALENDAR_HEADER.test(header))
        out.calendars.push(
          ...parseCalendarFile(path, text, calendarCode === undefined ? {} : { calendar: calendarCode }),
        );
      else if (
        isChecklistHeader(
          header
            .replace(/^\uFEFF/, "")
            .split(",")
            .map((c) => c.trim()),
        )
      )
        out.checklists.push(...parseChecklistCsv(text, path));
      else out.registerPaths.push(path);
    } catch (error) {
      if (error instanceof CalendarFileError)
        out.problems.push(...error.message.split("\n").filter((l) => l.trim() !== ""));
      else if (error instanceof ChecklistFileError) out.problems.push(...error.problems);
      else throw error;
    }
  }
  return out;
}

class DryRunRollback extends Error {}

/** Writes calendars and checklists in one transaction (rolled back on a dry run); returns summary lines. */
export async function writeReferenceFiles(db: Database, files: ReferenceFiles, dryRun: boolean): Promise<string[]> {
  if (files.calendars.length === 0 && files.checklists.length === 0) return [];
  const lines: string[] = [];
  try {
    await db.prisma.$transaction(
      async (tx) => {
        const calendars = new PrismaCalendarRepository(tx);
        for (const calendar of files.calendars) {
          const c = await calendars.upsertDays(calendar.calendar, calendar.days);
          lines.push(
            `calendar ${calendar.calendar}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`,
          );
        }
        if (files.checklists.length > 0) {
          const c = await upsertChecklistTemplates(tx, files.checklists);
          lines.push(`checklists: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
        }
        if (dryRun) throw new DryRunRollback();
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return lines;
}
