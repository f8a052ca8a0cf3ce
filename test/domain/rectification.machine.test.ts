import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access/roles.ts";
import type { TeamMember } from "../../src/domain/access/separation.ts";
import type {
  RectificationContext,
  RectificationEvent,
  RectificationState,
} from "../../src/domain/audit/rectification.machine.ts";
import {
  RECTIFICATION_EVENTS,
  RECTIFICATION_STATES,
  rectificationMachine,
} from "../../src/domain/audit/rectification.machine.ts";
import type { ReasonCode } from "../../src/domain/errors.ts";
import type { New } from "../../src/domain/machine/machine.ts";
import { NEW, decide } from "../../src/domain/machine/machine.ts";
import type { Expected } from "./matrix.ts";
import { matrix } from "./matrix.ts";
import { UNIT, auditorInScope, everyRole, manager, member, onLeave, person, stranger, teamLeader } from "./people.ts";

const team: readonly TeamMember[] = [
  { employeeId: teamLeader.employeeId, role: "team_leader" },
  { employeeId: member.employeeId, role: "member" },
];

function ctx(patch: Partial<RectificationContext> = {}): RectificationContext {
  return {
    actor: manager,
    unitPath: UNIT,
    ownerId: manager.employeeId,
    auditTeam: team,
    note: "seals re-registered",
    ...patch,
  };
}

const EXPECTED: Expected<RectificationState, RectificationEvent> = {
  new: { open: "open" },
  open: { close: "closed" },
  closed: {},
};

const ACTOR: Record<RectificationEvent, Actor | null> = { open: teamLeader, close: manager };

describe("rectification: every state × every event", () => {
  it.each(matrix(RECTIFICATION_STATES, RECTIFICATION_EVENTS, EXPECTED))(
    "$state + $event → $to",
    ({ state, event, to }) => {
      const decision = decide(rectificationMachine, state, event, ctx({ actor: ACTOR[event] }));
      if (to === undefined) expect(decision).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
      else expect(decision).toMatchObject({ ok: true, to });
    },
  );

  it.each(matrix(RECTIFICATION_STATES, RECTIFICATION_EVENTS, EXPECTED))(
    "$state + $event by a person on leave is SUSPENDED",
    ({ state, event, to }) => {
      const decision = decide(rectificationMachine, state, event, ctx({ actor: onLeave(everyRole) }));
      expect(decision).toMatchObject({ ok: false, code: to === undefined ? "INVALID_TRANSITION" : "SUSPENDED" });
    },
  );
});

const auditorElsewhere = person("auditor-br2", [["auditor", "/HO/BR2/"]]);

const refusals: readonly (readonly [
  string,
  RectificationState | New,
  RectificationEvent,
  Partial<RectificationContext>,
  ReasonCode | null,
])[] = [
  ["a team member raises an item", NEW, "open", { actor: member }, null],
  ["a stranger raises an item", NEW, "open", { actor: stranger }, "NOT_A_PARTY"],
  ["the system raises an item", NEW, "open", { actor: null }, "NOT_AUTHORISED"],
  ["an audit team member closes it", "open", "close", { actor: member }, null],
  ["an auditor in scope closes it", "open", "close", { actor: auditorInScope }, null],
  ["an auditor of another branch closes it", "open", "close", { actor: auditorElsewhere }, "NOT_A_PARTY"],
  ["a stranger closes it", "open", "close", { actor: stranger }, "NOT_A_PARTY"],
  ["the system closes it", "open", "close", { actor: null }, "NOT_AUTHORISED"],
  ["closed without a note", "open", "close", { note: "   " }, "NOTE_REQUIRED"],
  ["the owner, on leave, closes it", "open", "close", { actor: onLeave(manager) }, "SUSPENDED"],
];

describe("rectification guards", () => {
  it.each(refusals)("%s", (_name, state, event, patch, code) => {
    const decision = decide(rectificationMachine, state, event, ctx(patch));
    if (code === null) expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, code });
  });
});
