import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access/roles.ts";
import type { TeamMember } from "../../src/domain/access/separation.ts";
import type { AuditContext, AuditEvent, AuditState } from "../../src/domain/audit/audit.machine.ts";
import { AUDIT_EVENTS, AUDIT_STATES, auditMachine } from "../../src/domain/audit/audit.machine.ts";
import {
  checkItemMark,
  checkOpinion,
  hasSeriousFindings,
  openRectifications,
  pendingItems,
} from "../../src/domain/audit/checklist.ts";
import type { ReasonCode } from "../../src/domain/errors.ts";
import type { New } from "../../src/domain/machine/machine.ts";
import { NEW, decide } from "../../src/domain/machine/machine.ts";
import type { Expected } from "./matrix.ts";
import { matrix } from "./matrix.ts";
import {
  UNIT,
  auditorInScope,
  compliance,
  complianceHead,
  everyRole,
  executive,
  holder,
  hr,
  leadAuditor,
  manager,
  member,
  onLeave,
  person,
  stranger,
  substitute,
  teamLeader,
} from "./people.ts";

const team: readonly TeamMember[] = [
  { employeeId: teamLeader.employeeId, role: "team_leader" },
  { employeeId: leadAuditor.employeeId, role: "lead_auditor" },
  { employeeId: member.employeeId, role: "member" },
];

function ctx(patch: Partial<AuditContext> = {}): AuditContext {
  return {
    actor: teamLeader,
    unitPath: UNIT,
    holderId: holder.employeeId,
    substituteId: substitute.employeeId,
    leaveSealed: false,
    team,
    items: [
      { seq: 1, result: "pass" },
      { seq: 2, result: "exception" },
      { seq: 3, result: "not_applicable" },
    ],
    opinion: { agrees: true, reason: "" },
    rectifications: [{ status: "closed" }],
    ...patch,
  };
}

const EXPECTED: Expected<AuditState, AuditEvent> = {
  new: { request: "requested" },
  requested: { form_team: "team_formed", cancel: "cancelled" },
  team_formed: { form_team: "team_formed", draft_plan: "plan_drafted", cancel: "cancelled" },
  plan_drafted: {
    draft_plan: "plan_drafted",
    reject_plan: "team_formed",
    approve_plan: "plan_approved",
    cancel: "cancelled",
  },
  plan_approved: { issue_notice: "notice_issued", cancel: "cancelled" },
  notice_issued: { start_fieldwork: "fieldwork" },
  fieldwork: { mark_item: "fieldwork", record_finding: "fieldwork", draft_report: "report_drafted" },
  report_drafted: { give_opinion: "opinion_given" },
  opinion_given: { sign: "signed" },
  signed: { start_rectification: "rectifying", close: "closed" },
  rectifying: { close: "closed" },
  closed: {},
  cancelled: {},
};

const ACTOR: Record<AuditEvent, Actor | null> = {
  request: null,
  form_team: compliance,
  draft_plan: teamLeader,
  reject_plan: complianceHead,
  approve_plan: complianceHead,
  issue_notice: leadAuditor,
  start_fieldwork: member,
  mark_item: member,
  record_finding: member,
  draft_report: leadAuditor,
  give_opinion: holder,
  sign: executive,
  start_rectification: null,
  close: null,
  cancel: compliance,
};

describe("audit: every state × every event", () => {
  it.each(matrix(AUDIT_STATES, AUDIT_EVENTS, EXPECTED))("$state + $event → $to", ({ state, event, to }) => {
    const decision = decide(auditMachine, state, event, ctx({ actor: ACTOR[event] }));
    if (to === undefined) expect(decision).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    else expect(decision).toMatchObject({ ok: true, to });
  });

  it.each(matrix(AUDIT_STATES, AUDIT_EVENTS, EXPECTED))(
    "$state + $event by a person on leave is SUSPENDED",
    ({ state, event, to }) => {
      const decision = decide(auditMachine, state, event, ctx({ actor: onLeave(everyRole) }));
      expect(decision).toMatchObject({ ok: false, code: to === undefined ? "INVALID_TRANSITION" : "SUSPENDED" });
    },
  );

  it.each(matrix(AUDIT_STATES, AUDIT_EVENTS, EXPECTED))(
    "$state + $event by the holder on leave: only the opinion on their own audit",
    ({ state, event, to }) => {
      const decision = decide(auditMachine, state, event, ctx({ actor: onLeave(holder) }));
      if (to === undefined) expect(decision).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
      else if (event === "give_opinion") expect(decision).toMatchObject({ ok: true, to });
      else expect(decision).toMatchObject({ ok: false, code: "SUSPENDED" });
    },
  );
});

const leader = (employeeId: string): TeamMember => ({ employeeId, role: "team_leader" });
const lead = (employeeId: string): TeamMember => ({ employeeId, role: "lead_auditor" });
const plain = (employeeId: string): TeamMember => ({ employeeId, role: "member" });
const complianceElsewhere = person("compliance-br2", [["compliance", "/HO/BR2/"]]);
const executiveElsewhere = person("vp-br2", [["executive", "/HO/BR2/"]]);

const refusals: readonly (readonly [string, AuditState | New, AuditEvent, Partial<AuditContext>, ReasonCode | null])[] =
  [
    ["HR requests it by hand", NEW, "request", { actor: hr }, null],
    ["a manager requests it", NEW, "request", { actor: manager }, "NOT_AUTHORISED"],
    ["HR forms the team", "requested", "form_team", { actor: hr }, "NOT_AUTHORISED"],
    ["compliance of another branch forms it", "requested", "form_team", { actor: complianceElsewhere }, "OUT_OF_SCOPE"],
    ["the compliance head forms it", "requested", "form_team", { actor: complianceHead }, null],
    [
      "a team with the holder",
      "requested",
      "form_team",
      { actor: compliance, team: [...team, plain(holder.employeeId)] },
      "AUDITOR_CONFLICT",
    ],
    [
      "a team led by the substitute",
      "requested",
      "form_team",
      { actor: compliance, team: [leader(substitute.employeeId), lead("a")] },
      "AUDITOR_CONFLICT",
    ],
    [
      "a team with no lead auditor",
      "requested",
      "form_team",
      { actor: compliance, team: [leader("a"), plain("b")] },
      "TEAM_INCOMPLETE",
    ],
    ["an empty team", "requested", "form_team", { actor: compliance, team: [] }, "TEAM_INCOMPLETE"],
    [
      "a team with two leaders",
      "team_formed",
      "form_team",
      { actor: compliance, team: [leader("a"), leader("b"), lead("c")] },
      "TEAM_INVALID",
    ],
    [
      "a person twice on the team",
      "team_formed",
      "form_team",
      { actor: compliance, team: [leader("a"), lead("a")] },
      "TEAM_INVALID",
    ],
    ["a member drafts the plan", "team_formed", "draft_plan", { actor: member }, "NOT_AUTHORISED"],
    ["someone off the team drafts the plan", "team_formed", "draft_plan", { actor: auditorInScope }, "NOT_A_PARTY"],
    ["the system drafts the plan", "team_formed", "draft_plan", { actor: null }, "NOT_AUTHORISED"],
    [
      "compliance (not its head) approves the plan",
      "plan_drafted",
      "approve_plan",
      { actor: compliance },
      "NOT_AUTHORISED",
    ],
    [
      "the compliance head approves their own team's plan",
      "plan_drafted",
      "approve_plan",
      { actor: complianceHead, team: [...team, plain(complianceHead.employeeId)] },
      "SEPARATION_OF_DUTIES",
    ],
    ["a team leader rejects the plan", "plan_drafted", "reject_plan", { actor: teamLeader }, "NOT_AUTHORISED"],
    ["the notice while the leave is sealed", "plan_approved", "issue_notice", { leaveSealed: true }, "LEAVE_SEALED"],
    ["a member issues the notice", "plan_approved", "issue_notice", { actor: member }, "NOT_AUTHORISED"],
    ["a stranger starts fieldwork", "notice_issued", "start_fieldwork", { actor: stranger }, "NOT_A_PARTY"],
    ["an auditor off the team marks an item", "fieldwork", "mark_item", { actor: auditorInScope }, "NOT_A_PARTY"],
    [
      "the report with an item pending",
      "fieldwork",
      "draft_report",
      {
        items: [
          { seq: 1, result: "pass" },
          { seq: 2, result: "pending" },
        ],
      },
      "CHECKLIST_INCOMPLETE",
    ],
    ["the report on an empty checklist", "fieldwork", "draft_report", { items: [] }, null],
    ["the team leader gives the opinion", "report_drafted", "give_opinion", { actor: teamLeader }, "NOT_A_PARTY"],
    ["the system gives the opinion", "report_drafted", "give_opinion", { actor: null }, "NOT_A_PARTY"],
    [
      "the holder gives no opinion",
      "report_drafted",
      "give_opinion",
      { actor: holder, opinion: null },
      "OPINION_REQUIRED",
    ],
    [
      "the holder disagrees without reasons",
      "report_drafted",
      "give_opinion",
      { actor: holder, opinion: { agrees: false, reason: "  " } },
      "REASON_REQUIRED",
    ],
    [
      "the holder disagrees with reasons",
      "report_drafted",
      "give_opinion",
      { actor: holder, opinion: { agrees: false, reason: "item 2 was approved" } },
      null,
    ],
    ["the holder on leave agrees", "report_drafted", "give_opinion", { actor: onLeave(holder) }, null],
    [
      "an executive on the team signs",
      "opinion_given",
      "sign",
      { actor: executive, team: [...team, plain(executive.employeeId)] },
      "SIGNER_ON_TEAM",
    ],
    [
      "an executive signs their own audit",
      "opinion_given",
      "sign",
      { actor: executive, holderId: executive.employeeId },
      "SEPARATION_OF_DUTIES",
    ],
    ["an executive of another branch signs", "opinion_given", "sign", { actor: executiveElsewhere }, "OUT_OF_SCOPE"],
    ["the compliance head signs", "opinion_given", "sign", { actor: complianceHead }, "NOT_AUTHORISED"],
    ["an executive on leave signs", "opinion_given", "sign", { actor: onLeave(executive) }, "SUSPENDED"],
    [
      "rectifying with nothing to rectify",
      "signed",
      "start_rectification",
      { actor: null, rectifications: [] },
      "NOTHING_TO_RECTIFY",
    ],
    [
      "closing with a rectification open",
      "signed",
      "close",
      { actor: null, rectifications: [{ status: "open" }] },
      "RECTIFICATION_OPEN",
    ],
    [
      "closing while rectifying, one still open",
      "rectifying",
      "close",
      { actor: compliance, rectifications: [{ status: "closed" }, { status: "open" }] },
      "RECTIFICATION_OPEN",
    ],
    ["closing with no rectification at all", "signed", "close", { actor: null, rectifications: [] }, null],
    ["the team leader closes it", "rectifying", "close", { actor: teamLeader }, "NOT_AUTHORISED"],
    ["the team leader cancels it", "requested", "cancel", { actor: teamLeader }, "NOT_AUTHORISED"],
    ["the system cancels it with its leave", "plan_approved", "cancel", { actor: null }, null],
  ];

describe("audit guards", () => {
  it.each(refusals)("%s", (_name, state, event, patch, code) => {
    const decision = decide(auditMachine, state, event, ctx(patch));
    if (code === null) expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, code });
  });
});

describe("audit effects", () => {
  const effectsOf = (state: AuditState | New, event: AuditEvent) => {
    const decision = decide(auditMachine, state, event, ctx({ actor: ACTOR[event] }));
    if (!decision.ok) throw new Error(`refused: ${decision.code}`);
    return decision.effects;
  };

  it("nothing before the notice reaches the holder or their manager", () => {
    const early: readonly (readonly [AuditState | New, AuditEvent])[] = [
      [NEW, "request"],
      ["requested", "form_team"],
      ["team_formed", "draft_plan"],
      ["plan_drafted", "approve_plan"],
      ["plan_drafted", "reject_plan"],
      ["requested", "cancel"],
    ];
    for (const [state, event] of early) {
      for (const effect of effectsOf(state, event)) {
        if (effect.kind === "notify") expect(["holder", "manager", "substitute"]).not.toContain(effect.to);
      }
    }
  });

  it("the notice goes to the holder and the manager", () => {
    expect(effectsOf("plan_approved", "issue_notice")).toEqual([
      { kind: "notify", to: "holder", notice: "audit_notice" },
      { kind: "notify", to: "manager", notice: "audit_notice" },
    ]);
  });

  it("the opinion sends the report to the executive to sign", () => {
    expect(effectsOf("report_drafted", "give_opinion")).toContainEqual({
      kind: "notify",
      to: "executive",
      notice: "audit_report_to_sign",
    });
  });

  it("rectification owners hear of their items when rectification starts", () => {
    expect(effectsOf("signed", "start_rectification")).toEqual([
      { kind: "notify", to: "rectification_owners", notice: "rectification_assigned" },
    ]);
  });
});

describe("checklist helpers", () => {
  it("an exception needs a note; pass and not applicable do not", () => {
    expect(checkItemMark("exception", "")).toBe("NOTE_REQUIRED");
    expect(checkItemMark("exception", " \n")).toBe("NOTE_REQUIRED");
    expect(checkItemMark("exception", "voucher 12 unsigned")).toBeNull();
    expect(checkItemMark("pass", "")).toBeNull();
    expect(checkItemMark("not_applicable", "")).toBeNull();
  });

  it("lists the items still pending", () => {
    expect(
      pendingItems([
        { seq: 1, result: "pass" },
        { seq: 2, result: "pending" },
        { seq: 3, result: "pending" },
      ]),
    ).toEqual([2, 3]);
  });

  it("high and critical findings are serious", () => {
    expect(hasSeriousFindings([{ severity: "low" }, { severity: "medium" }])).toBe(false);
    expect(hasSeriousFindings([{ severity: "low" }, { severity: "high" }])).toBe(true);
    expect(hasSeriousFindings([{ severity: "critical" }])).toBe(true);
    expect(hasSeriousFindings([])).toBe(false);
  });

  it("an opinion is required, and reasons when disagreeing", () => {
    expect(checkOpinion(null)).toBe("OPINION_REQUIRED");
    expect(checkOpinion({ agrees: true, reason: "" })).toBeNull();
    expect(checkOpinion({ agrees: false, reason: "" })).toBe("REASON_REQUIRED");
    expect(checkOpinion({ agrees: false, reason: "the loan was approved by the committee" })).toBeNull();
  });

  it("keeps the open rectifications", () => {
    const items = [
      { id: "r1", status: "open" as const },
      { id: "r2", status: "closed" as const },
    ];
    expect(openRectifications(items)).toEqual([{ id: "r1", status: "open" }]);
  });
});
