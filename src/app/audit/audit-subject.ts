// What every audit use case does around its decision: load the audit, keep a sealed leave secret,
// apply the suspension rule before anything else is looked at, build the machine's context, check
// the card's version, move the row's version on, and write the log line (sealed like its leave).
import type { Actor } from "../../domain/access/roles.ts";
import type { LeaveVisibility } from "../../domain/access/secrecy.ts";
import { canSeeLeave, isRevealed } from "../../domain/access/secrecy.ts";
import type { AuditContext, AuditEvent, AuditState } from "../../domain/audit/audit.machine.ts";
import { AUDIT_STATES, auditMachine } from "../../domain/audit/audit.machine.ts";
import { startOfWorkingDay } from "../../domain/calendar/index.ts";
import { DomainError } from "../../domain/errors.ts";
import { suspensionGuard } from "../../domain/machine/machine.ts";
import type { AuditPatch, AuditRecord } from "../../ports/audit-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env, SubjectRef, Who } from "../kernel/use-case.ts";

export const AUDIT = "audit";
export const RECTIFICATION = "rectification";

export function auditRef(id: string): SubjectRef {
  return { type: AUDIT, id };
}

export function rectificationRef(id: string): SubjectRef {
  return { type: RECTIFICATION, id };
}

export async function loadAudit(tx: TxPorts, auditId: string): Promise<AuditRecord> {
  const audit = await tx.audits.byId(auditId);
  if (!audit) throw new DomainError("NOT_FOUND", { audit: auditId });
  return audit;
}

/** The start instant of a sealed leave (the start of its first working day in the unit's zone); null when not sealed. */
export function sealedUntilOf(audit: AuditRecord): Date | null {
  if (!audit.leave?.sealed) return null;
  return startOfWorkingDay(audit.leave.startDate, audit.unit.timeZone);
}

export function leaveVisibility(audit: AuditRecord): LeaveVisibility | null {
  const leave = audit.leave;
  if (!leave) return null;
  return {
    holderId: audit.holderId,
    substituteId: leave.substituteId,
    unitPath: audit.unit.path,
    sealed: leave.sealed,
    status: leave.status,
    startsAt: startOfWorkingDay(leave.startDate, audit.unit.timeZone),
    auditTeam: audit.members.map((m) => m.employeeId),
  };
}

/** The leave is still sealed now: nothing about it may reach the holder or their unit. */
export function isSealedNow(audit: AuditRecord, now: Date): boolean {
  const leave = leaveVisibility(audit);
  return leave !== null && !isRevealed(leave, now);
}

/** Whether a person may see the audit at all: before a sealed leave starts, only insiders and the team. */
export function canSeeAudit(actor: Actor, audit: AuditRecord, now: Date): boolean {
  const leave = leaveVisibility(audit);
  if (leave === null || isRevealed(leave, now)) return true;
  return canSeeLeave(actor, leave, now);
}

/** The holder's own opinion, if given. */
export function holderOpinion(audit: AuditRecord): { agrees: boolean; reason: string } | null {
  const opinion = audit.opinions.find((o) => o.employeeId === audit.holderId);
  return opinion ? { agrees: opinion.agrees, reason: opinion.reason } : null;
}

export function auditContext(
  audit: AuditRecord,
  actor: Actor | null,
  now: Date,
  patch: Partial<AuditContext> = {},
): AuditContext {
  return {
    actor,
    unitPath: audit.unit.path,
    holderId: audit.holderId,
    substituteId: audit.leave?.substituteId ?? null,
    leaveSealed: isSealedNow(audit, now),
    team: audit.members,
    items: audit.items.map((item) => ({ seq: item.seq, result: item.result })),
    opinion: holderOpinion(audit),
    rectifications: audit.rectifications.map((r) => ({ status: r.status })),
    ...patch,
  };
}

/**
 * The first checks of every command on an audit: a sealed audit does not exist for anyone outside
 * HR, compliance and its team (NOT_FOUND, so nothing leaks), and a suspended holder is refused
 * before any other answer could tell them something (the machine's own suspension rule).
 */
export function admit(who: Who, audit: AuditRecord, event: AuditEvent, now: Date): void {
  if (!canSeeAudit(who.actor, audit, now)) throw new DomainError("NOT_FOUND", { audit: audit.id });
  const suspended = suspensionGuard(auditMachine, event)(auditContext(audit, who.actor, now));
  if (suspended) throw new DomainError(suspended, { action: `audit.${event}` });
}

/** A command from a card names the version it was built on; another version means it moved on. */
export function expectVersion(audit: { readonly version: number }, expected: number | undefined): void {
  if (expected !== undefined && expected !== audit.version)
    throw new DomainError("STALE_ACTION", { expected, actual: audit.version });
}

/** Moves the audit's version on (with `patch`), or STALE_ACTION when someone else did first. Returns the new version. */
export async function bump(tx: TxPorts, audit: AuditRecord, patch: AuditPatch = {}): Promise<number> {
  if (!(await tx.audits.update(audit.id, audit.version, patch)))
    throw new DomainError("STALE_ACTION", { audit: audit.id });
  return audit.version + 1;
}

export interface LogLine {
  readonly action: string;
  readonly data: Record<string, unknown>;
  readonly subject?: SubjectRef;
  /** Which members of data are a person's personal data, and whose (the log's format 2). */
  readonly personal?: Readonly<Record<string, string>>;
}

/** Appends one fact about the audit, hidden until the start of a sealed leave. */
export async function logAudit(
  tx: TxPorts,
  env: Env,
  who: Who | null,
  audit: AuditRecord,
  line: LogLine,
): Promise<void> {
  const subject = line.subject ?? auditRef(audit.id);
  await tx.log.append({
    at: env.now,
    actorId: who?.person.id ?? null,
    platform: who?.platform ?? "system",
    action: line.action,
    subjectType: subject.type,
    subjectId: subject.id,
    sealedUntil: sealedUntilOf(audit),
    data: subject.type === AUDIT ? line.data : { auditId: audit.id, ...line.data },
    ...(line.personal ? { personal: line.personal } : {}),
  });
}

/** The life cycle in order: a step whose target lies behind the audit's state has been done. */
export const AUDIT_ORDER: readonly AuditState[] = AUDIT_STATES.filter((s) => s !== "cancelled");
