// Every report as two flat tables, for CSV: its figures (one layout for all reports: figure, unit,
// category, numerator, denominator, ratio; a blank unit and category is the total) and the rows
// behind them (one line per holding, audit, finding, item or warning).
import type { AuditTimelinessReport } from "./audit-timeliness.report.ts";
import type { EarlyWarningsReport } from "./early-warnings.report.ts";
import type { FindingsReport } from "./findings.report.ts";
import type { KeyPostsReport } from "./key-posts.report.ts";
import type { LeaveCoverageReport, LeaveRef } from "./leave-coverage.report.ts";
import type { RectificationClosureReport } from "./rectification-closure.report.ts";
import type { Figure } from "./report-context.ts";
import type { RotationComplianceReport } from "./rotation-compliance.report.ts";

export type Cell = string | number | boolean | null;

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export const FIGURE_COLUMNS = ["figure", "unit_code", "category", "numerator", "denominator", "ratio"] as const;

type Line = readonly [string, string, string, Figure];

function figureTable(lines: readonly Line[]): Table {
  return {
    columns: FIGURE_COLUMNS,
    rows: lines.map(([name, unit, category, f]) => [name, unit, category, f.numerator, f.denominator, f.ratio]),
  };
}

function table<R>(columns: readonly string[], rows: readonly R[], cells: (row: R) => readonly Cell[]): Table {
  return { columns, rows: rows.map(cells) };
}

const leaveCells = (ref: LeaveRef | null): Cell[] => [
  ref?.leaveId ?? null,
  ref?.startDate ?? null,
  ref?.endDate ?? null,
  ref?.workingDays ?? null,
];

export function keyPostsTables(r: KeyPostsReport): { figures: Table; rows: Table } {
  const lines: Line[] = [];
  for (const [name, pick] of [
    ["standard_defined", (c: KeyPostsReport) => c.standardDefined],
    ["checklist", (c: KeyPostsReport) => c.checklist],
    ["both", (c: KeyPostsReport) => c.both],
  ] as const) {
    lines.push([name, "", "", pick(r)]);
    for (const c of r.byCategory)
      lines.push([
        name,
        "",
        c.category,
        name === "standard_defined" ? c.standardDefined : name === "checklist" ? c.checklist : c.both,
      ]);
  }
  return {
    figures: figureTable(lines),
    rows: table(
      [
        "post_code",
        "post_name",
        "unit_code",
        "category",
        "standard_defined",
        "checklist_code",
        "checklist_items",
        "has_checklist",
      ],
      r.rows,
      (p) => [
        p.postCode,
        p.postName,
        p.unitCode,
        p.category,
        p.standardDefined,
        p.checklistCode,
        p.checklistItems,
        p.hasChecklist,
      ],
    ),
  };
}

export function rotationComplianceTables(r: RotationComplianceReport): { figures: Table; rows: Table } {
  const lines: Line[] = [["within_tenure_limit", "", "", r.total]];
  for (const c of r.byCategory) lines.push(["within_tenure_limit", "", c.category, c]);
  for (const g of r.byUnitCategory) lines.push(["within_tenure_limit", g.unitCode, g.category, g]);
  return {
    figures: figureTable(lines),
    rows: table(
      [
        "employee_code",
        "employee_name",
        "post_code",
        "unit_code",
        "category",
        "start_date",
        "today",
        "policy_code",
        "max_tenure_months",
        "deadline",
        "within_limit",
        "days_over",
      ],
      r.rows,
      (h) => [
        h.employeeCode,
        h.employeeName,
        h.postCode,
        h.unitCode,
        h.category,
        h.startDate,
        h.today,
        h.policyCode,
        h.maxTenureMonths,
        h.deadline,
        h.withinLimit,
        h.daysOver,
      ],
    ),
  };
}

export function leaveCoverageTables(r: LeaveCoverageReport): { figures: Table; rows: Table } {
  const lines: Line[] = [
    ["covered", "", "", r.total],
    ["covered_or_planned", "", "", r.coveredOrPlanned],
  ];
  for (const c of r.byCategory) lines.push(["covered", "", c.category, c]);
  for (const g of r.byUnitCategory) lines.push(["covered", g.unitCode, g.category, g]);
  return {
    figures: figureTable(lines),
    rows: table(
      [
        "employee_code",
        "employee_name",
        "post_code",
        "unit_code",
        "category",
        "policy_code",
        "min_working_days",
        "window_from",
        "window_to",
        "covered",
        "taken_leave_id",
        "taken_start",
        "taken_end",
        "taken_working_days",
        "planned_leave_id",
        "planned_start",
        "planned_end",
        "planned_working_days",
      ],
      r.rows,
      (h) => [
        h.employeeCode,
        h.employeeName,
        h.postCode,
        h.unitCode,
        h.category,
        h.policyCode,
        h.minWorkingDays,
        h.windowFrom,
        h.windowTo,
        h.covered,
        ...leaveCells(h.taken),
        ...leaveCells(h.planned),
      ],
    ),
  };
}

export function auditTimelinessTables(r: AuditTimelinessReport): { figures: Table; rows: Table } {
  return {
    figures: figureTable([["on_time", "", "", r.total]]),
    rows: table(
      ["audit_id", "post_code", "unit_code", "holder_code", "status", "due_date", "done_on", "on_time", "days_late"],
      r.rows,
      (a) => [a.auditId, a.postCode, a.unitCode, a.holderCode, a.status, a.dueDate, a.doneOn, a.onTime, a.daysLate],
    ),
  };
}

export function findingsTables(r: FindingsReport): { figures: Table; rows: Table } {
  return {
    figures: figureTable([...r.bySeverity.map((s): Line => [s.severity, "", "", s]), ["serious", "", "", r.serious]]),
    rows: table(
      ["audit_id", "seq", "post_code", "unit_code", "severity", "recorded_on", "description"],
      r.rows,
      (f) => [f.auditId, f.seq, f.postCode, f.unitCode, f.severity, f.recordedOn, f.description],
    ),
  };
}

export function rectificationClosureTables(r: RectificationClosureReport): { figures: Table; rows: Table } {
  return {
    figures: figureTable([
      ["closed", "", "", r.total],
      ["closed_on_time", "", "", r.closedOnTime],
    ]),
    rows: table(
      [
        "rectification_id",
        "audit_id",
        "post_code",
        "unit_code",
        "owner_code",
        "description",
        "due_date",
        "status",
        "closed_on",
        "closed_on_time",
        "days_over",
      ],
      r.rows,
      (i) => [
        i.rectificationId,
        i.auditId,
        i.postCode,
        i.unitCode,
        i.ownerCode,
        i.description,
        i.dueDate,
        i.status,
        i.closedOn,
        i.closedOnTime,
        i.daysOver,
      ],
    ),
  };
}

export function earlyWarningsTables(r: EarlyWarningsReport): { figures: Table; rows: Table } {
  return {
    figures: figureTable(r.byKind.map((k): Line => [k.kind, "", "", k])),
    rows: table(
      [
        "kind",
        "unit_code",
        "post_code",
        "employee_code",
        "employee_name",
        "subject_type",
        "subject_id",
        "date",
        "days_left",
        "hours",
        "planned_leave_start",
        "detail",
      ],
      r.rows,
      (w) => [
        w.kind,
        w.unitCode,
        w.postCode,
        w.employeeCode,
        w.employeeName,
        w.subjectType,
        w.subjectId,
        w.date,
        w.daysLeft,
        w.hours,
        w.plannedLeaveStart,
        w.detail,
      ],
    ),
  };
}
