// The due scan's cut-off is exact: a holding it rules out can never be due, and one it keeps can
// be (by property, over arbitrary days and month counts, month ends included).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, compareLocalDates, fromEpochDay, toEpochDay } from "../../../src/domain/calendar/index.ts";
import { latestStartWithin, leaveDue, tenureDue } from "../../../src/app/reports/due-dates.ts";

const day = fc.integer({ min: toEpochDay("1990-01-01"), max: toEpochDay("2060-12-31") }).map(fromEpochDay);
const monthEnd = fc
  .tuple(fc.integer({ min: 1990, max: 2060 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => addDays(addMonths(`${y}-${String(m).padStart(2, "0")}-01`, 1), -1));

describe("latestStartWithin", () => {
  it("addMonths(s, m) ≤ limit exactly when s ≤ latestStartWithin(limit, m)", () => {
    fc.assert(
      fc.property(
        fc.oneof(day, monthEnd),
        fc.oneof(day, monthEnd),
        fc.integer({ min: 1, max: 600 }),
        (start, limit, months) => {
          const cut = latestStartWithin(limit, months);
          expect(compareLocalDates(addMonths(start, months), limit) <= 0).toBe(compareLocalDates(start, cut) <= 0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("around month ends", () => {
    expect(latestStartWithin("2026-02-28", 1)).toBe("2026-01-31"); // 29, 30, 31 January all clamp to 28 February
    expect(latestStartWithin("2026-02-27", 1)).toBe("2026-01-27");
    expect(latestStartWithin("2024-02-29", 12)).toBe("2023-02-28");
    expect(latestStartWithin("2025-02-28", 12)).toBe("2024-02-29");
  });
});

describe("tenureDue and leaveDue", () => {
  const policy = { maxTenureMonths: 36, warningDays: [90, 30, 7], leaveEveryMonths: 12 };
  it("tenure: nothing before the widest warning, the warning in force, then overdue after the deadline", () => {
    expect(tenureDue("2023-01-09", policy, "2025-10-10")).toBeUndefined();
    expect(tenureDue("2023-01-09", policy, "2025-10-11")).toMatchObject({
      state: "warning",
      daysBefore: 90,
      daysLeft: 90,
    });
    expect(tenureDue("2023-01-09", policy, "2026-01-02")).toMatchObject({ state: "warning", daysBefore: 7 });
    expect(tenureDue("2023-01-09", policy, "2026-01-09")).toMatchObject({ state: "warning", daysLeft: 0 });
    expect(tenureDue("2023-01-09", policy, "2026-01-10")).toMatchObject({
      state: "overdue",
      daysBefore: null,
      daysLeft: -1,
    });
  });
  it("leave: due within the horizon, overdue the day after the due date", () => {
    expect(leaveDue("2025-02-07", policy, "2026-01-08", 30)).toMatchObject({
      state: "due",
      dueDate: "2026-02-07",
      daysLeft: 30,
    });
    expect(leaveDue("2025-02-07", policy, "2026-01-07", 30)).toBeUndefined();
    expect(leaveDue("2025-02-07", policy, "2026-02-07", 0)).toMatchObject({ state: "due", daysLeft: 0 });
    expect(leaveDue("2025-02-07", policy, "2026-02-08", 0)).toMatchObject({ state: "overdue", daysLeft: -1 });
  });
});
