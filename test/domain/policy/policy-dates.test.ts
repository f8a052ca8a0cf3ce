import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  currentWarning,
  isComplianceNoticeInTime,
  isLeaveLongEnough,
  isLeaveOverdue,
  isTenureOverdue,
  leaveWindow,
  nextLeaveDue,
  tenureDeadline,
  warningDates,
} from "../../../src/domain/policy/index.ts";
import { WorkingCalendar, addDays, daysBetween, fromEpochDay, toEpochDay } from "../../../src/domain/calendar/index.ts";

const china = new WorkingCalendar({
  timeZone: "Asia/Shanghai",
  days: [
    { date: "2026-02-14", kind: "workday" },
    ...["15", "16", "17", "18", "19", "20", "21", "22", "23"].map((d) => ({
      date: `2026-02-${d}`,
      kind: "holiday" as const,
    })),
    { date: "2026-02-28", kind: "workday" },
  ],
});

describe("tenure", () => {
  it("ends maxTenureMonths after the start, end-of-month safe", () => {
    expect(tenureDeadline("2026-01-15", { maxTenureMonths: 36 })).toBe("2029-01-15");
    expect(tenureDeadline("2025-08-31", { maxTenureMonths: 6 })).toBe("2026-02-28");
    expect(tenureDeadline("2024-02-29", { maxTenureMonths: 12 })).toBe("2025-02-28");
    expect(isTenureOverdue("2026-01-15", { maxTenureMonths: 12 }, "2027-01-15")).toBe(false);
    expect(isTenureOverdue("2026-01-15", { maxTenureMonths: 12 }, "2027-01-16")).toBe(true);
  });

  it("warns 90, 30 and 7 days ahead, dropping warnings before the start", () => {
    const policy = { maxTenureMonths: 36, warningDays: [90, 30, 7] };
    expect(warningDates("2026-01-15", policy)).toEqual([
      { daysBefore: 90, date: "2028-10-17" },
      { daysBefore: 30, date: "2028-12-16" },
      { daysBefore: 7, date: "2029-01-08" },
    ]);
    expect(warningDates("2026-01-15", { maxTenureMonths: 1, warningDays: [90, 30, 7] })).toEqual([
      { daysBefore: 30, date: "2026-01-16" },
      { daysBefore: 7, date: "2026-02-08" },
    ]);
    expect(currentWarning("2026-01-15", policy, "2028-10-16")).toBeUndefined();
    expect(currentWarning("2026-01-15", policy, "2028-12-20")).toEqual({ daysBefore: 30, date: "2028-12-16" });
    expect(currentWarning("2026-01-15", policy, "2029-01-15")).toEqual({ daysBefore: 7, date: "2029-01-08" });
    expect(currentWarning("2026-01-15", policy, "2029-01-16")).toBeUndefined();
  });

  it("warnings fall between the start and the deadline, exactly daysBefore ahead (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay("2000-01-01"), max: toEpochDay("2060-12-31") }).map(fromEpochDay),
        fc.integer({ min: 1, max: 120 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 800 }), { maxLength: 5 }),
        (start, months, days) => {
          const deadline = tenureDeadline(start, { maxTenureMonths: months });
          expect(deadline > start).toBe(true);
          const warnings = warningDates(start, { maxTenureMonths: months, warningDays: days });
          for (const w of warnings) {
            expect(daysBetween(w.date, deadline)).toBe(w.daysBefore);
            expect(w.date >= start).toBe(true);
          }
          expect(warnings.map((w) => w.date)).toEqual([...warnings.map((w) => w.date)].sort());
          expect(warnings).toHaveLength(days.filter((d) => addDays(deadline, -d) >= start).length);
        },
      ),
    );
  });
});

describe("mandatory leave", () => {
  it("is due leaveEveryMonths after the last leave ended (or the assignment began)", () => {
    expect(nextLeaveDue("2026-03-31", { leaveEveryMonths: 12 })).toBe("2027-03-31");
    expect(nextLeaveDue("2027-01-31", { leaveEveryMonths: 1 })).toBe("2027-02-28");
    expect(isLeaveOverdue("2026-03-31", { leaveEveryMonths: 12 }, "2027-03-31")).toBe(false);
    expect(isLeaveOverdue("2026-03-31", { leaveEveryMonths: 12 }, "2027-04-01")).toBe(true);
  });

  it("spans its minimum in working days and tells compliance the lead ahead", () => {
    const policy = { leaveMinWorkingDays: 5, complianceLeadWorkingDays: 2 };
    // a leave asked for on the first festival day starts after it and takes in the make-up Saturday
    expect(leaveWindow(china, "2026-02-15", policy)).toEqual({
      start: "2026-02-24",
      end: "2026-02-28",
      notifyComplianceBy: "2026-02-13",
    });
    expect(leaveWindow(china, "2026-02-09", policy)).toEqual({
      start: "2026-02-09",
      end: "2026-02-13",
      notifyComplianceBy: "2026-02-05",
    });
    expect(isComplianceNoticeInTime(china, "2026-02-13", "2026-02-24", policy)).toBe(true); // 14 (make-up), 24
    expect(isComplianceNoticeInTime(china, "2026-02-14", "2026-02-24", policy)).toBe(false);
    expect(isLeaveLongEnough(china, "2026-02-12", "2026-02-25", policy)).toBe(true); // 12, 13, 14, 24, 25
    expect(isLeaveLongEnough(china, "2026-02-12", "2026-02-24", policy)).toBe(false);
  });

  it("a leave window always satisfies its own policy (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay("2026-01-01"), max: toEpochDay("2026-12-31") }).map(fromEpochDay),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        (requested, minDays, lead) => {
          const policy = { leaveMinWorkingDays: minDays, complianceLeadWorkingDays: lead };
          const w = leaveWindow(china, requested, policy);
          expect(w.start >= requested).toBe(true);
          expect(china.isWorkingDay(w.start)).toBe(true);
          expect(isLeaveLongEnough(china, w.start, w.end, policy)).toBe(true);
          expect(china.countWorkingDays(w.start, w.end)).toBe(minDays);
          expect(isComplianceNoticeInTime(china, w.notifyComplianceBy, w.start, policy)).toBe(true);
          if (lead > 0)
            expect(isComplianceNoticeInTime(china, china.nextWorkingDay(w.notifyComplianceBy), w.start, policy)).toBe(
              false,
            );
        },
      ),
    );
  });
});
