// Rectification item (整改): open → closed. The audit team raises it from a finding, with an owner and a
// due date. Its owner, or an auditor (a member of the audit's team, or
// an auditor in scope following it up), closes it with a note saying what was done.
import { hasRole } from "../access/roles.ts";
import type { TeamMember } from "../access/separation.ts";
import { isOnTeam } from "../access/separation.ts";
import { notify } from "../machine/effects.ts";
import type { ScopedContext } from "../machine/guards.ts";
import type { Guard, Machine, Row } from "../machine/machine.ts";
import { NEW } from "../machine/machine.ts";
import type { RectificationState } from "./checklist.ts";
import { RECTIFICATION_STATES, isBlank } from "./checklist.ts";

export { RECTIFICATION_STATES };
export type { RectificationState };

export const RECTIFICATION_EVENTS = ["open", "close"] as const;
export type RectificationEvent = (typeof RECTIFICATION_EVENTS)[number];

export interface RectificationContext extends ScopedContext {
  /** The audited post's unit. */
  readonly unitPath: string;
  readonly ownerId: string;
  readonly auditTeam: readonly TeamMember[];
  /** The closing note. */
  readonly note: string;
}

/** The audit team raises rectification items from its findings. */
const byTeam: Guard<RectificationContext> = (ctx) => {
  if (ctx.actor === null) return "NOT_AUTHORISED";
  return isOnTeam(ctx.auditTeam, ctx.actor.employeeId) ? null : "NOT_A_PARTY";
};

const byOwnerOrAuditor: Guard<RectificationContext> = (ctx) => {
  if (ctx.actor === null) return "NOT_AUTHORISED";
  const id = ctx.actor.employeeId;
  if (id === ctx.ownerId || isOnTeam(ctx.auditTeam, id) || hasRole(ctx.actor, "auditor", ctx.unitPath)) return null;
  return "NOT_A_PARTY";
};

const noteGiven: Guard<RectificationContext> = (ctx) => (isBlank(ctx.note) ? "NOTE_REQUIRED" : null);

export const RECTIFICATION_TABLE: readonly Row<RectificationState, RectificationEvent, RectificationContext>[] = [
  // Owners hear of their items when the audit is signed (the audit's start_rectification), not before.
  { from: NEW, event: "open", to: "open", guards: [byTeam], effects: [] },
  {
    from: "open",
    event: "close",
    to: "closed",
    guards: [byOwnerOrAuditor, noteGiven],
    effects: [notify("audit_team", "rectification_closed")],
  },
];

export const rectificationMachine: Machine<RectificationState, RectificationEvent, RectificationContext> = {
  name: "rectification",
  states: RECTIFICATION_STATES,
  events: RECTIFICATION_EVENTS,
  table: RECTIFICATION_TABLE,
};
