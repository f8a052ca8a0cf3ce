// audit.close: compliance in scope closes a signed audit once no rectification item is open
// (RECTIFICATION_OPEN otherwise). Compliance, the team and the holder are told.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, expectedVersion } from "./audit-inputs.ts";
import { carryOut, tell } from "./audit-notify.ts";
import { admit, auditContext, auditRef, bump, expectVersion, loadAudit, logAudit } from "./audit-subject.ts";

export const closeAudit = useCase({
  name: "audit.close",
  input: z.object({ auditId, expectedVersion }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "close", env.now);
    expectVersion(audit, input.expectedVersion);
    if (audit.status === "closed") throw new DomainError("ALREADY_DONE");
    const decision = decideOrThrow(auditMachine, audit.status, "close", auditContext(audit, who.actor, env.now));
    await bump(tx, audit, { status: decision.to, closedAt: env.now });
    await logAudit(tx, env, who, audit, {
      action: "audit.closed",
      data: { rectifications: audit.rectifications.length },
    });
    const closed = await carryOut(tx, env, audit.id, decision.effects, who.person.id);
    await tell(tx, env, closed, "audit_closed", ["audit_team", "holder"], who.person.id);
    return { message: bi("离岗审计已结束。", "The off-post audit is closed."), touched: [auditRef(audit.id)] };
  },
});
