import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access/roles.ts";
import type { ReasonCode } from "../../src/domain/errors.ts";
import type { New } from "../../src/domain/machine/machine.ts";
import { NEW, decide } from "../../src/domain/machine/machine.ts";
import type {
  MajorEventContext,
  MajorEventEvent,
  MajorEventState,
} from "../../src/domain/major-event/major-event.machine.ts";
import {
  MAJOR_EVENT_EVENTS,
  MAJOR_EVENT_STATES,
  majorEventMachine,
} from "../../src/domain/major-event/major-event.machine.ts";
import type { Expected } from "./matrix.ts";
import { matrix } from "./matrix.ts";
import {
  UNIT,
  compliance,
  complianceHead,
  everyRole,
  holder,
  hr,
  manager,
  onLeave,
  person,
  stranger,
} from "./people.ts";

const reporter = holder;

function ctx(patch: Partial<MajorEventContext> = {}): MajorEventContext {
  return { actor: compliance, unitPath: UNIT, reporterId: reporter.employeeId, ...patch };
}

const EXPECTED: Expected<MajorEventState, MajorEventEvent> = {
  new: { file: "filed" },
  filed: { triage: "triaged" },
  triaged: { close: "closed", trigger_leave: "leave_triggered" },
  closed: {},
  leave_triggered: {},
};

const ACTOR: Record<MajorEventEvent, Actor | null> = {
  file: reporter,
  triage: compliance,
  close: compliance,
  trigger_leave: complianceHead,
};

describe("major-event report: every state × every event", () => {
  it.each(matrix(MAJOR_EVENT_STATES, MAJOR_EVENT_EVENTS, EXPECTED))("$state + $event → $to", ({ state, event, to }) => {
    const decision = decide(majorEventMachine, state, event, ctx({ actor: ACTOR[event] }));
    if (to === undefined) expect(decision).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    else expect(decision).toMatchObject({ ok: true, to });
  });

  it.each(matrix(MAJOR_EVENT_STATES, MAJOR_EVENT_EVENTS, EXPECTED))(
    "$state + $event by a person on leave is SUSPENDED",
    ({ state, event, to }) => {
      const decision = decide(majorEventMachine, state, event, ctx({ actor: onLeave(everyRole) }));
      expect(decision).toMatchObject({ ok: false, code: to === undefined ? "INVALID_TRANSITION" : "SUSPENDED" });
    },
  );
});

const complianceElsewhere = person("compliance-br2", [["compliance", "/HO/BR2/"]]);
const reportingOfficer = person(reporter.employeeId, [["compliance", "/HO/"]]);

const refusals: readonly (readonly [
  string,
  MajorEventState | New,
  MajorEventEvent,
  Partial<MajorEventContext>,
  ReasonCode | null,
])[] = [
  ["someone files a report for somebody else", NEW, "file", { actor: stranger }, "NOT_A_PARTY"],
  ["the system files a report", NEW, "file", { actor: null }, "NOT_A_PARTY"],
  ["the reporter on leave files one", NEW, "file", { actor: onLeave(reporter) }, "SUSPENDED"],
  ["HR triages", "filed", "triage", { actor: hr }, "NOT_AUTHORISED"],
  ["a manager triages", "filed", "triage", { actor: manager }, "NOT_AUTHORISED"],
  ["compliance of another branch triages", "filed", "triage", { actor: complianceElsewhere }, "OUT_OF_SCOPE"],
  [
    "a compliance officer triages their own report",
    "filed",
    "triage",
    { actor: reportingOfficer },
    "SEPARATION_OF_DUTIES",
  ],
  [
    "a compliance officer closes their own report",
    "triaged",
    "close",
    { actor: reportingOfficer },
    "SEPARATION_OF_DUTIES",
  ],
  ["the system triggers a leave", "triaged", "trigger_leave", { actor: null }, "NOT_AUTHORISED"],
];

describe("major-event guards", () => {
  it.each(refusals)("%s", (_name, state, event, patch, code) => {
    const decision = decide(majorEventMachine, state, event, ctx(patch));
    if (code === null) expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, code });
  });
});

describe("major-event effects", () => {
  it("a triggered leave goes to HR as a requirement and never to the reporter", () => {
    const decision = decide(majorEventMachine, "triaged", "trigger_leave", ctx());
    expect(decision).toMatchObject({
      ok: true,
      effects: [
        { kind: "require_leave", leaveKind: "triggered", trigger: "major_event" },
        { kind: "notify", to: "hr", notice: "leave_required" },
      ],
    });
  });

  it("filing tells compliance", () => {
    expect(decide(majorEventMachine, NEW, "file", ctx({ actor: reporter }))).toMatchObject({
      ok: true,
      effects: [{ kind: "notify", to: "compliance", notice: "major_event_filed" }],
    });
  });
});
