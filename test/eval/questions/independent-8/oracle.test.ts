import { describe, expect, it } from "vitest";
import { expected, loadItems, register, type EvalItem } from "./oracle.ts";

const codes = new Set(register.employees.map((e) => e.code));
const items = loadItems();

function ask(asker: string, meaning: unknown): ReturnType<typeof expected> {
  const item: EvalItem = { id: "hand", asker, lang: "en", q: "", meaning };
  return expected(item);
}

describe("independent set 8", () => {
  it("loads at least 320 items with unique ids and known askers", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(codes.has(i.asker), i.id).toBe(true);
      expect(["zh-CN", "en"]).toContain(i.lang);
      expect(i.q.length, i.id).toBeGreaterThan(0);
    }
  });

  it("computes every expectation, naming only known employees", () => {
    for (const i of items) {
      const e = expected(i);
      if (e.kind === "people") for (const c of e.codes) expect(codes.has(c), i.id).toBe(true);
      if (e.kind === "date") expect(e.value, i.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (e.kind === "count") expect(Number.isInteger(e.value), i.id).toBe(true);
    }
  });

  it("matches hand-checked answers", () => {
    // overdue at 2026-12-01: E031 (RM, 36 months from 2023-09-01), E037 (accounting, 12 months
    // from 2025-10-01), E021 (branch head, 36 months from 2023-11-20)
    expect(ask("E001", { t: "overdue" })).toEqual({
      kind: "people",
      codes: ["E021", "E031", "E037"],
    });
    expect(ask("E025", { t: "overdue" })).toEqual({ kind: "people", codes: ["E031"] });
    // Chaoyang, due within 30 days: teller 2026-12-05, accounting 2026-12-27, credit 2026-12-20
    expect(ask("E025", { t: "due", days: 30 })).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030"],
    });
    // E040's limit is 2027-03-01: exactly 90 days ahead, inside "within 90 days"
    expect(ask("E034", { t: "due", days: 90 })).toEqual({ kind: "people", codes: ["E040"] });
    expect(ask("E017", { t: "person_date", person: "E026", field: "tenure_deadline" })).toEqual({
      kind: "date",
      value: "2026-12-05",
    });
    expect(ask("E003", { t: "person_date", person: "E039", field: "leave_due" })).toEqual({
      kind: "date",
      value: "2026-04-01",
    });
    expect(ask("E043", { t: "count_clients" })).toEqual({ kind: "count", value: 12 });
    expect(ask("E017", { t: "count_posts" })).toEqual({ kind: "count", value: 12 });
    expect(ask("E025", { t: "overdue", unit: "BR2-01" })).toEqual({ kind: "refused" });
    expect(ask("E026", { t: "overdue" })).toEqual({ kind: "refused" });
    expect(ask("E007", { t: "holder", post: "P-BR1-01-TELLER" })).toEqual({ kind: "refused" });
    expect(ask("E025", { t: "client_rm", clientName: "Beijing Hengtong Trading Co., Ltd." })).toEqual({
      kind: "people",
      codes: ["E031"],
    });
    expect(ask("E001", { t: "on_leave" })).toEqual({ kind: "people", codes: [] });
  });
});
