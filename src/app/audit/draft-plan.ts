// audit.draft_plan: the team leader or the lead auditor writes the audit plan (again, after it was
// returned); the compliance head is asked to approve it.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, expectedVersion } from "./audit-inputs.ts";
import { carryOut } from "./audit-notify.ts";
import { admit, auditContext, auditRef, bump, expectVersion, loadAudit, logAudit } from "./audit-subject.ts";

export const draftPlan = useCase({
  name: "audit.draft_plan",
  input: z.object({ auditId, plan: z.string().trim().min(1).max(8000), expectedVersion }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "draft_plan", env.now);
    expectVersion(audit, input.expectedVersion);
    if (audit.status === "plan_drafted" && audit.planText === input.plan) throw new DomainError("ALREADY_DONE");
    const decision = decideOrThrow(auditMachine, audit.status, "draft_plan", auditContext(audit, who.actor, env.now));
    await bump(tx, audit, { status: decision.to, planText: input.plan });
    await logAudit(tx, env, who, audit, { action: "audit.plan_drafted", data: { plan: input.plan } });
    await carryOut(tx, env, audit.id, decision.effects, who.person.id);
    return {
      message: bi("审计方案已提交审批。", "The plan went to the compliance head for approval."),
      touched: [auditRef(audit.id)],
    };
  },
});
