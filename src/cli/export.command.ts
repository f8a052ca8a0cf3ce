// keypost export <report> [options] — one command, many reports, chosen by name from a small
// registry: add a report by adding an entry to EXPORT_REPORTS. An unknown name is refused (exit 2)
// with the list of known ones.
import { exportRegister } from "../app/register/export-register.ts";
import { reportExports } from "../app/reports/report-export.ts";
import { reportExportHost } from "../infra/db/reports/report-sources.ts";
import { openDatabase } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { PrismaRegisterReader } from "../infra/db/register/prisma-register-reader.ts";
import { RegisterFilesWriter, type RegisterFormat } from "../infra/register-files/register-file-writer.ts";
import { auditLogExportReport } from "./audit-log-export.ts";
import { exportBankFiles } from "./export-bank-files.ts";
import type { SetupGapCode } from "../app/setup-gaps/setup-gaps.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_OK, UsageError, type CliCommand, type CliContext } from "./command.ts";
import { currentSetupGaps } from "./doctor.command.ts";

export interface ExportReport {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** `--name value` and `--name=value` options; anything else is a usage error. */
export function parseOptions(args: readonly string[], names: readonly string[], usage: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const name = flag.replace(/^--/, "");
    if (!arg.startsWith("--") || !names.includes(name))
      throw new UsageError(`unexpected "${arg}" (usage: keypost ${usage})`);
    const value = inline ?? args[++i];
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value (usage: keypost ${usage})`);
    out.set(name, value);
  }
  return out;
}

export const registerExport: ExportReport = {
  name: "register",
  usage: "export register [--format csv|json] [--out DIR]",
  summary:
    "the bank as import files: units, employees, posts, assignments, clients, calendars, checklists, policies, past leaves and audits",
  async run(args, { config, io }) {
    const options = parseOptions(args, ["format", "out"], this.usage);
    const format = options.get("format") ?? "csv";
    if (format !== "csv" && format !== "json") throw new UsageError(`--format must be csv or json (got "${format}")`);
    const dir = options.get("out") ?? ".";
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      const writer = new RegisterFilesWriter(dir, format as RegisterFormat);
      const files = await exportRegister(new PrismaRegisterReader(db), writer);
      files.push(...((await exportBankFiles(db, writer)) as typeof files));
      for (const f of files) io.out(`${f.kind}: ${f.rows} rows → ${f.file}`);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};

export const EXPORT_REPORTS: readonly ExportReport[] = [
  registerExport,
  auditLogExportReport,
  ...reportExports(reportExportHost((message) => new UsageError(message))),
];

/** The setup gaps each report's figures depend on: a report touching one says so, never a silent zero. */
const GAPS_TOUCHING: Readonly<Record<string, readonly SetupGapCode[]>> = {
  "key-posts": ["POST_WITHOUT_POLICY"],
  "rotation-compliance": ["POST_WITHOUT_POLICY", "NO_KEY_POSTS"],
  "leave-coverage": ["POST_WITHOUT_POLICY", "UNIT_WITHOUT_CALENDAR", "CALENDAR_NOT_COVERING", "NO_KEY_POSTS"],
  "early-warnings": [
    "POST_WITHOUT_POLICY",
    "UNIT_WITHOUT_CALENDAR",
    "CALENDAR_NOT_COVERING",
    "HOLDER_UNREACHABLE",
    "NO_CHAT_PLATFORM",
    "NO_KEY_POSTS",
  ],
};

async function stateGaps(report: string, { config, io, clock }: CliContext): Promise<void> {
  const touching = GAPS_TOUCHING[report];
  if (!touching) return;
  const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
  try {
    for (const gap of await currentSetupGaps(db, config, (clock ?? systemClock).now()))
      if (touching.includes(gap.code)) io.err(`warning: ${gap.text} — the figures leave them out (keypost doctor)`);
  } finally {
    await db.close();
  }
}

export const exportCommand: CliCommand = {
  name: "export",
  usage: "export <report> [options]",
  summary: `write a report's files (${EXPORT_REPORTS.map((r) => r.name).join(", ")}); e.g. ${registerExport.usage}`,
  async run(args, ctx) {
    const [name, ...rest] = args;
    const known = EXPORT_REPORTS.map((r) => r.name).join(", ");
    if (name === undefined || name.startsWith("-")) throw new UsageError(`name the report to export (known: ${known})`);
    const report = EXPORT_REPORTS.find((r) => r.name === name);
    if (!report) throw new UsageError(`unknown report "${name}" (known: ${known})`);
    const code = await report.run(rest, ctx);
    if (code === EXIT_OK) await stateGaps(name, ctx);
    return code;
  },
};
