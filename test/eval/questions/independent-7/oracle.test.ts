import { describe, expect, it } from "vitest";
import { employees, expected, loadItems, type EvalItem } from "./oracle.ts";

const items = loadItems();
const codes = new Set(employees.map((e) => e.code));
const item = (asker: string, meaning: unknown): EvalItem => ({
  id: "hand",
  asker,
  lang: "en",
  q: "",
  meaning,
});

describe("independent set 7 oracle", () => {
  it("loads at least 320 items with unique ids and known askers", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) expect(codes.has(i.asker), i.id).toBe(true);
  });

  it("computes every expectation, naming only employees that exist", () => {
    for (const i of items) {
      const e = expected(i);
      if (e.kind === "people") for (const c of e.codes) expect(codes.has(c), i.id).toBe(true);
      if (e.kind === "date") expect(e.value, i.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("matches hand-checked answers", () => {
    // Chaoyang: the RM (2023-09-01 + 36 months) is past the limit; nobody else there
    expect(expected(item("E025", { type: "overdue" }))).toEqual({ kind: "people", codes: ["E031"] });
    // whole bank overdue: RM Chaoyang, accounting Haidian (12 months from 2025-10-01), head Shanghai
    expect(expected(item("E001", { type: "overdue" }))).toEqual({
      kind: "people",
      codes: ["E021", "E031", "E037"],
    });
    // Chaoyang within 30 days: teller 12-05, credit 12-20, accounting 12-27
    expect(expected(item("E025", { type: "due", days: 30 }))).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030"],
    });
    expect(expected(item("E003", { type: "rotationDate", person: "E047" }))).toEqual({
      kind: "date",
      value: "2026-12-15",
    });
    expect(expected(item("E003", { type: "leaveDue", person: "E030" }))).toEqual({
      kind: "date",
      value: "2024-12-20",
    });
    expect(expected(item("E017", { type: "countClients", unit: "BR1" }))).toEqual({
      kind: "count",
      value: 28,
    });
    expect(expected(item("E021", { type: "countPosts", unit: "BR2" }))).toEqual({
      kind: "count",
      value: 11,
    });
    expect(expected(item("E043", { type: "clientManager", client: "C001" }))).toEqual({
      kind: "refused",
    });
    expect(expected(item("E007", { type: "overdue" }))).toEqual({ kind: "refused" });
    expect(expected(item("E004", { type: "holder", post: "P-BR1-01-TELLER" }))).toEqual({
      kind: "refused",
    });
    expect(expected(item("E013", { type: "gibberish" }))).toEqual({ kind: "not-understood" });
  });
});
