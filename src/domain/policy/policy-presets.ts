// Policy presets as data: each number with where it comes from. A preset gives one default per
// post category and, optionally, per-post override policies (cn-bank-cash, …) that posts point at.
// The sources are summaries for operators, not legal advice: docs/policies.md says so.
import {
  POST_CATEGORIES,
  assertPolicyRules,
  pickRules,
  type Policy,
  type PolicyRules,
  type PostCategory,
  PolicyError,
} from "./policy.ts";

export const PRESET_CODES = ["cn-bank", "us-fdic", "sg-mas", "finra"] as const;
export type PresetCode = (typeof PRESET_CODES)[number];

export function isPresetCode(value: unknown): value is PresetCode {
  return typeof value === "string" && (PRESET_CODES as readonly string[]).includes(value);
}

export interface PresetOverride {
  readonly code: string;
  readonly name: string;
  /** The category whose default it adjusts; the stored row is that default plus `rules`. */
  readonly base: PostCategory;
  readonly rules: Partial<PolicyRules>;
  readonly source: string;
}

export interface PolicyPreset {
  readonly code: PresetCode;
  readonly name: string;
  readonly jurisdiction: string;
  readonly sources: readonly string[];
  readonly categories: Readonly<Record<PostCategory, { readonly rules: PolicyRules; readonly source: string }>>;
  readonly overrides: readonly PresetOverride[];
}

/** Keypost's defaults where no regulator gives a number. */
export const DEFAULT_NOTICE_RULES = {
  complianceLeadWorkingDays: 2, // HR tells compliance two working days ahead (the ICBC practice in the source text)
  warningDays: [90, 30, 7],
  reminderHours: [24, 48],
  escalateAfterHours: 72,
} as const satisfies Partial<PolicyRules>;

function uniform(
  rules: Omit<PolicyRules, keyof typeof DEFAULT_NOTICE_RULES>,
  source: string,
): PolicyPreset["categories"] {
  const entry = { rules: { ...DEFAULT_NOTICE_RULES, ...rules }, source };
  return { authority: entry, operations: entry, oversight: entry };
}

const CN_CATEGORY_SOURCE =
  "Typical Chinese bank practice under the NFRA (ex-CBIRC) 《商业银行内部控制指引》 (2014), which requires rotation and mandatory leave for key posts: unannounced forced leave of at least 5 consecutive working days a year; rotation within 3 years.";

export const POLICY_PRESETS: Readonly<Record<PresetCode, PolicyPreset>> = {
  "cn-bank": {
    code: "cn-bank",
    name: "Chinese bank practice",
    jurisdiction: "China (mainland)",
    sources: [
      "NFRA (formerly CBIRC/CBRC): 《商业银行内部控制指引》 (银监发〔2014〕40号) — key-post rotation and mandatory leave",
      "Banks' own 重要岗位轮岗和强制休假 rules (e.g. the ICBC practice in the seed text: HR notifies compliance two working days ahead)",
    ],
    categories: {
      authority: {
        rules: { ...DEFAULT_NOTICE_RULES, maxTenureMonths: 36, leaveEveryMonths: 12, leaveMinWorkingDays: 5 },
        source: CN_CATEGORY_SOURCE,
      },
      operations: {
        rules: { ...DEFAULT_NOTICE_RULES, maxTenureMonths: 36, leaveEveryMonths: 12, leaveMinWorkingDays: 5 },
        source: CN_CATEGORY_SOURCE,
      },
      oversight: {
        rules: { ...DEFAULT_NOTICE_RULES, maxTenureMonths: 36, leaveEveryMonths: 12, leaveMinWorkingDays: 5 },
        source: CN_CATEGORY_SOURCE,
      },
    },
    overrides: [
      {
        code: "cn-bank-cash",
        name: "Cash posts (tellers, cash operations)",
        base: "operations",
        rules: { maxTenureMonths: 12 },
        source: "Common practice: cash posts rotate within 1 year.",
      },
      {
        code: "cn-bank-accounting",
        name: "Accounting posts (accounting supervisors, bookkeeping, clearing)",
        base: "operations",
        rules: { maxTenureMonths: 12 },
        source: "Common practice: accounting posts rotate within 1 year.",
      },
      {
        code: "cn-bank-vault",
        name: "Vault posts (vault, key, seal and code-book keepers)",
        base: "operations",
        rules: { maxTenureMonths: 12 },
        source: "Common practice: vault and key posts rotate within 1 year.",
      },
    ],
  },
  "us-fdic": {
    code: "us-fdic",
    name: "US banks (FDIC / Federal Reserve)",
    jurisdiction: "United States",
    sources: [
      "Federal Reserve SR 96-37, Supervisory Guidance on Required Absences from Sensitive Positions (1996): at least two consecutive weeks (10 business days) a year",
      "FDIC Risk Management Manual of Examination Policies, Internal Routine and Controls: vacation / required absence policy",
      "No US rule sets a rotation period: 60 months is Keypost's default",
    ],
    categories: uniform(
      { maxTenureMonths: 60, leaveEveryMonths: 12, leaveMinWorkingDays: 10 },
      "SR 96-37: sensitive posts absent ≥ 2 consecutive weeks (10 business days) a year; tenure 60 months is a Keypost default.",
    ),
    overrides: [],
  },
  "sg-mas": {
    code: "sg-mas",
    name: "Singapore (MAS)",
    jurisdiction: "Singapore",
    sources: [
      "MAS Guidelines on Risk Management Practices — Internal Controls, §2.8 Mandatory Leave: staff in risk-taking, risk-management and risk-control positions take block leave of at least 5 consecutive business days a year",
      "No MAS number for rotation: 60 months is Keypost's default",
    ],
    categories: uniform(
      { maxTenureMonths: 60, leaveEveryMonths: 12, leaveMinWorkingDays: 5 },
      "MAS Internal Controls guidelines §2.8: ≥ 5 consecutive business days of block leave a year; tenure 60 months is a Keypost default.",
    ),
    overrides: [],
  },
  finra: {
    code: "finra",
    name: "US broker-dealers (FINRA)",
    jurisdiction: "United States",
    sources: [
      "FINRA Rule 3110 (Supervision): firms must supervise; a block leave of 10 consecutive trading days for traders is common broker-dealer practice, not a rule text",
      "Load an exchange calendar (e.g. NYSE) for trading units so that working days are trading days",
      "No FINRA number for rotation: 60 months is Keypost's default",
    ],
    categories: uniform(
      { maxTenureMonths: 60, leaveEveryMonths: 12, leaveMinWorkingDays: 10 },
      "Block leave of 10 consecutive trading days a year for traders (industry practice under FINRA Rule 3110 supervision); tenure 60 months is a Keypost default.",
    ),
    overrides: [],
  },
};

export function categoryPolicyCode(preset: PresetCode, category: PostCategory): string {
  return `${preset}.${category}`;
}

/**
 * The full Policy rows a preset stands for: one default per category (code "<preset>.<category>")
 * and each override stored complete (its base category's numbers with its own on top), because a
 * stored policy row has every column.
 */
export function presetPolicies(code: string): Policy[] {
  if (!isPresetCode(code))
    throw new PolicyError(
      "POLICY_PRESET_UNKNOWN",
      `unknown policy preset ${JSON.stringify(code)}: expected ${PRESET_CODES.join(", ")}`,
    );
  const preset = POLICY_PRESETS[code];
  const defaults = POST_CATEGORIES.map((category): Policy => ({
    code: categoryPolicyCode(code, category),
    name: `${preset.name} — ${category}`,
    preset: code,
    category,
    ...pickRules(preset.categories[category].rules),
  }));
  const overrides = preset.overrides.map((o): Policy => ({
    code: o.code,
    name: o.name,
    preset: code,
    category: null,
    ...pickRules({ ...preset.categories[o.base].rules, ...o.rules }),
  }));
  const all = [...defaults, ...overrides];
  for (const policy of all) assertPolicyRules(policy, policy.code);
  return all;
}
