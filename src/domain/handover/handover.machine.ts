// Handover (交接): open → confirmed | cancelled. Between the two sides of one post: the holder to the
// substitute at a leave's start, back at its end (the hand-back), the outgoing holder to the incoming
// one at a rotation. Each side — and the witness, when one is named — confirms item by item (or the
// whole sheet at once, item 0). Confirmations are appended facts, never edited; the handover's
// progress is computed from them, and `confirm` is fired by the system once nothing is missing.
import type { Actor } from "../access/roles.ts";
import { suspensionCheck } from "../access/suspension.ts";
import type { ActorAction } from "../access/suspension.ts";
import type { ReasonCode } from "../errors.ts";
import { DomainError } from "../errors.ts";
import { notify } from "../machine/effects.ts";
import { bySystem, bySystemOr } from "../machine/guards.ts";
import type { ScopedContext } from "../machine/guards.ts";
import type { Guard, Machine, Row } from "../machine/machine.ts";
import { NEW } from "../machine/machine.ts";

export const HANDOVER_STATES = ["open", "confirmed", "cancelled"] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

export const HANDOVER_EVENTS = ["open", "confirm", "cancel"] as const;
export type HandoverEvent = (typeof HANDOVER_EVENTS)[number];

export const HANDOVER_PURPOSES = ["leave_start", "leave_return", "rotation"] as const;
export type HandoverPurpose = (typeof HANDOVER_PURPOSES)[number];

export const HANDOVER_SIDES = ["from", "to", "witness"] as const;
export type HandoverSide = (typeof HANDOVER_SIDES)[number];

/** Item number of a confirmation that covers the whole sheet. */
export const WHOLE_SHEET = 0;

export interface HandoverSheet {
  readonly status: HandoverState;
  readonly purpose: HandoverPurpose;
  readonly fromId: string;
  readonly toId: string;
  /** A named witness (a manager) must confirm too. */
  readonly witnessId: string | null;
  /** Item numbers, from 1. */
  readonly itemSeqs: readonly number[];
}

/** One appended fact: `employeeId`, as `side`, confirmed item `itemSeq` (0: the whole sheet). */
export interface Confirmation {
  readonly itemSeq: number;
  readonly side: HandoverSide;
  readonly employeeId: string;
}

export interface Missing {
  readonly side: HandoverSide;
  readonly itemSeq: number;
}

export interface HandoverProgress {
  readonly complete: boolean;
  /** What each side still has to confirm; item 0 when the sheet has no items. */
  readonly missing: readonly Missing[];
}

export function partyOf(sheet: HandoverSheet, side: HandoverSide): string | null {
  if (side === "from") return sheet.fromId;
  if (side === "to") return sheet.toId;
  return sheet.witnessId;
}

export function requiredSides(sheet: HandoverSheet): readonly HandoverSide[] {
  return sheet.witnessId === null ? ["from", "to"] : ["from", "to", "witness"];
}

/** Facts by anyone but the side's own person count for nothing. */
function confirmedBy(sheet: HandoverSheet, facts: readonly Confirmation[], side: HandoverSide): Set<number> {
  const person = partyOf(sheet, side);
  return new Set(facts.filter((f) => f.side === side && f.employeeId === person).map((f) => f.itemSeq));
}

export function handoverProgress(sheet: HandoverSheet, facts: readonly Confirmation[]): HandoverProgress {
  const missing: Missing[] = [];
  for (const side of requiredSides(sheet)) {
    const done = confirmedBy(sheet, facts, side);
    if (done.has(WHOLE_SHEET)) continue;
    const wanted = sheet.itemSeqs.length === 0 ? [WHOLE_SHEET] : sheet.itemSeqs;
    for (const itemSeq of wanted) if (!done.has(itemSeq)) missing.push({ side, itemSeq });
  }
  return { complete: missing.length === 0, missing };
}

/**
 * How a confirmation reads to the suspension rule. The holder leaving on mandatory leave is
 * suspended from the start, yet must hand the post over: their side of the leave-start handover is
 * part of acknowledging their own leave notice (the notice lists what they hand over), not an act of
 * authority. Every other confirmation is an ordinary action.
 */
export function confirmationAction(sheet: HandoverSheet, side: HandoverSide): ActorAction {
  if (sheet.purpose === "leave_start" && side === "from") {
    return { name: "acknowledge_own_notice", ownerId: sheet.fromId };
  }
  return { name: "handover.confirm_item" };
}

/** May `actor` append the fact "I, as `side`, confirm item `itemSeq`"? */
export function checkConfirmation(
  actor: Actor,
  sheet: HandoverSheet,
  facts: readonly Confirmation[],
  attempt: { readonly itemSeq: number; readonly side: HandoverSide },
): ReasonCode | null {
  if (sheet.status !== "open") return "STALE_ACTION";
  const suspended = suspensionCheck(actor, confirmationAction(sheet, attempt.side));
  if (suspended !== null) return suspended;
  if (partyOf(sheet, attempt.side) !== actor.employeeId) return "NOT_A_PARTY";
  if (attempt.itemSeq !== WHOLE_SHEET && !sheet.itemSeqs.includes(attempt.itemSeq)) return "NOT_FOUND";
  const done = confirmedBy(sheet, facts, attempt.side);
  if (done.has(WHOLE_SHEET) || done.has(attempt.itemSeq)) return "ALREADY_CONFIRMED";
  return null;
}

/** A confirmed (or cancelled) handover as the hand-back period needs it. */
export interface SettledHandover {
  readonly purpose: HandoverPurpose;
  readonly fromId: string;
  readonly toId: string;
  /** The day ("YYYY-MM-DD", unit's calendar) from which the receiving side answers for the post. */
  readonly periodStart: string | null;
}

export interface AnsweredPeriod {
  readonly employeeId: string;
  readonly periodStart: string;
  /** The hand-back day: the holder answers again from it (the period is [periodStart, periodEnd)). */
  readonly periodEnd: string;
}

/** The period the substitute answered for the post: from the takeover to the hand-back. */
export function answeredPeriod(takeover: SettledHandover, handBack: SettledHandover): AnsweredPeriod {
  const paired =
    takeover.purpose === "leave_start" &&
    handBack.purpose === "leave_return" &&
    handBack.fromId === takeover.toId &&
    handBack.toId === takeover.fromId;
  if (!paired) throw new DomainError("HANDOVER_MISMATCH");
  if (takeover.periodStart === null || handBack.periodStart === null) throw new DomainError("HANDOVER_INCOMPLETE");
  if (handBack.periodStart < takeover.periodStart) {
    throw new DomainError("HANDOVER_MISMATCH", { periodStart: takeover.periodStart, periodEnd: handBack.periodStart });
  }
  return { employeeId: takeover.toId, periodStart: takeover.periodStart, periodEnd: handBack.periodStart };
}

export interface HandoverContext extends ScopedContext {
  /** The post's unit. */
  readonly unitPath: string;
  readonly sheet: HandoverSheet;
  readonly confirmations: readonly Confirmation[];
}

const everythingConfirmed: Guard<HandoverContext> = (ctx) =>
  handoverProgress(ctx.sheet, ctx.confirmations).complete ? null : "HANDOVER_INCOMPLETE";

export const HANDOVER_TABLE: readonly Row<HandoverState, HandoverEvent, HandoverContext>[] = [
  // Opened by a leave or a rotation (their `open_handover` effect); HR may open one by hand.
  {
    from: NEW,
    event: "open",
    to: "open",
    guards: [bySystemOr("hr")],
    effects: [notify("from", "handover_opened"), notify("to", "handover_opened")],
  },
  {
    from: "open",
    event: "confirm",
    to: "confirmed",
    guards: [bySystem, everythingConfirmed],
    effects: [{ kind: "fix_period" }, notify("from", "handover_confirmed"), notify("to", "handover_confirmed")],
  },
  {
    from: "open",
    event: "cancel",
    to: "cancelled",
    guards: [bySystemOr("hr")],
    effects: [notify("from", "handover_cancelled"), notify("to", "handover_cancelled")],
  },
];

export const handoverMachine: Machine<HandoverState, HandoverEvent, HandoverContext> = {
  name: "handover",
  states: HANDOVER_STATES,
  events: HANDOVER_EVENTS,
  table: HANDOVER_TABLE,
};
