// audit.issue_notice: the team leader or lead auditor sends the audit notice (离岗审计通知书) to the
// holder and the managers of the post's unit, and fieldwork begins: the team gets its checklist and
// the leave moves to "audit". Never before the leave has started: a sealed leave is refused by the
// machine (LEAVE_SEALED), an open one that has not started yet with INVALID_TRANSITION.
import { z } from "zod";
import { hasStarted } from "../../domain/leave/leave.machine.ts";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { leaveAuditBegan } from "../leave/begin-audit.ts";
import { auditId, expectedVersion } from "./audit-inputs.ts";
import { carryOut, tell } from "./audit-notify.ts";
import {
  AUDIT_ORDER,
  admit,
  auditContext,
  auditRef,
  bump,
  expectVersion,
  leaveVisibility,
  loadAudit,
  logAudit,
} from "./audit-subject.ts";

export const issueNotice = useCase({
  name: "audit.issue_notice",
  input: z.object({ auditId, expectedVersion }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "issue_notice", env.now);
    expectVersion(audit, input.expectedVersion);
    if (AUDIT_ORDER.indexOf(audit.status) >= AUDIT_ORDER.indexOf("notice_issued"))
      throw new DomainError("ALREADY_DONE");
    const ctx = auditContext(audit, who.actor, env.now);
    const issued = decideOrThrow(auditMachine, audit.status, "issue_notice", ctx);
    const leave = leaveVisibility(audit);
    if (leave && !(hasStarted(leave.status) && env.now >= leave.startsAt))
      throw new DomainError("INVALID_TRANSITION", { reason: "leave_not_started" });
    const fieldwork = decideOrThrow(auditMachine, issued.to, "start_fieldwork", ctx);

    await bump(tx, audit, { status: fieldwork.to, noticeIssuedAt: env.now });
    await logAudit(tx, env, who, audit, { action: "audit.notice_issued", data: {} });
    await logAudit(tx, env, who, audit, { action: "audit.fieldwork_started", data: { items: audit.items.length } });
    const underway = await carryOut(tx, env, audit.id, [...issued.effects, ...fieldwork.effects], who.person.id);
    await tell(tx, env, underway, "audit_fieldwork", ["audit_team"], who.person.id);
    const touched = [auditRef(audit.id)];
    if (audit.leaveId !== null && (await leaveAuditBegan(tx, env, audit.leaveId)).began)
      touched.push({ type: "leave", id: audit.leaveId });
    return {
      message: bi("审计通知已发出，现场检查开始。", "The audit notice is out and fieldwork has begun."),
      touched,
    };
  },
});
