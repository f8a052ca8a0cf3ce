// A tiny engine for state machines written as data. A machine is a table of rows
// { from, event, to, guards, effects }; `decide` finds the row leaving `state` on `event`, runs the
// suspension rule for the actor, then the row's guards in order, and answers with the target state
// and the effects to carry out, or with the first reason code that refuses it. Pure: no I/O, no clock.
import type { ActorAction } from "../access/suspension.ts";
import { suspensionCheck } from "../access/suspension.ts";
import type { Actor } from "../access/roles.ts";
import type { ReasonCode } from "../errors.ts";
import { DomainError } from "../errors.ts";
import type { Effect } from "./effects.ts";

/** The pseudo-state before a subject exists: rows from NEW create it (never stored). */
export type New = "new";
export const NEW: New = "new";

/** Every context names who performs the event; null is the system (a scheduler tick, a cascade). */
export interface MachineContext {
  readonly actor: Actor | null;
}

/** A pure check of the context: null lets the transition pass, a code refuses it. */
export type Guard<C> = (ctx: C) => ReasonCode | null;

export interface Row<S extends string, E extends string, C> {
  readonly from: S | New | readonly (S | New)[];
  readonly event: E;
  readonly to: S;
  readonly guards: readonly Guard<C>[];
  readonly effects: readonly Effect[];
}

export interface Machine<S extends string, E extends string, C extends MachineContext> {
  readonly name: string;
  readonly states: readonly S[];
  readonly events: readonly E[];
  /** At most one row per (state, event): the test suite checks it for every machine. */
  readonly table: readonly Row<S, E, C>[];
  /**
   * How an actor's event reads to the suspension rule. Default: `<machine>.<event>` with no owner,
   * which no suspended actor may do. Only an exempt action on the actor's own business passes.
   * (A method, so that a machine can be listed among others as a Machine<string, string, …>.)
   */
  action?(event: E, ctx: C): ActorAction;
}

export type Decision<S extends string, E extends string> =
  | {
      readonly ok: true;
      readonly from: S | New;
      readonly event: E;
      readonly to: S;
      readonly effects: readonly Effect[];
    }
  | { readonly ok: false; readonly from: S | New; readonly event: E; readonly code: ReasonCode };

export function fromStates<S extends string, E extends string, C>(row: Row<S, E, C>): readonly (S | New)[] {
  return typeof row.from === "string" ? [row.from] : row.from;
}

export function findRow<S extends string, E extends string, C extends MachineContext>(
  machine: Machine<S, E, C>,
  state: S | New,
  event: E,
): Row<S, E, C> | undefined {
  return machine.table.find((row) => row.event === event && fromStates(row).includes(state));
}

/** The suspension rule, applied by the engine to every event a person performs. */
export function suspensionGuard<S extends string, E extends string, C extends MachineContext>(
  machine: Machine<S, E, C>,
  event: E,
): Guard<C> {
  return (ctx) => {
    if (ctx.actor === null) return null;
    const action = machine.action?.(event, ctx) ?? { name: `${machine.name}.${event}` };
    return suspensionCheck(ctx.actor, action);
  };
}

export function decide<S extends string, E extends string, C extends MachineContext>(
  machine: Machine<S, E, C>,
  state: S | New,
  event: E,
  ctx: C,
): Decision<S, E> {
  const row = findRow(machine, state, event);
  if (row === undefined) return { ok: false, from: state, event, code: "INVALID_TRANSITION" };
  for (const guard of [suspensionGuard(machine, event), ...row.guards]) {
    const code = guard(ctx);
    if (code !== null) return { ok: false, from: state, event, code };
  }
  return { ok: true, from: state, event, to: row.to, effects: row.effects };
}

/** Like `decide`, for callers that prefer an exception: a refusal throws DomainError with its code. */
export function decideOrThrow<S extends string, E extends string, C extends MachineContext>(
  machine: Machine<S, E, C>,
  state: S | New,
  event: E,
  ctx: C,
): { readonly to: S; readonly effects: readonly Effect[] } {
  const decision = decide(machine, state, event, ctx);
  if (!decision.ok) throw new DomainError(decision.code, { machine: machine.name, from: state, event });
  return { to: decision.to, effects: decision.effects };
}

/** The events some row accepts from `state`, guards aside: the buttons a card may offer. */
export function eventsFrom<S extends string, E extends string, C extends MachineContext>(
  machine: Machine<S, E, C>,
  state: S | New,
): E[] {
  return machine.events.filter((event) => findRow(machine, state, event) !== undefined);
}
