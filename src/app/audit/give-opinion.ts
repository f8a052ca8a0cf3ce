// audit.give_opinion: only the audited holder answers the report — agree, or disagree with reasons.
// One of the two things a holder on leave may still do: the machine reads it as the suspension
// rule's `give_audit_opinion` with the holder as owner. The team hears of it; the executives in
// scope (never one on the team) get the report to sign.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, expectedVersion, note } from "./audit-inputs.ts";
import { carryOut } from "./audit-notify.ts";
import { admit, auditContext, auditRef, bump, expectVersion, loadAudit, logAudit } from "./audit-subject.ts";

export const giveOpinion = useCase({
  name: "audit.give_opinion",
  input: z.object({ auditId, agrees: z.boolean(), reason: note, expectedVersion }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "give_opinion", env.now);
    expectVersion(audit, input.expectedVersion);
    if (audit.opinions.some((o) => o.employeeId === who.person.id)) throw new DomainError("ALREADY_DONE");
    const opinion = { agrees: input.agrees, reason: input.reason };
    const decision = decideOrThrow(
      auditMachine,
      audit.status,
      "give_opinion",
      auditContext(audit, who.actor, env.now, { opinion }),
    );
    await bump(tx, audit, { status: decision.to });
    await tx.audits.addOpinion(audit.id, { employeeId: who.person.id, ...opinion, at: env.now });
    await logAudit(tx, env, who, audit, {
      action: "audit.opinion_given",
      data: opinion,
      personal: { reason: who.person.id },
    });
    await carryOut(tx, env, audit.id, decision.effects, who.person.id);
    return { message: bi("您的意见已记录。", "Your opinion is recorded."), touched: [auditRef(audit.id)] };
  },
});
