// What a confirmed handover means for its leave, fired by the system in the same transaction:
// the takeover confirmed → handed_over (and on to audit when the audit's fieldwork already began);
// the hand-back confirmed → closed.
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import { closeLeave } from "./close-leave.ts";
import { findLeave } from "./leave-facts.ts";
import { bySystem, fireLeaveEvent } from "./leave-transition.ts";

/** Audit states from fieldwork on: the audit is under way. */
const FIELDWORK_STARTED = ["fieldwork", "report_drafted", "opinion_given", "signed", "rectifying", "closed"];

export async function leaveHandedOver(tx: TxPorts, env: Env, leaveId: string): Promise<void> {
  const facts = await findLeave(tx, leaveId);
  if (!facts || facts.leave.status !== "started") return;
  const moved = await fireLeaveEvent(tx, env, bySystem(), facts, { event: "record_handover" });
  if (moved.audit.status !== null && FIELDWORK_STARTED.includes(moved.audit.status)) {
    await fireLeaveEvent(tx, env, bySystem(), moved, { event: "begin_audit", data: { auditId: moved.audit.auditId } });
  }
}

export async function leaveHandedBack(tx: TxPorts, env: Env, leaveId: string): Promise<void> {
  const facts = await findLeave(tx, leaveId);
  if (!facts || facts.leave.status !== "returning") return;
  await closeLeave(tx, env, bySystem(), facts);
}
