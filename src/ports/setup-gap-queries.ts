// What the setup check (src/app/setup-gaps) reads: active key posts with their category and own
// policy code, units with the calendar they use and the years it lists days for, current holders
// with the chat platforms they have an account on.
import type { Policy } from "../domain/policy/index.ts";

export interface GapPostFact {
  readonly code: string;
  readonly category: string;
  /** The code of the post's own policy, if it points at one. */
  readonly policyCode: string | null;
  /** The post's unit's path ("/HO/BR1/"), so an answer can keep to the asker's units. */
  readonly unitPath: string;
}

export interface GapUnitFact {
  readonly code: string;
  /** "/HO/BR1/": the unit's own code last. */
  readonly path: string;
  /** The calendar the unit itself names, if any (else it uses its nearest ancestor's). */
  readonly calendarCode: string | null;
}

export interface GapHolderFact {
  readonly employeeCode: string;
  readonly postCode: string;
  /** The post's unit's path. */
  readonly unitPath: string;
  /** Platforms the holder has a chat account on ("slack", "teams"). */
  readonly platforms: readonly string[];
}

export interface SetupGapFacts {
  readonly posts: readonly GapPostFact[];
  /** The category defaults in force; empty when there are none (or several sets, no preset). */
  readonly defaults: Readonly<Partial<Record<string, Policy>>>;
  readonly units: readonly GapUnitFact[];
  /** Per calendar code, the years it lists at least one day for. */
  readonly calendarYears: ReadonlyMap<string, readonly number[]>;
  readonly holders: readonly GapHolderFact[];
}

export interface SetupGapQueries {
  facts(): Promise<SetupGapFacts>;
}
