// audit.add_finding: a team member records a finding during fieldwork — severity, description, the
// checklist item it concerns (if any) and an evidence link. The same finding sent twice (a platform
// retry) is recorded once.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { SEVERITIES } from "../../domain/audit/checklist.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { textDigest } from "../records/text-digest.ts";
import { auditId, evidenceUrl } from "./audit-inputs.ts";
import { admit, auditContext, auditRef, bump, loadAudit, logAudit } from "./audit-subject.ts";

export const addFinding = useCase({
  name: "audit.add_finding",
  input: z.object({
    auditId,
    severity: z.enum(SEVERITIES),
    description: z.string().trim().min(1).max(4000),
    itemSeq: z.number().int().positive().nullable().default(null),
    evidenceUrl,
  }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "record_finding", env.now);
    if (input.itemSeq !== null && !audit.items.some((i) => i.seq === input.itemSeq))
      throw new DomainError("NOT_FOUND", { item: input.itemSeq });
    const twin = audit.findings.find(
      (f) =>
        f.severity === input.severity &&
        f.description === input.description &&
        f.itemSeq === input.itemSeq &&
        f.evidenceUrl === input.evidenceUrl,
    );
    if (twin) throw new DomainError("ALREADY_DONE", { finding: twin.seq });
    decideOrThrow(auditMachine, audit.status, "record_finding", auditContext(audit, who.actor, env.now));

    await bump(tx, audit);
    const seq = await tx.audits.addFinding(audit.id, {
      severity: input.severity,
      description: input.description,
      itemSeq: input.itemSeq,
      evidenceUrl: input.evidenceUrl,
      createdById: who.person.id,
      createdAt: env.now,
    });
    await logAudit(tx, env, who, audit, {
      action: "audit.finding_recorded",
      data: {
        seq,
        severity: input.severity,
        itemSeq: input.itemSeq,
        // The text itself is encrypted at rest (docs/field-encryption.md); the chained log carries its
        // SHA-256, so the finding shown in a report can be proven unchanged without the log holding it.
        descriptionSha256: textDigest(input.description),
        evidenceUrl: input.evidenceUrl,
      },
    });
    return { message: bi(`已记录审计发现 ${seq}。`, `Finding ${seq} is recorded.`), touched: [auditRef(audit.id)] };
  },
});
