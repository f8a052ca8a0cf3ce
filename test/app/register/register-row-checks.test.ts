// The compiled row checks against the zod schemas they stand in for: on generated cells — each
// column absent, valid, or wrong in one of the ways people get it wrong — parseRow (compiled checks
// first) and parseRowWithZod give the same result, rows and every error message alike. And the
// compiled checks do take the ordinary rows (else this would compare zod with itself).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRow, parseRowWithZod } from "../../../src/app/register/register-rows.ts";
import { COMPILED_ROW_CHECKS } from "../../../src/app/register/register-row-checks.ts";
import type { Cell } from "../../../src/ports/register-source.ts";
import type { RegisterKind } from "../../../src/ports/register-kinds.ts";

const long = "x".repeat(501);
const TEXTS = ["张伟", "Wei Zhang", "", " ", long, "a;b"];
const CODES = ["E0001", "BR-1.2_x", "e1", "", " E1", "E 1", "-E1", "é1", `E${"1".repeat(64)}`, "BR1@HO"];
const DATES = ["2026-11-28", "2024-02-29", "2025-02-29", "2026-1-2", "28/11/2026", "2026-11-28T00:00", ""];

/** Per column: the texts a cell may hold (absent is always a choice too). */
const COLUMNS: Record<"employees" | "posts" | "assignments", Record<string, readonly Cell[]>> = {
  employees: {
    code: CODES,
    name: TEXTS,
    name_en: TEXTS,
    email: ["wei.zhang@bank.example", "Wei.Zhang@Bank.Example", "a@b", "x@bank.example.", "o'neil@bank.cn", long],
    unit_code: CODES,
    status: ["active", "LEFT", "gone", ""],
    locale: ["zh-CN", "ZH", "en", "EN", "fr", ""],
    roles: ["manager", "auditor@BR1", "HR@HO;auditor", "boss", "auditor@", "auditor@B R1", "a@b@c", ";", ["hr"]],
    slack_user_id: ["U0123ABC", "W99;U12", "u0123", "U1", "U0123ABC；W0456DEF", ";", ["U0123ABC"]],
    teams_aad_object_id: [
      "0F8FAD5B-D9CB-469F-A165-70867728950E",
      "0f8fad5b-d9cb-469f-a165-70867728950e;not-a-guid",
      "{0f8fad5b-d9cb-469f-a165-70867728950e}",
    ],
  },
  posts: {
    code: CODES,
    name: TEXTS,
    name_en: TEXTS,
    unit_code: CODES,
    category: ["authority", "Operations", "oversight", "other", ""],
    risk_points: ["cash;vault", "现金；印章", ";;", "", ["cash", " vault "]],
    policy_code: CODES,
    checklist_template_code: CODES,
    standard_defined: ["yes", "N", "是", "否", "1", "maybe", ""],
    active: ["true", "FALSE", "0", "y", "2"],
    max_tenure_months: ["36", "0", "12345", "3.5", "-1", ""],
    leave_every_months: ["12", "x"],
    leave_min_working_days: ["10", " 10"],
    compliance_lead_working_days: ["5"],
  },
  assignments: {
    employee_code: CODES,
    post_code: CODES,
    kind: ["holder", "ACTING", "deputy", ""],
    start_date: DATES,
    end_date: [...DATES, "2020-01-01", "2030-12-31"],
    end_reason: ["rotation", "Left", "correction", "leave_cover_ended", "fired", ""],
  },
};

/** Cells of a row: each column absent, or one of its values; mostly valid, so that whole valid rows come up. */
function cells(kind: keyof typeof COLUMNS): fc.Arbitrary<Record<string, Cell>> {
  const entries = Object.entries(COLUMNS[kind]).map(
    ([column, values]) =>
      [
        column,
        fc.option(fc.oneof({ weight: 3, arbitrary: fc.constant(values[0]!) }, fc.constantFrom(...values))),
      ] as const,
  );
  return fc.record(Object.fromEntries(entries)).map((record) => {
    const out: Record<string, Cell> = {};
    for (const [column, value] of Object.entries(record)) if (value !== null) out[column] = value as Cell;
    return out;
  });
}

const row = (c: Record<string, Cell>) => ({ line: 7, cells: c });

describe("compiled register row checks", () => {
  for (const kind of ["employees", "posts", "assignments"] as const) {
    it(`${kind}: the same rows and the same messages as the zod schema`, () => {
      let compiled = 0;
      fc.assert(
        fc.property(cells(kind), (c) => {
          if (COMPILED_ROW_CHECKS[kind]!(c) !== undefined) compiled++;
          expect(parseRow(kind, "f.csv", row(c))).toEqual(parseRowWithZod(kind, "f.csv", row(c)));
        }),
        { numRuns: 3000, seed: 13 },
      );
      expect(compiled).toBeGreaterThan(100); // the generated rows do reach the compiled path
    });
  }

  it("take the ordinary rows, as zod reads them", () => {
    const ordinary: [RegisterKind, Record<string, Cell>][] = [
      [
        "employees",
        {
          code: "E000001",
          name: "李丽艳",
          name_en: "Employee 1",
          email: "E1@Bank.Example",
          unit_code: "B01-1-02",
          status: "active",
          roles: "manager;auditor@B01",
          slack_user_id: "U000000001",
          teams_aad_object_id: "0F8FAD5B-D9CB-469F-A165-70867728950E",
        },
      ],
      ["posts", { code: "P1", name: "柜员", unit_code: "B01-1-02", category: "operations", risk_points: "cash;vault" }],
      ["posts", { code: "P2", name: "行长", unit_code: "B01", category: "authority", max_tenure_months: "36" }],
      ["assignments", { employee_code: "E1", post_code: "P1", start_date: "2024-01-01", end_date: "2025-01-01" }],
    ];
    for (const [kind, c] of ordinary) {
      const parsed = parseRowWithZod(kind, "f.csv", row(c));
      expect(parsed.ok).toBe(true);
      expect(COMPILED_ROW_CHECKS[kind]!(c)).toEqual(parsed.ok ? parsed.row : undefined);
    }
  });
});
