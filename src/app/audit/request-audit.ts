// Entry points for the leave area (and a rotation exit): HR's notice of a leave requests its
// off-post audit; cancelling the leave before it starts cancels the audit. Both run inside the
// caller's transaction, as the system (HR acted on the leave, not on the audit).
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { NEW, decideOrThrow } from "../../domain/machine/machine.ts";
import { newId } from "../../ports/ids.ts";
import type { AuditRecord } from "../../ports/audit-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env, SubjectRef } from "../kernel/use-case.ts";
import { carryOut, tell } from "./audit-notify.ts";
import { auditContext, auditRef, bump, loadAudit, logAudit } from "./audit-subject.ts";

export interface AuditRequest {
  readonly leaveId: string | null;
  readonly rotationId?: string | null;
  readonly postId: string;
  readonly holderId: string;
  readonly unitId: string;
  readonly unitPath: string;
  /** The start instant of a sealed leave: the audit's log lines stay hidden until then. */
  readonly sealedUntil: Date | null;
}

/**
 * Opens the audit in `requested`, with the post's checklist template copied into its items, and
 * tells compliance and the compliance head in scope. Asking again for the same leave (or rotation)
 * answers the audit already open and tells nobody twice.
 */
export async function requestAudit(tx: TxPorts, env: Env, req: AuditRequest): Promise<{ auditId: string }> {
  const existing = req.leaveId
    ? await tx.audits.ofLeave(req.leaveId)
    : req.rotationId
      ? await tx.audits.ofRotation(req.rotationId)
      : undefined;
  if (existing && existing.status !== "cancelled") return { auditId: existing.id };

  decideOrThrow(auditMachine, NEW, "request", {
    actor: null,
    unitPath: req.unitPath,
    holderId: req.holderId,
    substituteId: null,
    leaveSealed: req.sealedUntil !== null,
    team: [],
    items: [],
    opinion: null,
    rectifications: [],
  });
  const id = newId();
  const items = await tx.audits.checklistTemplateOf(req.postId);
  // Due by the leave's last day: the holder comes back to a finished audit. A rotation exit's audit has no due date.
  const leave = req.leaveId ? await tx.audits.leaveFacts(req.leaveId) : undefined;
  await tx.audits.create({
    id,
    leaveId: req.leaveId,
    rotationId: req.rotationId ?? null,
    postId: req.postId,
    holderId: req.holderId,
    unitId: req.unitId,
    status: "requested",
    requestedAt: env.now,
    dueDate: leave?.endDate ?? null,
    items,
  });
  await tx.log.append({
    at: env.now,
    actorId: null,
    platform: "system",
    action: "audit.requested",
    subjectType: "audit",
    subjectId: id,
    sealedUntil: req.sealedUntil,
    data: {
      leaveId: req.leaveId,
      rotationId: req.rotationId ?? null,
      postId: req.postId,
      holderId: req.holderId,
      items: items.length,
      dueDate: leave?.endDate ?? null,
    },
  });
  const audit = await loadAudit(tx, id);
  await tell(tx, env, audit, "audit_requested", ["compliance", "compliance_head"], null);
  return { auditId: id };
}

/**
 * The leave was cancelled before it started: its audit goes with it, and the team (if formed) is
 * told. Cancelling a cancelled audit changes nothing; an audit whose notice went out cannot be
 * cancelled (INVALID_TRANSITION), since its leave has started.
 */
export async function cancelAudit(
  tx: TxPorts,
  env: Env,
  auditId: string,
): Promise<{ cancelled: boolean; touched: SubjectRef[] }> {
  const audit: AuditRecord = await loadAudit(tx, auditId);
  if (audit.status === "cancelled") return { cancelled: false, touched: [] };
  const decision = decideOrThrow(auditMachine, audit.status, "cancel", auditContext(audit, null, env.now));
  await bump(tx, audit, { status: "cancelled", closedAt: env.now });
  await logAudit(tx, env, null, audit, {
    action: "audit.cancelled",
    data: { from: audit.status, leaveId: audit.leaveId },
  });
  await carryOut(tx, env, audit.id, decision.effects, null);
  // The caller lists these among its own `touched`, so that the audit's cards are rebuilt too.
  return { cancelled: true, touched: [auditRef(audit.id)] };
}

/**
 * The leave was extended (its audit found something serious): the audit is due by its new last day.
 * Answers the audit's subject when it moved, for the caller's `touched`.
 */
export async function auditLeaveExtended(
  tx: TxPorts,
  env: Env,
  leaveId: string,
  endDate: string,
): Promise<{ touched: SubjectRef[] }> {
  const found = await tx.audits.ofLeave(leaveId);
  if (!found || found.status === "cancelled" || found.status === "closed" || found.dueDate === endDate)
    return { touched: [] };
  await bump(tx, found, { dueDate: endDate });
  await logAudit(tx, env, null, found, { action: "audit.due_date_moved", data: { from: found.dueDate, to: endDate } });
  return { touched: [auditRef(found.id)] };
}
