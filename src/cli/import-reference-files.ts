// The reference files `keypost import` takes beside the register: working-day calendars (CSV with
// the header calendar,date,kind,name, or .ics with --calendar CODE), audit checklist templates
// (CSV with the header template_code,template_name,seq,text,text_en) and policy files (CSV with
// policy columns and no unit_code, or JSON of kind "policies"). They are parsed and checked before
// anything is written, and written first, in the register import's own transaction, so that one
// command writes all or nothing and a dry run sees them (docs/register-files.md).
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
import { checkPolicyRows, type PolicyFileRow, type StoredPolicies } from "../app/policy/policy-file-rows.ts";
import { postPolicyRows } from "../app/policy/post-own-policies.ts";
import { RegisterFileError, type RawRow, type RegisterSource, type RowError } from "../ports/register-source.ts";
import type { Database, Tx } from "../infra/db/database.ts";
import { PrismaPolicyRepository } from "../infra/db/prisma-policy-repository.ts";
import { PrismaPolicyWriter } from "../infra/db/prisma-policy-writer.ts";
import { readPolicyFile, readTableFile } from "../infra/policy-files/policy-file.reader.ts";
import { checkLeaveHistoryRows, isLeaveHistoryHeader } from "../app/history/leave-history-rows.ts";
import { checkAuditHistoryRows, isAuditHistoryHeader } from "../app/history/audit-history-rows.ts";
import { writePastAudits, writePastLeaves } from "../infra/db/prisma-history-writer.ts";
import { PrismaCalendarRepository } from "../infra/db/prisma-calendar-repository.ts";
import { upsertChecklistTemplates } from "../infra/db/prisma-checklist-templates.ts";

export interface ReferenceFiles {
  readonly calendars: ParsedCalendar[];
  readonly checklists: ChecklistTemplateFile[];
  /** Policy files (checked against the stored policies inside the transaction). */
  readonly policyPaths: string[];
  /** Past mandatory leaves (the bank's ledger), written after the register rows. */
  readonly historyPaths: string[];
  /** Past off-post audits (the bank's ledger), written after the past leaves they may name. */
  readonly auditHistoryPaths: string[];
  /** The paths that are register files, for the register importer. */
  readonly registerPaths: string[];
  readonly problems: string[];
}

const CALENDAR_HEADER = /^\uFEFF?calendar,date,kind,name\s*$/;

/** A policy CSV: policy number columns, and none of a register file's unit_code. */
function headerNames(header: string): string[] {
  return header
    .replace(/^\uFEFF/, "")
    .split(",")
    .map((c) =>
      c
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_"),
    );
}

function isPolicyHeader(header: string): boolean {
  const names = headerNames(header);
  return (
    names.includes("code") &&
    !names.includes("unit_code") &&
    names.some((n) => n === "max_tenure_months" || n === "base")
  );
}

async function jsonKindOf(path: string): Promise<string | undefined> {
  try {
    const head = (await readFile(path, "utf8")).replace(/^\uFEFF/, "").slice(0, 200);
    return /^\s*\{\s*"kind"\s*:\s*"([a-z-]+)"/.exec(head)?.[1];
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
}

export async function readReferenceFiles(
  paths: readonly string[],
  calendarCode: string | undefined,
): Promise<ReferenceFiles> {
  const out: ReferenceFiles = {
    calendars: [],
    checklists: [],
    policyPaths: [],
    historyPaths: [],
    auditHistoryPaths: [],
    registerPaths: [],
    problems: [],
  };
  for (const path of paths) {
    const extension = extname(path).toLowerCase();
    const isIcs = extension === ".ics";
    const jsonKind = extension === ".json" ? await jsonKindOf(path) : undefined;
    if (jsonKind === "policies" || jsonKind === "leave-history" || jsonKind === "audit-history") {
      const list = {
        policies: out.policyPaths,
        "leave-history": out.historyPaths,
        "audit-history": out.auditHistoryPaths,
      };
      list[jsonKind].push(path);
      continue;
    }
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
    if (!isIcs && isPolicyHeader(header)) {
      out.policyPaths.push(path);
      continue;
    }
    if (!isIcs && isAuditHistoryHeader(headerNames(header))) {
      out.auditHistoryPaths.push(path);
      continue;
    }
    if (!isIcs && isLeaveHistoryHeader(headerNames(header))) {
      out.historyPaths.push(path);
      continue;
    }
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

/** Problems found while writing inside the transaction: the caller rolls back and prints them. */
export class ReferenceProblems extends Error {
  constructor(readonly errors: readonly RowError[]) {
    super(`${errors.length} problems`);
  }
}

export interface ReferenceWrite {
  readonly lines: string[];
  /** True when something was created or changed. */
  readonly changed: boolean;
}

/**
 * Writes calendars, checklists, policy files and the posts' own numbers inside `tx` (the register
 * import's transaction). Throws ReferenceProblems, listing every row problem, when a policy row is
 * wrong.
 */
/** A posts file's own policy numbers (max_tenure_months …), as policy rows: see post-own-policies.ts. */
export interface PostPolicies {
  readonly file: string;
  readonly rows: readonly PolicyFileRow[];
}

/**
 * Reads the posts files for their own policy numbers, before the import's transaction opens: the
 * command needs Prisma in that transaction only when there are some (or other reference files). A
 * file that cannot be read yields none here; the register import reports it, row and reason.
 */
export async function readPostPolicies(postSources: readonly RegisterSource[]): Promise<PostPolicies[]> {
  const out: PostPolicies[] = [];
  for (const source of postSources) {
    const rows: RawRow[] = [];
    try {
      for await (const row of source.rows()) rows.push(row);
    } catch (error) {
      if (error instanceof RegisterFileError) continue;
      throw error;
    }
    out.push({ file: source.name, rows: postPolicyRows(rows) });
  }
  return out;
}

/** Whether writing the reference files (and the history after the rows) needs anything: Prisma's transaction then. */
export function hasReferenceWrites(files: ReferenceFiles, postPolicies: readonly PostPolicies[]): boolean {
  return (
    files.calendars.length > 0 ||
    files.checklists.length > 0 ||
    files.policyPaths.length > 0 ||
    files.historyPaths.length > 0 ||
    files.auditHistoryPaths.length > 0 ||
    postPolicies.some((p) => p.rows.length > 0)
  );
}

export async function writeReferenceFilesIn(
  tx: Tx,
  db: Database,
  files: ReferenceFiles,
  postPolicies: readonly PostPolicies[],
  at: Date,
): Promise<ReferenceWrite> {
  const lines: string[] = [];
  let changed = false;
  const calendars = new PrismaCalendarRepository(tx);
  for (const calendar of files.calendars) {
    const c = await calendars.upsertDays(calendar.calendar, calendar.days);
    changed ||= c.created + c.updated > 0;
    lines.push(`calendar ${calendar.calendar}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  }
  if (files.checklists.length > 0) {
    const c = await upsertChecklistTemplates(tx, files.checklists);
    changed ||= c.created + c.updated > 0;
    lines.push(`checklists: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  }
  const writer = new PrismaPolicyWriter(db);
  const stored = async (): Promise<StoredPolicies> => {
    const repo = new PrismaPolicyRepository(tx);
    let defaults = {};
    try {
      defaults = await repo.categoryDefaults();
    } catch {
      // several sets of defaults and no active preset: a base category cannot resolve (reported per row)
    }
    return { byCode: new Map((await repo.list()).map((p) => [p.code, p])), defaults };
  };
  const errors: RowError[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const write = async (file: string, rows: readonly PolicyFileRow[], renameBase = false) => {
    if (rows.length === 0) return;
    const checked = checkPolicyRows(file, rows, await stored());
    if (checked.errors.length > 0) {
      errors.push(
        ...checked.errors.map((e) => (renameBase && e.column === "base" ? { ...e, column: "policy_code" } : e)),
      );
      return;
    }
    const report = await writer.writeIn(tx, checked.policies, checked.activePreset, {
      at,
      actorId: null,
      platform: "cli",
    });
    created += report.created;
    updated += report.updated;
    unchanged += report.unchanged;
  };
  for (const path of files.policyPaths) {
    const read = await readPolicyFile(path);
    if (read.errors.length > 0) errors.push(...read.errors);
    else await write(path, read.rows);
  }
  if (errors.length === 0) for (const { file, rows } of postPolicies) await write(file, rows, true);
  if (errors.length > 0) throw new ReferenceProblems(errors);
  if (created + updated + unchanged > 0) {
    changed ||= created + updated > 0;
    lines.push(`policies: ${created} created, ${updated} updated, ${unchanged} unchanged`);
  }
  return { lines, changed };
}

/**
 * Writes the past leaves, then the past audits (which may name those leaves), of the history
 * files inside `tx`, after the register rows; throws ReferenceProblems listing every row problem.
 */
/** Rows of a history ledger between two progress lines (the register import's rhythm). */
export const HISTORY_PROGRESS_EVERY = 10_000;

/**
 * `progress`: told "past leaves", 10 000 … every 10 000 rows of a ledger written (the CLI prints it
 * on a terminal, like the register import's "employees: 10,000 rows read…").
 */
export async function writeHistoryFilesIn(
  tx: Tx,
  db: Database,
  files: ReferenceFiles,
  at: Date,
  progress?: (label: string, rows: number) => void,
): Promise<string[]> {
  const today = at.toISOString().slice(0, 10);
  const errors: RowError[] = [];
  const lines: string[] = [];
  const each = async <T>(
    paths: readonly string[],
    kind: string,
    label: string,
    check: (path: string, rows: Awaited<ReturnType<typeof readTableFile>>["rows"]) => { rows: T[]; errors: RowError[] },
    write: (
      path: string,
      rows: T[],
      onRow: (done: number) => void,
    ) => Promise<{ errors: RowError[]; report: { created: number; updated: number; unchanged: number } }>,
  ) => {
    if (paths.length === 0) return;
    const counts = { created: 0, updated: 0, unchanged: 0 };
    let before = 0; // rows of the earlier files of this ledger
    const onRow = (done: number) => {
      if (progress && (before + done) % HISTORY_PROGRESS_EVERY === 0) progress(label, before + done);
    };
    for (const path of paths) {
      const read = await readTableFile(path, kind);
      if (read.errors.length > 0) {
        errors.push(...read.errors);
        continue;
      }
      const checked = check(path, read.rows);
      if (checked.errors.length > 0) {
        errors.push(...checked.errors);
        continue;
      }
      if (errors.length > 0) continue; // everything is checked; nothing more is written
      let last = 0;
      const written = await write(path, checked.rows, (done) => {
        // Each row is told once, whatever the writer's calls.
        if (done > last) onRow((last = done));
      });
      before += checked.rows.length;
      errors.push(...written.errors);
      counts.created += written.report.created;
      counts.updated += written.report.updated;
      counts.unchanged += written.report.unchanged;
    }
    lines.push(`${label}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  };
  await each(
    files.historyPaths,
    "leave-history",
    "past leaves",
    (path, rows) => {
      const c = checkLeaveHistoryRows(path, rows, today);
      return { rows: c.leaves, errors: c.errors };
    },
    (path, leaves, onRow) => writePastLeaves(tx, db.provider, path, leaves, at, undefined, onRow),
  );
  await each(
    files.auditHistoryPaths,
    "audit-history",
    "past audits",
    (path, rows) => {
      const c = checkAuditHistoryRows(path, rows, today);
      return { rows: c.audits, errors: c.errors };
    },
    (path, audits, onRow) => writePastAudits(tx, db.provider, path, audits, at, undefined, onRow),
  );
  if (errors.length > 0) throw new ReferenceProblems(errors);
  return lines;
}
