import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CalendarFileError, parseCalendarFile, parseIcsCalendar } from "../../../src/infra/calendar-files/index.ts";
import { WorkingCalendar } from "../../../src/domain/calendar/index.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "calendars");
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarFileError);
    return (error as Error).message.split("\n");
  }
  throw new Error("expected a CalendarFileError");
}

/** A calendar with the given VEVENT bodies (lines without BEGIN/END:VEVENT). */
function ics(...events: string[][]): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    ...events.flatMap((e) => ["BEGIN:VEVENT", ...e, "END:VEVENT"]),
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

describe("iCalendar files", () => {
  it("reads the US federal 2026 fixture (CRLF, folded lines, VALARM, events with and without DTEND)", () => {
    const us = parseIcsCalendar(fixture("us-federal-2026.ics"), { calendar: "US-FED", file: "us-federal-2026.ics" });
    expect(us.calendar).toBe("US-FED");
    expect(us.days.map((d) => d.date)).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03",
      "2026-09-07",
      "2026-10-12",
      "2026-11-11",
      "2026-11-26",
      "2026-12-25",
    ]);
    expect(us.days.every((d) => d.kind === "holiday")).toBe(true);
    expect(us.days[1]?.name).toBe("Birthday of Martin Luther King, Jr.");
    const calendar = new WorkingCalendar({ timeZone: "America/New_York", days: us.days });
    expect(calendar.countWorkingDays("2026-01-01", "2026-12-31")).toBe(261 - 11);
  });

  it("expands multi-day events and finds the make-up days by every marker: same days as the China CSV", () => {
    const fromIcs = parseCalendarFile("cn-2026.ics", fixture("cn-2026.ics"), { calendar: "CN" })[0];
    const fromCsv = parseCalendarFile("cn-2026.csv", fixture("cn-2026.csv"))[0];
    const shape = (days: readonly { date: string; kind: string }[] = []): string[] =>
      days.map((d) => `${d.date} ${d.kind}`);
    expect(shape(fromIcs?.days)).toEqual(shape(fromCsv?.days));
    expect(fromIcs?.days.find((d) => d.date === "2026-02-19")?.name).toBe("春节");
  });

  it("decides make-up days: X-KEYPOST-KIND, then CATEGORIES, then SUMMARY, else holiday", () => {
    const text = ics(
      ["DTSTART;VALUE=DATE:20260104", "SUMMARY:放假", "X-KEYPOST-KIND:WORKDAY"],
      ["DTSTART;VALUE=DATE:20260105", "SUMMARY:补班", "X-KEYPOST-KIND:holiday"],
      ["DTSTART;VALUE=DATE:20260106", "SUMMARY:Anything", "CATEGORIES:Holidays,Make-up working day"],
      ["DTSTART;VALUE=DATE:20260107", "SUMMARY:补班", "CATEGORIES:US,Public Holiday"],
      ["DTSTART;VALUE=DATE:20260108", "SUMMARY:国庆节调休上班"],
      ["DTSTART;VALUE=DATE:20260109", "SUMMARY:Make-up workday (Spring Festival)"],
      ["DTSTART;VALUE=DATE:20260110", "SUMMARY:春节（班）"],
      ["DTSTART;VALUE=DATE:20260111", "SUMMARY:调休 放假"],
      ["DTSTART;VALUE=DATE:20260112", "SUMMARY:Founders' Day"],
    );
    const kinds = parseIcsCalendar(text, { calendar: "T" }).days.map((d) => `${d.date.slice(8)} ${d.kind}`);
    expect(kinds).toEqual([
      "04 workday",
      "05 holiday",
      "06 workday",
      "07 holiday",
      "08 workday",
      "09 workday",
      "10 workday",
      "11 holiday",
      "12 holiday",
    ]);
  });

  it("refuses a bare 调休 as ambiguous", () => {
    const text = ics(["DTSTART;VALUE=DATE:20260214", "SUMMARY:春节调休"]);
    expect(issuesOf(() => parseIcsCalendar(text, { calendar: "CN", file: "cn.ics" }))).toEqual([
      'cn.ics:3 — "调休" alone is ambiguous (a moved day off or a make-up working day): add X-KEYPOST-KIND:workday or X-KEYPOST-KIND:holiday',
    ]);
  });

  it("supports DURATION, skips cancelled events, merges overlapping holidays", () => {
    const text = ics(
      ["DTSTART;VALUE=DATE:20260301", "DURATION:P3D", "SUMMARY:A"],
      ["DTSTART;VALUE=DATE:20260303", "SUMMARY:B"],
      ["DTSTART;VALUE=DATE:20260310", "SUMMARY:C", "STATUS:CANCELLED"],
      ["DTSTART:20260320", "SUMMARY:no VALUE param but a date"],
    );
    expect(parseIcsCalendar(text, { calendar: "T" }).days).toEqual([
      { date: "2026-03-01", kind: "holiday", name: "A" },
      { date: "2026-03-02", kind: "holiday", name: "A" },
      { date: "2026-03-03", kind: "holiday", name: "A / B" },
      { date: "2026-03-20", kind: "holiday", name: "no VALUE param but a date" },
    ]);
  });

  it("reports problems with the .ics line number", () => {
    const text = ics(
      ["DTSTART;VALUE=DATE:20260230", "SUMMARY:bad date"], // DTSTART on line 4
      ["DTSTART;TZID=Asia/Shanghai:20260301T090000", "SUMMARY:timed"], // line 8
      ["SUMMARY:no start"], // BEGIN on line 11
      ["DTSTART;VALUE=DATE:20260305", "DTEND;VALUE=DATE:20260305", "SUMMARY:empty"], // DTEND line 16
      ["DTSTART;VALUE=DATE:20260306", "RRULE:FREQ=YEARLY", "SUMMARY:yearly"], // RRULE line 21
      ["DTSTART;VALUE=DATE:20260307", "SUMMARY:上班"], // BEGIN line 24
      ["DTSTART;VALUE=DATE:20260307", "SUMMARY:day off"], // BEGIN line 28
    );
    expect(issuesOf(() => parseIcsCalendar(text, { calendar: "T", file: "t.ics" }))).toEqual([
      "t.ics:4:20 — DTSTART: not a real date in the form YYYY-MM-DD",
      "t.ics:8:28 — DTSTART: all-day events only: expected a date YYYYMMDD (DTSTART;VALUE=DATE:20260101)",
      "t.ics:11 — DTSTART: missing: every VEVENT needs DTSTART;VALUE=DATE:YYYYMMDD",
      "t.ics:16:18 — DTEND: DTEND must be after DTSTART (DTEND is exclusive)",
      "t.ics:21:7 — RRULE: recurring events (RRULE) are not supported: list each year's days",
      "t.ics:28 — 2026-03-07 is a holiday here but a workday on line 24 of calendar T",
    ]);
  });

  it("refuses what is not an iCalendar file", () => {
    expect(issuesOf(() => parseIcsCalendar("hello\n", { calendar: "T", file: "x.ics" }))).toEqual([
      'x.ics:1 — not an iCalendar content line (NAME:value): "hello"',
      "x.ics:1 — no BEGIN:VCALENDAR: this is not an iCalendar file",
    ]);
    expect(
      issuesOf(() =>
        parseIcsCalendar("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n", { calendar: "T", file: "x.ics" }),
      ),
    ).toEqual(["x.ics:3:5 — END:VCALENDAR does not close BEGIN:VEVENT", "x.ics:3 — BEGIN:VEVENT is never closed"]);
    expect(
      issuesOf(() => parseIcsCalendar("BEGIN:VCALENDAR\nEND:VCALENDAR\n", { calendar: "bad code", file: "x.ics" }))[0],
    ).toMatch(/^x\.ics:1 — calendar:/);
  });
});
