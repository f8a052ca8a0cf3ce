// Guards shared by several machines: who may fire an event.
import type { Role } from "../access/roles.ts";
import { roleCheck } from "../access/roles.ts";
import type { Guard, MachineContext } from "./machine.ts";

/** A context that names the unit of its subject (the post's unit, the reporter's unit …). */
export interface ScopedContext extends MachineContext {
  readonly unitPath: string;
}

/** Only the system fires it: a scheduler tick, or a cascade from another machine. */
export const bySystem: Guard<MachineContext> = (ctx) => (ctx.actor === null ? null : "NOT_AUTHORISED");

/** A person holding one of `roles` over the subject's unit. */
export function byRole(...roles: Role[]): Guard<ScopedContext> {
  return (ctx) => (ctx.actor === null ? "NOT_AUTHORISED" : roleCheck(ctx.actor, roles, ctx.unitPath));
}

/** The system, or a person holding one of `roles` over the subject's unit (a manual push). */
export function bySystemOr(...roles: Role[]): Guard<ScopedContext> {
  return (ctx) => (ctx.actor === null ? null : roleCheck(ctx.actor, roles, ctx.unitPath));
}

/** The person performing the event is not `who(ctx)`: nobody plans, approves or judges their own case. */
export function notSelf<C extends MachineContext>(who: (ctx: C) => string | null): Guard<C> {
  return (ctx) => (ctx.actor !== null && ctx.actor.employeeId === who(ctx) ? "SEPARATION_OF_DUTIES" : null);
}
