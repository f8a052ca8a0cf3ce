import { describe, expect, it } from "vitest";
import { FirstSeen } from "../../../src/app/register/first-seen.ts";

describe("FirstSeen", () => {
  it("points at the first occurrence of every repeated key, through the table's growth", () => {
    const seen = new FirstSeen();
    for (let i = 0; i < 200_000; i++) expect(seen.check(`E${i}`, { file: "a.csv", line: i + 2 })).toBeUndefined();
    expect(seen.check("E0", { file: "a.csv", line: 9 })).toBe("line 2");
    expect(seen.check("E199999", { file: "b.csv", line: 3 })).toBe("a.csv line 200001");
    expect(seen.has("E123456")).toBe(true);
    expect(seen.has("E200000")).toBe(false);
  });

  it("keeps lines up to 2²⁴ - 2 and names the first 255 files", () => {
    const seen = new FirstSeen();
    seen.check("big", { file: "a.csv", line: 16_777_214 });
    expect(seen.check("big", { file: "b.csv", line: 1 })).toBe("a.csv line 16777214");
    for (let f = 0; f < 300; f++) seen.check(`k${f}`, { file: `f${f}.csv`, line: 7 });
    expect(seen.check("k253", { file: "x.csv", line: 1 })).toBe("f253.csv line 7"); // a.csv is the 1st file
    expect(seen.check("k254", { file: "x.csv", line: 1 })).toBe("another file line 7");
    expect(seen.check("k299", { file: "x.csv", line: 1 })).toBe("another file line 7");
  });
});
