import { describe, expect, it } from "vitest";
import { expected, holdings, loadItems, register, scopeOf, TODAY, type EvalItem } from "./oracle.js";

const items = loadItems();
const byId = new Map(items.map((i) => [i.id, i]));
const employeeCodes = new Set(register().employees.map((e) => e.code));

function find(asker: string, q: string): EvalItem {
  const item = items.find((i) => i.asker === asker && i.q === q);
  if (!item) throw new Error(`no item ${asker}: ${q}`);
  return item;
}

describe("independent set 2: questions and oracle", () => {
  it("loads at least 320 well-formed items with unique ids", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(byId.size).toBe(items.length);
    for (const item of items) {
      expect(item.id).toMatch(/^ind2-\d{3}$/);
      expect(["zh-CN", "en"]).toContain(item.lang);
      expect(employeeCodes.has(item.asker)).toBe(true);
      expect(item.q.trim()).not.toBe("");
    }
  });

  it("computes an expectation for every item, naming only real employees", () => {
    for (const item of items) {
      const e = expected(item);
      if (e.kind === "people") for (const c of e.codes) expect(employeeCodes.has(c)).toBe(true);
      if (e.kind === "date") expect(e.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (e.kind === "count") expect(Number.isInteger(e.value)).toBe(true);
    }
  });

  it("reads the register as the docs say (hand-checked)", () => {
    expect(TODAY).toBe("2026-12-01");
    expect(holdings()).toHaveLength(23);
    expect(scopeOf("E025")).toEqual(["BR1-01"]);
    expect(scopeOf("E004")).toEqual(["BR2"]);
    expect(scopeOf("E007")).toEqual([]);
    // teller (cash policy, 12 months) from 2025-12-05 → 2026-12-05
    expect(expected(find("E025", "杨超什么时侯轮岗"))).toEqual({ kind: "date", value: "2026-12-05" });
    // RM (operations default, 36 months) from 2023-09-01 → overdue since 2026-09-01
    expect(expected(find("E003", "E037 tenure deadline"))).toEqual({ kind: "date", value: "2026-10-01" });
    expect(expected(find("E003", "全行超期未轮岗的员工"))).toEqual({
      kind: "people",
      codes: ["E021", "E031", "E037"],
    });
    expect(expected(find("E025", "whose turn to rotate comes up within 30 days"))).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030"],
    });
    expect(expected(find("E003", "rotations coming due in the next 90 days"))).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E029", "E030", "E040", "E044", "E047", "E048", "E049"],
    });
    expect(expected(find("E043", "浦东支行有没有超期没轮岗的"))).toEqual({ kind: "people", codes: [] });
    expect(expected(find("E001", "how many ppl are overdue for rotation"))).toEqual({ kind: "count", value: 3 });
    expect(expected(find("E003", "is anybody in the bank away on their mandatory leave at the moment"))).toEqual({
      kind: "people",
      codes: [],
    });
    expect(expected(find("E005", "who serves Beijing Dongfang Textiles"))).toEqual({
      kind: "people",
      codes: ["E031", "E040"],
    });
    expect(expected(find("E025", "who is overdue in pudong"))).toEqual({ kind: "refused" });
    expect(expected(find("E007", "who is overdue for rotation"))).toEqual({ kind: "refused" });
    expect(expected(find("E034", "asdfghjkl"))).toEqual({ kind: "not-understood" });
  });
});
