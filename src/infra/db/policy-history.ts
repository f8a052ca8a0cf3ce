// The policies in force on a past date, read back from the audit log: every change was logged as
// a versioned policy.changed event holding the whole new row, and every switch of the active
// preset as policy.preset_activated (prisma-policy-writer.ts). Each version holds from the
// instant it was recorded; a policy's first version also stands for the time before it (the
// bank's policy is older than its arrival in Keypost). Policies written without a log event (the
// demo bank) are left as stored.
import { isPostCategory, type Policy } from "../../domain/policy/index.ts";
import type { Prisma, Tx } from "./database.ts";
import { POLICY_CHANGED, POLICY_SUBJECT, PRESET_ACTIVATED } from "./prisma-policy-writer.ts";

export interface PoliciesAt {
  /** By code: the version in force at the instant asked for. */
  readonly policies: Map<string, Policy>;
  /** The active preset then; undefined when no switch was ever logged. */
  readonly activePreset: string | undefined;
}

function asPolicy(data: unknown): Policy | undefined {
  const p = (data as { policy?: Record<string, unknown> } | null)?.policy;
  if (!p || typeof p.code !== "string") return undefined;
  if (p.category !== null && !isPostCategory(p.category)) return undefined;
  return p as unknown as Policy;
}

export async function policiesAt(db: Prisma | Tx, at: Date): Promise<PoliciesAt> {
  const events = await db.auditLogEntry.findMany({
    where: { subjectType: POLICY_SUBJECT, action: { in: [POLICY_CHANGED, PRESET_ACTIVATED] } },
    orderBy: { seq: "asc" },
    select: { at: true, action: true, subjectId: true, data: true },
  });
  const policies = new Map<string, Policy>();
  let activePreset: string | undefined;
  let presetSettled = false;
  for (const event of events) {
    const inForce = event.at.getTime() <= at.getTime();
    if (event.action === PRESET_ACTIVATED) {
      const preset = (JSON.parse(event.data) as { changes?: { preset?: [unknown, unknown] } }).changes?.preset?.[1];
      if (typeof preset !== "string") continue;
      if (inForce || !presetSettled) activePreset = preset;
      presetSettled = true;
      continue;
    }
    const policy = asPolicy(JSON.parse(event.data));
    if (!policy) continue;
    if (inForce || !policies.has(policy.code)) policies.set(policy.code, policy);
  }
  return { policies, activePreset };
}
