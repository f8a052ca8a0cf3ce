// The bank's own policies from a file (`keypost policy import`): every row checked before anything
// is written, each problem as `file:row:column — reason`. A row with a category is that category's
// default; a row without one is an override that posts point at, whose blank numbers come from its
// `base` (a category, or another policy's code). Stored rows are complete (docs/policies.md), so
// an override is written with its base's numbers filled in. Pure: the reader hands over text cells.
import {
  DEFAULT_NOTICE_RULES,
  POST_CATEGORIES,
  PRESET_CODES,
  isPostCategory,
  pickRules,
  validatePolicyRules,
  type Policy,
  type PolicyField,
  type PolicyRules,
  type PostCategory,
} from "../../domain/policy/index.ts";
import type { PolicyFileRow, RowError } from "../../ports/register-source.ts";

export type { PolicyFileRow };

/** The file's columns, in the order `policy export` writes them. */
export const POLICY_COLUMNS = [
  "code",
  "name",
  "preset",
  "category",
  "base",
  "max_tenure_months",
  "leave_every_months",
  "leave_min_working_days",
  "compliance_lead_working_days",
  "warning_days",
  "reminder_hours",
  "escalate_after_hours",
] as const;

export const FIELD_COLUMNS: Readonly<Record<PolicyField, string>> = {
  maxTenureMonths: "max_tenure_months",
  leaveEveryMonths: "leave_every_months",
  leaveMinWorkingDays: "leave_min_working_days",
  complianceLeadWorkingDays: "compliance_lead_working_days",
  warningDays: "warning_days",
  reminderHours: "reminder_hours",
  escalateAfterHours: "escalate_after_hours",
};

const NUMBER_FIELDS = [
  "maxTenureMonths",
  "leaveEveryMonths",
  "leaveMinWorkingDays",
  "complianceLeadWorkingDays",
  "escalateAfterHours",
] as const;
const LIST_FIELDS = ["warningDays", "reminderHours"] as const;
const REQUIRED_FOR_DEFAULT = ["maxTenureMonths", "leaveEveryMonths", "leaveMinWorkingDays"] as const;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
export const PRESET_VALUES: readonly string[] = [...PRESET_CODES, "custom"];

/** What the stored policies say, for bases that are not in the file. */
export interface StoredPolicies {
  readonly byCode: ReadonlyMap<string, Policy>;
  /** The category defaults in force now (the active preset's), if any. */
  readonly defaults: Readonly<Partial<Record<PostCategory, Policy>>>;
}

export interface PolicyFileResult {
  readonly policies: Policy[];
  /** The preset of the file's category defaults: it becomes the active one. Undefined when the file has none. */
  readonly activePreset: string | undefined;
  readonly errors: RowError[];
}

interface Parsed {
  readonly line: number;
  readonly code: string;
  readonly name: string;
  readonly preset: string;
  readonly category: PostCategory | null;
  readonly base: string | null;
  readonly rules: Partial<Record<PolicyField, number | number[]>>;
}

/** Checks every row; returns complete policies only when there is no error at all. */
export function checkPolicyRows(
  file: string,
  rows: readonly PolicyFileRow[],
  stored: StoredPolicies,
): PolicyFileResult {
  const errors: RowError[] = [];
  const error = (line: number, column: string, reason: string) => errors.push({ file, line, column, reason });
  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();

  for (const { line, cells } of rows) {
    let ok = true;
    const bad = (column: string, reason: string) => {
      error(line, column, reason);
      ok = false;
    };
    for (const column of Object.keys(cells))
      if (!(POLICY_COLUMNS as readonly string[]).includes(column))
        bad(column, `unknown column (known: ${POLICY_COLUMNS.join(", ")})`);
    const code = cells.code ?? "";
    if (code === "") bad("code", "required");
    else if (!CODE.test(code)) bad("code", "letters, digits, '.', '_' or '-', at most 80");
    else if (seen.has(code)) bad("code", `"${code}" appears twice (also row ${seen.get(code)})`);
    else seen.set(code, line);
    const preset = cells.preset ?? "custom";
    if (!PRESET_VALUES.includes(preset)) bad("preset", `must be one of ${PRESET_VALUES.join(", ")}`);
    const categoryText = cells.category ?? null;
    if (categoryText !== null && !isPostCategory(categoryText))
      bad("category", `must be one of ${POST_CATEGORIES.join(", ")}, or blank for an override`);
    const category = categoryText !== null && isPostCategory(categoryText) ? categoryText : null;
    const base = cells.base ?? null;
    if (categoryText !== null && base !== null) bad("base", "only an override (a row without a category) has a base");
    const rules: Parsed["rules"] = {};
    for (const field of NUMBER_FIELDS) {
      const text = cells[FIELD_COLUMNS[field]];
      if (text === undefined) continue;
      if (!/^\d{1,6}$/.test(text)) bad(FIELD_COLUMNS[field], `"${text}" is not a whole number`);
      else rules[field] = Number(text);
    }
    for (const field of LIST_FIELDS) {
      const text = cells[FIELD_COLUMNS[field]];
      if (text === undefined) continue;
      const parts = text.split(/[\s,;]+/).filter((p) => p !== "");
      if (parts.length === 0 || parts.some((p) => !/^\d{1,6}$/.test(p)))
        bad(FIELD_COLUMNS[field], `"${text}" is not a list of whole numbers (e.g. 90,30,7)`);
      else rules[field] = parts.map(Number);
    }
    if (category !== null)
      for (const field of REQUIRED_FOR_DEFAULT)
        if (rules[field] === undefined && cells[FIELD_COLUMNS[field]] === undefined)
          bad(FIELD_COLUMNS[field], "required for a category default");
    if (category === null && base === null && categoryText === null)
      for (const field of REQUIRED_FOR_DEFAULT)
        if (rules[field] === undefined && cells[FIELD_COLUMNS[field]] === undefined)
          bad("base", "an override without every number needs a base (a category or a policy code)");
    if (ok) parsed.push({ line, code, name: cells.name ?? code, preset, category, base, rules });
  }

  // The category defaults the file sets: one preset, each category exactly once.
  const defaultsInFile = parsed.filter((p) => p.category !== null);
  let activePreset: string | undefined;
  if (defaultsInFile.length > 0) {
    const presets = [...new Set(defaultsInFile.map((p) => p.preset))];
    const first = defaultsInFile[0]!;
    if (presets.length > 1)
      error(first.line, "preset", `the category defaults name several presets (${presets.join(", ")}): use one`);
    for (const category of POST_CATEGORIES) {
      const rowsOf = defaultsInFile.filter((p) => p.category === category);
      if (rowsOf.length === 0)
        error(first.line, "category", `no default for ${category}: a file with category defaults sets all three`);
      for (const extra of rowsOf.slice(1))
        error(extra.line, "category", `a second default for ${category} (first on row ${rowsOf[0]!.line})`);
    }
    activePreset = presets[0];
  }

  // Complete every row: defaults from notice defaults, overrides from their base.
  const inFile = new Map(parsed.map((p) => [p.code, p]));
  const done = new Map<string, Policy>();
  const complete = (p: Parsed, chain: readonly string[]): Policy | undefined => {
    const known = done.get(p.code);
    if (known) return known;
    let baseRules: PolicyRules | undefined;
    if (p.category !== null) baseRules = { ...DEFAULT_NOTICE_RULES } as unknown as PolicyRules;
    else if (p.base === null) baseRules = { ...DEFAULT_NOTICE_RULES } as unknown as PolicyRules;
    else if (isPostCategory(p.base)) {
      const fromFile = defaultsInFile.find((d) => d.category === p.base);
      const basePolicy = fromFile ? complete(fromFile, [...chain, p.code]) : stored.defaults[p.base];
      if (!basePolicy) {
        error(p.line, "base", `no default policy for ${p.base}: apply a preset or add the category defaults`);
        return undefined;
      }
      baseRules = basePolicy;
    } else if (chain.includes(p.base) || p.base === p.code) {
      error(p.line, "base", `"${p.base}" is based on itself (${[...chain, p.code].join(" → ")})`);
      return undefined;
    } else {
      const fromFile = inFile.get(p.base);
      const basePolicy = fromFile ? complete(fromFile, [...chain, p.code]) : stored.byCode.get(p.base);
      if (!basePolicy) {
        if (!fromFile) error(p.line, "base", `unknown policy "${p.base}"`);
        return undefined;
      }
      baseRules = basePolicy;
    }
    const merged = { ...baseRules, ...p.rules } as PolicyRules;
    const problems = validatePolicyRules(merged);
    for (const problem of problems) error(p.line, FIELD_COLUMNS[problem.field], problem.reason);
    if (problems.length > 0) return undefined;
    const policy: Policy = { code: p.code, name: p.name, preset: p.preset, category: p.category, ...pickRules(merged) };
    done.set(p.code, policy);
    return policy;
  };
  for (const p of parsed) complete(p, []);

  // A stored override keeps being pointed at by posts: a code may not turn from override to default silently.
  for (const p of parsed) {
    const before = stored.byCode.get(p.code);
    if (before && (before.category === null) !== (p.category === null))
      error(
        p.line,
        "category",
        before.category === null
          ? `"${p.code}" is stored as an override: it cannot become a category default`
          : `"${p.code}" is stored as the ${before.category} default: it cannot become an override`,
      );
  }

  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { policies: [], activePreset: undefined, errors };
  return { policies: parsed.map((p) => done.get(p.code)!), activePreset, errors };
}

/** One policy as a file row (the inverse of checkPolicyRows for a complete policy). */
export function policyToRow(policy: Policy): Record<(typeof POLICY_COLUMNS)[number], string> {
  return {
    code: policy.code,
    name: policy.name,
    preset: policy.preset ?? "custom",
    category: policy.category ?? "",
    base: "",
    max_tenure_months: String(policy.maxTenureMonths),
    leave_every_months: String(policy.leaveEveryMonths),
    leave_min_working_days: String(policy.leaveMinWorkingDays),
    compliance_lead_working_days: String(policy.complianceLeadWorkingDays),
    warning_days: policy.warningDays.join(","),
    reminder_hours: policy.reminderHours.join(","),
    escalate_after_hours: String(policy.escalateAfterHours),
  };
}
