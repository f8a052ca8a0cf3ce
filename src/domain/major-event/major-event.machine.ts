// Major-event report (重大事项报告): filed → triaged → closed | leave_triggered.
// A staff member reports a personal event that raises risk; compliance in scope triages it, then
// closes it or asks HR for a triggered mandatory leave. The reporter hears that a report is closed,
// never that it triggered a leave: that leave is sealed until it starts.
import { notify } from "../machine/effects.ts";
import { byRole, notSelf } from "../machine/guards.ts";
import type { ScopedContext } from "../machine/guards.ts";
import type { Guard, Machine, Row } from "../machine/machine.ts";
import { NEW } from "../machine/machine.ts";

export const MAJOR_EVENT_STATES = ["filed", "triaged", "closed", "leave_triggered"] as const;
export type MajorEventState = (typeof MAJOR_EVENT_STATES)[number];

export const MAJOR_EVENT_EVENTS = ["file", "triage", "close", "trigger_leave"] as const;
export type MajorEventEvent = (typeof MAJOR_EVENT_EVENTS)[number];

export const MAJOR_EVENT_KINDS = [
  "family_change",
  "relative_business_loss",
  "large_debt",
  "legal_trouble",
  "other",
] as const;
export type MajorEventKind = (typeof MAJOR_EVENT_KINDS)[number];

export interface MajorEventContext extends ScopedContext {
  /** The reporter's home unit: compliance over it triages. */
  readonly unitPath: string;
  readonly reporterId: string;
}

/** Staff file their own reports. */
const byReporter: Guard<MajorEventContext> = (ctx) =>
  ctx.actor !== null && ctx.actor.employeeId === ctx.reporterId ? null : "NOT_A_PARTY";

const compliance = byRole("compliance", "compliance_head");
const notTheReporter = notSelf<MajorEventContext>((ctx) => ctx.reporterId);

export const MAJOR_EVENT_TABLE: readonly Row<MajorEventState, MajorEventEvent, MajorEventContext>[] = [
  { from: NEW, event: "file", to: "filed", guards: [byReporter], effects: [notify("compliance", "major_event_filed")] },
  { from: "filed", event: "triage", to: "triaged", guards: [compliance, notTheReporter], effects: [] },
  {
    from: "triaged",
    event: "close",
    to: "closed",
    guards: [compliance, notTheReporter],
    effects: [notify("reporter", "major_event_closed")],
  },
  {
    from: "triaged",
    event: "trigger_leave",
    to: "leave_triggered",
    guards: [compliance, notTheReporter],
    effects: [
      { kind: "require_leave", leaveKind: "triggered", trigger: "major_event" },
      notify("hr", "leave_required"),
    ],
  },
];

export const majorEventMachine: Machine<MajorEventState, MajorEventEvent, MajorEventContext> = {
  name: "major_event",
  states: MAJOR_EVENT_STATES,
  events: MAJOR_EVENT_EVENTS,
  table: MAJOR_EVENT_TABLE,
};
