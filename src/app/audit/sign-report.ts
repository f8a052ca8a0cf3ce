// audit.sign: an executive in scope who is not on the team (nor the holder) signs the report. The
// holder and compliance are told; when rectification items are open, the audit moves on to
// rectifying at once (the system's start_rectification) and each owner is told of their items.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { openRectifications } from "../../domain/audit/checklist.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, expectedVersion } from "./audit-inputs.ts";
import { carryOut } from "./audit-notify.ts";
import { admit, auditContext, auditRef, bump, expectVersion, loadAudit, logAudit } from "./audit-subject.ts";

export const signReport = useCase({
  name: "audit.sign",
  input: z.object({ auditId, expectedVersion }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "sign", env.now);
    expectVersion(audit, input.expectedVersion);
    if (audit.signatures.some((s) => s.employeeId === who.person.id)) throw new DomainError("ALREADY_DONE");
    const signed = decideOrThrow(auditMachine, audit.status, "sign", auditContext(audit, who.actor, env.now));
    const open = openRectifications(audit.rectifications).length > 0;
    const rectifying = open
      ? decideOrThrow(auditMachine, signed.to, "start_rectification", auditContext(audit, null, env.now))
      : null;

    await bump(tx, audit, { status: rectifying?.to ?? signed.to });
    await tx.audits.addSignature(audit.id, { employeeId: who.person.id, at: env.now });
    await logAudit(tx, env, who, audit, { action: "audit.signed", data: {} });
    if (rectifying)
      await logAudit(tx, env, null, audit, {
        action: "audit.rectification_started",
        data: { open: openRectifications(audit.rectifications).length },
      });
    await carryOut(tx, env, audit.id, [...signed.effects, ...(rectifying?.effects ?? [])], who.person.id);
    return { message: bi("审计报告已签发。", "The report is signed."), touched: [auditRef(audit.id)] };
  },
});
