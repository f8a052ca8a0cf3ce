// Off-post audit (离岗审计): requested → team_formed → plan_drafted → plan_approved → notice_issued →
// fieldwork → report_drafted → opinion_given → signed → rectifying → closed; cancelled with its leave.
//
// HR's notice to compliance requests it; compliance forms the team (a team leader, a lead auditor,
// members — never the holder or the substitute); the team drafts a plan the compliance head
// approves; the audit notice goes out once the leave has started; the checklist is worked item by
// item; the report goes to the holder for their opinion, then to an executive off the team to sign;
// rectification items are followed until closed.
import type { TeamMember } from "../access/separation.ts";
import { auditTeamCheck, isOnTeam, signerCheck } from "../access/separation.ts";
import type { TeamRole } from "../access/separation.ts";
import { notify } from "../machine/effects.ts";
import { byRole, bySystemOr } from "../machine/guards.ts";
import type { ScopedContext } from "../machine/guards.ts";
import type { Guard, Machine, Row } from "../machine/machine.ts";
import { NEW } from "../machine/machine.ts";
import type { ChecklistItem, Opinion, RectificationState } from "./checklist.ts";
import { allItemsMarked, checkOpinion, openRectifications } from "./checklist.ts";

export const AUDIT_STATES = [
  "requested",
  "team_formed",
  "plan_drafted",
  "plan_approved",
  "notice_issued",
  "fieldwork",
  "report_drafted",
  "opinion_given",
  "signed",
  "rectifying",
  "closed",
  "cancelled",
] as const;
export type AuditState = (typeof AUDIT_STATES)[number];

export const AUDIT_EVENTS = [
  "request",
  "form_team",
  "draft_plan",
  "reject_plan",
  "approve_plan",
  "issue_notice",
  "start_fieldwork",
  "mark_item",
  "record_finding",
  "draft_report",
  "give_opinion",
  "sign",
  "start_rectification",
  "close",
  "cancel",
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditContext extends ScopedContext {
  /** The audited post's unit. */
  readonly unitPath: string;
  readonly holderId: string;
  readonly substituteId: string | null;
  /** The linked leave is sealed and has not started: nothing may reach the holder or their unit yet. */
  readonly leaveSealed: boolean;
  /** The team proposed (form_team) or the team formed (every other event). */
  readonly team: readonly TeamMember[];
  readonly items: readonly ChecklistItem[];
  /** The holder's opinion given with `give_opinion`. */
  readonly opinion: Opinion | null;
  readonly rectifications: readonly { readonly status: RectificationState }[];
}

/** A person on the audit team, in one of `roles` (any role when none is given). */
export function byTeam(...roles: TeamRole[]): Guard<AuditContext> {
  return (ctx) => {
    if (ctx.actor === null) return "NOT_AUTHORISED";
    const actorId = ctx.actor.employeeId;
    const member = ctx.team.find((m) => m.employeeId === actorId);
    if (member === undefined) return "NOT_A_PARTY";
    return roles.length === 0 || roles.includes(member.role) ? null : "NOT_AUTHORISED";
  };
}

const teamValid: Guard<AuditContext> = (ctx) => auditTeamCheck(ctx.team, ctx);

/** The compliance head does not approve a plan of a team they sit on. */
const approverOffTeam: Guard<AuditContext> = (ctx) =>
  ctx.actor !== null && isOnTeam(ctx.team, ctx.actor.employeeId) ? "SEPARATION_OF_DUTIES" : null;

const notSealed: Guard<AuditContext> = (ctx) => (ctx.leaveSealed ? "LEAVE_SEALED" : null);

const checklistDone: Guard<AuditContext> = (ctx) => (allItemsMarked(ctx.items) ? null : "CHECKLIST_INCOMPLETE");

const byHolder: Guard<AuditContext> = (ctx) =>
  ctx.actor !== null && ctx.actor.employeeId === ctx.holderId ? null : "NOT_A_PARTY";

const opinionValid: Guard<AuditContext> = (ctx) => checkOpinion(ctx.opinion);

const signerAllowed: Guard<AuditContext> = (ctx) =>
  ctx.actor === null ? "NOT_AUTHORISED" : signerCheck(ctx.actor.employeeId, ctx.team, ctx);

const somethingToRectify: Guard<AuditContext> = (ctx) => (ctx.rectifications.length > 0 ? null : "NOTHING_TO_RECTIFY");

const rectificationsClosed: Guard<AuditContext> = (ctx) =>
  openRectifications(ctx.rectifications).length === 0 ? null : "RECTIFICATION_OPEN";

const leaders = byTeam("team_leader", "lead_auditor");
const anyMember = byTeam();
const complianceOrSystem = bySystemOr("compliance", "compliance_head");

export const AUDIT_TABLE: readonly Row<AuditState, AuditEvent, AuditContext>[] = [
  // HR's notice to compliance (the leave's `request_audit` effect, or a rotation exit) opens it.
  { from: NEW, event: "request", to: "requested", guards: [bySystemOr("hr")], effects: [] },
  {
    from: ["requested", "team_formed"],
    event: "form_team",
    to: "team_formed",
    guards: [byRole("compliance", "compliance_head"), teamValid],
    effects: [notify("audit_team", "audit_assigned")],
  },
  {
    from: ["team_formed", "plan_drafted"],
    event: "draft_plan",
    to: "plan_drafted",
    guards: [leaders],
    effects: [notify("compliance_head", "audit_plan_submitted")],
  },
  {
    from: "plan_drafted",
    event: "reject_plan",
    to: "team_formed",
    guards: [byRole("compliance_head"), approverOffTeam],
    effects: [notify("audit_team", "audit_plan_rejected")],
  },
  {
    from: "plan_drafted",
    event: "approve_plan",
    to: "plan_approved",
    guards: [byRole("compliance_head"), approverOffTeam],
    effects: [notify("audit_team", "audit_plan_approved")],
  },
  // The audit notice (离岗审计通知书) names the holder: it waits for the leave to start.
  {
    from: "plan_approved",
    event: "issue_notice",
    to: "notice_issued",
    guards: [leaders, notSealed],
    effects: [notify("holder", "audit_notice"), notify("manager", "audit_notice")],
  },
  { from: "notice_issued", event: "start_fieldwork", to: "fieldwork", guards: [anyMember], effects: [] },
  { from: "fieldwork", event: "mark_item", to: "fieldwork", guards: [anyMember], effects: [] },
  { from: "fieldwork", event: "record_finding", to: "fieldwork", guards: [anyMember], effects: [] },
  {
    from: "fieldwork",
    event: "draft_report",
    to: "report_drafted",
    guards: [leaders, checklistDone],
    effects: [notify("holder", "audit_report_for_opinion")],
  },
  {
    from: "report_drafted",
    event: "give_opinion",
    to: "opinion_given",
    guards: [byHolder, opinionValid],
    effects: [notify("audit_team", "audit_opinion_given"), notify("executive", "audit_report_to_sign")],
  },
  {
    from: "opinion_given",
    event: "sign",
    to: "signed",
    guards: [byRole("executive"), signerAllowed],
    effects: [notify("holder", "audit_signed"), notify("compliance", "audit_signed")],
  },
  {
    from: "signed",
    event: "start_rectification",
    to: "rectifying",
    guards: [complianceOrSystem, somethingToRectify],
    effects: [notify("rectification_owners", "rectification_assigned")],
  },
  {
    from: ["signed", "rectifying"],
    event: "close",
    to: "closed",
    guards: [complianceOrSystem, rectificationsClosed],
    effects: [notify("compliance", "audit_closed")],
  },
  // Only before the notice: a leave is cancelled only before it starts, and its audit with it.
  {
    from: ["requested", "team_formed", "plan_drafted", "plan_approved"],
    event: "cancel",
    to: "cancelled",
    guards: [complianceOrSystem],
    effects: [notify("audit_team", "audit_cancelled")],
  },
];

export const auditMachine: Machine<AuditState, AuditEvent, AuditContext> = {
  name: "audit",
  states: AUDIT_STATES,
  events: AUDIT_EVENTS,
  table: AUDIT_TABLE,
  // The holder on leave may still answer the findings of their own audit.
  action: (event, ctx) =>
    event === "give_opinion" ? { name: "give_audit_opinion", ownerId: ctx.holderId } : { name: `audit.${event}` },
};
