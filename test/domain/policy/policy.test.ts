import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  POLICY_FIELDS,
  presetPolicies,
  resolvePolicy,
  validatePolicyRules,
  type CategoryDefaults,
  type Policy,
  type PolicyRules,
} from "../../../src/domain/policy/index.ts";

const rules: PolicyRules = {
  maxTenureMonths: 36,
  leaveEveryMonths: 12,
  leaveMinWorkingDays: 5,
  complianceLeadWorkingDays: 2,
  warningDays: [90, 30, 7],
  reminderHours: [24, 48],
  escalateAfterHours: 72,
};
const policy = (code: string, category: Policy["category"], over: Partial<PolicyRules> = {}): Policy => ({
  code,
  name: code,
  preset: "custom",
  category,
  ...rules,
  ...over,
});
const defaults: CategoryDefaults = {
  authority: policy("auth", "authority"),
  operations: policy("ops", "operations", { leaveMinWorkingDays: 10 }),
  oversight: policy("over", "oversight"),
};

describe("resolvePolicy", () => {
  it("takes the category default when the post has no override", () => {
    const resolved = resolvePolicy({ category: "operations" }, defaults);
    expect(resolved).toMatchObject({
      code: "ops",
      category: "operations",
      leaveMinWorkingDays: 10,
      maxTenureMonths: 36,
      sources: ["ops"],
    });
    expect(resolved.fieldSources.maxTenureMonths).toBe("ops");
  });

  it("lays only the override's set fields over the category default", () => {
    const resolved = resolvePolicy({ category: "operations", policyCode: "cash" }, defaults, [
      { code: "cash", maxTenureMonths: 12 },
    ]);
    expect(resolved).toMatchObject({
      code: "cash",
      maxTenureMonths: 12,
      leaveMinWorkingDays: 10,
      sources: ["ops", "cash"],
    });
    expect(resolved.fieldSources).toMatchObject({ maxTenureMonths: "cash", leaveMinWorkingDays: "ops" });
  });

  it("accepts a post pointing at a category default by code, and at its own default", () => {
    expect(resolvePolicy({ category: "operations", policyCode: "auth" }, defaults)).toMatchObject({
      code: "auth",
      leaveMinWorkingDays: 5,
    });
    expect(resolvePolicy({ category: "operations", policyCode: "ops" }, defaults).sources).toEqual(["ops"]);
  });

  it("refuses a missing default, an unknown override and a broken result", () => {
    expect(() => resolvePolicy({ category: "oversight" }, { authority: defaults.authority })).toThrow(
      expect.objectContaining({ code: "POLICY_CATEGORY_MISSING" }),
    );
    expect(() => resolvePolicy({ category: "authority", policyCode: "nope" }, defaults)).toThrow(
      expect.objectContaining({ code: "POLICY_OVERRIDE_MISSING" }),
    );
    expect(() =>
      resolvePolicy({ category: "authority", policyCode: "bad" }, defaults, [{ code: "bad", reminderHours: [24, 96] }]),
    ).toThrow(
      expect.objectContaining({
        code: "POLICY_INVALID",
        problems: [{ field: "escalateAfterHours", reason: "must come after the last reminder" }],
      }),
    );
  });

  it("resolves the cn-bank cash override from the preset rows", () => {
    const rows = presetPolicies("cn-bank");
    const byCategory = Object.fromEntries(rows.filter((p) => p.category).map((p) => [p.category, p]));
    const cash = resolvePolicy(
      { category: "operations", policyCode: "cn-bank-cash" },
      byCategory,
      rows.filter((p) => !p.category),
    );
    expect(cash).toMatchObject({
      code: "cn-bank-cash",
      maxTenureMonths: 12,
      leaveMinWorkingDays: 5,
      leaveEveryMonths: 12,
      complianceLeadWorkingDays: 2,
    });
  });

  it("every field comes from the override when set there, else from the default (property)", () => {
    const partial = fc.record(
      {
        maxTenureMonths: fc.integer({ min: 1, max: 600 }),
        leaveEveryMonths: fc.integer({ min: 1, max: 120 }),
        leaveMinWorkingDays: fc.integer({ min: 1, max: 60 }),
        complianceLeadWorkingDays: fc.integer({ min: 0, max: 30 }),
        warningDays: fc
          .uniqueArray(fc.integer({ min: 1, max: 3650 }), { maxLength: 4 })
          .map((a) => a.sort((x, y) => y - x)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        partial,
        fc.constantFrom("authority" as const, "operations" as const, "oversight" as const),
        (over, category) => {
          const resolved = resolvePolicy({ category, policyCode: "o" }, defaults, [{ code: "o", ...over }]);
          const base = defaults[category] as Policy;
          for (const field of POLICY_FIELDS) {
            const set = (over as Partial<PolicyRules>)[field];
            expect(resolved[field]).toEqual(set ?? base[field]);
            expect(resolved.fieldSources[field]).toBe(set === undefined ? base.code : "o");
          }
        },
      ),
    );
  });
});

describe("validatePolicyRules", () => {
  it("accepts sane rules and lists every problem of broken ones", () => {
    expect(validatePolicyRules(rules)).toEqual([]);
    const broken = {
      ...rules,
      maxTenureMonths: 0,
      leaveMinWorkingDays: 2.5,
      complianceLeadWorkingDays: -1,
      warningDays: [7, 30],
      reminderHours: [48, 24],
    };
    expect(validatePolicyRules(broken).map((p) => p.field)).toEqual([
      "maxTenureMonths",
      "leaveMinWorkingDays",
      "complianceLeadWorkingDays",
      "warningDays",
      "reminderHours",
    ]);
    expect(validatePolicyRules({ ...rules, warningDays: [30, 30] })).toEqual([
      { field: "warningDays", reason: "must be distinct and largest first" },
    ]);
    expect(validatePolicyRules({ ...rules, warningDays: [], reminderHours: [] })).toEqual([]);
  });
});
