// Stored policies: presets written as Policy rows, and the policy that applies to a key post.
// The organisation's active preset (Setting "org.policyPreset") picks which category defaults apply.
import type { Policy, ResolvedPolicy } from "../domain/policy/index.ts";

export interface PolicyWriteCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface PresetApplied extends PolicyWriteCounts {
  readonly preset: string;
  /** The codes written: "<preset>.<category>" defaults and the preset's override policies. */
  readonly codes: readonly string[];
}

export interface PolicyRepository {
  /**
   * Writes the preset's Policy rows (upsert by code) and makes it the active preset, in one
   * transaction. Idempotent: applying it again reports every row unchanged. Re-applying resets
   * rows an admin edited back to the preset's numbers. Throws PolicyError POLICY_PRESET_UNKNOWN.
   */
  applyPreset(code: string): Promise<PresetApplied>;
  /** Creates or updates one policy by code (a custom category default or a per-post override). */
  save(policy: Policy): Promise<"created" | "updated" | "unchanged">;
  byCode(code: string): Promise<Policy | undefined>;
  /** Every stored policy (all presets' defaults and every override), by code. */
  list(): Promise<Policy[]>;
  /**
   * The policy for a key post: the active category default, with the post's own policy (if any)
   * laid over it. Throws PolicyError POLICY_NOT_FOUND (no such post), POLICY_CATEGORY_MISSING.
   */
  forPost(postId: string): Promise<ResolvedPolicy>;
  /** forPost for many posts at once (scheduler sweeps); unknown ids are left out. */
  forPosts(postIds: readonly string[]): Promise<Map<string, ResolvedPolicy>>;
}
