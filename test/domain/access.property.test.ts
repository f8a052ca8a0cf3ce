// Properties of the three rules that must hold whatever the data: separation of duties, suspension,
// secrecy. The oracles below are written from DOMAIN.md, not from the code under test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor, Grant } from "../../src/domain/access/roles.ts";
import { ROLES } from "../../src/domain/access/roles.ts";
import type { LeaveVisibility } from "../../src/domain/access/secrecy.ts";
import { canSeeLeave } from "../../src/domain/access/secrecy.ts";
import type { TeamMember } from "../../src/domain/access/separation.ts";
import { TEAM_ROLES, auditTeamCheck } from "../../src/domain/access/separation.ts";
import { EXEMPT_ACTIONS, suspensionCheck } from "../../src/domain/access/suspension.ts";
import type { AuditContext } from "../../src/domain/audit/audit.machine.ts";
import { auditMachine } from "../../src/domain/audit/audit.machine.ts";
import type { RectificationContext } from "../../src/domain/audit/rectification.machine.ts";
import { rectificationMachine } from "../../src/domain/audit/rectification.machine.ts";
import type { HandoverContext } from "../../src/domain/handover/handover.machine.ts";
import { handoverMachine } from "../../src/domain/handover/handover.machine.ts";
import type { LeaveContext } from "../../src/domain/leave/leave.machine.ts";
import { LEAVE_STATES, leaveMachine } from "../../src/domain/leave/leave.machine.ts";
import type { Machine } from "../../src/domain/machine/machine.ts";
import { decide, fromStates } from "../../src/domain/machine/machine.ts";
import type { MajorEventContext } from "../../src/domain/major-event/major-event.machine.ts";
import { majorEventMachine } from "../../src/domain/major-event/major-event.machine.ts";
import type { RotationContext } from "../../src/domain/rotation/rotation.machine.ts";
import { rotationMachine } from "../../src/domain/rotation/rotation.machine.ts";

const HOLDER = "holder";
const PEOPLE = [HOLDER, "substitute", "ann", "bo", "chen", "dana"] as const;
const UNIT = "/HO/BR1/SB1/";
/** Well-formed and malformed paths, in and out of the leave's unit. */
const PATHS = [
  "/",
  "/HO/",
  "/HO/BR1/",
  UNIT,
  "/HO/BR1/SB1/D1/",
  "/HO/BR10/",
  "/HO/BR2/",
  "/HO/BR1",
  "HO/",
  "",
] as const;
const INSIDERS = new Set(["hr", "compliance", "compliance_head"]);

const personArb = fc.constantFrom(...PEOPLE);
const grantArb: fc.Arbitrary<Grant> = fc.record({
  role: fc.constantFrom(...ROLES),
  unitPath: fc.constantFrom(...PATHS),
});
const actorArb = (onLeave: fc.Arbitrary<boolean>): fc.Arbitrary<Actor> =>
  fc.record({
    employeeId: personArb,
    unitPath: fc.constantFrom(...PATHS),
    grants: fc.array(grantArb, { maxLength: 6 }),
    onLeave,
  });
const teamArb: fc.Arbitrary<TeamMember[]> = fc.array(
  fc.record({ employeeId: personArb, role: fc.constantFrom(...TEAM_ROLES) }),
  { maxLength: 5 },
);

/** One context that satisfies every machine's context type; guards after suspension all pass. */
type AnyContext = LeaveContext &
  HandoverContext &
  AuditContext &
  RectificationContext &
  RotationContext &
  MajorEventContext;
function anyContext(actor: Actor | null, patch: Partial<AnyContext> = {}): AnyContext {
  return {
    actor,
    unitPath: UNIT,
    holderId: HOLDER,
    substitute: { employeeId: "substitute", onLeave: false },
    substituteId: "substitute",
    workingDays: 10,
    leadWorkingDays: 5,
    policy: { minWorkingDays: 5, complianceLeadWorkingDays: 2 },
    handoverConfirmed: true,
    seriousFindings: true,
    sheet: { status: "open", purpose: "rotation", fromId: HOLDER, toId: "substitute", witnessId: null, itemSeqs: [] },
    confirmations: [],
    leaveSealed: false,
    team: [
      { employeeId: "ann", role: "team_leader" },
      { employeeId: "bo", role: "lead_auditor" },
    ],
    items: [],
    opinion: { agrees: true, reason: "" },
    rectifications: [{ status: "closed" }],
    ownerId: "chen",
    auditTeam: [],
    note: "done",
    outgoingId: HOLDER,
    incomingId: "dana",
    limitPassed: true,
    reporterId: HOLDER,
    ...patch,
  };
}

const MACHINES: readonly Machine<string, string, AnyContext>[] = [
  leaveMachine,
  handoverMachine,
  auditMachine,
  rectificationMachine,
  rotationMachine,
  majorEventMachine,
];
/** Every transition of every machine, as (machine name, state, event): short counterexamples. */
const TRANSITIONS = MACHINES.flatMap((machine) =>
  machine.table.flatMap((row) => fromStates(row).map((state) => ({ name: machine.name, state, event: row.event }))),
);
function machineNamed(name: string): Machine<string, string, AnyContext> {
  const machine = MACHINES.find((m) => m.name === name);
  if (machine === undefined) throw new Error(`no machine named ${name}`);
  return machine;
}

describe("separation of duties, for every generated team", () => {
  it("a team the check accepts has one leader, one lead auditor, distinct people, and neither holder nor substitute", () => {
    fc.assert(
      fc.property(teamArb, fc.option(personArb, { nil: null }), (team, substituteId) => {
        if (auditTeamCheck(team, { holderId: HOLDER, substituteId }) !== null) return;
        const ids = team.map((m) => m.employeeId);
        expect(ids).not.toContain(HOLDER);
        if (substituteId !== null) expect(ids).not.toContain(substituteId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(team.filter((m) => m.role === "team_leader")).toHaveLength(1);
        expect(team.filter((m) => m.role === "lead_auditor")).toHaveLength(1);
      }),
      { numRuns: 2000 },
    );
  });

  it("a well-formed team of other people is accepted (the check is not vacuous)", () => {
    const others = PEOPLE.filter((p) => p !== HOLDER && p !== "substitute");
    fc.assert(
      fc.property(fc.shuffledSubarray(others, { minLength: 2 }), (ids) => {
        const team = ids.map((employeeId, i): TeamMember => ({
          employeeId,
          role: i === 0 ? "team_leader" : i === 1 ? "lead_auditor" : "member",
        }));
        expect(auditTeamCheck(team, { holderId: HOLDER, substituteId: "substitute" })).toBeNull();
      }),
    );
  });

  it("the audit machine forms only such teams", () => {
    fc.assert(
      fc.property(teamArb, actorArb(fc.boolean()), (team, actor) => {
        const decision = decide(auditMachine, "requested", "form_team", anyContext(actor, { team }));
        if (!decision.ok) return;
        const ids = team.map((m) => m.employeeId);
        expect(ids).not.toContain(HOLDER);
        expect(ids).not.toContain("substitute");
      }),
      { numRuns: 1000 },
    );
  });

  it("whoever signs is off the team and is not the holder", () => {
    fc.assert(
      fc.property(teamArb, actorArb(fc.boolean()), (team, signer) => {
        const decision = decide(auditMachine, "opinion_given", "sign", anyContext(signer, { team }));
        if (!decision.ok) return;
        expect(team.map((m) => m.employeeId)).not.toContain(signer.employeeId);
        expect(signer.employeeId).not.toBe(HOLDER);
      }),
      { numRuns: 1000 },
    );
  });

  it("a leave is planned and started only with a substitute who is not the holder and not on leave", () => {
    const candidate = fc.record({ employeeId: personArb, onLeave: fc.boolean() });
    fc.assert(
      fc.property(candidate, actorArb(fc.boolean()), (substitute, planner) => {
        const plan = decide(leaveMachine, "new", "plan", anyContext(planner, { substitute }));
        const start = decide(leaveMachine, "compliance_notified", "start", anyContext(null, { substitute }));
        for (const decision of [plan, start]) {
          if (!decision.ok) continue;
          expect(substitute.employeeId).not.toBe(HOLDER);
          expect(substitute.onLeave).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("suspension, for every actor on leave", () => {
  const actionName = fc.oneof(
    fc.constantFrom(...EXEMPT_ACTIONS),
    fc.constantFrom(...TRANSITIONS.map((t) => `${t.name}.${t.event}`)),
    fc.string(),
  );

  it("refuses every action except their own notice and their own audit opinion", () => {
    fc.assert(
      fc.property(
        actorArb(fc.constant(true)),
        actionName,
        fc.option(personArb, { nil: null }),
        (actor, name, ownerId) => {
          const allowed =
            (name === "acknowledge_own_notice" || name === "give_audit_opinion") && ownerId === actor.employeeId;
          expect(suspensionCheck(actor, { name, ownerId })).toBe(allowed ? null : "SUSPENDED");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("every machine refuses them every transition, except the holder's opinion on their own audit", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRANSITIONS), actorArb(fc.constant(true)), ({ name, state, event }, actor) => {
        const decision = decide(machineNamed(name), state, event, anyContext(actor));
        const exempt = name === "audit" && event === "give_opinion" && actor.employeeId === HOLDER;
        if (exempt) expect(decision.ok).toBe(true);
        else expect(decision).toMatchObject({ ok: false, code: "SUSPENDED" });
      }),
      { numRuns: 3000 },
    );
  });
});

describe("secrecy, for arbitrary viewers, roles and times", () => {
  const leaveArb = (statuses: readonly (typeof LEAVE_STATES)[number][]) =>
    fc.record({
      holderId: fc.constant(HOLDER),
      substituteId: fc.option(personArb, { nil: null }),
      unitPath: fc.constantFrom(UNIT, "/HO/BR1/", "/HO/BR2/"),
      sealed: fc.constant(true),
      status: fc.constantFrom(...statuses),
      startsAt: fc.integer({ min: 1, max: 4_000_000_000_000 }).map((ms) => new Date(ms)),
      auditTeam: fc.subarray([...PEOPLE]),
    });

  /** HR, compliance or compliance head with a grant whose path is a prefix of the leave's unit, or on its team. */
  const insider = (viewer: Actor, leave: LeaveVisibility) =>
    leave.auditTeam.includes(viewer.employeeId) ||
    viewer.grants.some((g) => INSIDERS.has(g.role) && g.unitPath !== "" && leave.unitPath.startsWith(g.unitPath));

  it("before its start, a sealed leave shows only to HR / compliance in scope and its team, never to the holder", () => {
    const beforeStart = leaveArb(LEAVE_STATES).chain((leave) =>
      fc
        .integer({ min: 1, max: 10 ** 10 })
        .map((early) => ({ leave, now: new Date(leave.startsAt.getTime() - early) })),
    );
    fc.assert(
      fc.property(actorArb(fc.boolean()), beforeStart, (viewer, { leave, now }) => {
        if (!canSeeLeave(viewer, leave, now)) return;
        expect(viewer.employeeId).not.toBe(HOLDER);
        expect(insider(viewer, leave)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("a sealed leave that never started (planned, compliance notified, cancelled) stays hidden at any time", () => {
    const anyTime = fc.integer({ min: 0, max: 5_000_000_000_000 }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(
        actorArb(fc.boolean()),
        leaveArb(["planned", "compliance_notified", "cancelled"]),
        anyTime,
        (viewer, leave, now) => {
          if (!canSeeLeave(viewer, leave, now)) return;
          expect(viewer.employeeId).not.toBe(HOLDER);
          expect(insider(viewer, leave)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("HR over the whole bank always sees it, sealed or not, when they are not its holder", () => {
    const anyTime = fc.integer({ min: 0, max: 5_000_000_000_000 }).map((ms) => new Date(ms));
    const notHolder = fc.constantFrom(...PEOPLE.filter((p) => p !== HOLDER));
    fc.assert(
      fc.property(notHolder, leaveArb(LEAVE_STATES), anyTime, (employeeId, leave, now) => {
        const officer: Actor = {
          employeeId,
          unitPath: "/HO/",
          grants: [{ role: "hr", unitPath: "/HO/" }],
          onLeave: false,
        };
        expect(canSeeLeave(officer, leave, now)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
