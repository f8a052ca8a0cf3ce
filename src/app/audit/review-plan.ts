// audit.approve_plan / audit.reject_plan: the compliance head in scope (never one on the team)
// approves the plan or returns it with reasons. The reasons go to the team with the plan: they are
// appended to the plan text, which the team's next draft replaces (the schema has no column for
// them; see the report of issue 3).
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { isBlank } from "../../domain/audit/checklist.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, expectedVersion, note } from "./audit-inputs.ts";
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

export const approvePlan = useCase({
  name: "audit.approve_plan",
  input: z.object({ auditId, expectedVersion }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "approve_plan", env.now);
    expectVersion(audit, input.expectedVersion);
    if (AUDIT_ORDER.indexOf(audit.status) >= AUDIT_ORDER.indexOf("plan_approved"))
      throw new DomainError("ALREADY_DONE");
    const decision = decideOrThrow(auditMachine, audit.status, "approve_plan", auditContext(audit, who.actor, env.now));
    await bump(tx, audit, { status: decision.to, planApprovedById: who.person.id });
    await logAudit(tx, env, who, audit, { action: "audit.plan_approved", data: {} });
    await carryOut(tx, env, audit.id, decision.effects, who.person.id);
    return { message: bi("审计方案已批准。", "The plan is approved."), touched: [auditRef(audit.id)] };
  },
});

export const rejectPlan = useCase({
  name: "audit.reject_plan",
  input: z.object({ auditId, reason: note, expectedVersion }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "reject_plan", env.now);
    expectVersion(audit, input.expectedVersion);
    const decision = decideOrThrow(auditMachine, audit.status, "reject_plan", auditContext(audit, who.actor, env.now));
    if (isBlank(input.reason)) throw new DomainError("NOTE_REQUIRED");
    const planText = `${audit.planText}\n\n[退回意见 / Returned: ${input.reason}]`;
    await bump(tx, audit, { status: decision.to, planText });
    await logAudit(tx, env, who, audit, {
      action: "audit.plan_rejected",
      data: { reason: input.reason },
      personal: { reason: who.person.id },
    });
    await carryOut(tx, env, audit.id, decision.effects, who.person.id);
    return { message: bi("审计方案已退回审计组。", "The plan went back to the team."), touched: [auditRef(audit.id)] };
  },
});
