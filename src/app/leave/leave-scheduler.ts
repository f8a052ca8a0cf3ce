// The scheduler's entry points (called every minute, each in one transaction). State decides:
// a leave already started or returned is not due any more, so a tick run twice, late, or on two
// servers changes each leave once. A due leave that may not start (no substitute, the substitute
// is on leave …) or end (its takeover never confirmed) is skipped, and HR and compliance are told
// once per version of the leave.
import { DomainError } from "../../domain/errors.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { refreshNotices } from "../kernel/card-registry.ts";
import type { Env } from "../kernel/use-case.ts";
import { loadLeave } from "./leave-facts.ts";
import { complianceOf, hrOf, sendLeaveNotice } from "./leave-notices.ts";
import { applyLeaveEvent, bySystem, prepareLeaveEvent } from "./leave-transition.ts";
import { leaveNoticeDelivered } from "./record-compliance-notice.ts";
import { prepareStart } from "./start-leave.ts";

export interface SweepResult {
  readonly moved: number;
  readonly blocked: number;
}

export interface StartSweepResult extends SweepResult {
  /** Planned leaves recorded as notified to compliance because their notice was delivered. */
  readonly notified: number;
}

/**
 * "The system records the compliance notice when it is delivered": a planned leave whose
 * leave_planned notice the dispatcher has sent to at least one officer moves to compliance_notified.
 */
async function recordDeliveredNotices(tx: TxPorts, env: Env): Promise<number> {
  let notified = 0;
  for (const leave of await tx.leaves.inStatus(["planned"])) {
    const sent = (await tx.outbox.forSubject("leave", leave.id)).some(
      (n) => n.kind === "leave_planned" && n.sentAt !== null && n.sentAt <= env.now,
    );
    if (sent && (await leaveNoticeDelivered(tx, env, leave.id))) {
      notified += 1;
      await refresh(tx, env, leave.id);
    }
  }
  return notified;
}

/**
 * Rebuilds every card about the leave: its own, its handovers' and its audit's — an audit card
 * built while the leave was sealed says so ("the leave has not started"), and must stop saying it
 * at the start although the audit itself did not move.
 */
async function refresh(tx: TxPorts, env: Env, leaveId: string): Promise<void> {
  const facts = await loadLeave(tx, leaveId);
  await refreshNotices(tx, env.cards, "leave", leaveId, env);
  for (const h of facts.handovers) await refreshNotices(tx, env.cards, "handover", h.id, env);
  if (facts.audit.auditId) await refreshNotices(tx, env.cards, "audit", facts.audit.auditId, env);
}

/**
 * Records delivered compliance notices, then starts every compliance_notified leave whose start
 * instant has come in its unit's time zone.
 */
export async function startDueLeaves(tx: TxPorts, env: Env): Promise<StartSweepResult> {
  const notified = await recordDeliveredNotices(tx, env);
  let moved = 0;
  let blocked = 0;
  for (const due of await tx.leaves.dueToStart(env.now)) {
    const facts = await loadLeave(tx, due.id);
    let prepared;
    try {
      prepared = await prepareStart(tx, env, bySystem("scheduler"), facts, {});
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      blocked += 1;
      await sendLeaveNotice(tx, env, facts, "leave_start_blocked", [
        ...(await hrOf(tx, facts)),
        ...(await complianceOf(tx, facts)),
      ]);
      continue;
    }
    await applyLeaveEvent(tx, env, prepared);
    await refresh(tx, env, due.id);
    moved += 1;
  }
  return { notified, moved, blocked };
}

/** Returns every away leave whose end day is over in its unit's time zone: the hand-back opens. */
export async function returnDueLeaves(tx: TxPorts, env: Env): Promise<SweepResult> {
  let moved = 0;
  let blocked = 0;
  for (const due of await tx.leaves.dueToEnd(env.now)) {
    const facts = await loadLeave(tx, due.id);
    let prepared;
    try {
      prepared = await prepareLeaveEvent(tx, env, bySystem("scheduler"), facts, {
        event: "return",
        data: { endDate: facts.leave.endDate, early: false },
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Typically the takeover was never confirmed (the leave is still `started`): people must act.
      blocked += 1;
      await sendLeaveNotice(tx, env, facts, "leave_return_blocked", [
        ...(await hrOf(tx, facts)),
        ...(await complianceOf(tx, facts)),
      ]);
      continue;
    }
    await applyLeaveEvent(tx, env, prepared);
    await refresh(tx, env, due.id);
    moved += 1;
  }
  return { moved, blocked };
}
