// Round trips: days written out as CSV or iCalendar (the way operators' tools write them) parse
// back to the same days.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCsvCalendar, parseIcsCalendar } from "../../../src/infra/calendar-files/index.ts";
import { addDays, fromEpochDay, toEpochDay, type CalendarDayEntry } from "../../../src/domain/calendar/index.ts";

const nameArb = fc.oneof(
  fc.constantFrom(
    "",
    "春节",
    "New Year's Day",
    "Birthday of Martin Luther King, Jr.",
    'The "Big" Day',
    "Boxing Day; substitute",
  ),
  fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n\\]/g, "").trim()),
);
const daysArb = fc
  .uniqueArray(fc.integer({ min: toEpochDay("2026-01-01"), max: toEpochDay("2027-12-31") }), {
    minLength: 1,
    maxLength: 60,
  })
  .chain((days) =>
    fc.tuple(
      fc.constant(days.sort((a, b) => a - b)),
      fc.array(fc.tuple(fc.constantFrom("holiday" as const, "workday" as const), nameArb), {
        minLength: days.length,
        maxLength: days.length,
      }),
    ),
  )
  .map(([days, meta]): CalendarDayEntry[] =>
    days.map((d, i) => ({ date: fromEpochDay(d), kind: meta[i]?.[0] ?? "holiday", name: meta[i]?.[1] ?? "" })),
  );

const csvField = (value: string): string =>
  /[",\n#]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
const icsText = (value: string): string => value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,");

describe("calendar files round-trip", () => {
  it("CSV", () => {
    fc.assert(
      fc.property(daysArb, (days) => {
        const text = [
          "calendar,date,kind,name",
          ...days.map((d) => `T,${d.date},${d.kind},${csvField(d.name ?? "")}`),
        ].join("\r\n");
        expect(parseCsvCalendar(text, "t.csv")).toEqual([{ calendar: "T", days }]);
      }),
    );
  });

  it("iCalendar, one event per run of equal consecutive days, some with DURATION", () => {
    fc.assert(
      fc.property(daysArb, fc.boolean(), (days, useDuration) => {
        const runs: { start: string; length: number; kind: string; name: string }[] = [];
        for (const day of days) {
          const last = runs.at(-1);
          if (last && addDays(last.start, last.length) === day.date && last.kind === day.kind && last.name === day.name)
            last.length += 1;
          else runs.push({ start: day.date, length: 1, kind: day.kind, name: day.name ?? "" });
        }
        const compact = (date: string): string => date.replaceAll("-", "");
        const lines = ["BEGIN:VCALENDAR", "VERSION:2.0"];
        for (const run of runs) {
          lines.push("BEGIN:VEVENT", `DTSTART;VALUE=DATE:${compact(run.start)}`);
          if (useDuration) lines.push(`DURATION:P${run.length}D`);
          else lines.push(`DTEND;VALUE=DATE:${compact(addDays(run.start, run.length))}`);
          lines.push(`SUMMARY:${icsText(run.name)}`, `X-KEYPOST-KIND:${run.kind}`, "END:VEVENT");
        }
        lines.push("END:VCALENDAR");
        expect(parseIcsCalendar(lines.join("\r\n"), { calendar: "T" })).toEqual({ calendar: "T", days });
      }),
    );
  });
});
