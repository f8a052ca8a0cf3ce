// The authorization matrix of job rotation and of handovers. Rotation: the rotation machine's events
// that have a use case (plan, approve, notify, cancel) × the matrix's roles × every state a rotation
// rests in, the post's holder being the outgoing holder and the substitute-to-be the incoming one;
// the oracle is `decide` over ROTATION_TABLE for an actor built from the role's description, plus the
// use-case rules the table does not hold, named below. Handover: confirming one item or the whole
// sheet × the roles × every purpose (a leave's takeover and hand-back, a rotation) and state a
// handover rests in; the oracle is the domain's `checkConfirmation` over the sheet and its facts,
// `canSeeLeave` for a sealed leave's handover, and the use case's order of refusals (named below).
import { randomUUID } from "node:crypto";
import type { Actor } from "../../src/domain/access/roles.ts";
import { roleCheck } from "../../src/domain/access/roles.ts";
import { canSeeLeave, type LeaveVisibility } from "../../src/domain/access/secrecy.ts";
import { suspensionCheck } from "../../src/domain/access/suspension.ts";
import type { ReasonCode } from "../../src/domain/errors.ts";
import {
  checkConfirmation,
  handoverProgress,
  HANDOVER_STATES,
  partyOf,
  requiredSides,
  WHOLE_SHEET,
  type Confirmation,
  type HandoverPurpose,
  type HandoverSheet,
  type HandoverSide,
  type HandoverState,
} from "../../src/domain/handover/handover.machine.ts";
import type { LeaveState } from "../../src/domain/leave/leave.machine.ts";
import { decide, NEW } from "../../src/domain/machine/machine.ts";
import {
  rotationMachine,
  type RotationContext,
  type RotationEvent,
  type RotationState,
} from "../../src/domain/rotation/rotation.machine.ts";
import { confirmHandoverAll } from "../../src/app/handover/confirm-all.ts";
import { confirmHandoverItem } from "../../src/app/handover/confirm-item.ts";
import { envOf } from "../../src/app/kernel/execute.ts";
import type { Outcome } from "../../src/app/kernel/outcome.ts";
import type { UseCase } from "../../src/app/kernel/use-case.ts";
import { approveRotation } from "../../src/app/rotation/approve-rotation.ts";
import { cancelRotation } from "../../src/app/rotation/cancel-rotation.ts";
import { notifyRotation } from "../../src/app/rotation/notify-rotation.ts";
import { planRotation } from "../../src/app/rotation/plan-rotation.ts";
import { loadRotation } from "../../src/app/rotation/rotation-facts.ts";
import { bySystem, createRotation, fireRotationEvent } from "../../src/app/rotation/rotation-transition.ts";
import { STARTS_AT, type CellLeave, type Expected, type MatrixWorld } from "./leave-matrix.ts";

const SB1 = "/HO/BR1/SB1/";
const refused = (code: string): Expected => ({ ok: false, code });

/** Every command a person gives about a rotation, by the event it fires. */
export const ROTATION_COMMANDS = {
  plan: planRotation,
  approve: approveRotation,
  notify: notifyRotation,
  cancel: cancelRotation,
} as const satisfies Partial<Record<RotationEvent, unknown>>;
export type RotationCommand = keyof typeof ROTATION_COMMANDS;
/** Events only the system fires: the sweep (due, overdue) and a confirmed handover (handed over, done). */
export const ROTATION_SYSTEM_EVENTS: readonly RotationEvent[] = rotationMachine.events.filter(
  (e) => !(e in ROTATION_COMMANDS),
);
/** `handed_over` is never at rest: the confirmed handover records it and completes in one transaction. */
export const TRANSIENT_ROTATION_STATES: readonly RotationState[] = ["handed_over"];
export const ROTATION_MATRIX_STATES: readonly RotationState[] = rotationMachine.states.filter(
  (s) => !TRANSIENT_ROTATION_STATES.includes(s),
);

/** The facts of one rotation: on a fresh post, its holder outgoing, the cell leave's substitute incoming. */
export interface CellRotation {
  readonly state: RotationState;
  readonly rotationId: string;
  readonly post: CellLeave;
  readonly incomingCode: string;
  readonly handoverId: string | null;
}

/** Use-case rule (rotation-transition.ts): a repeat of an event that happened is ALREADY_DONE. */
const DONE_IN: Readonly<Record<RotationEvent, readonly RotationState[]>> = {
  become_due: [],
  plan: [],
  approve: ["approved", "notified", "handed_over", "done"],
  notify: ["notified", "handed_over", "done"],
  record_handover: ["handed_over", "done"],
  complete: ["done"],
  mark_overdue: ["overdue"],
  cancel: ["cancelled"],
};

/** What the rules say `actor` gets for a rotation command on `rotation`. */
export function expectedRotation(command: RotationCommand, actor: Actor | null, rotation: CellRotation): Expected {
  if (actor === null) return refused("UNKNOWN_USER");
  const { state } = rotation;
  const ctx: RotationContext = {
    actor,
    unitPath: SB1,
    outgoingId: rotation.post.holderId,
    // A due rotation has no incoming holder yet; planning names the cell's.
    incomingId: state === "due" && command !== "plan" ? null : rotation.post.substituteId,
    handoverConfirmed: false,
    limitPassed: true,
  };
  if (command === "plan") {
    // Use-case rule (plan-rotation.ts): the suspension and HR's scope come before the machine.
    const early = suspensionCheck(actor, { name: "rotation.plan" }) ?? roleCheck(actor, ["hr"], SB1);
    if (early) return refused(early);
  }
  const decision = decide(rotationMachine, state, command, ctx);
  if (!decision.ok)
    return refused(
      decision.code === "INVALID_TRANSITION" && DONE_IN[command].includes(state) ? "ALREADY_DONE" : decision.code,
    );
  return { ok: true, to: decision.to };
}

export function rotationInputOf(command: RotationCommand, rotation: CellRotation): Record<string, unknown> {
  const rotationId = rotation.rotationId;
  // A date the world never plans: planning again is a change, never a repeat.
  if (command === "plan") return { rotationId, incoming: rotation.incomingCode, plannedDate: "2026-06-01" };
  if (command === "cancel") return { rotationId, reason: "matrix" };
  return { rotationId };
}

function must(outcome: Outcome, step: string): void {
  if (!outcome.ok) throw new Error(`${step} refused: ${outcome.code} ${JSON.stringify(outcome.detail ?? {})}`);
}
const asUseCase = (u: unknown) => u as UseCase<unknown>;

/** A rotation of a fresh post driven to `state` through the real use cases (the system's own steps for due and overdue). */
export async function rotationIn(world: MatrixWorld, state: RotationState): Promise<CellRotation> {
  const p = world.db.prisma;
  const ids = world.bank.ids;
  const post = await world.leaveIn(NEW);
  const incomingCode = (await p.employee.findUniqueOrThrow({ where: { id: post.substituteId } })).code;
  const run = async (useCase: unknown, raw: unknown, personId: string, step: string) =>
    must(await world.run(asUseCase(useCase), raw, personId), step);
  const system = async (work: Parameters<MatrixWorld["kernel"]["uow"]["run"]>[0]) => world.kernel.uow.run(work);
  let rotationId: string;
  if (state === "due" || state === "overdue") {
    rotationId = randomUUID();
    const id = rotationId;
    await system(async (tx) => {
      const record = await tx.rotations.postByCode(post.postCode);
      await createRotation(
        tx,
        envOf(world.kernel),
        bySystem(),
        {
          id,
          planId: null,
          postId: record!.id,
          outgoingId: post.holderId,
          incomingId: null,
          destinationPostId: null,
          plannedDate: "2026-05-04",
        },
        record!,
        { event: "become_due" },
      );
      if (state === "overdue")
        // The sweep's step; its effects (a required leave, notices) are not needed by the matrix.
        await fireRotationEvent(tx, envOf(world.kernel), bySystem(), await loadRotation(tx, id), {
          event: "mark_overdue",
          context: { limitPassed: true },
        });
    });
  } else {
    await run(planRotation, { post: post.postCode, incoming: incomingCode, plannedDate: "2026-05-04" }, ids.hr, "plan");
    rotationId = (await p.rotation.findFirstOrThrow({ where: { outgoingId: post.holderId } })).id;
    if (state === "cancelled") await run(cancelRotation, { rotationId, reason: "world" }, ids.hr, "cancel");
    if (state === "approved" || state === "notified" || state === "done")
      await run(approveRotation, { rotationId }, ids.manager, "approve");
    if (state === "notified" || state === "done") await run(notifyRotation, { rotationId }, ids.hr, "notify");
    if (state === "done") {
      const handover = await p.handover.findFirstOrThrow({ where: { rotationId }, include: { items: true } });
      for (const personId of [handover.fromId, handover.toId, handover.witnessId])
        if (personId !== null) await run(confirmHandoverAll, { handoverId: handover.id }, personId, "confirm");
    }
  }
  world.kernel.clock.set(world.now().toISOString());
  const row = await p.rotation.findUniqueOrThrow({ where: { id: rotationId } });
  if (row.status !== state) throw new Error(`the world's rotation reached ${row.status}, not ${state}`);
  const handover = await p.handover.findFirst({ where: { rotationId } });
  return { state, rotationId, post, incomingCode, handoverId: handover?.id ?? null };
}

// ---------------------------------------------------------------------------------------------------
// Handovers

export const HANDOVER_COMMANDS = { confirm_item: confirmHandoverItem, confirm_all: confirmHandoverAll } as const;
export type HandoverCommand = keyof typeof HANDOVER_COMMANDS;
/**
 * Where a handover comes from and the state it rests in. A handover is opened and confirmed by the
 * system (a leave's start and return, a rotation's notice; the last confirmation settles it);
 * `cancelled` is in the machine but nothing fires it (no person's command, no use case).
 */
export interface HandoverStage {
  readonly purpose: HandoverPurpose;
  readonly state: HandoverState;
  /** An open handover whose giving side has confirmed the whole sheet already (the other side has not). */
  readonly fromConfirmed: boolean;
}
export const UNREACHED_HANDOVER_STATES: readonly HandoverState[] = HANDOVER_STATES.filter(
  (s) => s !== "open" && s !== "confirmed",
);
export const HANDOVER_STAGES: readonly HandoverStage[] = (["leave_start", "leave_return", "rotation"] as const).flatMap(
  (purpose) => [
    { purpose, state: "open", fromConfirmed: false },
    { purpose, state: "open", fromConfirmed: true },
    { purpose, state: "confirmed", fromConfirmed: false },
  ],
);
export const handoverStageName = (s: HandoverStage) =>
  `${s.purpose} ${s.state}${s.fromConfirmed ? " (giving side confirmed)" : ""}`;

/** The leave behind each leave handover stage. */
const LEAVE_STATE_OF: Readonly<Record<string, LeaveState>> = {
  "leave_start:open": "started",
  "leave_start:confirmed": "handed_over",
  "leave_return:open": "returning",
  "leave_return:confirmed": "closed",
};

/** The facts of one handover a cell is tried on: its sheet and its confirmations, as stored. */
export interface CellHandover {
  readonly stage: HandoverStage;
  readonly handoverId: string;
  /** The people: the leave's (or the rotation's post's) holder and substitute / incoming holder. */
  readonly leave: CellLeave;
  readonly leaveState: LeaveState | null;
  readonly sheet: HandoverSheet;
  readonly confirmations: readonly Confirmation[];
}

/** A handover of `stage`, built by driving a leave or a rotation of a fresh post. */
export async function handoverIn(world: MatrixWorld, stage: HandoverStage): Promise<CellHandover> {
  let leave: CellLeave;
  let leaveState: LeaveState | null = null;
  let where: { leaveId: string; purpose: string } | { rotationId: string };
  if (stage.purpose === "rotation") {
    const rotation = await rotationIn(world, stage.state === "open" ? "notified" : "done");
    leave = rotation.post;
    where = { rotationId: rotation.rotationId };
  } else {
    leaveState = LEAVE_STATE_OF[`${stage.purpose}:${stage.state}`]!;
    leave = await world.leaveIn(leaveState);
    where = { leaveId: leave.leaveId!, purpose: stage.purpose };
  }
  if (stage.fromConfirmed) {
    const { handoverId, sheet } = await readHandover(world, where);
    // Item by item, as a careful holder does: the whole sheet is then confirmed without a whole-sheet fact.
    for (const itemSeq of sheet.itemSeqs)
      must(await world.run(asUseCase(confirmHandoverItem), { handoverId, itemSeq }, sheet.fromId), `item ${itemSeq}`);
    if (sheet.itemSeqs.length === 0)
      must(await world.run(asUseCase(confirmHandoverAll), { handoverId }, sheet.fromId), "the giving side confirms");
  }
  return { ...(await readHandover(world, where)), stage, leave, leaveState };
}

async function readHandover(
  world: MatrixWorld,
  where: { leaveId: string; purpose: string } | { rotationId: string },
): Promise<Pick<CellHandover, "handoverId" | "sheet" | "confirmations">> {
  const row = await world.db.prisma.handover.findFirstOrThrow({ where, include: { items: true, confirms: true } });
  return {
    handoverId: row.id,
    sheet: {
      status: row.status as HandoverState,
      purpose: row.purpose as HandoverPurpose,
      fromId: row.fromId,
      toId: row.toId,
      witnessId: row.witnessId,
      itemSeqs: row.items.map((i) => i.seq).sort((a, b) => a - b),
    },
    confirmations: row.confirms.map((c) => ({
      itemSeq: c.itemSeq,
      side: c.side as HandoverSide,
      employeeId: c.employeeId,
    })),
  };
}

/** The item a `confirm_item` cell names: the sheet's first (the sheets of this world have items). */
export function itemOf(handover: CellHandover): number {
  return handover.sheet.itemSeqs[0] ?? 1;
}

/** What the rules say `actor` gets for confirming an item (or the whole sheet) of `handover`. */
export function expectedHandover(
  command: HandoverCommand,
  actor: Actor | null,
  handover: CellHandover,
  now: Date,
): Expected {
  if (actor === null) return refused("UNKNOWN_USER");
  const { sheet, confirmations } = handover;
  const name = command === "confirm_item" ? "handover.confirm_item" : "handover.confirm_all";
  const visible = handover.leaveState === null || canSeeLeave(actor, visibilityOf(handover, handover.leaveState), now);
  const sides = requiredSides(sheet).filter((side) => partyOf(sheet, side) === actor.employeeId);
  // Use-case rule (confirm-handover.ts): a non-party on leave learns only SUSPENDED; others whether it exists for them.
  if (sides.length === 0) {
    const suspended = suspensionCheck(actor, { name });
    if (suspended) return refused(suspended);
    return refused(visible ? "NOT_A_PARTY" : "NOT_FOUND");
  }
  if (!visible) return refused("NOT_FOUND");
  const item = command === "confirm_item" ? itemOf(handover) : WHOLE_SHEET;
  const codes = sides.map((side): ReasonCode | null => {
    const code = checkConfirmation(actor, sheet, confirmations, { itemSeq: item, side });
    if (code !== null || command === "confirm_item") return code;
    // Use-case rule: the whole sheet, when nothing of this side is missing any more, is ALREADY_CONFIRMED.
    return handoverProgress(sheet, confirmations).missing.some((m) => m.side === side) ? null : "ALREADY_CONFIRMED";
  });
  const first =
    codes.find((c) => c === "SUSPENDED" || c === "STALE_ACTION") ?? (codes.every((c) => c !== null) ? codes[0] : null);
  if (first) return refused(first);
  return { ok: true, to: null };
}

function visibilityOf(handover: CellHandover, status: LeaveState): LeaveVisibility {
  return {
    holderId: handover.leave.holderId,
    substituteId: handover.leave.substituteId,
    unitPath: SB1,
    sealed: true,
    status,
    startsAt: new Date(STARTS_AT),
    auditTeam: handover.leave.auditTeam,
  };
}

export function handoverInputOf(command: HandoverCommand, handover: CellHandover): Record<string, unknown> {
  return command === "confirm_item"
    ? { handoverId: handover.handoverId, itemSeq: itemOf(handover) }
    : { handoverId: handover.handoverId };
}
