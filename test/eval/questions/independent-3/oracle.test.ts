import { describe, expect, it } from "vitest";
import { employees, expected, loadItems, type EvalItem } from "./oracle.ts";

const items = loadItems();
const codes = new Set(employees.map((e) => e.code));

function byQ(asker: string, q: string): EvalItem {
  const it = items.find((x) => x.asker === asker && x.q === q);
  if (!it) throw new Error(`no item ${asker}: ${q}`);
  return it;
}

describe("independent-3 oracle", () => {
  it("loads at least 320 items with unique ids, known askers and a language", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(i.id).toMatch(/^ind3-\d{3}$/);
      expect(codes.has(i.asker)).toBe(true);
      expect(["zh-CN", "en"]).toContain(i.lang);
      expect(i.q.length).toBeGreaterThan(0);
    }
  });

  it("computes an expectation for every item, naming only known employees", () => {
    for (const i of items) {
      const e = expected(i);
      if (e.kind === "people") for (const c of e.codes) expect(codes.has(c)).toBe(true);
      if (e.kind === "date") expect(e.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (e.kind === "count") expect(Number.isInteger(e.value)).toBe(true);
    }
  });

  it("covers every kind of expectation", () => {
    const kinds = new Set(items.map((i) => expected(i).kind));
    expect([...kinds].sort()).toEqual(["count", "date", "not-understood", "people", "refused"]);
  });

  it("hand-checked: overdue rotations (12-month cash/accounting/vault posts, 36 months otherwise)", () => {
    // E031 RM since 2023-09-01 (36 → 2026-09-01), E037 accounting since 2025-10-01 (12 → 2026-10-01),
    // E021 branch head since 2023-11-20 (36 → 2026-11-20).
    expect(expected(byQ("E001", "overdeu rotations?"))).toEqual({
      kind: "people",
      codes: ["E021", "E031", "E037"],
    });
    expect(expected(byQ("E025", "which of my people have stayed in their post past the limit"))).toEqual({
      kind: "people",
      codes: ["E031"],
    });
    expect(expected(byQ("E001", "how many overdue rotations"))).toEqual({ kind: "count", value: 3 });
  });

  it("hand-checked: due within 30 and 90 days (the limit on day 90 counts)", () => {
    // 2026-12-05 E026, 2026-12-15 E047, 2026-12-20 E030, 2026-12-27 E028
    expect(expected(byQ("E003", "rotations due in the next 30 days"))).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030", "E047"],
    });
    // + 2027-01-05 E044, 2027-01-08 E048, 2027-02-20 E029, 2027-02-26 E049, 2027-03-01 E040 (day 90);
    // not E046 (2027-03-02, day 91)
    expect(expected(byQ("E001", "who is due for rotation within 90 days"))).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E029", "E030", "E040", "E044", "E047", "E048", "E049"],
    });
  });

  it("hand-checked: one person's dates, counts, scope and refusals", () => {
    expect(expected(byQ("E025", "when is Haiyan Zhou's mandatory leave due"))).toEqual({
      kind: "date",
      value: "2024-12-20",
    });
    expect(expected(byQ("E025", "when does Chao Yang have to rotate"))).toEqual({
      kind: "date",
      value: "2026-12-05",
    });
    expect(expected(byQ("E001", "how many clients in total"))).toEqual({ kind: "count", value: 40 });
    expect(expected(byQ("E052", "who serves C029"))).toEqual({ kind: "refused" });
    expect(expected(byQ("E007", "全行超期未轮岗名单"))).toEqual({ kind: "refused" });
    expect(expected(byQ("E025", "who is on leave"))).toEqual({ kind: "people", codes: [] });
    expect(expected(byQ("E003", "asdfgh qwerty"))).toEqual({ kind: "not-understood" });
  });
});
