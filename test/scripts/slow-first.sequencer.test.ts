// The test files are handed to the workers slowest first (decision 13.s10t-1): a new file (not in
// the checked-in list) before every listed one, then the listed ones by their seconds.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { knownTimes, slowestFirst } from "../support/slow-first.sequencer.ts";

describe("the slow-first order of test files", () => {
  it("puts unknown files first, then the known ones longest first, ties by path", () => {
    const times = new Map([
      ["test/a.test.ts", 2],
      ["test/b.test.ts", 80],
      ["test/c.test.ts", 2],
      ["test/d.test.ts", 15],
    ]);
    expect(
      slowestFirst(["test/a.test.ts", "test/c.test.ts", "test/new.test.ts", "test/d.test.ts", "test/b.test.ts"], times),
    ).toEqual(["test/new.test.ts", "test/b.test.ts", "test/d.test.ts", "test/a.test.ts", "test/c.test.ts"]);
  });

  it("reads the checked-in list: repository paths of test files with their seconds", () => {
    const times = knownTimes();
    expect(times.size).toBeGreaterThan(100);
    for (const [file, seconds] of times) {
      expect(file).toMatch(/^test\/.+\.test\.ts$/);
      expect(seconds).toBeGreaterThanOrEqual(0);
    }
    // The slowest files the suite has are listed (else they would run first as unknown, or last by mistake).
    expect(times.get("test/adapters/quiet-week.test.ts")).toBeGreaterThan(10);
    expect(existsSync("test/adapters/quiet-week.test.ts")).toBe(true);
  });

  it("reads no list as an empty one (every file unknown: the given order by path)", () => {
    expect(knownTimes("/nonexistent/file-times.json").size).toBe(0);
    expect(slowestFirst(["test/b.test.ts", "test/a.test.ts"], new Map())).toEqual(["test/a.test.ts", "test/b.test.ts"]);
  });
});
