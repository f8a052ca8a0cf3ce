// Time served in post as a manager asks it ("more than two years in post", "在岗不满一年",
// "between 1 and 3 years"): the phrase, its bounds, and who falls within them on a given day.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { findTenure, servedWithin } from "../../../src/app/questions/tenure-phrases.ts";

const plus = (d: string, n: number) => DateTime.fromISO(d).plus({ months: n }).toISODate()!;

describe("tenure phrases", () => {
  it("reads more than, at least, less than, at most and between, in both languages", () => {
    expect(findTenure("who has been in post more than two years")?.tenure).toEqual({ min: 24, minInclusive: false });
    expect(findTenure("holders with 3 years or more in the same post")?.tenure).toEqual({
      min: 36,
      minInclusive: true,
    });
    expect(findTenure("在同一岗位三年以上的名单")?.tenure).toEqual({ min: 36, minInclusive: true });
    expect(findTenure("在岗不满一年的")?.tenure).toEqual({ max: 12, maxInclusive: false });
    expect(findTenure("任职不超过两年的")?.tenure).toEqual({ max: 24, maxInclusive: true });
    expect(findTenure("tellers in the job under 18 months")?.tenure).toEqual({ max: 18, maxInclusive: false });
    expect(findTenure("in post between 1 and 2 years")?.tenure).toEqual({
      min: 12,
      minInclusive: true,
      max: 24,
      maxInclusive: true,
    });
    expect(findTenure("任职1到3年之间的关键岗位人员")?.tenure).toEqual({
      min: 12,
      minInclusive: true,
      max: 36,
      maxInclusive: true,
    });
  });

  it("needs words of being in post: a number of years alone, or about leave, is no tenure", () => {
    expect(findTenure("more than a year without mandatory leave")).toBeUndefined();
    expect(findTenure("rotations due within 2 months")).toBeUndefined();
    expect(findTenure("超过两年")).toBeUndefined();
  });

  it("takes the phrase out of the text", () => {
    expect(findTenure("haidian tellers in post more than 2 years")?.rest).toBe("haidian tellers");
  });

  it("bounds are strict or inclusive as said, on the day the months come round", () => {
    const twoYears = findTenure("in post more than 2 years")!.tenure;
    const atLeast = findTenure("in post at least 2 years")!.tenure;
    expect(servedWithin(twoYears, "2024-12-01", "2026-12-01", plus)).toBe(false);
    expect(servedWithin(atLeast, "2024-12-01", "2026-12-01", plus)).toBe(true);
    expect(servedWithin(twoYears, "2024-11-30", "2026-12-01", plus)).toBe(true);
    const under = findTenure("在岗不满一年")!.tenure;
    expect(servedWithin(under, "2025-12-02", "2026-12-01", plus)).toBe(true);
    expect(servedWithin(under, "2025-12-01", "2026-12-01", plus)).toBe(false);
  });
});
