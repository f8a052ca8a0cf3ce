// The authorization matrix of major-event reports, generated from the major-event machine's table:
// filing one's own report and compliance's three decisions × the matrix's roles × every state. The
// oracle is `decide` over MAJOR_EVENT_TABLE for an actor built from the role's description, plus the
// use-case rules the table does not hold, named here: a report is NOT_FOUND to anyone who is neither
// its reporter nor a compliance officer anywhere (it is personal); a decision on a filed report
// triages it first (closing or triggering a leave from `filed` is triage + the decision); an event
// that already happened is ALREADY_DONE. The holder of the leave matrix is the reporter here.
import { decide, NEW, type New } from "../../src/domain/machine/machine.ts";
import {
  majorEventMachine,
  type MajorEventEvent,
  type MajorEventState,
} from "../../src/domain/major-event/major-event.machine.ts";
import type { Actor } from "../../src/domain/access/roles.ts";
import { closeMajorEvent } from "../../src/app/major-event/close-major-event.ts";
import { fileMajorEvent } from "../../src/app/major-event/file-major-event.ts";
import { triageMajorEvent } from "../../src/app/major-event/triage-major-event.ts";
import { triggerLeaveFromMajorEvent } from "../../src/app/major-event/trigger-leave.ts";
import type { Expected } from "./leave-matrix.ts";

export const MAJOR_EVENT_COMMANDS = {
  file: fileMajorEvent,
  triage: triageMajorEvent,
  close: closeMajorEvent,
  trigger_leave: triggerLeaveFromMajorEvent,
} as const;
export type MajorEventCommand = keyof typeof MAJOR_EVENT_COMMANDS;

export const MAJOR_EVENT_MATRIX_STATES: readonly (MajorEventState | New)[] = [NEW, ...majorEventMachine.states];

const DONE_IN: Readonly<Record<MajorEventEvent, readonly MajorEventState[]>> = {
  file: [],
  triage: ["triaged", "closed", "leave_triggered"],
  close: ["closed"],
  trigger_leave: ["leave_triggered"],
};
const SB1 = "/HO/BR1/SB1/";

const refused = (code: string): Expected => ({ ok: false, code });

/** What the rules say `actor` gets for a command on a report by `reporterId` in `state` (NEW: their own new report). */
export function expectedMajorEvent(
  command: MajorEventCommand,
  actor: Actor | null,
  state: MajorEventState | New,
  reporterId: string,
): Expected {
  if (actor === null) return refused("UNKNOWN_USER");
  if (command === "file") {
    const decision = decide(majorEventMachine, NEW, "file", {
      actor,
      unitPath: actor.unitPath,
      reporterId: actor.employeeId,
    });
    return decision.ok ? { ok: true, to: null } : refused(decision.code);
  }
  if (state === NEW) throw new Error(`${command} needs a report`);
  const officer = actor.grants.some((g) => g.role === "compliance" || g.role === "compliance_head");
  if (!officer && actor.employeeId !== reporterId) return refused("NOT_FOUND");
  const ctx = { actor, unitPath: SB1, reporterId };
  const step = (from: MajorEventState, event: MajorEventEvent): { ok: true; to: MajorEventState } | Expected => {
    const decision = decide(majorEventMachine, from, event, ctx);
    if (decision.ok) return { ok: true, to: decision.to };
    return refused(
      decision.code === "INVALID_TRANSITION" && DONE_IN[event].includes(from) ? "ALREADY_DONE" : decision.code,
    );
  };
  let at: MajorEventState = state;
  if (state === "filed" && command !== "triage") {
    const triaged = step(state, "triage");
    if (!triaged.ok) return triaged;
    at = triaged.to as MajorEventState;
  }
  const last = step(at, command);
  return last.ok ? { ok: true, to: last.to } : last;
}
