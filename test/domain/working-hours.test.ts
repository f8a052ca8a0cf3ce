// Ladder arithmetic: hours count on working days only, rungs wait for office hours, across DST.
import { describe, expect, it } from "vitest";
import {
  addWorkingDayHours,
  heldToOfficeHours,
  rungInstant,
  WorkingCalendar,
} from "../../src/domain/calendar/index.ts";

const ny = new WorkingCalendar({ code: "US", timeZone: "America/New_York" });
const sh = new WorkingCalendar({
  code: "CN",
  timeZone: "Asia/Shanghai",
  days: [
    { date: "2026-10-01", kind: "holiday" },
    { date: "2026-10-02", kind: "holiday" },
    { date: "2026-10-10", kind: "workday" },
  ],
});
const ldn = new WorkingCalendar({ code: "UK", timeZone: "Europe/London" });
const iso = (d: Date) => d.toISOString();

describe("working-day hours", () => {
  it("stop over the weekend, also the 23-hour Sunday of New York's spring-forward", () => {
    // Friday 6 March 2026 17:00 EST (UTC−5) + 24 h → Monday 9 March 17:00 EDT (UTC−4).
    expect(iso(addWorkingDayHours(new Date("2026-03-06T22:00:00Z"), 24, ny))).toBe("2026-03-09T21:00:00.000Z");
    // + 7 h from Friday 20:00 EST: 4 h left on Friday, 3 h on Monday from 00:00 EDT.
    expect(iso(addWorkingDayHours(new Date("2026-03-07T01:00:00Z"), 7, ny))).toBe("2026-03-09T07:00:00.000Z");
  });

  it("stop over the 25-hour Sunday of a fall-back (London, New York)", () => {
    // Friday 23 October 2026 17:00 BST (UTC+1) + 24 h → Monday 26 October 17:00 GMT (the change was on Sunday 25th).
    expect(iso(addWorkingDayHours(new Date("2026-10-23T16:00:00Z"), 24, ldn))).toBe("2026-10-26T17:00:00.000Z");
    // New York: Friday 30 October 17:00 EDT + 24 h → Monday 2 November 17:00 EST.
    expect(iso(addWorkingDayHours(new Date("2026-10-30T21:00:00Z"), 24, ny))).toBe("2026-11-02T22:00:00.000Z");
  });

  it("skip public holidays and count make-up working days (China's October week)", () => {
    // Wednesday 30 September 2026 10:00 CST + 24 h: 1 and 2 October are holidays, 3 and 4 weekend → Monday 5 October 10:00.
    expect(iso(addWorkingDayHours(new Date("2026-09-30T02:00:00Z"), 24, sh))).toBe("2026-10-05T02:00:00.000Z");
    // Friday 9 October 10:00 + 24 h: Saturday 10 October is a make-up working day.
    expect(iso(addWorkingDayHours(new Date("2026-10-09T02:00:00Z"), 24, sh))).toBe("2026-10-10T02:00:00.000Z");
  });

  it("hold a rung to 09:00–18:00 on a working day in the unit's zone", () => {
    // 03:00 EDT on Monday 9 March → 09:00 EDT.
    expect(iso(heldToOfficeHours(new Date("2026-03-09T07:00:00Z"), ny))).toBe("2026-03-09T13:00:00.000Z");
    // 10:30 EDT stays.
    expect(iso(heldToOfficeHours(new Date("2026-03-09T14:30:00Z"), ny))).toBe("2026-03-09T14:30:00.000Z");
    // 18:00 EST on Friday 6 March → Monday 09:00 EDT.
    expect(iso(heldToOfficeHours(new Date("2026-03-06T23:00:00Z"), ny))).toBe("2026-03-09T13:00:00.000Z");
    // Saturday 24 October 12:00 BST in London → Monday 26 October 09:00 GMT, after the fall-back.
    expect(iso(heldToOfficeHours(new Date("2026-10-24T11:00:00Z"), ldn))).toBe("2026-10-26T09:00:00.000Z");
    // A notice at 00:01 on a Shanghai Monday: the 24-hour reminder waits for Tuesday 09:00.
    expect(iso(rungInstant(new Date("2026-03-08T16:01:00Z"), 24, sh))).toBe("2026-03-10T01:00:00.000Z");
  });
});
