import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  canonicalTimeZone,
  fromEpochDay,
  instantOfWallClock,
  isValidTimeZone,
  localDateOf,
  offsetAt,
  startOfWorkingDay,
  toEpochDay,
  wallClockOf,
} from "../../../src/domain/calendar/index.ts";

const ZONES = [
  "UTC",
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Singapore",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "America/Santiago",
  "America/St_Johns",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "Pacific/Chatham",
  "Asia/Beirut",
  "Africa/Casablanca",
];

const iso = (d: Date): string => d.toISOString();

describe("startOfWorkingDay", () => {
  it("is local midnight as a UTC instant", () => {
    expect(iso(startOfWorkingDay("2026-02-17", "Asia/Shanghai"))).toBe("2026-02-16T16:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-07-01", "Europe/London"))).toBe("2026-06-30T23:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-01-05", "Europe/London"))).toBe("2026-01-05T00:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-01-05", "Pacific/Auckland"))).toBe("2026-01-04T11:00:00.000Z");
  });

  it("is right on America/New_York's DST days (spring forward 2026-03-08, fall back 2026-11-01)", () => {
    expect(iso(startOfWorkingDay("2026-03-07", "America/New_York"))).toBe("2026-03-07T05:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-03-08", "America/New_York"))).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-03-09", "America/New_York"))).toBe("2026-03-09T04:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-11-01", "America/New_York"))).toBe("2026-11-01T04:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-11-02", "America/New_York"))).toBe("2026-11-02T05:00:00.000Z");
    // a 09:00 start moves with the clocks
    expect(iso(startOfWorkingDay("2026-03-06", "America/New_York", { hour: 9 }))).toBe("2026-03-06T14:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-03-09", "America/New_York", { hour: 9 }))).toBe("2026-03-09T13:00:00.000Z");
  });

  it("is right on Europe/London's DST days (2026-03-29, 2026-10-25) and Pacific/Auckland's", () => {
    expect(iso(startOfWorkingDay("2026-03-29", "Europe/London"))).toBe("2026-03-29T00:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-03-30", "Europe/London"))).toBe("2026-03-29T23:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-10-25", "Europe/London"))).toBe("2026-10-24T23:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-10-26", "Europe/London"))).toBe("2026-10-26T00:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-04-05", "Pacific/Auckland"))).toBe("2026-04-04T11:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-04-06", "Pacific/Auckland"))).toBe("2026-04-05T12:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-09-27", "Pacific/Auckland"))).toBe("2026-09-26T12:00:00.000Z");
    expect(iso(startOfWorkingDay("2026-09-28", "Pacific/Auckland"))).toBe("2026-09-27T11:00:00.000Z");
  });

  it("moves a start time inside a spring-forward gap forward, and takes the earlier of a repeated time", () => {
    expect(iso(instantOfWallClock("2026-03-08", { hour: 2, minute: 30 }, "America/New_York"))).toBe(
      "2026-03-08T07:30:00.000Z",
    ); // 03:30 EDT
    expect(iso(instantOfWallClock("2026-11-01", { hour: 1, minute: 30 }, "America/New_York"))).toBe(
      "2026-11-01T05:30:00.000Z",
    ); // 01:30 EDT
    expect(iso(instantOfWallClock("2026-03-29", { hour: 1, minute: 15 }, "Europe/London"))).toBe(
      "2026-03-29T01:15:00.000Z",
    ); // 02:15 BST
    expect(iso(instantOfWallClock("2026-10-25", { hour: 1, minute: 15 }, "Europe/London"))).toBe(
      "2026-10-25T00:15:00.000Z",
    ); // 01:15 BST
  });

  it("starts a day whose midnight is skipped at the end of the gap (America/Santiago 2026-09-06)", () => {
    const start = startOfWorkingDay("2026-09-06", "America/Santiago");
    expect(iso(start)).toBe("2026-09-06T04:00:00.000Z");
    expect(wallClockOf(start, "America/Santiago")).toEqual({ date: "2026-09-06", hour: 1, minute: 0, second: 0 });
  });

  it("rejects unknown zones and bad times with stable codes", () => {
    expect(() => startOfWorkingDay("2026-01-01", "Mars/Olympus")).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_TIME_ZONE" }),
    );
    expect(() => startOfWorkingDay("2026-01-01", "")).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_TIME_ZONE" }),
    );
    expect(() => startOfWorkingDay("2026-01-01", "UTC", { hour: 24 })).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_ARGUMENT" }),
    );
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("Nowhere/Town")).toBe(false);
    expect(canonicalTimeZone("asia/shanghai")).toBe("Asia/Shanghai");
  });

  it("reads offsets east-positive", () => {
    expect(offsetAt(new Date("2026-06-01T00:00:00Z"), "Asia/Shanghai")).toBe(8 * 3_600_000);
    expect(offsetAt(new Date("2026-06-01T00:00:00Z"), "America/New_York")).toBe(-4 * 3_600_000);
    expect(offsetAt(new Date("2026-06-01T00:00:00Z"), "Asia/Kathmandu")).toBe(5.75 * 3_600_000);
  });
});

describe("localDateOf", () => {
  it("is the zone's date at an instant", () => {
    const instant = new Date("2026-02-16T17:30:00Z");
    expect(localDateOf(instant, "Asia/Shanghai")).toBe("2026-02-17");
    expect(localDateOf(instant, "America/New_York")).toBe("2026-02-16");
    expect(localDateOf(instant, "Pacific/Auckland")).toBe("2026-02-17");
    expect(localDateOf(instant.getTime(), "UTC")).toBe("2026-02-16");
  });
});

describe("round trips, for every zone in the list", () => {
  const days = fc.integer({ min: toEpochDay("1975-01-01"), max: toEpochDay("2100-12-31") }).map(fromEpochDay);
  const zones = fc.constantFrom(...ZONES);

  it("localDateOf(startOfWorkingDay(d, z), z) === d", () => {
    fc.assert(
      fc.property(days, zones, fc.integer({ min: 0, max: 23 }), (date, zone, hour) => {
        expect(localDateOf(startOfWorkingDay(date, zone), zone)).toBe(date);
        expect(localDateOf(startOfWorkingDay(date, zone, { hour }), zone)).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  it("the start is the first instant of the local date: one minute earlier is the day before", () => {
    fc.assert(
      fc.property(days, zones, (date, zone) => {
        const start = startOfWorkingDay(date, zone).getTime();
        expect(localDateOf(start - 60_000, zone)).toBe(fromEpochDay(toEpochDay(date) - 1));
      }),
      { numRuns: 2000 },
    );
  });

  it("follows the zone's history: Newfoundland's double daylight time of 1988 made a 22-hour and a 26-hour day", () => {
    const length = (date: string) =>
      (startOfWorkingDay(fromEpochDay(toEpochDay(date) + 1), "America/St_Johns").getTime() -
        startOfWorkingDay(date, "America/St_Johns").getTime()) /
      3_600_000;
    expect([length("1988-04-03"), length("1988-10-30"), length("1989-04-02")]).toEqual([22, 26, 23]);
  });

  it("days start in order, 23 to 25 hours apart (Lord Howe: 23.5 to 24.5)", () => {
    // Newfoundland in 1988 is the one exception in these zones since 1975 (the test above).
    const doubleDaylight = (date: string, zone: string) => zone === "America/St_Johns" && date.startsWith("1988-");
    fc.assert(
      fc.property(days, zones, (date, zone) => {
        fc.pre(!doubleDaylight(date, zone));
        const next = fromEpochDay(toEpochDay(date) + 1);
        const hours = (startOfWorkingDay(next, zone).getTime() - startOfWorkingDay(date, zone).getTime()) / 3_600_000;
        expect(hours).toBeGreaterThanOrEqual(23);
        expect(hours).toBeLessThanOrEqual(25);
      }),
      { numRuns: 2000 },
    );
  });
});
