// A notice that cannot be delivered is told to the people who can act: the recipient's manager (the
// nearest manager over their unit) and compliance over it; an outcome that stays unknown goes to
// compliance alone. Each escalation is one notice with its own dedupe key, written in the same
// transaction as the failure, and delivered like any other. An escalation that fails itself is
// recorded but not escalated again (no loop). Secrecy: the failed notice's subject may be a sealed
// leave (e.g. HR's planning notice); whoever could not see that subject now is not told. A person
// who cannot be reached at all (the Teams app not installed, an unknown or deactivated account) is
// one finding per platform, told once, naming no notice — not one card per notice that failed; told
// again only when they failed anew after a notice had reached them there (fixed, then broken again).
import { actorOf } from "../people/actor-of.ts";
import { canSeeLeave } from "../../domain/access/secrecy.ts";
import type { Role } from "../../domain/access/roles.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { canSeeAudit } from "../audit/audit-subject.ts";
import { sendNotice } from "../kernel/notify.ts";
import { findLeave, visibilityOf } from "../leave/leave-facts.ts";
import { nearestWithRole, withRolesOver } from "../people/rotation-people.ts";
import { deliveryProblemCard, unreachableCard, type DeliveryProblem } from "./delivery-escalation.card.ts";
import { isAboutThePerson } from "./delivery-reason.ts";

export const ESCALATION_KINDS: Readonly<Record<DeliveryProblem, string>> = {
  failed: "delivery.failed",
  unknown: "delivery.unknown",
};
/** One finding per person and platform when the person cannot be reached at all. */
export const UNREACHABLE_KIND = "delivery.unreachable";
const COMPLIANCE: readonly Role[] = ["compliance", "compliance_head"];

export function isEscalation(notice: Pick<StoredNotice, "kind">): boolean {
  return notice.kind.startsWith("delivery.");
}

/** The leave a notice's subject belongs to, when it has one (its own, its audit's, its handover's). */
async function canSeeSubject(tx: TxPorts, notice: StoredNotice, viewer: Person, now: Date): Promise<boolean> {
  const actor = await actorOf(tx, viewer);
  if (notice.subjectType === "audit") {
    const audit = await tx.audits.byId(notice.subjectId);
    return audit === undefined || canSeeAudit(actor, audit, now);
  }
  let leaveId: string | null = null;
  if (notice.subjectType === "leave") leaveId = notice.subjectId;
  if (notice.subjectType === "handover") leaveId = (await tx.handovers.byId(notice.subjectId))?.leaveId ?? null;
  if (leaveId === null) return true;
  const facts = await findLeave(tx, leaveId);
  return facts === undefined || canSeeLeave(actor, visibilityOf(facts), now);
}

/** Writes the escalation of a notice given up; returns how many people it goes to. */
export async function escalateDelivery(
  tx: TxPorts,
  problem: DeliveryProblem,
  notice: StoredNotice,
  reason: string,
  attempts: number,
  now: Date,
): Promise<number> {
  if (isEscalation(notice)) return 0;
  const recipient = await tx.people.byId(notice.recipientId);
  if (!recipient) return 0;
  const managers = problem === "failed" ? await nearestWithRole(tx, "manager", recipient.unitPath, [recipient.id]) : [];
  const officers = await withRolesOver(tx, COMPLIANCE, recipient.unitPath, [recipient.id]);
  const told: Person[] = [];
  for (const person of [...managers, ...officers]) if (await canSeeSubject(tx, notice, person, now)) told.push(person);
  if (problem === "failed" && isAboutThePerson(reason)) {
    // The same person, the same platform: once per reader, whatever the notice (the card names none;
    // still, whoever may not see the failed notice's subject hears of it with a later one, not now).
    // One finding per spell of unreachability: its version counts the notices that reached the person
    // on this platform, so it stays while nothing gets through and moves once something has.
    const card = unreachableCard(recipient, notice.platform, reason);
    const spell = (await tx.outbox.sentCount(recipient.id, notice.platform)) + 1;
    return sendNotice(
      tx,
      {
        kind: `${UNREACHABLE_KIND}.${notice.platform}`,
        subjectType: "employee",
        subjectId: recipient.id,
        version: spell,
      },
      told,
      async () => card,
    );
  }
  const card = deliveryProblemCard(problem, notice, recipient, reason, attempts);
  await sendNotice(
    tx,
    { kind: ESCALATION_KINDS[problem], subjectType: "notice", subjectId: notice.id, version: 1 },
    told,
    async () => card,
  );
  return told.length;
}
