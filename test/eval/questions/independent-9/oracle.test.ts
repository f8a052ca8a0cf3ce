import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { expected, expectedFor, loadItems, type Meaning } from "./oracle.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const employees = new Set(
  (
    parse(readFileSync(path.resolve(HERE, "../../../../samples/demo-bank/employees.csv"), "utf8"), {
      columns: true,
    }) as Array<{ code: string }>
  ).map((e) => e.code),
);

describe("independent question set 9", () => {
  const items = loadItems();

  it("loads at least 320 items with unique ids, known askers and both languages", () => {
    expect(items.length).toBeGreaterThanOrEqual(320);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(employees.has(i.asker), i.id).toBe(true);
      expect(["zh-CN", "en"]).toContain(i.lang);
      expect(i.q.trim().length, i.id).toBeGreaterThan(0);
    }
  });

  it("computes an expectation for every item, naming only real employees", () => {
    for (const i of items) {
      const e = expected(i);
      expect(["people", "count", "date", "refused", "not-understood"], i.id).toContain(e.kind);
      if (e.kind === "people") for (const c of e.codes) expect(employees.has(c), i.id).toBe(true);
      if (e.kind === "date") expect(e.value, i.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (e.kind === "count") expect(Number.isInteger(e.value), i.id).toBe(true);
    }
  });

  const x = (asker: string, m: Meaning) => expectedFor(asker, m);

  it("matches hand-checked answers", () => {
    // Overdue at 2026-12-01: E031 (RM, 2023-09-01 + 36 m), E037 (accounting, 2025-10-01 + 12 m),
    // E021 (head, 2023-11-20 + 36 m).
    expect(x("E001", { t: "overdue" })).toEqual({ kind: "people", codes: ["E021", "E031", "E037"] });
    expect(x("E025", { t: "overdue" })).toEqual({ kind: "people", codes: ["E031"] });
    expect(x("E043", { t: "overdue" })).toEqual({ kind: "people", codes: [] });
    // Due within 30 days: E026 (12-05), E030 (12-20), E028 (12-27), E047 (12-15).
    expect(x("E005", { t: "due", days: 30 })).toEqual({
      kind: "people",
      codes: ["E026", "E028", "E030", "E047"],
    });
    // E040's limit is 2027-03-01, exactly 90 days on: inside "within 90 days".
    expect(x("E034", { t: "due", days: 90 })).toEqual({ kind: "people", codes: ["E040"] });
    expect(x("E025", { t: "person", who: "E026", what: "deadline" })).toEqual({
      kind: "date",
      value: "2026-12-05",
    });
    expect(x("E043", { t: "person", who: "E048", what: "leave_due" })).toEqual({
      kind: "date",
      value: "2025-01-08",
    });
    expect(x("E025", { t: "client", clients: ["C001", "C015"] })).toEqual({
      kind: "people",
      codes: ["E031"],
    });
    expect(x("E025", { t: "overdue", unit: "BR2-01" })).toEqual({ kind: "refused" });
    expect(x("E007", { t: "overdue" })).toEqual({ kind: "refused" });
    expect(x("E026", { t: "overdue" })).toEqual({ kind: "refused" });
    expect(x("E001", { t: "count", what: "clients", unit: "BR2-01" })).toEqual({
      kind: "count",
      value: 12,
    });
    expect(x("E017", { t: "count", what: "posts" })).toEqual({ kind: "count", value: 12 });
    expect(x("E001", { t: "on_leave" })).toEqual({ kind: "people", codes: [] });
    expect(x("E001", { t: "nonsense" })).toEqual({ kind: "not-understood" });
  });
});
