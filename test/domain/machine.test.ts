import { describe, expect, it } from "vitest";
import { auditMachine } from "../../src/domain/audit/audit.machine.ts";
import { rectificationMachine } from "../../src/domain/audit/rectification.machine.ts";
import { DomainError, isDomainError } from "../../src/domain/errors.ts";
import { handoverMachine } from "../../src/domain/handover/handover.machine.ts";
import { leaveMachine } from "../../src/domain/leave/leave.machine.ts";
import type { Machine, MachineContext } from "../../src/domain/machine/machine.ts";
import { NEW, decide, decideOrThrow, eventsFrom, fromStates } from "../../src/domain/machine/machine.ts";
import { majorEventMachine } from "../../src/domain/major-event/major-event.machine.ts";
import { rotationMachine } from "../../src/domain/rotation/rotation.machine.ts";
import { onLeave, person } from "./people.ts";

// A toy machine to pin the engine's own behaviour.
type Light = "red" | "green";
type Press = "go" | "stop" | "create";
interface LightContext extends MachineContext {
  readonly broken: boolean;
  readonly late: boolean;
}
const light: Machine<Light, Press, LightContext> = {
  name: "light",
  states: ["red", "green"],
  events: ["go", "stop", "create"],
  table: [
    { from: NEW, event: "create", to: "red", guards: [], effects: [] },
    {
      from: "red",
      event: "go",
      to: "green",
      guards: [(ctx) => (ctx.broken ? "NOT_FOUND" : null), (ctx) => (ctx.late ? "STALE_ACTION" : null)],
      effects: [{ kind: "request_audit" }],
    },
    { from: ["red", "green"], event: "stop", to: "red", guards: [], effects: [] },
  ],
};
const ok: LightContext = { actor: person("someone"), broken: false, late: false };

describe("decide", () => {
  it("answers the row's target and effects", () => {
    expect(decide(light, "red", "go", ok)).toEqual({
      ok: true,
      from: "red",
      event: "go",
      to: "green",
      effects: [{ kind: "request_audit" }],
    });
  });

  it("refuses with INVALID_TRANSITION when no row leaves the state on the event", () => {
    expect(decide(light, "green", "go", ok)).toEqual({
      ok: false,
      from: "green",
      event: "go",
      code: "INVALID_TRANSITION",
    });
    expect(decide(light, "red", "create", ok)).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
  });

  it("creates from the NEW pseudo-state", () => {
    expect(decide(light, NEW, "create", ok)).toMatchObject({ ok: true, to: "red" });
  });

  it("matches a row listing several states", () => {
    expect(decide(light, "green", "stop", ok)).toMatchObject({ ok: true, to: "red" });
    expect(decide(light, "red", "stop", ok)).toMatchObject({ ok: true, to: "red" });
  });

  it("answers the first failing guard's code, in table order", () => {
    expect(decide(light, "red", "go", { ...ok, broken: true, late: true })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(decide(light, "red", "go", { ...ok, late: true })).toMatchObject({ ok: false, code: "STALE_ACTION" });
  });

  it("applies the suspension rule to every person, before the row's guards, and never to the system", () => {
    const away = { ...ok, actor: onLeave(person("someone")), broken: true };
    expect(decide(light, "red", "go", away)).toMatchObject({ ok: false, code: "SUSPENDED" });
    expect(decide(light, "red", "stop", away)).toMatchObject({ ok: false, code: "SUSPENDED" });
    expect(decide(light, "red", "stop", { ...ok, actor: null })).toMatchObject({ ok: true });
  });

  it("checks the transition exists before the suspension rule (a stale button says so)", () => {
    expect(decide(light, "green", "go", { ...ok, actor: onLeave(person("someone")) })).toMatchObject({
      code: "INVALID_TRANSITION",
    });
  });

  it("lets a machine name an exempt action on the actor's own business", () => {
    const lenient: Machine<Light, Press, LightContext> = {
      ...light,
      action: (event, ctx) =>
        event === "stop" ? { name: "acknowledge_own_notice", ownerId: ctx.actor?.employeeId ?? null } : { name: event },
    };
    const away = { ...ok, actor: onLeave(person("someone")) };
    expect(decide(lenient, "green", "stop", away)).toMatchObject({ ok: true });
    expect(decide(lenient, "red", "go", away)).toMatchObject({ ok: false, code: "SUSPENDED" });
  });

  it("decideOrThrow throws a DomainError carrying the code and where it happened", () => {
    expect(decideOrThrow(light, "red", "go", ok)).toEqual({ to: "green", effects: [{ kind: "request_audit" }] });
    let thrown: unknown;
    try {
      decideOrThrow(light, "green", "go", ok);
    } catch (error) {
      thrown = error;
    }
    expect(isDomainError(thrown)).toBe(true);
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe("INVALID_TRANSITION");
    expect((thrown as DomainError).detail).toEqual({ machine: "light", from: "green", event: "go" });
  });

  it("lists the events a state accepts", () => {
    expect(eventsFrom(light, "red")).toEqual(["go", "stop"]);
    expect(eventsFrom(light, NEW)).toEqual(["create"]);
  });
});

// Shape checks every machine's table must pass.
const MACHINES: readonly Machine<string, string, never>[] = [
  leaveMachine,
  handoverMachine,
  auditMachine,
  rectificationMachine,
  rotationMachine,
  majorEventMachine,
];

describe.each(MACHINES.map((m) => [m.name, m] as const))("the %s table", (_name, machine) => {
  it("has at most one row per (state, event)", () => {
    const seen = new Set<string>();
    for (const row of machine.table) {
      for (const from of fromStates(row)) {
        const key = `${from} ${row.event}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });

  it("names only its own states and events", () => {
    for (const row of machine.table) {
      for (const from of fromStates(row)) expect([NEW, ...machine.states]).toContain(from);
      expect(machine.states).toContain(row.to);
      expect(machine.events).toContain(row.event);
    }
  });

  it("uses every event it declares", () => {
    for (const event of machine.events)
      expect(
        machine.table.some((row) => row.event === event),
        event,
      ).toBe(true);
  });

  it("reaches every state it declares", () => {
    for (const state of machine.states)
      expect(
        machine.table.some((row) => row.to === state),
        state,
      ).toBe(true);
  });
});
