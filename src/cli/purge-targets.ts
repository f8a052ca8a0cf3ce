// What `keypost purge <class>` says and does for each record class: the dry-run line, the class's
// removal (src/infra/records/), and the sentence after it. The shared steps are runPurge's.
import type { RecordClass } from "../domain/retention/retention.policy.ts";
import type { Config } from "../infra/config.ts";
import type { Database } from "../infra/db/database.ts";
import type { LogRecords } from "../infra/audit-log/log-records.ts";
import { auditLogPurge, auditLogPurgePlan } from "../infra/records/audit-log-purge.ts";
import { auditPurge, auditPurgePlan, findingPurge } from "../infra/records/audit-purge.ts";
import { DirectoryEvidenceStore } from "../infra/records/directory-evidence-store.ts";
import { leavePurge, leavePurgePlan } from "../infra/records/leave-purge.ts";
import { majorEventPurge, majorEventPurgePlan } from "../infra/records/major-event-purge.ts";
import type { ClassPurge, PurgeResult } from "../infra/records/purge-runner.ts";

export interface PurgeTarget {
  readonly purge: ClassPurge;
  dryRun(): Promise<string>;
  /** "; 2 still open kept" and the like ("" when nothing was kept). */
  kept(result: PurgeResult): string;
  done(result: PurgeResult): string;
}

const LOGGED = "the purge is logged and checkpointed";
const n = (value: unknown) => (typeof value === "number" ? value : 0);
const keptLine = (parts: readonly [number, string][]) =>
  parts
    .filter(([count]) => count > 0)
    .map(([count, what]) => `; ${count} ${what} kept`)
    .join("");

export function purgeTarget(
  c: RecordClass,
  db: Database,
  records: LogRecords,
  config: Pick<Config, "KEYPOST_EVIDENCE_DIR">,
  before: Date,
  now: Date,
): PurgeTarget {
  switch (c) {
    case "audit_log":
      return {
        purge: auditLogPurge(db, records, before, now),
        async dryRun() {
          const plan = await auditLogPurgePlan(db, before);
          return plan.through < plan.from
            ? "would remove nothing"
            : `would remove audit log entries #${plan.from} to #${plan.through}`;
        },
        kept: () => "",
        done: (r) => `removed ${r.removed} audit log entries through #${n(r.data.through)}; ${LOGGED}`,
      };
    case "major_event_reports": {
      const kept = (open: number) => keptLine([[open, "still open"]]);
      return {
        purge: majorEventPurge(before),
        async dryRun() {
          const plan = await majorEventPurgePlan(db.prisma, before);
          return `would remove ${plan.ids.length} major-event reports${kept(plan.open)}`;
        },
        kept: (r) => kept(n(r.data.keptOpen)),
        done: (r) =>
          `removed ${r.removed} major-event reports with their notices; ${LOGGED}${kept(n(r.data.keptOpen))}`,
      };
    }
    case "leaves": {
      const kept = (open: number, audited: number) =>
        keptLine([
          [open, "still under way"],
          [audited, "referred to by an audit"],
        ]);
      return {
        purge: leavePurge(before),
        async dryRun() {
          const plan = await leavePurgePlan(db.prisma, before);
          return `would remove ${plan.ids.length} leaves${kept(plan.open, plan.audited)}`;
        },
        kept: (r) => kept(n(r.data.keptOpen), n(r.data.keptForAudits)),
        done: (r) =>
          `removed ${r.removed} leaves with ${n(r.data.handovers)} handovers and their notices; ${LOGGED}${kept(n(r.data.keptOpen), n(r.data.keptForAudits))}`,
      };
    }
    case "audits":
    case "findings": {
      const kept = (open: number) => keptLine([[open, "not closed"]]);
      const audits = c === "audits";
      return {
        purge: audits
          ? auditPurge(before, new DirectoryEvidenceStore(config.KEYPOST_EVIDENCE_DIR))
          : findingPurge(before),
        async dryRun() {
          const plan = await auditPurgePlan(db.prisma, before);
          return audits
            ? `would remove ${plan.ids.length} audits with ${plan.findings} findings${kept(plan.open)}`
            : `would remove ${plan.findings} findings of ${plan.ids.length} closed audits${kept(plan.open)}`;
        },
        kept: (r) => kept(n(r.data.keptOpen)),
        done: (r) =>
          audits
            ? `removed ${r.removed} audits with ${n(r.data.findings)} findings, ${n(r.data.rectifications)} rectifications and ${n(r.data.evidenceFiles)} evidence files; ${LOGGED}${kept(n(r.data.keptOpen))}`
            : `removed ${r.removed} findings with ${n(r.data.rectifications)} rectifications; ${LOGGED}${kept(n(r.data.keptOpen))}`,
      };
    }
  }
}
