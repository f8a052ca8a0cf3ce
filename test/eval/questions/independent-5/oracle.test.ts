import { describe, expect, it } from "vitest";
import { employees, expected, loadItems, type EvalItem } from "./oracle.ts";

const items = loadItems();
const codes = new Set(employees.map((e) => e.code));
const byId = (id: string): EvalItem => {
  const it = items.find((x) => x.id === id);
  if (!it) throw new Error(`no item ${id}`);
  return it;
};
const find = (q: string): EvalItem => {
  const it = items.find((x) => x.q === q);
  if (!it) throw new Error(`no item "${q}"`);
  return it;
};

describe("independent set 5: oracle", () => {
  it("has at least 320 items with unique ids, known askers and a language", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(codes.has(i.asker), i.id).toBe(true);
      expect(["zh-CN", "en"]).toContain(i.lang);
      expect(i.q.trim().length, i.id).toBeGreaterThan(0);
    }
  });

  it("computes an expectation for every item, naming only employees that exist", () => {
    for (const i of items) {
      const e = expected(i);
      if (e.kind === "people") for (const c of e.codes) expect(codes.has(c), `${i.id} ${c}`).toBe(true);
      if (e.kind === "count") expect(Number.isInteger(e.value), i.id).toBe(true);
      if (e.kind === "date") expect(e.value, i.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("agrees with hand-checked answers", () => {
    // whole bank: Min Xu (RM Chaoyang, 2023-09-01 + 36 m), Wenbo He (acct Haidian, 2025-10-01 + 12 m),
    // Na Wang (head Shanghai, 2023-11-20 + 36 m)
    expect(expected(find("who is overdue for rotation across the bank"))).toEqual({
      kind: "people",
      codes: ["E021", "E031", "E037"],
    });
    // Chaoyang within 30 days: teller 12-05, credit 12-20, acct 12-27 (vault 2027-02-20 is later)
    expect(expected(find("who is due for rotation in the next 30 days"))).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030"],
    });
    // Lijuan Luo: 2024-03-01 + 36 months = 2027-03-01, exactly 90 days after 2026-12-01: inside
    expect(expected(find("海淀支行谁快到轮岗期限了 3个月内"))).toEqual({ kind: "people", codes: ["E040"] });
    expect(expected(find("when is Chao Yang's rotation due"))).toEqual({ kind: "date", value: "2026-12-05" });
    expect(expected(find("since when has Tao Wu been in his post"))).toEqual({ kind: "date", value: "2026-02-20" });
    expect(expected(find("how many clients does chaoyng have"))).toEqual({ kind: "count", value: 14 });
    expect(expected(find("number of key posts in shanghai branch"))).toEqual({ kind: "count", value: 11 });
    expect(expected(find("who is on leave"))).toEqual({ kind: "people", codes: [] });
    // a sub-branch manager about another sub-branch; an auditor; a teller
    expect(expected(find("overdue rotations in haidian"))).toEqual({ kind: "refused" });
    expect(expected(find("list overdue rotations bank-wide"))).toEqual({ kind: "refused" });
    expect(expected(find("全行谁超期了"))).toEqual({ kind: "refused" });
    expect(expected(find("what's for lunch"))).toEqual({ kind: "not-understood" });
    expect(expected(byId("ind5-001"))).toEqual({ kind: "people", codes: ["E031"] });
  });
});
