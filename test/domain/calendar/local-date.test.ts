import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isLocalDate,
  isoWeekday,
  toEpochDay,
} from "../../../src/domain/calendar/index.ts";

/** Epoch days for 0001-01-01 … 9999-12-31. */
const FIRST = toEpochDay("0001-01-01");
const LAST = toEpochDay("9999-12-31");
const anyDay = fc.integer({ min: FIRST, max: LAST });

function viaDate(epochDay: number): string {
  const d = new Date(0);
  d.setUTCFullYear(1970, 0, 1 + epochDay);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

describe("LocalDate", () => {
  it("accepts real days only", () => {
    expect(isLocalDate("2026-02-28")).toBe(true);
    expect(isLocalDate("2024-02-29")).toBe(true);
    for (const bad of [
      "2026-02-29",
      "2100-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-1-01",
      "0000-01-01",
      "2026-04-31",
      "",
      20260101,
    ]) {
      expect(isLocalDate(bad)).toBe(false);
    }
    expect(() => toEpochDay("2026-02-30")).toThrow(expect.objectContaining({ code: "CALENDAR_INVALID_DATE" }));
  });

  it("knows the epoch and the weekday", () => {
    expect(toEpochDay("1970-01-01")).toBe(0);
    expect(fromEpochDay(-1)).toBe("1969-12-31");
    expect(isoWeekday("2026-01-01")).toBe(4);
    expect(isoWeekday("2026-02-16")).toBe(1);
    expect(isoWeekday("2026-10-11")).toBe(7);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
  });

  it("round-trips every day through the epoch day and agrees with Date", () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const date = fromEpochDay(day);
        expect(toEpochDay(date)).toBe(day);
        expect(date).toBe(viaDate(day));
        expect(isoWeekday(date)).toBe(
          ((new Date(Date.UTC(2000, 0, 1) + (day - toEpochDay("2000-01-01")) * 86_400_000).getUTCDay() + 6) % 7) + 1,
        );
      }),
    );
  });

  it("adds days and compares like the text does", () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST - 5000 }), fc.integer({ min: 0, max: 5000 }), (day, n) => {
        const a = fromEpochDay(day);
        const b = addDays(a, n);
        expect(daysBetween(a, b)).toBe(n);
        expect(compareLocalDates(a, b)).toBe(n === 0 ? 0 : -1);
        expect(a <= b).toBe(true);
      }),
    );
  });

  it("adds months end-of-month safe", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-08-31", 36)).toBe("2029-08-31");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-01-15", -13)).toBe("2024-12-15");
  });

  it("months: same day when it exists, else the month's last day; never past the target month", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay("1900-01-01"), max: toEpochDay("2200-12-31") }),
        fc.integer({ min: -600, max: 600 }),
        (day, months) => {
          const from = fromEpochDay(day);
          const to = addMonths(from, months);
          const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
          const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
          expect(ty * 12 + tm - (fy * 12 + fm)).toBe(months);
          expect(td).toBe(Math.min(fd, daysInMonth(ty, tm)));
          if (months >= 0) expect(compareLocalDates(from, to)).toBeLessThanOrEqual(0);
        },
      ),
    );
  });
});
