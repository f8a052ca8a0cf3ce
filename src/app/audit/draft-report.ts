// audit.draft_report: once every checklist item is marked, the team leader or lead auditor drafts
// the report; it goes to the holder for their opinion.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, expectedVersion } from "./audit-inputs.ts";
import { carryOut } from "./audit-notify.ts";
import {
  AUDIT_ORDER,
  admit,
  auditContext,
  auditRef,
  bump,
  expectVersion,
  loadAudit,
  logAudit,
} from "./audit-subject.ts";

export const draftReport = useCase({
  name: "audit.draft_report",
  input: z.object({ auditId, report: z.string().trim().min(1).max(8000), expectedVersion }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "draft_report", env.now);
    expectVersion(audit, input.expectedVersion);
    if (AUDIT_ORDER.indexOf(audit.status) >= AUDIT_ORDER.indexOf("report_drafted"))
      throw new DomainError("ALREADY_DONE");
    const decision = decideOrThrow(auditMachine, audit.status, "draft_report", auditContext(audit, who.actor, env.now));
    await bump(tx, audit, { status: decision.to, reportText: input.report });
    await logAudit(tx, env, who, audit, {
      action: "audit.report_drafted",
      data: { report: input.report, findings: audit.findings.length },
    });
    await carryOut(tx, env, audit.id, decision.effects, who.person.id);
    return {
      message: bi("审计报告已发给被审计人征求意见。", "The report went to the holder for their opinion."),
      touched: [auditRef(audit.id)],
    };
  },
});
