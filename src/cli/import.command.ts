// keypost import <file…> [--dry-run] — the register files (docs/register-files.md), in one
// transaction. Exit 2 with one `file:row:column — reason` line per problem (nothing written),
// 0 with a summary line per kind.
import { setFlagsFromString } from "node:v8";
import { importRegister, summaryLines, type ImportReport } from "../app/register/import-register.ts";
import { formatRowError, type RowError } from "../ports/register-source.ts";
import { openDatabase, type Tx } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { PrismaRegisterStore } from "../infra/db/register/prisma-register-repository.ts";
import { timeOrderedId } from "../infra/db/register/time-ordered-id.ts";
import { openRegisterFiles } from "../infra/register-files/open-register-file.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from "./command.ts";
import {
  ReferenceProblems,
  hasReferenceWrites,
  readPostPolicies,
  readReferenceFiles,
  writeHistoryFilesIn,
  writeReferenceFilesIn,
} from "./import-reference-files.ts";

/**
 * An import is a batch job with a process of its own. By default V8 lets the heap grow to about
 * four times what is live before it collects: importing 100 000 employees peaked at ~430 MB RSS.
 * Growing by half instead keeps the peak near 300 MB for the same CPU time (bench/import.bench.ts).
 * V8 reads this flag each time it sizes the heap, so setting it at run time takes effect.
 */
export function keepBatchHeapSmall(): void {
  setFlagsFromString("--heap-growing-percent=50");
}

/** More lines than this help nobody: the rest are counted. */
const MAX_ERROR_LINES = 1000;

class DryRunRollback extends Error {}

function printErrors(io: CliIo, errors: readonly RowError[]): void {
  for (const e of errors.slice(0, MAX_ERROR_LINES)) io.err(formatRowError(e));
  if (errors.length > MAX_ERROR_LINES) io.err(`… and ${errors.length - MAX_ERROR_LINES} more`);
  io.err(`${errors.length} ${errors.length === 1 ? "problem" : "problems"}: nothing was imported`);
}

function printReport(io: CliIo, report: ImportReport, listChanges: boolean): void {
  summaryLines(report).forEach((line, i) => {
    io.out(line);
    if (listChanges) for (const change of report.kinds[i]!.changes) io.out(`  ${change}`);
  });
}

export const importCommand: CliCommand = {
  name: "import",
  usage: "import <file…> [--dry-run] [--calendar CODE]",
  summary:
    "import register files (units, employees, posts, assignments, clients), calendars, checklists and policy files, in one transaction",
  async run(args, { config, io, clock = systemClock }) {
    const calendarAt = args.indexOf("--calendar");
    const calendarCode = calendarAt >= 0 ? args[calendarAt + 1] : undefined;
    if (calendarAt >= 0 && (calendarCode === undefined || calendarCode.startsWith("-")))
      throw new UsageError("--calendar needs the calendar's code (for an .ics file), e.g. --calendar CN");
    const rest = calendarAt >= 0 ? [...args.slice(0, calendarAt), ...args.slice(calendarAt + 2)] : args;
    const options = rest.filter((a) => a.startsWith("-"));
    const unknown = options.find((o) => o !== "--dry-run");
    if (unknown !== undefined)
      throw new UsageError(`unknown option "${unknown}" (usage: keypost import <file…> [--dry-run] [--calendar CODE])`);
    const paths = rest.filter((a) => !a.startsWith("-"));
    if (paths.length === 0)
      throw new UsageError("name the register files to import, e.g. keypost import units.csv employees.csv");
    const dryRun = options.includes("--dry-run");

    keepBatchHeapSmall();
    await migrate(config.DATABASE_URL);
    const files = await readReferenceFiles(paths, calendarCode);
    const { sources, errors: fileErrors } = await openRegisterFiles(files.registerPaths);
    if (files.problems.length > 0) {
      for (const line of files.problems) io.err(line);
      io.err(`${files.problems.length} ${files.problems.length === 1 ? "problem" : "problems"}: nothing was imported`);
      return EXIT_USAGE;
    }
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    // Progress on a terminal only: every 10 000 rows read of a register file, written of a ledger.
    const onProgress = io.interactive
      ? (kind: string, rows: number) => io.err(`${kind}: ${rows.toLocaleString("en")} rows read…`)
      : undefined;
    const onHistory = io.interactive
      ? (label: string, rows: number) => io.err(`${label}: ${rows.toLocaleString("en")} rows written…`)
      : undefined;
    try {
      const postSources = sources.filter((s) => s.kind === "posts");
      const postPolicies = fileErrors.length === 0 ? await readPostPolicies(postSources) : [];
      let reference = { lines: [] as string[], changed: false };
      const prelude = async (tx: Tx) => {
        reference = await writeReferenceFilesIn(tx, db, files, postPolicies, clock.now());
      };
      try {
        if (sources.length === 0 && fileErrors.length === 0) {
          // Reference files alone: their own transaction, rolled back on a dry run.
          await db.transaction(async (tx) => {
            await prelude(tx);
            reference.lines.push(...(await writeHistoryFilesIn(tx, db, files, clock.now(), onHistory)));
            if (dryRun) throw new DryRunRollback();
          });
          for (const line of reference.lines) io.out(line);
          return EXIT_OK;
        }

        let history: string[] = [];
        // Register files alone: the import's transaction has no Prisma in it (decision 13.s9i-1).
        const store = new PrismaRegisterStore(
          db,
          hasReferenceWrites(files, postPolicies)
            ? {
                prelude,
                postlude: async (tx, outcome) => {
                  if ((outcome as { ok: boolean }).ok)
                    history = await writeHistoryFilesIn(tx, db, files, clock.now(), onHistory);
                  if (history.some((line) => !line.includes(": 0 created, 0 updated"))) reference.changed = true;
                },
                alsoCommit: (outcome) => !dryRun && reference.changed && (outcome as { ok: boolean }).ok,
              }
            : {},
        );
        const outcome = await importRegister(
          { store, clock, newId: timeOrderedId, onProgress },
          { sources, dryRun, fileErrors, platform: "cli" },
        );
        if (!outcome.ok) {
          printErrors(io, outcome.errors);
          return EXIT_USAGE;
        }
        if (outcome.report.dryRun) io.out("dry run: nothing was written");
        for (const line of reference.lines) io.out(line);
        printReport(io, { ...outcome.report, dryRun: false }, outcome.report.dryRun);
        for (const line of history) io.out(line);
        return EXIT_OK;
      } catch (error) {
        if (error instanceof DryRunRollback) {
          io.out("dry run: nothing was written");
          for (const line of reference.lines) io.out(line);
          return EXIT_OK;
        }
        if (error instanceof ReferenceProblems) {
          printErrors(io, error.errors);
          return EXIT_USAGE;
        }
        throw error;
      }
    } finally {
      await db.close();
    }
  },
};
