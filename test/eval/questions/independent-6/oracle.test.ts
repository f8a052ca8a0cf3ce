import { describe, expect, it } from "vitest";
import { EMPLOYEE_CODES, expected, loadItems, type EvalItem } from "./oracle.ts";

const item = (asker: string, meaning: unknown): EvalItem => ({
  id: "hand",
  asker,
  lang: "en",
  q: "",
  meaning,
});

describe("independent set 6 oracle", () => {
  const items = loadItems();

  it("loads at least 320 items with unique ids", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it("computes every expectation, naming only known employees", () => {
    for (const i of items) {
      expect(EMPLOYEE_CODES.has(i.asker), i.id).toBe(true);
      const e = expected(i);
      if (e.kind === "people") for (const c of e.codes) expect(EMPLOYEE_CODES.has(c), i.id).toBe(true);
      if (e.kind === "date") expect(e.value, i.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("hand-checked: overdue rotations", () => {
    // Chaoyang RM since 2023-09-01 + 36 months = 2026-09-01 < 2026-12-01.
    expect(expected(item("E025", { t: "overdue" }))).toEqual({ kind: "people", codes: ["E031"] });
    // Bank: E031 (RM), E037 (accounting 12 m from 2025-10-01), E021 (BR2 head since 2023-11-20).
    expect(expected(item("E005", { t: "overdue" }))).toEqual({
      kind: "people",
      codes: ["E021", "E031", "E037"],
    });
    expect(expected(item("E043", { t: "overdue" }))).toEqual({ kind: "people", codes: [] });
  });

  it("hand-checked: due within 30 days in Chaoyang", () => {
    // teller 2026-12-05, accounting 2026-12-27, credit 2026-12-20.
    expect(expected(item("E025", { t: "due", days: 30 }))).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030"],
    });
  });

  it("hand-checked: dates, counts, clients and refusals", () => {
    expect(expected(item("E003", { t: "person_deadline", person: "E030" }))).toEqual({
      kind: "date",
      value: "2026-12-20",
    });
    expect(expected(item("E003", { t: "person_leave_due", person: "E029" }))).toEqual({
      kind: "date",
      value: "2027-02-20",
    });
    expect(expected(item("E021", { t: "count_clients", unit: "BR2-01" }))).toEqual({
      kind: "count",
      value: 12,
    });
    expect(expected(item("E001", { t: "count_posts" }))).toEqual({ kind: "count", value: 23 });
    expect(expected(item("E017", { t: "serves", client: "Beijing Hengtong Trading Co., Ltd." }))).toEqual({
      kind: "people",
      codes: ["E031", "E040"],
    });
    expect(expected(item("E025", { t: "serves", client: "Beijing Hengtong Trading Co., Ltd." }))).toEqual({
      kind: "people",
      codes: ["E031"],
    });
    expect(expected(item("E025", { t: "overdue", unit: "BR2-01" }))).toEqual({ kind: "refused" });
    expect(expected(item("E007", { t: "overdue" }))).toEqual({ kind: "refused" });
    expect(expected(item("E026", { t: "on_leave" }))).toEqual({ kind: "refused" });
    expect(expected(item("E025", { t: "nonsense" }))).toEqual({ kind: "not-understood" });
  });
});
