import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, exhausted, retryDelayMs } from "../../../src/app/delivery/retry-policy.ts";

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 4 };

describe("retry policy", () => {
  it("honours the platform's Retry-After exactly, whatever the attempt", () => {
    expect(retryDelayMs(policy, 1, 7000, () => 0.9)).toBe(7000);
    expect(retryDelayMs(policy, 9, 1, () => 0.9)).toBe(1);
  });

  it("otherwise doubles per attempt, half fixed and half random, up to the cap", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, 0, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, 0, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(policy, 5, 0, () => 0.5)).toBe(7500);
    expect(retryDelayMs(policy, 30, 0, () => 1)).toBe(10_000);
    expect(retryDelayMs(policy, 30, 0, () => 0)).toBe(5000);
  });

  it("is exhausted at the cap", () => {
    expect(exhausted(policy, 3)).toBe(false);
    expect(exhausted(policy, 4)).toBe(true);
  });
});
