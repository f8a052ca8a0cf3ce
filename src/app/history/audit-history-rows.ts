// Past off-post audits from the bank's own ledger (离岗审计台帐), with their outcome, so that on day one
// audit timeliness and the findings figures count them. Columns: employee_code, post_code (the
// audited holder and post), audit_done (the day it was signed off or closed), outcome (clean |
// findings), optional findings (`high:1;low:2`, required exactly when the outcome is findings),
// audit_due (its due date) and leave_start (the past mandatory leave it belonged to). Every row
// is checked first (`file:row:column — reason`); nothing is written unless all are valid. Pure.
import { SEVERITIES, type Severity } from "../../domain/audit/checklist.ts";
import { compareLocalDates, isLocalDate, type LocalDate } from "../../domain/calendar/index.ts";
import type { PolicyFileRow } from "../policy/policy-file-rows.ts";
import type { RowError } from "../../ports/register-source.ts";
import type { AuditOutcome, PastAudit } from "../../ports/history-rows.ts";

export const AUDIT_HISTORY_COLUMNS = [
  "employee_code",
  "post_code",
  "leave_start",
  "audit_due",
  "audit_done",
  "outcome",
  "findings",
] as const;
const REQUIRED = ["employee_code", "post_code", "audit_done", "outcome"] as const;

export type { AuditOutcome, PastAudit };

/** A header that is an audit-history file's: it names audit_done. */
export function isAuditHistoryHeader(names: readonly string[]): boolean {
  return names.includes("audit_done");
}

/** `high:1;low:2` (`；` too) → counts per severity; a problem sentence when it is not that. */
export function parseFindingCounts(text: string): Partial<Record<Severity, number>> | string {
  const counts: Partial<Record<Severity, number>> = {};
  for (const part of text.split(/[;；]/).map((p) => p.trim())) {
    if (part === "") continue;
    const match = /^([a-z]+)\s*:\s*(\d{1,4})$/.exec(part);
    if (!match) return `"${part}" is not severity:count, e.g. high:1;low:2`;
    const severity = match[1] as Severity;
    if (!SEVERITIES.includes(severity)) return `unknown severity "${match[1]}" (known: ${SEVERITIES.join(", ")})`;
    if (counts[severity] !== undefined) return `severity "${severity}" appears twice`;
    const n = Number(match[2]);
    if (n < 1) return `a count is at least 1 ("${part}")`;
    counts[severity] = n;
  }
  return counts;
}

/** The findings cell the export writes: severities mildest first, e.g. `low:2;high:1`. */
export function formatFindingCounts(counts: Readonly<Partial<Record<Severity, number>>>): string {
  return SEVERITIES.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${s}:${counts[s]}`)
    .join(";");
}

export function checkAuditHistoryRows(
  file: string,
  rows: readonly PolicyFileRow[],
  today: LocalDate,
): { audits: PastAudit[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const audits: PastAudit[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const before = errors.length;
    const bad = (column: string, reason: string) => errors.push({ file, line, column, reason });
    for (const column of Object.keys(cells))
      if (!(AUDIT_HISTORY_COLUMNS as readonly string[]).includes(column))
        bad(column, `unknown column (known: ${AUDIT_HISTORY_COLUMNS.join(", ")})`);
    for (const column of REQUIRED) if (cells[column] === undefined) bad(column, "required");
    for (const column of ["leave_start", "audit_due", "audit_done"] as const) {
      const value = cells[column];
      if (value !== undefined && !isLocalDate(value))
        bad(column, `"${value}" is not a date: expected YYYY-MM-DD, e.g. 2025-03-02`);
    }
    const done = cells.audit_done ?? "";
    if (isLocalDate(done) && compareLocalDates(done, today) > 0)
      bad("audit_done", `in the future (${done}): an audit still to come is run in Keypost`);
    const leaveStart = cells.leave_start ?? null;
    if (leaveStart !== null && isLocalDate(leaveStart) && isLocalDate(done) && compareLocalDates(done, leaveStart) < 0)
      bad("audit_done", `before the leave it belongs to started (${leaveStart})`);
    const outcome = cells.outcome;
    let findings: Partial<Record<Severity, number>> = {};
    if (outcome !== undefined && outcome !== "clean" && outcome !== "findings")
      bad("outcome", "must be clean or findings");
    const parsed = parseFindingCounts(cells.findings ?? "");
    if (typeof parsed === "string") bad("findings", parsed);
    else {
      findings = parsed;
      const any = Object.keys(parsed).length > 0;
      if (outcome === "findings" && !any) bad("findings", "required when the outcome is findings, e.g. high:1;low:2");
      if (outcome === "clean" && any) bad("findings", "a clean audit has no findings: leave it empty");
    }
    const key = `${cells.employee_code}|${cells.post_code}|${done}`;
    if (seen.has(key)) bad("audit_done", `the same audit appears twice (also row ${seen.get(key)})`);
    else seen.set(key, line);
    if (errors.length === before)
      audits.push({
        line,
        employeeCode: cells.employee_code!,
        postCode: cells.post_code!,
        leaveStart,
        dueDate: cells.audit_due ?? null,
        doneOn: done,
        outcome: outcome === "findings" ? "findings" : "clean",
        findings,
      });
  }
  return { audits, errors };
}
