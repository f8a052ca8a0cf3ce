// Past mandatory leaves from the bank's own ledger (强制休假台帐), so that on day one the next
// leave due and leave coverage count them. Columns: employee_code, post_code, leave_start,
// leave_end (YYYY-MM-DD), optional kind (regular | triggered). Every row is checked first
// (`file:row:column — reason`); nothing is written unless all are valid. Pure.
import { compareLocalDates, isLocalDate, type LocalDate } from "../../domain/calendar/index.ts";
import type { PolicyFileRow } from "../policy/policy-file-rows.ts";
import type { RowError } from "../../ports/register-source.ts";
import type { PastLeave } from "../../ports/history-rows.ts";

export const LEAVE_HISTORY_COLUMNS = ["employee_code", "post_code", "leave_start", "leave_end", "kind"] as const;
const REQUIRED = ["employee_code", "post_code", "leave_start", "leave_end"] as const;

export type { PastLeave };

/** A header that is a leave-history file's: it names leave_start and leave_end. */
export function isLeaveHistoryHeader(names: readonly string[]): boolean {
  return names.includes("leave_start") && names.includes("leave_end");
}

export function checkLeaveHistoryRows(
  file: string,
  rows: readonly PolicyFileRow[],
  today: LocalDate,
): { leaves: PastLeave[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const leaves: PastLeave[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const before = errors.length;
    const bad = (column: string, reason: string) => errors.push({ file, line, column, reason });
    for (const column of Object.keys(cells))
      if (!(LEAVE_HISTORY_COLUMNS as readonly string[]).includes(column))
        bad(column, `unknown column (known: ${LEAVE_HISTORY_COLUMNS.join(", ")})`);
    for (const column of REQUIRED) if (cells[column] === undefined) bad(column, "required");
    for (const column of ["leave_start", "leave_end"] as const) {
      const value = cells[column];
      if (value !== undefined && !isLocalDate(value))
        bad(column, `"${value}" is not a date: expected YYYY-MM-DD, e.g. 2025-03-02`);
    }
    const start = cells.leave_start ?? "";
    const end = cells.leave_end ?? "";
    if (isLocalDate(start) && isLocalDate(end)) {
      if (compareLocalDates(end, start) < 0) bad("leave_end", `ends before it starts (${start})`);
      if (compareLocalDates(start, today) > 0)
        bad("leave_start", `in the future (${start}): plan it in Keypost instead`);
    }
    const kind = cells.kind ?? "regular";
    if (kind !== "regular" && kind !== "triggered") bad("kind", "must be regular or triggered");
    const key = `${cells.employee_code}|${cells.post_code}|${start}`;
    if (seen.has(key)) bad("leave_start", `the same leave appears twice (also row ${seen.get(key)})`);
    else seen.set(key, line);
    if (errors.length === before)
      leaves.push({
        line,
        employeeCode: cells.employee_code!,
        postCode: cells.post_code!,
        startDate: start,
        endDate: end,
        kind: kind === "triggered" ? "triggered" : "regular",
      });
  }
  return { leaves, errors };
}
