// Every state × every event of a machine, against an expectation table written out in each test
// (a missing entry means "no such transition"), so that a change to a table shows up as a failure.
import type { New } from "../../src/domain/machine/machine.ts";
import { NEW } from "../../src/domain/machine/machine.ts";

export type Expected<S extends string, E extends string> = Readonly<Record<S | New, Readonly<Partial<Record<E, S>>>>>;

export interface MatrixCase<S extends string, E extends string> {
  readonly state: S | New;
  readonly event: E;
  /** The state reached, or undefined when the transition does not exist. */
  readonly to: S | undefined;
}

export function matrix<S extends string, E extends string>(
  states: readonly S[],
  events: readonly E[],
  expected: Expected<S, E>,
): MatrixCase<S, E>[] {
  return [NEW, ...states].flatMap((state) => events.map((event) => ({ state, event, to: expected[state][event] })));
}
