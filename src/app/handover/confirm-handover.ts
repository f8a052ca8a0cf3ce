// Confirming a handover: the person pressing appends the fact "I, as my side, confirm item n" (or
// the whole sheet). The domain's checkConfirmation decides; the holder leaving on mandatory leave
// may confirm their own side of the takeover (see confirmationAction). A handover's sheet never
// changes once opened: its version moves only with confirmations and the settlement. So a press is
// checked against the facts — is this person's side still missing? is the handover still open? —
// not against the card's version: another party's confirmation never outdates this one's (three
// parties confirming at once used to bounce each other as "out of date"). When nothing is missing
// any more the system confirms the handover in the same transaction (settle-handover.ts).
import { canSeeLeave } from "../../domain/access/secrecy.ts";
import type { Actor } from "../../domain/access/roles.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import type { ReasonCode } from "../../domain/errors.ts";
import {
  WHOLE_SHEET,
  checkConfirmation,
  handoverProgress,
  partyOf,
  requiredSides,
  type HandoverSide,
} from "../../domain/handover/handover.machine.ts";
import type { HandoverConfirmationRecord, HandoverRecord } from "../../ports/handover-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { bi } from "../../ports/locale.ts";
import type { Done, Env, SubjectRef, Who } from "../kernel/use-case.ts";
import { findLeave, visibilityOf } from "../leave/leave-facts.ts";
import { buildHandoverCard } from "./handover.cards.ts";
import { sheetOf } from "./open-handover.ts";
import { handoverSealedUntil, settleHandover } from "./settle-handover.ts";

export interface ConfirmRequest {
  readonly handoverId: string;
  /** An item number, or the whole sheet. */
  readonly item: number | "all";
  /** The version of the card pressed: kept for the log; the press is checked against the facts, not it. */
  readonly expectedVersion?: number | undefined;
}

/** A leave's handover is as secret as the leave; a rotation's is the business of its parties and of HR. */
export async function canSeeHandover(tx: TxPorts, actor: Actor, handover: HandoverRecord, now: Date): Promise<boolean> {
  if (handover.leaveId === null) return true;
  const facts = await findLeave(tx, handover.leaveId);
  return facts !== undefined && canSeeLeave(actor, visibilityOf(facts), now);
}

export function sidesOf(handover: HandoverRecord, personId: string): HandoverSide[] {
  const sheet = sheetOf(handover);
  return requiredSides(sheet).filter((side) => partyOf(sheet, side) === personId);
}

function attempt(actor: Actor, handover: HandoverRecord, side: HandoverSide, item: number | "all"): ReasonCode | null {
  const sheet = sheetOf(handover);
  if (item !== "all") return checkConfirmation(actor, sheet, handover.confirmations, { itemSeq: item, side });
  const code = checkConfirmation(actor, sheet, handover.confirmations, { itemSeq: WHOLE_SHEET, side });
  if (code !== null) return code;
  const missing = handoverProgress(sheet, handover.confirmations).missing.filter((m) => m.side === side);
  return missing.length === 0 ? "ALREADY_CONFIRMED" : null;
}

export async function confirmHandover(
  tx: TxPorts,
  env: Env,
  who: Who,
  name: string,
  request: ConfirmRequest,
): Promise<Done> {
  const handover = await tx.handovers.byId(request.handoverId);
  const sides = handover ? sidesOf(handover, who.person.id) : [];
  if (!handover || sides.length === 0) {
    // Not a party: a suspended holder learns nothing but SUSPENDED; anyone else, whether it exists for them.
    const suspended = suspensionCheck(who.actor, { name });
    if (suspended) throw new DomainError(suspended);
    if (!handover || !(await canSeeHandover(tx, who.actor, handover, env.now))) throw new DomainError("NOT_FOUND");
    throw new DomainError("NOT_A_PARTY");
  }
  if (!(await canSeeHandover(tx, who.actor, handover, env.now))) throw new DomainError("NOT_FOUND");

  const codes = sides.map((side) => ({ side, code: attempt(who.actor, handover, side, request.item) }));
  const refused =
    codes.find((c) => c.code === "SUSPENDED" || c.code === "STALE_ACTION") ??
    (codes.every((c) => c.code !== null) ? codes[0] : undefined);
  if (refused?.code) throw new DomainError(refused.code);
  const itemSeq = request.item === "all" ? WHOLE_SHEET : request.item;
  const facts: HandoverConfirmationRecord[] = codes
    .filter((c) => c.code === null)
    .map((c) => ({ itemSeq, side: c.side, employeeId: who.person.id, platform: who.platform, at: env.now }));
  if (!(await tx.handovers.appendConfirmations(handover.id, handover.version, facts)))
    throw new DomainError("STALE_ACTION");
  await tx.log.append({
    at: env.now,
    actorId: who.person.id,
    platform: who.platform,
    action: request.item === "all" ? "handover.sheet_confirmed" : "handover.item_confirmed",
    subjectType: "handover",
    subjectId: handover.id,
    sealedUntil: await handoverSealedUntil(tx, handover),
    data: { itemSeq, sides: facts.map((f) => f.side), version: handover.version + 1 },
  });
  const complete = await settleHandover(tx, env, handover.id);
  const touched: SubjectRef[] = [{ type: "handover", id: handover.id }];
  if (handover.leaveId) touched.push({ type: "leave", id: handover.leaveId });
  const card = await buildHandoverCard(
    tx,
    { subjectId: handover.id, kind: "handover_opened", recipient: who.person },
    env,
  );
  const message = complete
    ? bi("已确认。交接已全部完成。", "Confirmed. The handover is complete.")
    : request.item === "all"
      ? bi("已确认全部交接事项。", "You confirmed the whole sheet.")
      : bi(`已确认第 ${itemSeq} 项。`, `You confirmed item ${itemSeq}.`);
  return { message, ...(card ? { card } : {}), touched };
}
