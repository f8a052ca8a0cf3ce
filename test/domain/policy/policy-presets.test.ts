import { describe, expect, it } from "vitest";
import { POLICY_PRESETS, PRESET_CODES, presetPolicies, validatePolicyRules } from "../../../src/domain/policy/index.ts";

describe("policy presets", () => {
  it("carry the regulators' numbers", () => {
    const numbers = (code: string, policy: string) => presetPolicies(code).find((p) => p.code === policy);
    expect(numbers("cn-bank", "cn-bank.operations")).toMatchObject({
      maxTenureMonths: 36,
      leaveEveryMonths: 12,
      leaveMinWorkingDays: 5,
      complianceLeadWorkingDays: 2,
    });
    for (const post of ["cn-bank-cash", "cn-bank-accounting", "cn-bank-vault"]) {
      expect(numbers("cn-bank", post)).toMatchObject({ category: null, maxTenureMonths: 12, leaveMinWorkingDays: 5 });
    }
    expect(numbers("us-fdic", "us-fdic.operations")).toMatchObject({ leaveEveryMonths: 12, leaveMinWorkingDays: 10 });
    expect(numbers("sg-mas", "sg-mas.authority")).toMatchObject({ leaveEveryMonths: 12, leaveMinWorkingDays: 5 });
    expect(numbers("finra", "finra.operations")).toMatchObject({ leaveEveryMonths: 12, leaveMinWorkingDays: 10 });
  });

  it("give every category a valid default, name a source, and use unique codes", () => {
    const codes = new Set<string>();
    for (const code of PRESET_CODES) {
      const preset = POLICY_PRESETS[code];
      expect(preset.sources.length).toBeGreaterThan(0);
      const rows = presetPolicies(code);
      expect(rows.filter((p) => p.category).map((p) => p.category)).toEqual(["authority", "operations", "oversight"]);
      for (const row of rows) {
        expect(validatePolicyRules(row)).toEqual([]);
        expect(row.preset).toBe(code);
        expect(codes.has(row.code)).toBe(false);
        codes.add(row.code);
      }
      for (const category of Object.values(preset.categories)) expect(category.source).not.toBe("");
      for (const override of preset.overrides) expect(override.source).not.toBe("");
    }
  });

  it("refuse an unknown preset", () => {
    expect(() => presetPolicies("eu-eba")).toThrow(expect.objectContaining({ code: "POLICY_PRESET_UNKNOWN" }));
  });
});
