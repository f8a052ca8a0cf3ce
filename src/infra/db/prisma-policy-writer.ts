// Writes a set of policies (a preset, or the bank's own file) and the active preset in one
// transaction, and logs every change as a versioned audit-log event in that same transaction:
// `policy.changed` with the policy's version, who, the old → new numbers and the whole new row
// (so the policy in force on any past date can be read back from the log), and
// `policy.preset_activated` when the active preset changes. Writing the same set again changes
// nothing and logs nothing.
import { assertPolicyRules, type Policy } from "../../domain/policy/index.ts";
import type { LogPlatform } from "../../ports/audit-log.ts";
import { SETTING } from "../../ports/settings.ts";
import { newId as defaultNewId, type NewId } from "../../ports/ids.ts";
import { appendLogEntry } from "./audit-log-writer.ts";
import type { Database, Tx } from "./database.ts";
import { policyColumns, rowToPolicy } from "./prisma-policy-repository.ts";

export interface PolicyChangeBy {
  readonly at: Date;
  /** The employee who made the change; null for an operator at the command line. */
  readonly actorId: string | null;
  readonly platform: LogPlatform;
}

export interface PolicyWriteReport {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** `+ code`, `~ code: field old → new, …` for each created or changed policy; the active preset change. */
  readonly changes: readonly string[];
}

export const POLICY_SUBJECT = "policy";
export const POLICY_CHANGED = "policy.changed";
export const PRESET_ACTIVATED = "policy.preset_activated";

type Snapshot = Omit<Policy, "warningDays" | "reminderHours"> & { warningDays: number[]; reminderHours: number[] };

function snapshot(policy: Policy): Snapshot {
  return { ...policy, warningDays: [...policy.warningDays], reminderHours: [...policy.reminderHours] };
}

const text = (v: unknown): string => (Array.isArray(v) ? v.join(",") : v === null ? "—" : String(v));

export class PrismaPolicyWriter {
  constructor(
    private readonly db: Database,
    private readonly newId: NewId = defaultNewId,
  ) {}

  /** One transaction of its own. */
  write(policies: readonly Policy[], activePreset: string | undefined, by: PolicyChangeBy): Promise<PolicyWriteReport> {
    return this.db.transaction((tx) => this.writeIn(tx, policies, activePreset, by));
  }

  /** Inside a transaction the caller holds (an import of several kinds of files). */
  async writeIn(
    tx: Tx,
    policies: readonly Policy[],
    activePreset: string | undefined,
    by: PolicyChangeBy,
  ): Promise<PolicyWriteReport> {
    for (const policy of policies) assertPolicyRules(policy, policy.code);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const changes: string[] = [];
    const log = (action: string, subjectId: string, data: Record<string, unknown>) =>
      appendLogEntry(tx, this.db.provider, {
        at: by.at,
        actorId: by.actorId,
        platform: by.platform,
        action,
        subjectType: POLICY_SUBJECT,
        subjectId,
        data,
      });
    for (const policy of policies) {
      const row = await tx.policy.findUnique({ where: { code: policy.code } });
      const before = row ? rowToPolicy(row) : undefined;
      const after = snapshot(policy);
      const diff: Record<string, [unknown, unknown]> = {};
      for (const key of Object.keys(after) as (keyof Snapshot)[])
        if (text(before?.[key] ?? null) !== text(after[key])) diff[key] = [before?.[key] ?? null, after[key]];
      if (before && Object.keys(diff).length === 0) {
        counts.unchanged += 1;
        continue;
      }
      if (row) await tx.policy.update({ where: { id: row.id }, data: policyColumns(policy) });
      else await tx.policy.create({ data: { id: this.newId(), ...policyColumns(policy) } });
      const version =
        (await tx.auditLogEntry.count({
          where: { subjectType: POLICY_SUBJECT, subjectId: policy.code, action: POLICY_CHANGED },
        })) + 1;
      await log(POLICY_CHANGED, policy.code, { version, changes: diff, policy: after });
      if (before) {
        counts.updated += 1;
        changes.push(
          `~ ${policy.code}: ${Object.entries(diff)
            .map(([k, [o, n]]) => `${k} ${text(o)} → ${text(n)}`)
            .join(", ")}`,
        );
      } else {
        counts.created += 1;
        changes.push(`+ ${policy.code}`);
      }
    }
    if (activePreset !== undefined) {
      const key = SETTING.policyPreset;
      const current = (await tx.setting.findUnique({ where: { key } }))?.value ?? null;
      if (current !== activePreset) {
        await tx.setting.upsert({
          where: { key },
          create: { key, value: activePreset },
          update: { value: activePreset },
        });
        await log(PRESET_ACTIVATED, key, { changes: { preset: [current, activePreset] } });
        changes.push(`active preset: ${current ?? "none"} → ${activePreset}`);
      }
    }
    return { ...counts, changes };
  }
}
