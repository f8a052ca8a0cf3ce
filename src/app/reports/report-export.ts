// `keypost export <report> [--format csv|json] [--table figures|rows] [--out FILE] [--as CODE]
// [--at ISO] [--from YYYY-MM-DD] [--horizon DAYS]`: one entry per report for the CLI's export
// registry. The CLI is an operator's tool: without --as it runs as the organisation's compliance
// view (HR, compliance and compliance head over the whole bank, OPERATOR_VIEWER), so sealed leaves
// count before they start; --as <code> gives exactly what that employee would see (docs/reports.md).
// What it needs from outside (the database, the file system, the CLI's usage error) is injected.
import { parseArgs } from "node:util";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Actor } from "../../domain/access/roles.ts";
import { isLocalDate } from "../../domain/calendar/index.ts";
import { DomainError } from "../../domain/errors.ts";
import type { ReportExportHost } from "../../ports/report-queries.ts";
import type { ReportHeader } from "./report-context.ts";
import { OPERATOR_VIEWER, REPORT_ROLES } from "./report-scope.ts";
import type { Table } from "./report-tables.ts";
import { REPORTS, type ReportOptions, type ReportSpec } from "./reports.registry.ts";

export type ExportFormat = "csv" | "json";
export type ExportTable = "figures" | "rows";

/** A ratio in CSV: six decimals at most, blank when there is nothing to divide by. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
  return String(value);
}

export function tableToCsv(table: Table): string {
  return stringify([table.columns as string[], ...table.rows.map((row) => row.map(cellText))], {
    record_delimiter: "\n",
  });
}

/** The whole report (figures and rows) as JSON; dates as ISO text. */
export function reportToJson(report: ReportHeader): string {
  return JSON.stringify(report, null, 2) + "\n";
}

export function formatReport(spec: ReportSpec, report: ReportHeader, format: ExportFormat, table: ExportTable): string {
  return format === "json" ? reportToJson(report) : tableToCsv(spec.tables(report)[table]);
}

export type { ReportExportHost };

/** The shape of the CLI's ExportReport, structurally (the app does not import the CLI). */
export interface ReportExportEntry {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(
    args: string[],
    ctx: { readonly config: { readonly DATABASE_URL: string }; readonly io: { out(line: string): void } },
  ): Promise<number>;
}

const instant = z.iso.datetime({ offset: true });

interface Parsed {
  readonly format: ExportFormat;
  readonly table: ExportTable;
  readonly out: string | undefined;
  readonly as: string | undefined;
  readonly at: Date | undefined;
  readonly options: ReportOptions;
}

function parse(spec: ReportSpec, args: string[], usage: string, host: ReportExportHost): Parsed {
  const names = [
    "format",
    "table",
    "out",
    "as",
    "at",
    ...(spec.options.includes("from") ? ["from"] : []),
    ...(spec.options.includes("leaveHorizonDays") ? ["horizon"] : []),
  ];
  const config = Object.fromEntries(names.map((n) => [n, { type: "string" as const }]));
  const { values } = parseArgs({ args, options: config, strict: true, allowPositionals: false });
  const v = values as Record<string, string | undefined>;
  const bad = (what: string) => host.usageError(`${what} (usage: keypost ${usage})`);
  const format = v.format ?? "csv";
  if (format !== "csv" && format !== "json") throw bad(`--format must be csv or json (got "${format}")`);
  const table = v.table ?? "figures";
  if (table !== "figures" && table !== "rows") throw bad(`--table must be figures or rows (got "${table}")`);
  if (v.at !== undefined && !instant.safeParse(v.at).success)
    throw bad(`--at must be an ISO instant such as 2026-12-01T09:00:00+08:00 (got "${v.at}")`);
  if (v.from !== undefined && !isLocalDate(v.from)) throw bad(`--from must be a date YYYY-MM-DD (got "${v.from}")`);
  if (v.horizon !== undefined && !/^\d{1,4}$/.test(v.horizon))
    throw bad(`--horizon must be a number of days (got "${v.horizon}")`);
  const options: ReportOptions = {
    ...(v.from !== undefined ? { from: v.from } : {}),
    ...(v.horizon !== undefined ? { leaveHorizonDays: Number(v.horizon) } : {}),
  };
  return { format, table, out: v.out, as: v.as, at: v.at === undefined ? undefined : new Date(v.at), options };
}

function entryOf(spec: ReportSpec, host: ReportExportHost): ReportExportEntry {
  const extra = [
    spec.options.includes("from") ? " [--from YYYY-MM-DD]" : "",
    spec.options.includes("leaveHorizonDays") ? " [--horizon DAYS]" : "",
  ].join("");
  const usage = `export ${spec.name} [--format csv|json] [--table figures|rows] [--out FILE] [--as CODE] [--at ISO]${extra}`;
  return {
    name: spec.name,
    usage,
    summary: spec.summary,
    async run(args, { config, io }) {
      const p = parse(spec, args, usage, host);
      const { deps, close } = await host.open(config);
      try {
        let viewer: Actor = OPERATOR_VIEWER;
        if (p.as !== undefined) {
          const person = await deps.queries.actorByCode(p.as);
          if (!person) throw host.usageError(`no current employee with code "${p.as}"`);
          viewer = person;
        }
        let report: ReportHeader;
        try {
          report = await spec.run(deps, viewer, { now: p.at ?? host.now() }, p.options);
        } catch (error) {
          if (error instanceof DomainError && error.code === "NOT_AUTHORISED")
            throw host.usageError(`${p.as} holds no reporting role (${REPORT_ROLES.join(", ")})`);
          throw error;
        }
        const text = formatReport(spec, report, p.format, p.table);
        if (p.out !== undefined) await host.writeFile(p.out, text);
        else io.out(text.replace(/\n$/, ""));
        return 0;
      } finally {
        await close();
      }
    },
  };
}

/** One export entry per report, for the CLI's registry. */
export function reportExports(host: ReportExportHost): ReportExportEntry[] {
  return REPORTS.map((spec) => entryOf(spec, host));
}
