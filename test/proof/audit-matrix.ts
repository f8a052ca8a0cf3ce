// The authorization matrix of the off-post audit and its rectification items, generated from the
// audit and rectification machines' tables: every command a person gives about an audit (the events
// of AUDIT_TABLE and RECTIFICATION_TABLE that have a use case) × the matrix's roles and the
// compliance head (the only approver of a plan) × every state an audit can rest in. The oracle is the
// domain's rules — `decide` over the two tables, `canSeeLeave`/`isRevealed` for the sealed leave,
// `suspensionCheck` with the machine's own action names — applied to an actor built from the role's
// description, plus the use-case rules the tables do not hold, each named in `expectedAudit` /
// `expectedRectification`. `auditIn` builds each audit through the real use cases on the leave
// world of leave-matrix.ts (one fresh post, holder and substitute per audit).
import { canSeeLeave, isRevealed, type LeaveVisibility } from "../../src/domain/access/secrecy.ts";
import { suspensionCheck } from "../../src/domain/access/suspension.ts";
import type { Actor } from "../../src/domain/access/roles.ts";
import type { TeamMember } from "../../src/domain/access/separation.ts";
import {
  AUDIT_STATES,
  auditMachine,
  type AuditContext,
  type AuditEvent,
  type AuditState,
} from "../../src/domain/audit/audit.machine.ts";
import type { ChecklistItem, Opinion, RectificationState } from "../../src/domain/audit/checklist.ts";
import { rectificationMachine, type RectificationEvent } from "../../src/domain/audit/rectification.machine.ts";
import type { LeaveState } from "../../src/domain/leave/leave.machine.ts";
import { decide, NEW } from "../../src/domain/machine/machine.ts";
import { addFinding } from "../../src/app/audit/add-finding.ts";
import { addRectification } from "../../src/app/audit/add-rectification.ts";
import { closeAudit } from "../../src/app/audit/close-audit.ts";
import { closeRectification } from "../../src/app/audit/close-rectification.ts";
import { draftPlan } from "../../src/app/audit/draft-plan.ts";
import { draftReport } from "../../src/app/audit/draft-report.ts";
import { formTeam } from "../../src/app/audit/form-team.ts";
import { giveOpinion } from "../../src/app/audit/give-opinion.ts";
import { issueNotice } from "../../src/app/audit/issue-notice.ts";
import { markItem } from "../../src/app/audit/mark-item.ts";
import { approvePlan, rejectPlan } from "../../src/app/audit/review-plan.ts";
import { signReport } from "../../src/app/audit/sign-report.ts";
import type { Outcome } from "../../src/app/kernel/outcome.ts";
import type { UseCase } from "../../src/app/kernel/use-case.ts";
import { actorFor, MATRIX_ROLES, STARTS_AT, type CellLeave, type Expected, type MatrixWorld } from "./leave-matrix.ts";

/** Every command a person gives about an audit, by the audit machine's event it fires. */
export const AUDIT_COMMANDS = {
  form_team: formTeam,
  draft_plan: draftPlan,
  reject_plan: rejectPlan,
  approve_plan: approvePlan,
  issue_notice: issueNotice,
  mark_item: markItem,
  record_finding: addFinding,
  draft_report: draftReport,
  give_opinion: giveOpinion,
  sign: signReport,
  close: closeAudit,
} as const satisfies Partial<Record<AuditEvent, unknown>>;
export type AuditCommand = keyof typeof AUDIT_COMMANDS;

/** The rectification machine's events, each a use case. */
export const RECTIFICATION_COMMANDS = {
  open: addRectification,
  close: closeRectification,
} as const satisfies Record<RectificationEvent, unknown>;
export type RectificationCommand = keyof typeof RECTIFICATION_COMMANDS;

/**
 * The audit machine's events no person fires: the leave's plan requests the audit, the notice
 * starts fieldwork, signing (or a rectification raised after it) starts rectification, and a
 * cancelled leave cancels its audit.
 */
export const AUDIT_SYSTEM_EVENTS: readonly AuditEvent[] = auditMachine.events.filter((e) => !(e in AUDIT_COMMANDS));

/** The audit roles: the matrix's eleven and the compliance head, the only one who approves a plan. */
export const AUDIT_ROLES = [...MATRIX_ROLES, "compliance_head"] as const;
export type AuditRole = (typeof AUDIT_ROLES)[number];

/**
 * A state an audit can rest in, and whether its leave has started. `notice_issued` is never at rest:
 * issuing the notice starts fieldwork in the same transaction (issue-notice.ts). `plan_approved` is
 * tried twice: while the leave is sealed (the notice must wait) and once it has started.
 */
export interface AuditStage {
  readonly state: AuditState;
  readonly leaveStarted: boolean;
}
export const TRANSIENT_AUDIT_STATES: readonly AuditState[] = ["notice_issued"];
const ORDER: readonly AuditState[] = AUDIT_STATES.filter((s) => s !== "cancelled");
const at = (state: AuditState) => ORDER.indexOf(state);
export const AUDIT_STAGES: readonly AuditStage[] = AUDIT_STATES.filter(
  (s) => !TRANSIENT_AUDIT_STATES.includes(s),
).flatMap((state) => {
  const started = state !== "cancelled" && at(state) >= at("fieldwork");
  const stage = { state, leaveStarted: started };
  return state === "plan_approved" ? [stage, { state, leaveStarted: true }] : [stage];
});
export const stageName = (s: AuditStage) =>
  s.state === "plan_approved" ? `${s.state} (leave ${s.leaveStarted ? "started" : "sealed"})` : s.state;

/** The leave's state under each stage of its audit. */
export function leaveStateOf(stage: AuditStage): LeaveState {
  if (stage.state === "cancelled") return "cancelled";
  if (!stage.leaveStarted) return "planned";
  return at(stage.state) >= at("fieldwork") ? "audit" : "handed_over";
}

/** The facts of one audit a cell is tried on. */
export interface CellAudit {
  readonly stage: AuditStage;
  readonly auditId: string;
  readonly leave: CellLeave;
  /** The owner of the audit's rectification item (the manager of the unit), and the item when there is one. */
  readonly rectification: { readonly id: string; readonly status: RectificationState } | null;
}

/** Who owns the world's rectification items: the manager of the post's unit. */
export const OWNER_CODE = "E-MG";
const LEADER = "E-A1";
const LEAD = "E-A2";
const SB1 = "/HO/BR1/SB1/";
const COMPLIANCE_HEAD: Actor["grants"] = [{ role: "compliance_head", unitPath: "/HO/" }];

/** The person each audit role is. */
export function auditIdsFor(world: MatrixWorld, audit: CellAudit, unmappedId: string): Record<AuditRole, string> {
  return { ...world.idsFor(audit.leave, unmappedId), compliance_head: world.bank.ids.complianceHead };
}

/** The actor the rules see for an audit role (the holder is on leave while their leave is away). */
export function auditActorFor(role: AuditRole, ids: Record<AuditRole, string>, audit: CellAudit): Actor | null {
  if (role === "compliance_head")
    return { employeeId: ids.compliance_head, unitPath: "/HO/", grants: COMPLIANCE_HEAD, onLeave: false };
  const leave = { ...audit.leave, state: leaveStateOf(audit.stage) };
  return actorFor(role, ids, leave);
}

/** The audit's team as the world forms it: none before `team_formed`. */
function teamOf(stage: AuditStage, ids: { leader: string; lead: string }): TeamMember[] {
  if (stage.state === "requested") return [];
  return [
    { employeeId: ids.leader, role: "team_leader" },
    { employeeId: ids.lead, role: "lead_auditor" },
  ];
}

function visibility(audit: CellAudit, team: readonly TeamMember[]): LeaveVisibility {
  return {
    holderId: audit.leave.holderId,
    substituteId: audit.leave.substituteId,
    unitPath: SB1,
    sealed: true,
    status: leaveStateOf(audit.stage),
    startsAt: new Date(STARTS_AT),
    auditTeam: team.map((m) => m.employeeId),
  };
}

/** What the world has done to the audit by its stage (items, opinion, signature, rectifications). */
function factsOf(audit: CellAudit): {
  items: ChecklistItem[];
  opinion: Opinion | null;
  signed: boolean;
  rectifications: { status: RectificationState }[];
  finding: boolean;
} {
  const { state } = audit.stage;
  const past = (s: AuditState) => state !== "cancelled" && at(state) >= at(s);
  return {
    items: [1, 2, 3].map((seq) => ({ seq, result: past("fieldwork") ? "pass" : "pending" })),
    opinion: past("opinion_given") ? { agrees: true, reason: "" } : null,
    signed: past("signed"),
    rectifications: audit.rectification ? [{ status: audit.rectification.status }] : [],
    finding: past("fieldwork"),
  };
}

const refused = (code: string): Expected => ({ ok: false, code });

export interface AuditOracleIds {
  readonly leader: string;
  readonly lead: string;
  readonly executive: string;
  readonly ownerId: string;
}

/** What the rules say `actor` gets for an audit command on `audit`. */
export function expectedAudit(
  command: AuditCommand,
  actor: Actor | null,
  audit: CellAudit,
  people: AuditOracleIds,
  now: Date,
): Expected {
  if (actor === null) return refused("UNKNOWN_USER");
  const team = teamOf(audit.stage, people);
  const leave = visibility(audit, team);
  // Use-case rule (audit-subject.ts `admit`): a sealed audit does not exist outside HR, compliance and its team.
  if (!isRevealed(leave, now) && !canSeeLeave(actor, leave, now)) return refused("NOT_FOUND");
  const holderId = audit.leave.holderId;
  const suspended = suspensionCheck(actor, auditMachine.action!(command, { holderId } as AuditContext));
  if (suspended) return refused(suspended);
  const facts = factsOf(audit);
  const { state } = audit.stage;
  // Use-case rule: a step whose target lies behind the audit's state has been done.
  const target: Partial<Record<AuditCommand, AuditState>> = {
    approve_plan: "plan_approved",
    issue_notice: "notice_issued",
    draft_report: "report_drafted",
  };
  const goal = target[command];
  if (goal !== undefined && state !== "cancelled" && at(state) >= at(goal)) return refused("ALREADY_DONE");
  // Use-case rules: one opinion per person, one signature per person, a closed audit stays closed.
  if (command === "give_opinion" && facts.opinion !== null && actor.employeeId === holderId)
    return refused("ALREADY_DONE");
  if (command === "sign" && facts.signed && actor.employeeId === people.executive) return refused("ALREADY_DONE");
  if (command === "close" && state === "closed") return refused("ALREADY_DONE");
  const ctx: AuditContext = {
    actor,
    unitPath: SB1,
    holderId,
    substituteId: audit.leave.substituteId,
    leaveSealed: !isRevealed(leave, now),
    team:
      command === "form_team"
        ? [
            { employeeId: people.lead, role: "team_leader" },
            { employeeId: people.leader, role: "lead_auditor" },
          ]
        : team,
    items: facts.items,
    opinion: command === "give_opinion" ? { agrees: true, reason: "" } : facts.opinion,
    rectifications: facts.rectifications,
  };
  const event: AuditEvent = command;
  const decision = decide(auditMachine, state, event, ctx);
  if (!decision.ok) return refused(decision.code);
  if (command === "issue_notice") return { ok: true, to: "fieldwork" };
  if (command === "sign" && facts.rectifications.some((r) => r.status === "open"))
    return { ok: true, to: "rectifying" };
  return { ok: true, to: decision.to };
}

/** The audit states in which rectification items are raised and closed (checklist.card.ts says the same). */
const RECTIFIABLE: readonly AuditState[] = ["fieldwork", "report_drafted", "opinion_given", "signed", "rectifying"];

/** What the rules say `actor` gets for a rectification command on `audit` (its item, for `close`). */
export function expectedRectification(
  command: RectificationCommand,
  actor: Actor | null,
  audit: CellAudit,
  people: AuditOracleIds,
  now: Date,
): Expected {
  if (actor === null) return refused("UNKNOWN_USER");
  const team = teamOf(audit.stage, people);
  const leave = visibility(audit, team);
  const visible = isRevealed(leave, now) || canSeeLeave(actor, leave, now);
  const { state } = audit.stage;
  const ctx = { actor, unitPath: SB1, ownerId: people.ownerId, auditTeam: team, note: "matrix: done" };
  if (command === "open") {
    if (!visible) return refused("NOT_FOUND");
    const suspended = suspensionCheck(actor, { name: "rectification.open" });
    if (suspended) return refused(suspended);
    if (!RECTIFIABLE.includes(state)) return refused("INVALID_TRANSITION");
    // Use-case rule: the finding named must exist (the world records one during fieldwork).
    if (!factsOf(audit).finding) return refused("NOT_FOUND");
    const decision = decide(rectificationMachine, NEW, "open", ctx);
    if (!decision.ok) return refused(decision.code);
    return { ok: true, to: state === "signed" ? "rectifying" : state };
  }
  // Use-case rule (close-rectification.ts): the suspension is checked before the item is looked up.
  const suspended = suspensionCheck(actor, { name: "rectification.close" });
  if (suspended) return refused(suspended);
  const item = audit.rectification;
  if (item === null) throw new Error("close needs a rectification item");
  if (!visible) return refused("NOT_FOUND");
  if (item.status === "closed") return refused("ALREADY_DONE");
  const decision = decide(rectificationMachine, item.status, "close", ctx);
  if (!decision.ok) return refused(decision.code);
  if (!RECTIFIABLE.includes(state)) return refused("INVALID_TRANSITION");
  return { ok: true, to: state };
}

/** The raw input of a command on a cell's audit; `n` makes each free text new (no twin is ever sent). */
export function auditInputOf(command: AuditCommand, audit: CellAudit, n: number): Record<string, unknown> {
  const auditId = audit.auditId;
  switch (command) {
    case "form_team":
      return {
        auditId,
        team: [
          { person: LEAD, role: "team_leader" },
          { person: LEADER, role: "lead_auditor" },
        ],
      };
    case "draft_plan":
      return { auditId, plan: `matrix plan ${n}` };
    case "reject_plan":
      return { auditId, reason: `matrix reason ${n}` };
    case "mark_item":
      return { auditId, seq: 1, result: "not_applicable", note: `matrix note ${n}` };
    case "record_finding":
      return { auditId, severity: "low", description: `matrix finding ${n}` };
    case "draft_report":
      return { auditId, report: `matrix report ${n}` };
    case "give_opinion":
      return { auditId, agrees: true, reason: "" };
    default:
      return { auditId };
  }
}

export function rectificationInputOf(
  command: RectificationCommand,
  audit: CellAudit,
  n: number,
): Record<string, unknown> {
  if (command === "open")
    return {
      auditId: audit.auditId,
      findingSeq: 1,
      owner: OWNER_CODE,
      dueDate: "2026-04-30",
      description: `matrix rectification ${n}`,
    };
  return { rectificationId: audit.rectification!.id, note: "matrix: done" };
}

function must(outcome: Outcome, step: string): void {
  if (!outcome.ok) throw new Error(`${step} refused: ${outcome.code} ${JSON.stringify(outcome.detail ?? {})}`);
}

/** A new post's sealed leave and its audit, driven through the real use cases to `stage`. */
export async function auditIn(world: MatrixWorld, stage: AuditStage): Promise<CellAudit> {
  const p = world.db.prisma;
  const ids = world.bank.ids;
  const leave = await world.leaveIn(leaveStateOf(stage) === "audit" ? "handed_over" : leaveStateOf(stage), {
    formTeam: stage.state !== "requested",
  });
  const auditId = (await p.audit.findFirstOrThrow({ where: { leaveId: leave.leaveId! } })).id;
  const { state } = stage;
  const past = (s: AuditState) => state !== "cancelled" && at(state) >= at(s);
  const run = async (useCase: UseCase<unknown>, raw: unknown, personId: string, step: string) =>
    must(await world.run(useCase, raw, personId), step);
  let rectification: CellAudit["rectification"] = null;
  const asUseCase = (u: unknown) => u as UseCase<unknown>;
  if (past("plan_drafted")) await run(asUseCase(draftPlan), { auditId, plan: "world plan" }, ids.leader, "draft");
  if (past("plan_approved")) await run(asUseCase(approvePlan), { auditId }, ids.complianceHead, "approve");
  if (past("fieldwork")) {
    await run(asUseCase(issueNotice), { auditId }, ids.leader, "issue the notice");
    for (const seq of [1, 2, 3])
      await run(asUseCase(markItem), { auditId, seq, result: "pass" }, ids.leader, `mark ${seq}`);
    await run(
      asUseCase(addFinding),
      { auditId, severity: "medium", description: "world finding" },
      ids.leader,
      "finding",
    );
  }
  if (state === "rectifying" || state === "closed") {
    await run(
      asUseCase(addRectification),
      { auditId, findingSeq: 1, owner: OWNER_CODE, dueDate: "2026-04-30" },
      ids.leader,
      "raise a rectification",
    );
    const row = await p.rectification.findFirstOrThrow({ where: { auditId } });
    rectification = { id: row.id, status: "open" };
  }
  if (past("report_drafted"))
    await run(asUseCase(draftReport), { auditId, report: "world report" }, ids.leader, "report");
  if (past("opinion_given"))
    await run(asUseCase(giveOpinion), { auditId, agrees: true, reason: "" }, leave.holderId, "opinion");
  if (past("signed")) await run(asUseCase(signReport), { auditId }, ids.executive, "sign");
  if (state === "closed") {
    await run(
      asUseCase(closeRectification),
      { rectificationId: rectification!.id, note: "world: done" },
      ids.manager,
      "close the item",
    );
    rectification = { id: rectification!.id, status: "closed" };
    await run(asUseCase(closeAudit), { auditId }, ids.compliance, "close");
  }
  world.kernel.clock.set(world.now().toISOString());
  const reached = await p.audit.findUniqueOrThrow({ where: { id: auditId } });
  if (reached.status !== state) throw new Error(`the world's audit reached ${reached.status}, not ${state}`);
  const leaveRow = await p.leave.findUniqueOrThrow({ where: { id: leave.leaveId! } });
  if (leaveRow.status !== leaveStateOf(stage))
    throw new Error(`the world's leave reached ${leaveRow.status}, not ${leaveStateOf(stage)}`);
  return { stage, auditId, leave, rectification };
}
