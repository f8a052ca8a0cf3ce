import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access/roles.ts";
import type { ReasonCode } from "../../src/domain/errors.ts";
import type { LeaveContext, LeaveEvent, LeaveState } from "../../src/domain/leave/leave.machine.ts";
import { LEAVE_EVENTS, LEAVE_STATES, hasStarted, isAway, leaveMachine } from "../../src/domain/leave/leave.machine.ts";
import type { New } from "../../src/domain/machine/machine.ts";
import { NEW, decide, fromStates } from "../../src/domain/machine/machine.ts";
import type { Expected } from "./matrix.ts";
import { matrix } from "./matrix.ts";
import {
  UNIT,
  compliance,
  complianceHead,
  everyRole,
  holder,
  hr,
  hrElsewhere,
  manager,
  onLeave,
  stranger,
  substitute,
} from "./people.ts";

function ctx(patch: Partial<LeaveContext> = {}): LeaveContext {
  return {
    actor: hr,
    unitPath: UNIT,
    holderId: holder.employeeId,
    substitute: { employeeId: substitute.employeeId, onLeave: false },
    workingDays: 10,
    leadWorkingDays: 2,
    policy: { minWorkingDays: 10, complianceLeadWorkingDays: 2 },
    handoverConfirmed: true,
    seriousFindings: true,
    ...patch,
  };
}

const EXPECTED: Expected<LeaveState, LeaveEvent> = {
  new: { plan: "planned" },
  planned: { assign_substitute: "planned", record_compliance_notice: "compliance_notified", cancel: "cancelled" },
  compliance_notified: { assign_substitute: "compliance_notified", start: "started", cancel: "cancelled" },
  started: { record_handover: "handed_over" },
  handed_over: { begin_audit: "audit", return: "returning" },
  audit: { extend: "audit", return: "returning" },
  returning: { close: "closed" },
  closed: {},
  cancelled: {},
};

/** Who fires each event in the happy matrix (null: the system). */
const ACTOR: Record<LeaveEvent, Actor | null> = {
  plan: hr,
  assign_substitute: hr,
  record_compliance_notice: null,
  start: null,
  record_handover: null,
  begin_audit: null,
  extend: compliance,
  return: null,
  close: null,
  cancel: hr,
};

describe("leave: every state × every event", () => {
  it.each(matrix(LEAVE_STATES, LEAVE_EVENTS, EXPECTED))("$state + $event → $to", ({ state, event, to }) => {
    const decision = decide(leaveMachine, state, event, ctx({ actor: ACTOR[event] }));
    if (to === undefined) expect(decision).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    else expect(decision).toMatchObject({ ok: true, to });
  });

  it.each(matrix(LEAVE_STATES, LEAVE_EVENTS, EXPECTED))(
    "$state + $event by a person on leave is SUSPENDED",
    ({ state, event, to }) => {
      const decision = decide(leaveMachine, state, event, ctx({ actor: onLeave(everyRole) }));
      expect(decision).toMatchObject({ ok: false, code: to === undefined ? "INVALID_TRANSITION" : "SUSPENDED" });
    },
  );
});

const refusals: readonly (readonly [string, LeaveState | New, LeaveEvent, Partial<LeaveContext>, ReasonCode | null])[] =
  [
    ["plan by someone with no role", NEW, "plan", { actor: stranger }, "NOT_AUTHORISED"],
    ["plan by compliance (HR plans)", NEW, "plan", { actor: compliance }, "NOT_AUTHORISED"],
    ["plan by HR of another branch", NEW, "plan", { actor: hrElsewhere }, "OUT_OF_SCOPE"],
    ["plan by the system", NEW, "plan", { actor: null }, "NOT_AUTHORISED"],
    ["plan by HR of their own leave", NEW, "plan", { holderId: hr.employeeId }, "SEPARATION_OF_DUTIES"],
    ["plan one working day short", NEW, "plan", { workingDays: 9 }, "LEAVE_TOO_SHORT"],
    ["plan exactly the minimum", NEW, "plan", { workingDays: 10 }, null],
    ["plan with an unknown length", NEW, "plan", { workingDays: Number.NaN }, "LEAVE_TOO_SHORT"],
    ["plan one working day too late for compliance", NEW, "plan", { leadWorkingDays: 1 }, "LEAD_TIME_TOO_SHORT"],
    [
      "plan with no lead under a zero-lead policy",
      NEW,
      "plan",
      { leadWorkingDays: 0, policy: { minWorkingDays: 10, complianceLeadWorkingDays: 0 } },
      null,
    ],
    [
      "plan short and late: length is checked first",
      NEW,
      "plan",
      { workingDays: 1, leadWorkingDays: 0 },
      "LEAVE_TOO_SHORT",
    ],
    [
      "plan with the holder as substitute",
      NEW,
      "plan",
      { substitute: { employeeId: holder.employeeId, onLeave: false } },
      "SUBSTITUTE_IS_HOLDER",
    ],
    [
      "plan with a substitute on leave",
      NEW,
      "plan",
      { substitute: { employeeId: substitute.employeeId, onLeave: true } },
      "SUBSTITUTE_ON_LEAVE",
    ],
    ["plan with no substitute yet", NEW, "plan", { substitute: null }, null],
    ["assign no substitute", "planned", "assign_substitute", { substitute: null }, "SUBSTITUTE_MISSING"],
    [
      "assign the holder",
      "compliance_notified",
      "assign_substitute",
      { substitute: { employeeId: holder.employeeId, onLeave: false } },
      "SUBSTITUTE_IS_HOLDER",
    ],
    ["assign by a manager", "planned", "assign_substitute", { actor: manager }, "NOT_AUTHORISED"],
    ["compliance records the notice", "planned", "record_compliance_notice", { actor: compliance }, null],
    ["HR records the notice", "planned", "record_compliance_notice", { actor: hr }, null],
    ["a manager records the notice", "planned", "record_compliance_notice", { actor: manager }, "NOT_AUTHORISED"],
    [
      "start with no substitute",
      "compliance_notified",
      "start",
      { actor: null, substitute: null },
      "SUBSTITUTE_MISSING",
    ],
    [
      "start with the substitute gone on leave",
      "compliance_notified",
      "start",
      { actor: null, substitute: { employeeId: substitute.employeeId, onLeave: true } },
      "SUBSTITUTE_ON_LEAVE",
    ],
    ["HR starts it by hand", "compliance_notified", "start", { actor: hr }, null],
    ["a manager starts it", "compliance_notified", "start", { actor: manager }, "NOT_AUTHORISED"],
    [
      "handed over before both confirmed",
      "started",
      "record_handover",
      { actor: null, handoverConfirmed: false },
      "HANDOVER_INCOMPLETE",
    ],
    ["HR begins the audit", "handed_over", "begin_audit", { actor: hr }, "NOT_AUTHORISED"],
    ["compliance head begins the audit", "handed_over", "begin_audit", { actor: complianceHead }, null],
    ["extend with no serious finding", "audit", "extend", { seriousFindings: false }, "NO_SERIOUS_FINDINGS"],
    ["extend by HR", "audit", "extend", { actor: hr }, null],
    ["extend by a manager", "audit", "extend", { actor: manager }, "NOT_AUTHORISED"],
    ["extend by the system", "audit", "extend", { actor: null }, "NOT_AUTHORISED"],
    ["return by HR", "audit", "return", { actor: hr }, null],
    [
      "close before the hand-back is confirmed",
      "returning",
      "close",
      { actor: null, handoverConfirmed: false },
      "HANDOVER_INCOMPLETE",
    ],
    ["cancel by compliance", "compliance_notified", "cancel", { actor: compliance }, null],
    ["cancel by the compliance head", "planned", "cancel", { actor: complianceHead }, null],
    ["cancel by a manager", "planned", "cancel", { actor: manager }, "NOT_AUTHORISED"],
    ["cancel by the holder", "planned", "cancel", { actor: holder }, "NOT_AUTHORISED"],
    ["cancel by the system", "planned", "cancel", { actor: null }, "NOT_AUTHORISED"],
    ["cancel by HR who is on leave", "planned", "cancel", { actor: onLeave(hr) }, "SUSPENDED"],
  ];

describe("leave guards", () => {
  it.each(refusals)("%s", (_name, state, event, patch, code) => {
    const decision = decide(leaveMachine, state, event, ctx(patch));
    if (code === null) expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, code });
  });
});

describe("leave effects", () => {
  const effectsOf = (state: LeaveState | New, event: LeaveEvent, patch: Partial<LeaveContext> = {}) => {
    const decision = decide(leaveMachine, state, event, ctx({ actor: ACTOR[event], ...patch }));
    if (!decision.ok) throw new Error(`refused: ${decision.code}`);
    return decision.effects;
  };

  it("planning requests the audit and tells compliance, nobody else", () => {
    expect(effectsOf(NEW, "plan")).toEqual([
      { kind: "request_audit" },
      { kind: "notify", to: "compliance", notice: "leave_planned" },
    ]);
  });

  it("nothing before the start reaches the holder or the substitute (secrecy)", () => {
    for (const row of leaveMachine.table) {
      if (!fromStates(row).every((s) => s === NEW || s === "planned" || s === "compliance_notified")) continue;
      if (row.to === "started") continue;
      for (const effect of row.effects) {
        if (effect.kind === "notify") expect(["compliance", "hr"]).toContain(effect.to);
      }
    }
  });

  it("the start tells holder and substitute, suspends authority and opens the handover", () => {
    expect(effectsOf("compliance_notified", "start")).toEqual([
      { kind: "suspend_authority" },
      { kind: "open_handover", purpose: "leave_start" },
      { kind: "notify", to: "holder", notice: "leave_started" },
      { kind: "notify", to: "substitute", notice: "leave_cover_started" },
    ]);
  });

  it("the return restores authority and opens the hand-back", () => {
    expect(effectsOf("audit", "return")).toEqual([
      { kind: "restore_authority" },
      { kind: "open_handover", purpose: "leave_return" },
      { kind: "notify", to: "holder", notice: "leave_ending" },
      { kind: "notify", to: "substitute", notice: "hand_back_opened" },
    ]);
  });

  it("cancelling withdraws the audit request and tells compliance only", () => {
    expect(effectsOf("compliance_notified", "cancel")).toEqual([
      { kind: "cancel_audit" },
      { kind: "notify", to: "compliance", notice: "leave_cancelled" },
    ]);
  });

  it("an extension tells both holder and substitute", () => {
    expect(effectsOf("audit", "extend")).toEqual([
      { kind: "notify", to: "holder", notice: "leave_extended" },
      { kind: "notify", to: "substitute", notice: "leave_extended" },
    ]);
  });
});

describe("leave helpers", () => {
  it("the holder is away (suspended) from the start until the return", () => {
    const away = LEAVE_STATES.filter(isAway);
    expect(away).toEqual(["started", "handed_over", "audit"]);
  });

  it("a leave has started from `started` on, and a cancelled one never did", () => {
    expect(LEAVE_STATES.filter(hasStarted)).toEqual(["started", "handed_over", "audit", "returning", "closed"]);
  });
});
