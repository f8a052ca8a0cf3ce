// The reports by name: what `keypost export <name>` (and any other caller) can ask for, each with
// its two tables for CSV. The names are stable: they are the CLI's words and the files' names.
import type { Actor } from "../../domain/access/roles.ts";
import type { LocalDate } from "../../domain/calendar/index.ts";
import { auditTimelinessReport } from "./audit-timeliness.report.ts";
import { earlyWarningsReport } from "./early-warnings.report.ts";
import { findingsReport } from "./findings.report.ts";
import { keyPostsReport } from "./key-posts.report.ts";
import { leaveCoverageReport } from "./leave-coverage.report.ts";
import { rectificationClosureReport } from "./rectification-closure.report.ts";
import type { ReportDeps, ReportEnv, ReportHeader } from "./report-context.ts";
import * as tables from "./report-tables.ts";
import type { Table } from "./report-tables.ts";
import { rotationComplianceReport } from "./rotation-compliance.report.ts";

export interface ReportOptions {
  /** Period figures (audits, findings, rectifications): the first day counted. */
  readonly from?: LocalDate;
  /** Early warnings: also leaves due within this many days. */
  readonly leaveHorizonDays?: number;
}

export interface ReportSpec {
  readonly name: string;
  readonly summary: string;
  /** Which options it reads. */
  readonly options: readonly (keyof ReportOptions)[];
  run(deps: ReportDeps, viewer: Actor, env: ReportEnv, options: ReportOptions): Promise<ReportHeader>;
  tables(report: ReportHeader): { figures: Table; rows: Table };
}

function spec<R extends ReportHeader>(definition: {
  name: string;
  summary: string;
  options: readonly (keyof ReportOptions)[];
  run(deps: ReportDeps, viewer: Actor, env: ReportEnv, options: ReportOptions): Promise<R>;
  tables(report: R): { figures: Table; rows: Table };
}): ReportSpec {
  // Each spec's tables() is only ever given what its own run() answered.
  return definition as unknown as ReportSpec;
}

const period = (options: ReportOptions) => (options.from === undefined ? {} : { from: options.from });

export const REPORTS: readonly ReportSpec[] = [
  spec({
    name: "key-posts",
    summary: "key posts identified; with defined standards; with checklists",
    options: [],
    run: keyPostsReport,
    tables: tables.keyPostsTables,
  }),
  spec({
    name: "rotation-compliance",
    summary: "holders within their tenure limit ÷ holders, per unit and category",
    options: [],
    run: rotationComplianceReport,
    tables: tables.rotationComplianceTables,
  }),
  spec({
    name: "leave-coverage",
    summary: "holders who took a mandatory leave of the minimum length in the last 12 months ÷ holders",
    options: [],
    run: leaveCoverageReport,
    tables: tables.leaveCoverageTables,
  }),
  spec({
    name: "audit-timeliness",
    summary: "off-post audits signed or closed by their due date ÷ audits due; late audits",
    options: ["from"],
    run: (deps, viewer, env, options) => auditTimelinessReport(deps, viewer, env, period(options)),
    tables: tables.auditTimelinessTables,
  }),
  spec({
    name: "findings",
    summary: "audit findings by severity",
    options: ["from"],
    run: (deps, viewer, env, options) => findingsReport(deps, viewer, env, period(options)),
    tables: tables.findingsTables,
  }),
  spec({
    name: "rectification-closure",
    summary: "rectification items closed ÷ items due; overdue items",
    options: ["from"],
    run: (deps, viewer, env, options) => rectificationClosureReport(deps, viewer, env, period(options)),
    tables: tables.rectificationClosureTables,
  }),
  spec({
    name: "early-warnings",
    summary: "tenure limits near or past, leaves overdue, notices unacknowledged, audits late, items overdue",
    options: ["leaveHorizonDays"],
    run: (deps, viewer, env, options) =>
      earlyWarningsReport(
        deps,
        viewer,
        env,
        options.leaveHorizonDays === undefined ? {} : { leaveHorizonDays: options.leaveHorizonDays },
      ),
    tables: tables.earlyWarningsTables,
  }),
];

export function reportByName(name: string): ReportSpec | undefined {
  return REPORTS.find((r) => r.name === name);
}
