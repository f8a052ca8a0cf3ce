import { describe, expect, it } from "vitest";
import { employees, expected, loadItems, type EvalItem } from "./oracle.ts";

const item = (asker: string, meaning: unknown): EvalItem => ({ id: "t", asker, lang: "en", q: "", meaning });

describe("independent-4 oracle", () => {
  const items = loadItems();

  it("loads at least 320 items with unique ids and known askers", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const codes = new Set(employees.map((e) => e.code));
    for (const i of items) expect(codes.has(i.asker), i.id).toBe(true);
  });

  it("computes every expectation; people codes exist", () => {
    const codes = new Set(employees.map((e) => e.code));
    for (const i of items) {
      const e = expected(i);
      if (e.kind === "people") for (const c of e.codes) expect(codes.has(c), `${i.id} ${c}`).toBe(true);
      if (e.kind === "date") expect(e.value, i.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("hand-checked expectations", () => {
    // overdue at 2026-12-01: RM Chaoyang (2023-09-01 + 36 m), acct Haidian (2025-10-01 + 12 m), head Shanghai (2023-11-20 + 36 m)
    expect(expected(item("E001", { type: "overdue", unit: null }))).toEqual({
      kind: "people",
      codes: ["E021", "E031", "E037"],
    });
    expect(expected(item("E025", { type: "due", days: 30, unit: null }))).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030"],
    });
    // E040: 2027-03-01 is exactly 90 days after 2026-12-01 — counted (inclusive, as the 90-day warning)
    expect(expected(item("E034", { type: "due", days: 90, unit: null }))).toEqual({ kind: "people", codes: ["E040"] });
    expect(expected(item("E025", { type: "overdue", unit: "BR1-02" }))).toEqual({ kind: "refused" });
    expect(expected(item("E026", { type: "overdue", unit: null }))).toEqual({ kind: "refused" });
    expect(expected(item("E007", { type: "count_posts", unit: "HO" }))).toEqual({ kind: "refused" });
    expect(expected(item("E003", { type: "person_deadline", person: "E026" }))).toEqual({
      kind: "date",
      value: "2026-12-05",
    });
    expect(expected(item("E017", { type: "client_manager", name_en: "Beijing Hengtong Trading Co., Ltd." }))).toEqual({
      kind: "people",
      codes: ["E031", "E040"],
    });
    expect(expected(item("E025", { type: "client_manager", name: "北京恒通商贸有限公司" }))).toEqual({
      kind: "people",
      codes: ["E031"],
    });
    expect(expected(item("E017", { type: "count_clients", unit: "BR1" }))).toEqual({ kind: "count", value: 28 });
    expect(expected(item("E021", { type: "count_posts", unit: "BR2" }))).toEqual({ kind: "count", value: 11 });
    expect(expected(item("E001", { type: "garbage" }))).toEqual({ kind: "not-understood" });
  });
});
