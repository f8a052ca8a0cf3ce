import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CalendarFileError, parseCalendarFile, parseCsvCalendar } from "../../../src/infra/calendar-files/index.ts";
import { WorkingCalendar } from "../../../src/domain/calendar/index.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "calendars");
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarFileError);
    expect((error as CalendarFileError).code).toBe("CALENDAR_FILE_INVALID");
    return (error as Error).message.split("\n");
  }
  throw new Error("expected a CalendarFileError");
}

describe("CSV calendar files", () => {
  it("reads the China 2026 fixture: holidays and make-up working days", () => {
    const [cn, ...others] = parseCalendarFile("cn-2026.csv", fixture("cn-2026.csv"));
    expect(others).toEqual([]);
    expect(cn?.calendar).toBe("CN");
    const makeup = cn?.days.filter((d) => d.kind === "workday").map((d) => d.date);
    expect(makeup).toEqual(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
    expect(cn?.days.filter((d) => d.kind === "holiday")).toHaveLength(33);
    const calendar = new WorkingCalendar({ timeZone: "Asia/Shanghai", days: cn?.days ?? [] });
    expect(calendar.isWorkingDay("2026-02-14")).toBe(true); // a Saturday
    expect(calendar.isWorkingDay("2026-10-05")).toBe(false); // a Monday in Golden Week
    // 2026 in mainland China: 365 days, 104 weekend days; 6 make-up days; holidays on weekdays:
    expect(calendar.countWorkingDays("2026-01-01", "2026-12-31")).toBe(365 - 104 + 6 - 19);
  });

  it("reads the England 2026 fixture", () => {
    const [gb] = parseCsvCalendar(fixture("gb-eng-2026.csv"), "gb-eng-2026.csv");
    expect(gb?.calendar).toBe("GB-ENG");
    expect(gb?.days.map((d) => d.date)).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-04",
      "2026-05-25",
      "2026-08-31",
      "2026-12-25",
      "2026-12-28",
    ]);
    expect(gb?.days.every((d) => d.kind === "holiday")).toBe(true);
  });

  it("accepts any column order, no name column, several calendars, BOM, comments, blank lines and case", () => {
    const text =
      "\uFEFFDate,Kind,Calendar\n# comment\n\n2026-01-01,HOLIDAY,A\n2026-01-04, workday ,B\n2026-01-02,holiday,A\n";
    expect(parseCsvCalendar(text, "x.csv")).toEqual([
      {
        calendar: "A",
        days: [
          { date: "2026-01-01", kind: "holiday", name: "" },
          { date: "2026-01-02", kind: "holiday", name: "" },
        ],
      },
      { calendar: "B", days: [{ date: "2026-01-04", kind: "workday", name: "" }] },
    ]);
  });

  it("reports every bad row as file:row:column — reason", () => {
    const text = [
      "calendar,date,kind,name",
      "CN,2026-02-30,holiday,bad day", // 2
      "CN,2026-02-14,rest,bad kind", // 3
      "C N,2026-02-15,holiday,bad code", // 4
      "CN,2026-02-16,holiday", // 5: missing a field
      "CN,2026-02-17,holiday,ok", // 6
      "CN,2026-02-17,workday,clash", // 7
      "CN,2026-02-17,holiday,again", // 8
    ].join("\n");
    expect(issuesOf(() => parseCsvCalendar(text, "cn.csv"))).toEqual([
      "cn.csv:2:2 — date: not a real date in the form YYYY-MM-DD",
      "cn.csv:3:3 — kind: kind must be holiday or workday",
      "cn.csv:4:1 — calendar: a calendar code is letters, digits, '.', '_' or '-'",
      "cn.csv:5 — expected 4 fields, found 3",
      "cn.csv:7:2 — 2026-02-17 is a workday here but a holiday on line 6 of calendar CN",
      "cn.csv:8:2 — 2026-02-17 is already listed on line 6 of calendar CN",
    ]);
  });

  it("refuses a bad header, an empty file and broken quoting", () => {
    expect(issuesOf(() => parseCsvCalendar("calendar,day,kind\n", "h.csv"))).toEqual([
      'h.csv:1:2 — unknown column "day": expected calendar,date,kind,name',
      "h.csv:1 — the header lacks the date column",
    ]);
    expect(issuesOf(() => parseCsvCalendar("", "e.csv"))).toEqual([
      "e.csv:1 — the file is empty: expected a header calendar,date,kind,name",
    ]);
    expect(issuesOf(() => parseCsvCalendar('calendar,date,kind\nCN,"2026-01-01,holiday\n', "q.csv"))[0]).toMatch(
      /^q\.csv:\d+ — unreadable CSV: Quote Not Closed/,
    );
  });

  it("picks the parser by extension", () => {
    expect(issuesOf(() => parseCalendarFile("days.xlsx", ""))).toEqual([
      "days.xlsx:1 — unknown calendar file type: expected .csv or .ics",
    ]);
    expect(issuesOf(() => parseCalendarFile("days.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n"))).toEqual([
      "days.ics:1 — an .ics file holds one calendar: give its code",
    ]);
  });
});
