// Job rotation (岗位轮换): due → planned → approved → notified → handed_over → done; overdue once the
// tenure limit passes before the rotation is notified; cancelled.
//
// An overdue rotation requires a regular mandatory leave with its off-post audit (the effect), and
// stays overdue: it leaves only by `cancel` (superseded). A late rotation is planned as a new
// rotation. Letting an overdue rotation go back to `planned` would make the next overdue tick mark it
// overdue again — and require a second leave for the same lapse.
import { notify } from "../machine/effects.ts";
import { byRole, bySystem, bySystemOr, notSelf } from "../machine/guards.ts";
import type { ScopedContext } from "../machine/guards.ts";
import type { Guard, Machine, Row } from "../machine/machine.ts";
import { NEW } from "../machine/machine.ts";

export const ROTATION_STATES = [
  "due",
  "planned",
  "approved",
  "notified",
  "handed_over",
  "done",
  "overdue",
  "cancelled",
] as const;
export type RotationState = (typeof ROTATION_STATES)[number];

export const ROTATION_EVENTS = [
  "become_due",
  "plan",
  "approve",
  "notify",
  "record_handover",
  "complete",
  "mark_overdue",
  "cancel",
] as const;
export type RotationEvent = (typeof ROTATION_EVENTS)[number];

export interface RotationContext extends ScopedContext {
  /** The post's unit. */
  readonly unitPath: string;
  readonly outgoingId: string;
  readonly incomingId: string | null;
  /** The rotation's handover (outgoing → incoming) is confirmed. */
  readonly handoverConfirmed: boolean;
  /** The outgoing holder's tenure limit on the post has passed. */
  readonly limitPassed: boolean;
}

/** Rotations still to be carried out, which the overdue tick looks at. */
export const PENDING_STATES: readonly RotationState[] = ["due", "planned", "approved"];

export function isPending(state: RotationState): boolean {
  return PENDING_STATES.includes(state);
}

const incomingChosen: Guard<RotationContext> = (ctx) => {
  if (ctx.incomingId === null) return "INCOMING_MISSING";
  return ctx.incomingId === ctx.outgoingId ? "INCOMING_IS_OUTGOING" : null;
};

const handoverConfirmed: Guard<RotationContext> = (ctx) => (ctx.handoverConfirmed ? null : "HANDOVER_INCOMPLETE");

const limitPassed: Guard<RotationContext> = (ctx) => (ctx.limitPassed ? null : "LIMIT_NOT_PASSED");

const hr = byRole("hr");

export const ROTATION_TABLE: readonly Row<RotationState, RotationEvent, RotationContext>[] = [
  { from: NEW, event: "become_due", to: "due", guards: [bySystem], effects: [notify("hr", "rotation_due")] },
  { from: [NEW, "due"], event: "plan", to: "planned", guards: [hr, incomingChosen], effects: [] },
  {
    from: "planned",
    event: "approve",
    to: "approved",
    guards: [
      byRole("manager", "executive"),
      notSelf((ctx) => ctx.outgoingId),
      notSelf((ctx) => ctx.incomingId),
      incomingChosen,
    ],
    effects: [],
  },
  {
    from: "approved",
    event: "notify",
    to: "notified",
    guards: [hr],
    effects: [
      notify("outgoing", "rotation_notice"),
      notify("incoming", "rotation_notice"),
      { kind: "open_handover", purpose: "rotation" },
    ],
  },
  // Rotate the clients, not only the people: the relationship manager's portfolio moves with the post.
  {
    from: "notified",
    event: "record_handover",
    to: "handed_over",
    guards: [bySystemOr("hr"), handoverConfirmed],
    effects: [{ kind: "transfer_post" }, { kind: "reassign_clients" }],
  },
  {
    from: "handed_over",
    event: "complete",
    to: "done",
    guards: [bySystemOr("hr")],
    effects: [notify("manager", "rotation_done")],
  },
  {
    from: PENDING_STATES,
    event: "mark_overdue",
    to: "overdue",
    guards: [bySystem, limitPassed],
    effects: [
      { kind: "require_leave", leaveKind: "regular", trigger: "rotation_overdue" },
      notify("hr", "rotation_overdue"),
      notify("compliance", "rotation_overdue"),
    ],
  },
  { from: [...PENDING_STATES, "overdue"], event: "cancel", to: "cancelled", guards: [hr], effects: [] },
];

export const rotationMachine: Machine<RotationState, RotationEvent, RotationContext> = {
  name: "rotation",
  states: ROTATION_STATES,
  events: ROTATION_EVENTS,
  table: ROTATION_TABLE,
};
