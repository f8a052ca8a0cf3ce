import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access/roles.ts";
import type { ReasonCode } from "../../src/domain/errors.ts";
import type { New } from "../../src/domain/machine/machine.ts";
import { NEW, decide } from "../../src/domain/machine/machine.ts";
import type { RotationContext, RotationEvent, RotationState } from "../../src/domain/rotation/rotation.machine.ts";
import {
  ROTATION_EVENTS,
  ROTATION_STATES,
  isPending,
  rotationMachine,
} from "../../src/domain/rotation/rotation.machine.ts";
import type { Expected } from "./matrix.ts";
import { matrix } from "./matrix.ts";
import { UNIT, everyRole, executive, holder, hr, hrElsewhere, manager, onLeave, person, substitute } from "./people.ts";

const incoming = substitute;

function ctx(patch: Partial<RotationContext> = {}): RotationContext {
  return {
    actor: hr,
    unitPath: UNIT,
    outgoingId: holder.employeeId,
    incomingId: incoming.employeeId,
    handoverConfirmed: true,
    limitPassed: true,
    ...patch,
  };
}

const EXPECTED: Expected<RotationState, RotationEvent> = {
  new: { become_due: "due", plan: "planned" },
  due: { plan: "planned", mark_overdue: "overdue", cancel: "cancelled" },
  planned: { approve: "approved", mark_overdue: "overdue", cancel: "cancelled" },
  approved: { notify: "notified", mark_overdue: "overdue", cancel: "cancelled" },
  notified: { record_handover: "handed_over" },
  handed_over: { complete: "done" },
  done: {},
  overdue: { cancel: "cancelled" },
  cancelled: {},
};

const ACTOR: Record<RotationEvent, Actor | null> = {
  become_due: null,
  plan: hr,
  approve: manager,
  notify: hr,
  record_handover: null,
  complete: null,
  mark_overdue: null,
  cancel: hr,
};

describe("rotation: every state × every event", () => {
  it.each(matrix(ROTATION_STATES, ROTATION_EVENTS, EXPECTED))("$state + $event → $to", ({ state, event, to }) => {
    const decision = decide(rotationMachine, state, event, ctx({ actor: ACTOR[event] }));
    if (to === undefined) expect(decision).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    else expect(decision).toMatchObject({ ok: true, to });
  });

  it.each(matrix(ROTATION_STATES, ROTATION_EVENTS, EXPECTED))(
    "$state + $event by a person on leave is SUSPENDED",
    ({ state, event, to }) => {
      const decision = decide(rotationMachine, state, event, ctx({ actor: onLeave(everyRole) }));
      expect(decision).toMatchObject({ ok: false, code: to === undefined ? "INVALID_TRANSITION" : "SUSPENDED" });
    },
  );
});

const refusals: readonly (readonly [
  string,
  RotationState | New,
  RotationEvent,
  Partial<RotationContext>,
  ReasonCode | null,
])[] = [
  ["HR declares it due", NEW, "become_due", { actor: hr }, "NOT_AUTHORISED"],
  ["plan with no incoming holder", "due", "plan", { incomingId: null }, "INCOMING_MISSING"],
  ["plan the holder to succeed themselves", "due", "plan", { incomingId: holder.employeeId }, "INCOMING_IS_OUTGOING"],
  ["plan by HR of another branch", "due", "plan", { actor: hrElsewhere }, "OUT_OF_SCOPE"],
  ["plan by a manager", NEW, "plan", { actor: manager }, "NOT_AUTHORISED"],
  ["approve by an executive", "planned", "approve", { actor: executive }, null],
  ["approve by HR", "planned", "approve", { actor: hr }, "NOT_AUTHORISED"],
  [
    "approve by the outgoing holder, a manager",
    "planned",
    "approve",
    { actor: person(holder.employeeId, [["manager", UNIT]]) },
    "SEPARATION_OF_DUTIES",
  ],
  [
    "approve by the incoming holder, a manager",
    "planned",
    "approve",
    { actor: person(incoming.employeeId, [["manager", UNIT]]) },
    "SEPARATION_OF_DUTIES",
  ],
  ["notify by a manager", "approved", "notify", { actor: manager }, "NOT_AUTHORISED"],
  [
    "handed over before both confirmed",
    "notified",
    "record_handover",
    { handoverConfirmed: false, actor: null },
    "HANDOVER_INCOMPLETE",
  ],
  ["HR completes it by hand", "handed_over", "complete", { actor: hr }, null],
  ["overdue before the limit", "planned", "mark_overdue", { actor: null, limitPassed: false }, "LIMIT_NOT_PASSED"],
  ["overdue marked by HR", "due", "mark_overdue", { actor: hr }, "NOT_AUTHORISED"],
  ["cancel an overdue rotation", "overdue", "cancel", { actor: hr }, null],
  ["cancel by the system", "due", "cancel", { actor: null }, "NOT_AUTHORISED"],
];

describe("rotation guards", () => {
  it.each(refusals)("%s", (_name, state, event, patch, code) => {
    const decision = decide(rotationMachine, state, event, ctx(patch));
    if (code === null) expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, code });
  });
});

describe("rotation effects", () => {
  const effectsOf = (state: RotationState | New, event: RotationEvent) => {
    const decision = decide(rotationMachine, state, event, ctx({ actor: ACTOR[event] }));
    if (!decision.ok) throw new Error(`refused: ${decision.code}`);
    return decision.effects;
  };

  it("an overdue rotation requires a regular mandatory leave", () => {
    for (const state of ["due", "planned", "approved"] as const) {
      expect(effectsOf(state, "mark_overdue")).toEqual([
        { kind: "require_leave", leaveKind: "regular", trigger: "rotation_overdue" },
        { kind: "notify", to: "hr", notice: "rotation_overdue" },
        { kind: "notify", to: "compliance", notice: "rotation_overdue" },
      ]);
    }
  });

  it("notifying both holders opens the rotation handover", () => {
    expect(effectsOf("approved", "notify")).toEqual([
      { kind: "notify", to: "outgoing", notice: "rotation_notice" },
      { kind: "notify", to: "incoming", notice: "rotation_notice" },
      { kind: "open_handover", purpose: "rotation" },
    ]);
  });

  it("the handover moves the post and the clients", () => {
    expect(effectsOf("notified", "record_handover")).toEqual([{ kind: "transfer_post" }, { kind: "reassign_clients" }]);
  });

  it("pending rotations are the ones the overdue tick looks at", () => {
    expect(ROTATION_STATES.filter(isPending)).toEqual(["due", "planned", "approved"]);
  });
});
