// What the calendar-file parsers produce, how they report problems, and the dispatcher that picks
// a parser from the file name. Formats and the make-up-day convention: docs/calendars.md.
import { z } from "zod";
import { isLocalDate, type CalendarDayEntry, type CalendarDayKind } from "../../domain/calendar/index.ts";

/** The days one calendar file gives one calendar. */
export interface ParsedCalendar {
  readonly calendar: string;
  readonly days: readonly CalendarDayEntry[];
}

export interface CalendarFileIssue {
  readonly file: string;
  readonly line: number; // 1-based; the CSV row's line, or the .ics content line
  readonly column?: number; // 1-based CSV column, or where the .ics property value starts
  readonly reason: string;
}

export function formatIssue(issue: CalendarFileIssue): string {
  const at = issue.column === undefined ? `${issue.file}:${issue.line}` : `${issue.file}:${issue.line}:${issue.column}`;
  return `${at} — ${issue.reason}`;
}

/** Every problem found in a file, not only the first one. */
export class CalendarFileError extends Error {
  override readonly name = "CalendarFileError";
  readonly code = "CALENDAR_FILE_INVALID";
  constructor(readonly issues: readonly CalendarFileIssue[]) {
    super(issues.map(formatIssue).join("\n"));
  }
}

export const CALENDAR_CODE = z
  .string()
  .trim()
  .min(1, "the calendar code is empty")
  .max(64, "the calendar code is longer than 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a calendar code is letters, digits, '.', '_' or '-'");
export const LOCAL_DATE = z.string().trim().refine(isLocalDate, "not a real date in the form YYYY-MM-DD");
export const DAY_KIND = z.enum(["holiday", "workday"], { error: "kind must be holiday or workday" });
export const DAY_NAME = z.string().trim().max(200, "the name is longer than 200 characters");

/** Collects the days per calendar in file order and refuses a date given two kinds. */
export class CalendarDayCollector {
  readonly #calendars = new Map<string, Map<string, { entry: CalendarDayEntry; line: number }>>();

  /** Returns an issue reason when the day clashes with an earlier one, else undefined. */
  add(
    calendar: string,
    date: string,
    kind: CalendarDayKind,
    name: string,
    line: number,
    mergeSameKind: boolean,
  ): string | undefined {
    const days = this.#calendars.get(calendar) ?? new Map<string, { entry: CalendarDayEntry; line: number }>();
    this.#calendars.set(calendar, days);
    const earlier = days.get(date);
    if (!earlier) {
      days.set(date, { entry: { date, kind, name }, line });
      return undefined;
    }
    if (earlier.entry.kind !== kind) {
      return `${date} is a ${kind} here but a ${earlier.entry.kind} on line ${earlier.line} of calendar ${calendar}`;
    }
    if (!mergeSameKind) return `${date} is already listed on line ${earlier.line} of calendar ${calendar}`;
    const names = [earlier.entry.name, name].filter((n) => n !== undefined && n !== "");
    const merged = [...new Set(names)].join(" / ");
    days.set(date, { entry: { ...earlier.entry, name: merged }, line: earlier.line });
    return undefined;
  }

  result(): ParsedCalendar[] {
    return [...this.#calendars].map(([calendar, days]) => ({
      calendar,
      days: [...days.values()].map((d) => d.entry).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    }));
  }
}
