// Mandatory leave (强制休假): planned (sealed) → compliance_notified → started → handed_over → audit →
// returning → closed; cancelled before it starts; extended while its audit has serious findings.
//
// Secrecy lives in the effects: planning tells compliance only (and requests the off-post audit,
// which is what HR's notice to compliance is for); the holder and the substitute hear of the leave
// only at `start`. Working days are counted by the calendar module; this machine receives the counts.
import { substituteCheck } from "../access/separation.ts";
import type { SubstituteCandidate } from "../access/separation.ts";
import { notify } from "../machine/effects.ts";
import { byRole, bySystemOr, notSelf } from "../machine/guards.ts";
import type { ScopedContext } from "../machine/guards.ts";
import type { Guard, Machine, Row } from "../machine/machine.ts";
import { NEW } from "../machine/machine.ts";

export const LEAVE_STATES = [
  "planned",
  "compliance_notified",
  "started",
  "handed_over",
  "audit",
  "returning",
  "closed",
  "cancelled",
] as const;
export type LeaveState = (typeof LEAVE_STATES)[number];

export const LEAVE_EVENTS = [
  "plan",
  "assign_substitute",
  "record_compliance_notice",
  "start",
  "record_handover",
  "begin_audit",
  "extend",
  "return",
  "close",
  "cancel",
] as const;
export type LeaveEvent = (typeof LEAVE_EVENTS)[number];

export const LEAVE_KINDS = ["regular", "triggered"] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export const LEAVE_TRIGGERS = [
  "rotation_overdue",
  "periodic",
  "tip_off",
  "inspection_finding",
  "abnormal_behaviour",
  "major_event",
] as const;
export type LeaveTrigger = (typeof LEAVE_TRIGGERS)[number];

/** The two numbers of the post's policy a leave is checked against. */
export interface LeavePolicyTerms {
  readonly minWorkingDays: number;
  readonly complianceLeadWorkingDays: number;
}

export interface LeaveContext extends ScopedContext {
  /** The post's unit. */
  readonly unitPath: string;
  readonly holderId: string;
  /** The substitute proposed (plan, assign_substitute) or assigned (start); null when none yet. */
  readonly substitute: SubstituteCandidate | null;
  /** Consecutive working days from start to end, inclusive, in the unit's calendar. */
  readonly workingDays: number;
  /** Working days between telling compliance (now) and the start. */
  readonly leadWorkingDays: number;
  readonly policy: LeavePolicyTerms;
  /** The handover the current step waits for (the takeover at started, the hand-back at returning) is confirmed. */
  readonly handoverConfirmed: boolean;
  /** The leave's audit has a high or critical finding. */
  readonly seriousFindings: boolean;
}

/** The holder's authority is suspended in these states: their leave has started and not ended. */
export const AWAY_STATES: readonly LeaveState[] = ["started", "handed_over", "audit"];
/** The leave has started (it may have ended since). */
export const STARTED_STATES: readonly LeaveState[] = ["started", "handed_over", "audit", "returning", "closed"];

export function isAway(state: LeaveState): boolean {
  return AWAY_STATES.includes(state);
}

export function hasStarted(state: LeaveState): boolean {
  return STARTED_STATES.includes(state);
}

const longEnough: Guard<LeaveContext> = (ctx) =>
  ctx.workingDays >= ctx.policy.minWorkingDays ? null : "LEAVE_TOO_SHORT";

// Decision: a short lead time REFUSES planning rather than warning. The lead time exists so that
// compliance can form the audit team before the holder leaves (HR tells compliance N working days
// ahead); a leave planned too late would start with no one ready to audit it. HR keeps the leave
// secret and unannounced by choosing a later start, not by skipping compliance. A post that needs
// faster action gets a policy with a smaller lead (0 is allowed).
const leadTimeKept: Guard<LeaveContext> = (ctx) =>
  ctx.leadWorkingDays >= ctx.policy.complianceLeadWorkingDays ? null : "LEAD_TIME_TOO_SHORT";

/** A substitute, when named, is not the holder and not on leave. */
const substituteAllowed: Guard<LeaveContext> = (ctx) =>
  ctx.substitute === null ? null : substituteCheck(ctx.substitute, ctx.holderId);

/** A substitute is named, is not the holder and is not on leave. */
const substituteReady: Guard<LeaveContext> = (ctx) =>
  ctx.substitute === null ? "SUBSTITUTE_MISSING" : substituteCheck(ctx.substitute, ctx.holderId);

const handoverConfirmed: Guard<LeaveContext> = (ctx) => (ctx.handoverConfirmed ? null : "HANDOVER_INCOMPLETE");

const seriousFindings: Guard<LeaveContext> = (ctx) => (ctx.seriousFindings ? null : "NO_SERIOUS_FINDINGS");

const notTheHolder = notSelf<LeaveContext>((ctx) => ctx.holderId);

const hr = byRole("hr");
const hrOrCompliance = byRole("hr", "compliance", "compliance_head");

export const LEAVE_TABLE: readonly Row<LeaveState, LeaveEvent, LeaveContext>[] = [
  {
    from: NEW,
    event: "plan",
    to: "planned",
    guards: [hr, notTheHolder, longEnough, leadTimeKept, substituteAllowed],
    effects: [{ kind: "request_audit" }, notify("compliance", "leave_planned")],
  },
  // Substitutes hear nothing now: they are told at the start, like the holder.
  {
    from: "planned",
    event: "assign_substitute",
    to: "planned",
    guards: [hr, notTheHolder, substituteReady],
    effects: [],
  },
  {
    from: "compliance_notified",
    event: "assign_substitute",
    to: "compliance_notified",
    guards: [hr, notTheHolder, substituteReady],
    effects: [],
  },
  // The notice to compliance was delivered (the system), or HR records telling them another way.
  {
    from: "planned",
    event: "record_compliance_notice",
    to: "compliance_notified",
    guards: [bySystemOr("hr", "compliance", "compliance_head")],
    effects: [],
  },
  {
    from: "compliance_notified",
    event: "start",
    to: "started",
    guards: [bySystemOr("hr"), substituteReady],
    effects: [
      { kind: "suspend_authority" },
      { kind: "open_handover", purpose: "leave_start" },
      notify("holder", "leave_started"),
      notify("substitute", "leave_cover_started"),
    ],
  },
  {
    from: "started",
    event: "record_handover",
    to: "handed_over",
    guards: [bySystemOr("hr"), handoverConfirmed],
    effects: [],
  },
  // The audit's fieldwork begins (a cascade from the audit), or compliance records it.
  {
    from: "handed_over",
    event: "begin_audit",
    to: "audit",
    guards: [bySystemOr("compliance", "compliance_head")],
    effects: [],
  },
  {
    from: "audit",
    event: "extend",
    to: "audit",
    guards: [hrOrCompliance, seriousFindings],
    effects: [notify("holder", "leave_extended"), notify("substitute", "leave_extended")],
  },
  // The leave ends: authority comes back first, so that the holder can confirm the hand-back.
  {
    from: ["handed_over", "audit"],
    event: "return",
    to: "returning",
    guards: [bySystemOr("hr")],
    effects: [
      { kind: "restore_authority" },
      { kind: "open_handover", purpose: "leave_return" },
      notify("holder", "leave_ending"),
      notify("substitute", "hand_back_opened"),
    ],
  },
  {
    from: "returning",
    event: "close",
    to: "closed",
    guards: [bySystemOr("hr"), handoverConfirmed],
    effects: [notify("compliance", "leave_closed")],
  },
  // Before the start the leave is sealed: cancelling tells compliance and no one else.
  {
    from: ["planned", "compliance_notified"],
    event: "cancel",
    to: "cancelled",
    guards: [hrOrCompliance],
    effects: [{ kind: "cancel_audit" }, notify("compliance", "leave_cancelled")],
  },
];

export const leaveMachine: Machine<LeaveState, LeaveEvent, LeaveContext> = {
  name: "leave",
  states: LEAVE_STATES,
  events: LEAVE_EVENTS,
  table: LEAVE_TABLE,
};
