// CSV calendar files: a header `calendar,date,kind,name` (name optional, any column order), one
// day per row, `kind` = holiday | workday (a make-up working day). Lines starting with # are
// comments; blank lines are skipped; a UTF-8 byte-order mark is fine. One file may hold several
// calendars. Every row is checked with zod; all problems are reported as `file:row:column — reason`.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import {
  CALENDAR_CODE,
  CalendarDayCollector,
  CalendarFileError,
  DAY_KIND,
  DAY_NAME,
  LOCAL_DATE,
  type CalendarFileIssue,
  type ParsedCalendar,
} from "./calendar-file.ts";

const COLUMNS = ["calendar", "date", "kind", "name"] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ["calendar", "date", "kind"];

const CsvRow = z.object({
  calendar: CALENDAR_CODE,
  date: LOCAL_DATE,
  kind: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), DAY_KIND),
  name: DAY_NAME.default(""),
});

interface RawRecord {
  record: string[];
  info: { lines: number };
}

function readRecords(file: string, text: string): RawRecord[] {
  try {
    return parse(text, {
      bom: true,
      comment: "#",
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as RawRecord[];
  } catch (cause) {
    const line = typeof (cause as { lines?: unknown }).lines === "number" ? (cause as { lines: number }).lines : 1;
    throw new CalendarFileError([{ file, line, reason: `unreadable CSV: ${(cause as Error).message}` }]);
  }
}

function headerOf(file: string, first: RawRecord | undefined): { columns: Map<Column, number>; width: number } {
  if (!first)
    throw new CalendarFileError([
      { file, line: 1, reason: "the file is empty: expected a header calendar,date,kind,name" },
    ]);
  const issues: CalendarFileIssue[] = [];
  const columns = new Map<Column, number>();
  first.record.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name)) {
      issues.push({
        file,
        line: first.info.lines,
        column: index + 1,
        reason: `unknown column ${JSON.stringify(raw)}: expected ${COLUMNS.join(",")}`,
      });
    } else if (columns.has(name as Column)) {
      issues.push({ file, line: first.info.lines, column: index + 1, reason: `column ${name} appears twice` });
    } else {
      columns.set(name as Column, index);
    }
  });
  for (const needed of REQUIRED) {
    if (!columns.has(needed))
      issues.push({ file, line: first.info.lines, reason: `the header lacks the ${needed} column` });
  }
  if (issues.length > 0) throw new CalendarFileError(issues);
  return { columns, width: first.record.length };
}

/** Parses a CSV calendar file; throws CalendarFileError listing every bad row. */
export function parseCsvCalendar(text: string, file = "calendar.csv"): ParsedCalendar[] {
  const [first, ...rows] = readRecords(file, text);
  const { columns, width } = headerOf(file, first);
  const issues: CalendarFileIssue[] = [];
  const collector = new CalendarDayCollector();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== width) {
      issues.push({ file, line, reason: `expected ${width} fields, found ${record.length}` });
      continue;
    }
    const raw = Object.fromEntries([...columns].map(([name, index]) => [name, record[index]]));
    const parsed = CsvRow.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Column;
        const index = columns.get(field);
        issues.push({
          file,
          line,
          ...(index === undefined ? {} : { column: index + 1 }),
          reason: `${field}: ${issue.message}`,
        });
      }
      continue;
    }
    const { calendar, date, kind, name } = parsed.data;
    const clash = collector.add(calendar, date, kind, name, line, false);
    if (clash) issues.push({ file, line, column: (columns.get("date") ?? 0) + 1, reason: clash });
  }
  if (issues.length > 0) throw new CalendarFileError(issues);
  return collector.result();
}
