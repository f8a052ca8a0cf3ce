// Policies: the numbers that drive rotation and mandatory leave. One category default per post
// category (authority | operations | oversight); a post may point at an override policy whose set
// fields replace the category default's. Pure: validation by hand, no libraries.

export const POST_CATEGORIES = ["authority", "operations", "oversight"] as const;
export type PostCategory = (typeof POST_CATEGORIES)[number];

export function isPostCategory(value: unknown): value is PostCategory {
  return typeof value === "string" && (POST_CATEGORIES as readonly string[]).includes(value);
}

export interface PolicyRules {
  /** Longest time in one post before rotation, in months. */
  readonly maxTenureMonths: number;
  /** A mandatory leave is due this many months after the previous one ended (or the assignment began). */
  readonly leaveEveryMonths: number;
  /** Shortest mandatory leave, in consecutive working days of the unit's calendar. */
  readonly leaveMinWorkingDays: number;
  /** HR tells compliance at least this many working days before a leave starts. */
  readonly complianceLeadWorkingDays: number;
  /** Warn this many calendar days before the tenure limit; distinct, largest first. */
  readonly warningDays: readonly number[];
  /** Remind an unacknowledged notice after these many hours; distinct, smallest first. */
  readonly reminderHours: readonly number[];
  /** Escalate an unacknowledged notice after this many hours. */
  readonly escalateAfterHours: number;
}

export type PolicyField = keyof PolicyRules;

export interface Policy extends PolicyRules {
  readonly code: string;
  readonly name: string;
  /** The preset it came from (cn-bank, us-fdic, sg-mas, finra) or "custom"; null when unknown. */
  readonly preset: string | null;
  /** The category it is the default for; null for a per-post override. */
  readonly category: PostCategory | null;
}

/** A per-post override: only the fields it sets replace the category default's. */
export interface PolicyOverride extends Partial<PolicyRules> {
  readonly code: string;
  readonly name?: string;
}

/** The policy that applies to one post, with where each number came from. */
export interface ResolvedPolicy extends PolicyRules {
  /** The override's code when the post has one, else the category default's. */
  readonly code: string;
  readonly category: PostCategory;
  /** The category default's code, then the override's code if any. */
  readonly sources: readonly string[];
  /** For each field, the code of the policy that set it. */
  readonly fieldSources: Readonly<Record<PolicyField, string>>;
}

/** What resolution needs to know about a post. */
export interface PostPolicyRef {
  readonly category: PostCategory;
  /** The code of the policy the post points at (an override), if any. */
  readonly policyCode?: string | null;
}

export type CategoryDefaults = Readonly<Partial<Record<PostCategory, Policy>>>;

export type PolicyErrorCode =
  | "POLICY_INVALID"
  | "POLICY_CATEGORY_MISSING"
  | "POLICY_OVERRIDE_MISSING"
  | "POLICY_PRESET_UNKNOWN"
  | "POLICY_NOT_FOUND";

export class PolicyError extends Error {
  override readonly name = "PolicyError";
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
    readonly problems: readonly PolicyProblem[] = [],
  ) {
    super(message);
  }
}

export interface PolicyProblem {
  readonly field: PolicyField;
  readonly reason: string;
}

export const POLICY_FIELDS: readonly PolicyField[] = [
  "maxTenureMonths",
  "leaveEveryMonths",
  "leaveMinWorkingDays",
  "complianceLeadWorkingDays",
  "warningDays",
  "reminderHours",
  "escalateAfterHours",
];

/** Inclusive bounds for the whole-number fields. */
const BOUNDS: Readonly<Record<Exclude<PolicyField, "warningDays" | "reminderHours">, readonly [number, number]>> = {
  maxTenureMonths: [1, 600],
  leaveEveryMonths: [1, 120],
  leaveMinWorkingDays: [1, 60],
  complianceLeadWorkingDays: [0, 30],
  escalateAfterHours: [1, 24 * 90],
};

const isWhole = (n: unknown, min: number, max: number): boolean =>
  typeof n === "number" && Number.isInteger(n) && n >= min && n <= max;

/** Every problem with a full set of rules; an empty list means they are usable. */
export function validatePolicyRules(rules: PolicyRules): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const [field, [min, max]] of Object.entries(BOUNDS) as [PolicyField, readonly [number, number]][]) {
    if (!isWhole(rules[field], min, max))
      problems.push({ field, reason: `must be a whole number from ${min} to ${max}` });
  }
  const list = (field: "warningDays" | "reminderHours", max: number, order: "desc" | "asc"): void => {
    const values = rules[field];
    if (!Array.isArray(values) || values.some((v) => !isWhole(v, 1, max))) {
      problems.push({ field, reason: `must be whole numbers from 1 to ${max}` });
      return;
    }
    const sorted = [...values].sort((a, b) => (order === "desc" ? b - a : a - b));
    if (new Set(values).size !== values.length || sorted.some((v, i) => v !== values[i])) {
      problems.push({ field, reason: `must be distinct and ${order === "desc" ? "largest" : "smallest"} first` });
    }
  };
  list("warningDays", 3650, "desc");
  list("reminderHours", 24 * 90, "asc");
  if (problems.every((p) => p.field !== "reminderHours" && p.field !== "escalateAfterHours")) {
    const last = rules.reminderHours[rules.reminderHours.length - 1];
    if (last !== undefined && last >= rules.escalateAfterHours) {
      problems.push({ field: "escalateAfterHours", reason: "must come after the last reminder" });
    }
  }
  return problems;
}

/** Throws POLICY_INVALID listing every problem. */
export function assertPolicyRules(rules: PolicyRules, code = "policy"): void {
  const problems = validatePolicyRules(rules);
  if (problems.length > 0) {
    throw new PolicyError(
      "POLICY_INVALID",
      `${code}: ${problems.map((p) => `${p.field} ${p.reason}`).join("; ")}`,
      problems,
    );
  }
}

export function pickRules(source: PolicyRules): PolicyRules {
  return {
    maxTenureMonths: source.maxTenureMonths,
    leaveEveryMonths: source.leaveEveryMonths,
    leaveMinWorkingDays: source.leaveMinWorkingDays,
    complianceLeadWorkingDays: source.complianceLeadWorkingDays,
    warningDays: [...source.warningDays],
    reminderHours: [...source.reminderHours],
    escalateAfterHours: source.escalateAfterHours,
  };
}

/**
 * The policy for one post: its category's default, with the fields of the override it points at
 * (if any) laid on top. A post may also point at a category default by code. The result is checked.
 */
export function resolvePolicy(
  post: PostPolicyRef,
  categoryDefaults: CategoryDefaults,
  overrides: Iterable<PolicyOverride> = [],
): ResolvedPolicy {
  const base = categoryDefaults[post.category];
  if (!base) throw new PolicyError("POLICY_CATEGORY_MISSING", `no default policy for the ${post.category} category`);
  const fieldSources = Object.fromEntries(POLICY_FIELDS.map((f) => [f, base.code])) as Record<PolicyField, string>;
  let rules: PolicyRules = pickRules(base);
  const sources = [base.code];
  const wanted = post.policyCode ?? null;
  if (wanted !== null && wanted !== base.code) {
    const override =
      [...overrides].find((o) => o.code === wanted) ?? Object.values(categoryDefaults).find((p) => p?.code === wanted);
    if (!override)
      throw new PolicyError(
        "POLICY_OVERRIDE_MISSING",
        `the post points at an unknown policy ${JSON.stringify(wanted)}`,
      );
    const patch: Record<string, unknown> = {};
    for (const field of POLICY_FIELDS) {
      if (override[field] !== undefined) {
        patch[field] = override[field];
        fieldSources[field] = override.code;
      }
    }
    rules = pickRules({ ...rules, ...patch } as PolicyRules);
    sources.push(override.code);
  }
  const code = sources[sources.length - 1] ?? base.code;
  assertPolicyRules(rules, code);
  return { ...rules, code, category: post.category, sources, fieldSources };
}
