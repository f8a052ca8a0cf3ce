import { describe, expect, it } from "vitest";
import { NOW, expected, holdings, isOverdue, loadItems, register, scopeOf, type EvalItem } from "./oracle.ts";

const items = loadItems();
const byId = new Map(items.map((i) => [i.id, i]));
const codes = new Set(register.employees.map((e) => e.code));
const item = (id: string): EvalItem => {
  const it = byId.get(id);
  if (!it) throw new Error(`no item ${id}`);
  return it;
};
const ask = (asker: string, meaning: unknown): ReturnType<typeof expected> =>
  expected({ id: "hand", asker, lang: "en", q: "hand-checked", meaning });

describe("independent question set", () => {
  it("has at least 320 well-formed items with unique ids", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(i.id).toMatch(/^ind-\d{3}$/);
      expect(codes.has(i.asker)).toBe(true);
      expect(["zh-CN", "en"]).toContain(i.lang);
      expect(i.q.trim()).not.toBe("");
    }
  });

  it("computes an expectation for every item, naming only employees in the register", () => {
    for (const i of items) {
      const e = expected(i);
      if (e.kind === "people") for (const c of e.codes) expect(codes.has(c)).toBe(true);
      if (e.kind === "date") expect(e.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (e.kind === "count") expect(Number.isInteger(e.value)).toBe(true);
    }
  });

  it("is about half Chinese, half English", () => {
    const zh = items.filter((i) => i.lang === "zh-CN").length;
    expect(zh / items.length).toBeGreaterThan(0.4);
    expect(zh / items.length).toBeLessThan(0.6);
  });
});

describe("hand-checked expectations", () => {
  it("fixes the instant", () => {
    expect(NOW).toBe("2026-12-01T10:00:00+08:00");
  });

  it("finds the three holders past their limit on 2026-12-01", () => {
    // E031 RM Chaoyang 2023-09-01 + 36 m; E037 accounting Haidian 2025-10-01 + 12 m; E021 head Shanghai 2023-11-20 + 36 m
    expect(
      holdings()
        .filter(isOverdue)
        .map((h) => h.employee)
        .sort(),
    ).toEqual(["E021", "E031", "E037"]);
    expect(ask("E001", { intent: "overdue" })).toEqual({ kind: "people", codes: ["E021", "E031", "E037"] });
    expect(ask("E025", { intent: "overdue", count: true })).toEqual({ kind: "count", value: 1 });
  });

  it("uses 12 months for cash, accounting and vault posts and 36 for the others", () => {
    expect(ask("E025", { intent: "personDue", person: "E026" })).toEqual({ kind: "date", value: "2026-12-05" });
    expect(ask("E025", { intent: "personDue", person: "E030" })).toEqual({ kind: "date", value: "2026-12-20" });
    expect(ask("E001", { intent: "personDue", person: "E021" })).toEqual({ kind: "date", value: "2026-11-20" });
  });

  it("counts 'due within N days' inclusively and without the overdue", () => {
    expect(ask("E001", { intent: "due", days: 30 })).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030", "E047"],
    });
    // E040: 2024-03-01 + 36 m = 2027-03-01, exactly 90 days after 2026-12-01
    expect(ask("E034", { intent: "due", days: 90 })).toEqual({ kind: "people", codes: ["E040"] });
    expect(ask("E034", { intent: "due", days: 89 })).toEqual({ kind: "people", codes: [] });
  });

  it("scopes by the asker's roles and refuses outside them", () => {
    expect([...scopeOf("E017")].sort()).toEqual(["BR1", "BR1-01", "BR1-02"]);
    expect(scopeOf("E026").size).toBe(0);
    expect(ask("E025", { intent: "overdue", unit: "BR2-01" })).toEqual({ kind: "refused" });
    expect(ask("E026", { intent: "overdue" })).toEqual({ kind: "refused" });
    expect(ask("E004", { intent: "overdue" })).toEqual({ kind: "people", codes: ["E021"] });
  });

  it("answers clients by code and by a name shared across branches", () => {
    expect(ask("E025", { intent: "client", clientName: "北京恒通商贸有限公司" })).toEqual({
      kind: "people",
      codes: ["E031"],
    });
    expect(ask("E017", { intent: "client", clientName: "北京恒通商贸有限公司" })).toEqual({
      kind: "people",
      codes: ["E031", "E040"],
    });
    expect(ask("E043", { intent: "client", client: "C029" })).toEqual({ kind: "people", codes: ["E049"] });
  });

  it("reads a few items as written", () => {
    expect(expected(item("ind-001"))).toEqual({ kind: "people", codes: ["E031"] });
    expect(expected(item("ind-123"))).toEqual({ kind: "people", codes: [] });
    expect(expected(item("ind-161"))).toEqual({ kind: "people", codes: ["E044"] });
    expect(expected(item("ind-279"))).toEqual({ kind: "refused" });
    expect(expected(item("ind-318"))).toEqual({ kind: "not-understood" });
  });
});
