import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  WorkingCalendar,
  fromEpochDay,
  toEpochDay,
  type CalendarDayEntry,
  type IsoWeekday,
} from "../../../src/domain/calendar/index.ts";

// A small China calendar around the 2026 Spring Festival (make-up Saturdays 02-14 and 02-28).
const china = new WorkingCalendar({
  code: "CN",
  timeZone: "Asia/Shanghai",
  days: [
    { date: "2026-02-14", kind: "workday", name: "春节调休" },
    ...[
      "2026-02-15",
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
      "2026-02-21",
      "2026-02-22",
      "2026-02-23",
    ].map((date): CalendarDayEntry => ({ date, kind: "holiday", name: "春节" })),
    { date: "2026-02-28", kind: "workday", name: "春节调休" },
  ],
});

describe("WorkingCalendar by example", () => {
  it("knows weekends, holidays and make-up days", () => {
    expect(china.isWorkingDay("2026-02-13")).toBe(true); // Friday
    expect(china.isWorkingDay("2026-02-14")).toBe(true); // make-up Saturday
    expect(china.isWorkingDay("2026-02-16")).toBe(false); // Monday in the festival
    expect(china.isWorkingDay("2026-03-01")).toBe(false); // ordinary Sunday
    expect(china.dayStatus("2026-02-14")).toEqual({
      date: "2026-02-14",
      working: true,
      kind: "makeup",
      name: "春节调休",
    });
    expect(china.dayStatus("2026-02-17")).toEqual({
      date: "2026-02-17",
      working: false,
      kind: "holiday",
      name: "春节",
    });
    expect(china.dayStatus("2026-03-01").kind).toBe("weekend");
    expect(china.dayStatus("2026-03-02").kind).toBe("working");
  });

  it("adds working days without counting day 0", () => {
    expect(china.addWorkingDays("2026-02-12", 0)).toBe("2026-02-12");
    expect(china.addWorkingDays("2026-02-12", 1)).toBe("2026-02-13");
    expect(china.addWorkingDays("2026-02-12", 2)).toBe("2026-02-14"); // the make-up Saturday
    expect(china.addWorkingDays("2026-02-12", 3)).toBe("2026-02-24"); // after the festival
    expect(china.nextWorkingDay("2026-02-14")).toBe("2026-02-24");
    expect(china.nextWorkingDay("2026-02-27")).toBe("2026-02-28");
    expect(china.previousWorkingDay("2026-02-24")).toBe("2026-02-14");
    expect(china.subtractWorkingDays("2026-02-24", 2)).toBe("2026-02-13");
    expect(china.workingDayOnOrAfter("2026-02-15")).toBe("2026-02-24");
    expect(china.workingDayOnOrAfter("2026-02-24")).toBe("2026-02-24");
  });

  it("counts inclusive ranges and lead times", () => {
    expect(china.countWorkingDays("2026-02-09", "2026-03-01")).toBe(5 + 1 + 4 + 1); // 9–13, 14, 24–27, 28
    expect(china.countWorkingDays("2026-02-16", "2026-02-16")).toBe(0);
    expect(china.countWorkingDays("2026-02-14", "2026-02-14")).toBe(1);
    expect(china.countWorkingDays("2026-03-02", "2026-03-01")).toBe(0);
    expect(china.workingDaysBetween("2026-02-13", "2026-02-24")).toBe(2); // 14, 24
    expect(china.workingDaysBetween("2026-02-24", "2026-02-13")).toBe(-2);
    expect(china.workingDaysBetween("2026-02-24", "2026-02-24")).toBe(0);
  });

  it("spans a leave of n working days", () => {
    expect(china.endOfWorkingSpan("2026-02-09", 5)).toBe("2026-02-13");
    expect(china.endOfWorkingSpan("2026-02-12", 5)).toBe("2026-02-25"); // 12, 13, 14 (make-up), 24, 25
    expect(china.endOfWorkingSpan("2026-02-15", 1)).toBe("2026-02-24");
    expect(() => china.endOfWorkingSpan("2026-02-15", 0)).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_ARGUMENT" }),
    );
  });

  it("uses its own time zone", () => {
    expect(china.startOfWorkingDay("2026-02-24").toISOString()).toBe("2026-02-23T16:00:00.000Z");
    expect(china.startOfWorkingDay("2026-02-24", { hour: 9 }).toISOString()).toBe("2026-02-24T01:00:00.000Z");
    expect(china.localDateOf(new Date("2026-02-23T16:00:00Z"))).toBe("2026-02-24");
  });

  it("supports other weekends (Friday–Saturday)", () => {
    const gulf = new WorkingCalendar({ timeZone: "Asia/Dubai", weekendDays: [5, 6] });
    expect(gulf.isWorkingDay("2026-03-06")).toBe(false); // Friday
    expect(gulf.isWorkingDay("2026-03-08")).toBe(true); // Sunday
    expect(gulf.countWorkingDays("2026-03-02", "2026-03-08")).toBe(5);
  });

  it("refuses broken input with stable codes", () => {
    const code = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        return (error as { code: string }).code;
      }
      return "no error";
    };
    expect(code(() => new WorkingCalendar({ timeZone: "Mars/Olympus" }))).toBe("CALENDAR_INVALID_TIME_ZONE");
    expect(code(() => new WorkingCalendar({ timeZone: "UTC", weekendDays: [1, 2, 3, 4, 5, 6, 7] }))).toBe(
      "CALENDAR_INVALID_WEEKEND",
    );
    expect(code(() => new WorkingCalendar({ timeZone: "UTC", weekendDays: [0 as IsoWeekday] }))).toBe(
      "CALENDAR_INVALID_WEEKEND",
    );
    expect(
      code(
        () =>
          new WorkingCalendar({
            timeZone: "UTC",
            days: [
              { date: "2026-01-01", kind: "holiday" },
              { date: "2026-01-01", kind: "workday" },
            ],
          }),
      ),
    ).toBe("CALENDAR_CONFLICTING_DAYS");
    expect(code(() => new WorkingCalendar({ timeZone: "UTC", days: [{ date: "2026-02-30", kind: "holiday" }] }))).toBe(
      "CALENDAR_INVALID_DATE",
    );
    expect(code(() => china.addWorkingDays("2026-01-01", -1))).toBe("CALENDAR_INVALID_ARGUMENT");
    expect(code(() => china.addWorkingDays("2026-01-01", 1.5))).toBe("CALENDAR_INVALID_ARGUMENT");
  });
});

// ───────────── properties, against a brute-force reference ─────────────

const WINDOW_FROM = toEpochDay("2025-06-01");
const WINDOW_TO = toEpochDay("2027-06-30");

interface Model {
  readonly calendar: WorkingCalendar;
  readonly working: (day: number) => boolean;
}

const weekendArb = fc.subarray([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[], { minLength: 0, maxLength: 6 });
const entriesArb = fc
  .uniqueArray(fc.integer({ min: WINDOW_FROM, max: WINDOW_TO }), { maxLength: 80 })
  .chain((days) =>
    fc.tuple(fc.constant(days), fc.array(fc.boolean(), { minLength: days.length, maxLength: days.length })),
  );
const modelArb: fc.Arbitrary<Model> = fc.tuple(weekendArb, entriesArb).map(([weekend, [days, holiday]]) => {
  const kinds = new Map(days.map((d, i) => [d, holiday[i] ? "holiday" : "workday"] as const));
  const calendar = new WorkingCalendar({
    timeZone: "Asia/Shanghai",
    weekendDays: weekend,
    days: days.map((d) => ({ date: fromEpochDay(d), kind: kinds.get(d) ?? "holiday" })),
  });
  // Independent of the implementation: weekday from Date, exceptions from the map.
  const working = (day: number): boolean => {
    const kind = kinds.get(day);
    if (kind) return kind === "workday";
    const weekday = ((new Date(day * 86_400_000).getUTCDay() + 6) % 7) + 1;
    return !weekend.includes(weekday as IsoWeekday);
  };
  return { calendar, working };
});

const dayArb = fc.integer({ min: WINDOW_FROM - 30, max: WINDOW_TO + 30 });
const nArb = fc.integer({ min: 0, max: 60 });
const bruteCount = (m: Model, from: number, to: number): number => {
  let n = 0;
  for (let d = from; d <= to; d += 1) if (m.working(d)) n += 1;
  return n;
};

describe("WorkingCalendar properties", () => {
  it("isWorkingDay agrees with the reference: holidays never work, make-up days always do", () => {
    fc.assert(
      fc.property(modelArb, dayArb, (m, day) => {
        expect(m.calendar.isWorkingDay(fromEpochDay(day))).toBe(m.working(day));
        for (const entry of m.calendar.days) expect(m.calendar.isWorkingDay(entry.date)).toBe(entry.kind === "workday");
      }),
    );
  });

  it("countWorkingDays equals the day-by-day count", () => {
    fc.assert(
      fc.property(modelArb, dayArb, fc.integer({ min: -10, max: 800 }), (m, from, length) => {
        expect(m.calendar.countWorkingDays(fromEpochDay(from), fromEpochDay(from + length))).toBe(
          bruteCount(m, from, from + length),
        );
      }),
    );
  });

  it("count(from, addWorkingDays(from, n)) = n, plus one when from is itself a working day", () => {
    fc.assert(
      fc.property(modelArb, dayArb, nArb, (m, day, n) => {
        const from = fromEpochDay(day);
        const to = m.calendar.addWorkingDays(from, n);
        expect(m.calendar.countWorkingDays(from, to)).toBe(n + (m.calendar.isWorkingDay(from) ? 1 : 0));
        expect(m.calendar.workingDaysBetween(from, to)).toBe(n);
      }),
    );
  });

  it("adding n ≥ 1 always lands on a working day, strictly later, and is strictly monotonic in n", () => {
    fc.assert(
      fc.property(modelArb, dayArb, nArb, (m, day, n) => {
        const from = fromEpochDay(day);
        const a = m.calendar.addWorkingDays(from, n);
        const b = m.calendar.addWorkingDays(from, n + 1);
        expect(m.calendar.isWorkingDay(b)).toBe(true);
        expect(b > a).toBe(true);
        expect(b).toBe(m.calendar.nextWorkingDay(a));
        // nothing working is skipped between a and b
        expect(m.calendar.countWorkingDays(a, b)).toBe(m.calendar.isWorkingDay(a) ? 2 : 1);
      }),
    );
  });

  it("adding is monotonic in the start date", () => {
    fc.assert(
      fc.property(modelArb, dayArb, fc.integer({ min: 0, max: 40 }), nArb, (m, day, gap, n) => {
        const a = m.calendar.addWorkingDays(fromEpochDay(day), n);
        const b = m.calendar.addWorkingDays(fromEpochDay(day + gap), n);
        expect(a <= b).toBe(true);
      }),
    );
  });

  it("subtracting mirrors adding from a working day", () => {
    fc.assert(
      fc.property(modelArb, dayArb, nArb, (m, day, n) => {
        const start = m.calendar.workingDayOnOrAfter(fromEpochDay(day));
        expect(m.calendar.subtractWorkingDays(m.calendar.addWorkingDays(start, n), n)).toBe(start);
        const back = m.calendar.subtractWorkingDays(start, n);
        expect(m.calendar.workingDaysBetween(back, start)).toBe(n);
      }),
    );
  });

  it("workingDaysBetween is antisymmetric and additive", () => {
    fc.assert(
      fc.property(modelArb, dayArb, dayArb, dayArb, (m, x, y, z) => {
        const [a, b, c] = [fromEpochDay(x), fromEpochDay(y), fromEpochDay(z)];
        expect(m.calendar.workingDaysBetween(a, b) + m.calendar.workingDaysBetween(b, a)).toBe(0);
        expect(m.calendar.workingDaysBetween(a, b) + m.calendar.workingDaysBetween(b, c)).toBe(
          m.calendar.workingDaysBetween(a, c),
        );
      }),
    );
  });

  it("countWorkingDays is monotonic in the end date and splits at any midpoint", () => {
    fc.assert(
      fc.property(
        modelArb,
        dayArb,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (m, from, k, extra) => {
          const a = fromEpochDay(from);
          const mid = fromEpochDay(from + k);
          const end = fromEpochDay(from + k + extra);
          expect(m.calendar.countWorkingDays(a, end)).toBeGreaterThanOrEqual(m.calendar.countWorkingDays(a, mid));
          expect(
            m.calendar.countWorkingDays(a, mid) + m.calendar.countWorkingDays(fromEpochDay(from + k + 1), end),
          ).toBe(m.calendar.countWorkingDays(a, end));
        },
      ),
    );
  });

  it("a span of n working days holds exactly n working days and ends on one", () => {
    fc.assert(
      fc.property(modelArb, dayArb, fc.integer({ min: 1, max: 30 }), (m, day, n) => {
        const start = m.calendar.workingDayOnOrAfter(fromEpochDay(day));
        const end = m.calendar.endOfWorkingSpan(start, n);
        expect(m.calendar.isWorkingDay(end)).toBe(true);
        expect(m.calendar.countWorkingDays(start, end)).toBe(n);
      }),
    );
  });
});
