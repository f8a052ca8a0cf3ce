// Policies in the database (Policy, KeyPost.policyId); returns domain policies. Category defaults
// come from the active preset (Setting "org.policyPreset"); without one, from the only set of
// defaults stored. Lists are stored as comma-separated text ("90,30,7").
import { z } from "zod";
import {
  PolicyError,
  isPostCategory,
  presetPolicies,
  resolvePolicy,
  assertPolicyRules,
  type CategoryDefaults,
  type Policy,
  type PostCategory,
  type ResolvedPolicy,
} from "../../domain/policy/index.ts";
import type { PolicyRepository, PresetApplied } from "../../ports/policy-repository.ts";
import { SETTING } from "../../ports/settings.ts";
import { newId as defaultNewId, type NewId } from "../../ports/ids.ts";
import { inTransaction, type Prisma, type Tx } from "./database.ts";

const NumberList = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "")
      .map(Number),
  )
  .pipe(z.array(z.number().int()));

type PolicyRow = {
  id: string;
  code: string;
  name: string;
  preset: string | null;
  category: string | null;
  maxTenureMonths: number;
  leaveEveryMonths: number;
  leaveMinWorkingDays: number;
  complianceLeadWorkingDays: number;
  warningDays: string;
  reminderHours: string;
  escalateAfterHours: number;
};

export function rowToPolicy(row: PolicyRow): Policy {
  const warningDays = NumberList.safeParse(row.warningDays);
  const reminderHours = NumberList.safeParse(row.reminderHours);
  if (!warningDays.success || !reminderHours.success || (row.category !== null && !isPostCategory(row.category))) {
    throw new PolicyError("POLICY_INVALID", `policy ${row.code} has a malformed row`);
  }
  return {
    code: row.code,
    name: row.name,
    preset: row.preset,
    category: row.category as PostCategory | null,
    maxTenureMonths: row.maxTenureMonths,
    leaveEveryMonths: row.leaveEveryMonths,
    leaveMinWorkingDays: row.leaveMinWorkingDays,
    complianceLeadWorkingDays: row.complianceLeadWorkingDays,
    warningDays: warningDays.data,
    reminderHours: reminderHours.data,
    escalateAfterHours: row.escalateAfterHours,
  };
}

export function policyColumns(policy: Policy): Omit<PolicyRow, "id"> {
  return {
    code: policy.code,
    name: policy.name,
    preset: policy.preset,
    category: policy.category,
    maxTenureMonths: policy.maxTenureMonths,
    leaveEveryMonths: policy.leaveEveryMonths,
    leaveMinWorkingDays: policy.leaveMinWorkingDays,
    complianceLeadWorkingDays: policy.complianceLeadWorkingDays,
    warningDays: policy.warningDays.join(","),
    reminderHours: policy.reminderHours.join(","),
    escalateAfterHours: policy.escalateAfterHours,
  };
}

function sameColumns(row: PolicyRow, columns: Omit<PolicyRow, "id">): boolean {
  return (Object.keys(columns) as (keyof typeof columns)[]).every((key) => row[key] === columns[key]);
}

export class PrismaPolicyRepository implements PolicyRepository {
  /** `db` is the client (writes get their own transaction) or a transaction already open. */
  constructor(
    private readonly db: Prisma | Tx,
    private readonly newId: NewId = defaultNewId,
  ) {}

  #transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, work);
  }

  async #write(tx: Tx, policy: Policy): Promise<"created" | "updated" | "unchanged"> {
    assertPolicyRules(policy, policy.code);
    const columns = policyColumns(policy);
    const row = await tx.policy.findUnique({ where: { code: policy.code } });
    if (!row) {
      await tx.policy.create({ data: { id: this.newId(), ...columns } });
      return "created";
    }
    if (sameColumns(row, columns)) return "unchanged";
    await tx.policy.update({ where: { id: row.id }, data: columns });
    return "updated";
  }

  async applyPreset(code: string): Promise<PresetApplied> {
    const policies = presetPolicies(code); // throws POLICY_PRESET_UNKNOWN before any write
    return this.#transaction(async (tx) => {
      const counts = { created: 0, updated: 0, unchanged: 0 };
      for (const policy of policies) counts[await this.#write(tx, policy)] += 1;
      const key = SETTING.policyPreset;
      const current = await tx.setting.findUnique({ where: { key } });
      if (current?.value !== code)
        await tx.setting.upsert({ where: { key }, create: { key, value: code }, update: { value: code } });
      return { preset: code, codes: policies.map((p) => p.code), ...counts };
    });
  }

  save(policy: Policy): Promise<"created" | "updated" | "unchanged"> {
    return this.#transaction((tx) => this.#write(tx, policy));
  }

  async byCode(code: string): Promise<Policy | undefined> {
    const row = await this.db.policy.findUnique({ where: { code } });
    return row ? rowToPolicy(row) : undefined;
  }

  async list(): Promise<Policy[]> {
    return (await this.db.policy.findMany({ orderBy: { code: "asc" } })).map(rowToPolicy);
  }

  /** The active preset's code (Setting org.policyPreset), if one was applied. */
  async activePreset(): Promise<string | undefined> {
    return (await this.db.setting.findUnique({ where: { key: SETTING.policyPreset } }))?.value;
  }

  /** The category defaults in force: the active preset's, else the only set stored. */
  categoryDefaults(): Promise<CategoryDefaults> {
    return this.#categoryDefaults();
  }

  async #categoryDefaults(): Promise<CategoryDefaults> {
    const active = (await this.db.setting.findUnique({ where: { key: SETTING.policyPreset } }))?.value;
    const rows = await this.db.policy.findMany({
      where: { category: { not: null }, ...(active ? { preset: active } : {}) },
      orderBy: { code: "asc" },
    });
    const defaults: Partial<Record<PostCategory, Policy>> = {};
    for (const row of rows.map(rowToPolicy)) {
      const category = row.category as PostCategory;
      if (defaults[category]) {
        throw new PolicyError(
          "POLICY_CATEGORY_MISSING",
          `several default policies for ${category} (${defaults[category]?.code}, ${row.code}) and no active preset: apply one`,
        );
      }
      defaults[category] = row;
    }
    return defaults;
  }

  async forPost(postId: string): Promise<ResolvedPolicy> {
    const resolved = await this.forPosts([postId]);
    const policy = resolved.get(postId);
    if (!policy) throw new PolicyError("POLICY_NOT_FOUND", `no key post with id ${JSON.stringify(postId)}`);
    return policy;
  }

  async forPosts(postIds: readonly string[]): Promise<Map<string, ResolvedPolicy>> {
    const posts = await this.db.keyPost.findMany({
      where: { id: { in: [...new Set(postIds)] } },
      select: { id: true, code: true, category: true, policy: true },
    });
    const result = new Map<string, ResolvedPolicy>();
    if (posts.length === 0) return result;
    const defaults = await this.#categoryDefaults();
    for (const post of posts) {
      if (!isPostCategory(post.category))
        throw new PolicyError(
          "POLICY_INVALID",
          `key post ${post.code} has an unknown category ${JSON.stringify(post.category)}`,
        );
      const own = post.policy ? rowToPolicy(post.policy) : undefined;
      // A stored policy has every column, so a post's own policy replaces every number.
      result.set(
        post.id,
        resolvePolicy({ category: post.category, policyCode: own?.code ?? null }, defaults, own ? [own] : []),
      );
    }
    return result;
  }
}
