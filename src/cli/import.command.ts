// keypost import <file…> [--dry-run] — the register files (docs/register-files.md), in one
// transaction. Exit 2 with one `file:row:column — reason` line per problem (nothing written),
// 0 with a summary line per kind.
import { importRegister, summaryLines, type ImportReport } from "../app/register/import-register.ts";
import { formatRowError, type RowError } from "../app/register/register-source.ts";
import { openDatabase } from "../infra/db/database.ts";
import { migrate } from "../infra/db/migrator.ts";
import { PrismaRegisterStore } from "../infra/db/register/prisma-register-repository.ts";
import { openRegisterFiles } from "../infra/register-files/open-register-file.ts";
import { systemClock } from "../ports/clock.ts";
import { newId } from "../ports/ids.ts";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from "./command.ts";

/** More lines than this help nobody: the rest are counted. */
const MAX_ERROR_LINES = 1000;

function printErrors(io: CliIo, errors: readonly RowError[]): void {
  for (const e of errors.slice(0, MAX_ERROR_LINES)) io.err(formatRowError(e));
  if (errors.length > MAX_ERROR_LINES) io.err(`… and ${errors.length - MAX_ERROR_LINES} more`);
  io.err(`${errors.length} ${errors.length === 1 ? "problem" : "problems"}: nothing was imported`);
}

function printReport(io: CliIo, report: ImportReport): void {
  if (report.dryRun) io.out("dry run: nothing was written");
  summaryLines(report).forEach((line, i) => {
    io.out(line);
    if (report.dryRun) for (const change of report.kinds[i]!.changes) io.out(`  ${change}`);
  });
}

export const importCommand: CliCommand = {
  name: "import",
  usage: "import <file…> [--dry-run]",
  summary: "import register files: units, employees, posts, assignments, clients (CSV or JSON)",
  async run(args, { config, io }) {
    const options = args.filter((a) => a.startsWith("-"));
    const unknown = options.find((o) => o !== "--dry-run");
    if (unknown !== undefined) throw new UsageError(`unknown option "${unknown}" (usage: keypost import <file…> [--dry-run])`);
    const paths = args.filter((a) => !a.startsWith("-"));
    if (paths.length === 0) throw new UsageError("name the register files to import, e.g. keypost import units.csv employees.csv");
    const dryRun = options.includes("--dry-run");

    await migrate(config.DATABASE_URL);
    const { sources, errors: fileErrors } = await openRegisterFiles(paths);
    const db = openDatabase(config.DATABASE_URL);
    try {
      const onProgress = io.interactive ? (kind: string, rows: number) => io.err(`${kind}: ${rows.toLocaleString("en")} rows read…`) : undefined;
      const outcome = await importRegister({ store: new PrismaRegisterStore(db), clock: systemClock, newId, onProgress }, { sources, dryRun, fileErrors, platform: "cli" });
      if (!outcome.ok) {
        printErrors(io, outcome.errors);
        return EXIT_USAGE;
      }
      printReport(io, outcome.report);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};
