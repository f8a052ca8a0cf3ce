// Calendar files in, calendar days out: the parser is chosen by the file's extension.
import { CalendarFileError, type ParsedCalendar } from "./calendar-file.ts";
import { parseCsvCalendar } from "./csv-calendar.parser.ts";
import { parseIcsCalendar } from "./ics-calendar.parser.ts";

export * from "./calendar-file.ts";
export { parseCsvCalendar } from "./csv-calendar.parser.ts";
export { parseIcsCalendar } from "./ics-calendar.parser.ts";

/**
 * Parses a .csv or .ics calendar file. A CSV names its calendars in its rows; an .ics file holds
 * one calendar, whose code must be given (`calendar`).
 */
export function parseCalendarFile(file: string, text: string, options: { calendar?: string } = {}): ParsedCalendar[] {
  const lower = file.toLowerCase();
  if (lower.endsWith(".csv")) return parseCsvCalendar(text, file);
  if (lower.endsWith(".ics") || lower.endsWith(".ical") || lower.endsWith(".ifb")) {
    if (options.calendar === undefined)
      throw new CalendarFileError([{ file, line: 1, reason: "an .ics file holds one calendar: give its code" }]);
    return [parseIcsCalendar(text, { calendar: options.calendar, file })];
  }
  throw new CalendarFileError([{ file, line: 1, reason: "unknown calendar file type: expected .csv or .ics" }]);
}
