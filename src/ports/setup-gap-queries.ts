// What the setup check (src/app/setup-gaps) reads: active key posts with their category and own
// policy code, units with the calendar they use and the years it lists days for, current holders
// with the chat platforms they have an account on. `facts()` reads all of it for the doctor, `serve`
// and exports (once per command); `inScope()` answers the chat note's question — which gaps within
// these units, how many and the first few — in the database, because an answer cannot afford to
// read the whole bank's setup each time (≈ 1 s on the 100 000-employee register).
import type { Policy } from "../domain/policy/index.ts";
import type { ScopePaths } from "./report-queries.ts";

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

/** The gaps an answer states (the doctor's other codes need the service's configuration). */
export type ScopedGapCode =
  "POST_WITHOUT_POLICY" | "UNIT_WITHOUT_CALENDAR" | "CALENDAR_NOT_COVERING" | "HOLDER_UNREACHABLE";

export interface ScopedGapQuery {
  /** Which gaps to look for. */
  readonly codes: readonly ScopedGapCode[];
  /** The units' subtrees ("/HO/BR1/"): a post, unit or holding counts when its unit is in one. */
  readonly scope: ScopePaths;
  /** The years a unit's calendar must list at least one day of (the next 12 months'). */
  readonly years: readonly number[];
  /** Only these codes count (posts, units, employees): what one card shows, or the posts asked about. */
  readonly only?: readonly string[];
  /** How many codes to bring back per gap (the count is always whole). */
  readonly first: number;
}

export interface ScopedGap {
  readonly code: ScopedGapCode;
  /** How many posts, units or holders have the gap within the scope. */
  readonly total: number;
  /**
   * The first `first` of them, sorted by code: post codes, unit codes, employee codes; a unit whose
   * calendar does not cover the years as "CODE (CALENDAR)". A gap with none is left out.
   */
  readonly subjects: readonly string[];
}

export interface SetupGapQueries {
  facts(): Promise<SetupGapFacts>;
  /** A holder is unreachable here when they have no chat account at all. Gaps with none are left out. */
  inScope(query: ScopedGapQuery): Promise<ScopedGap[]>;
}
