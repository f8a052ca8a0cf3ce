// What answering a typed question reads, bound to the asking transaction: the reports' bulk reads
// (ReportQueries, calendars) plus a few lookups of their own — names tolerant of case and word
// order, leaves overlapping a date range, open handovers. Plain facts; the application decides
// who may see them (scope and the secrecy rule).
import type { LocalDate } from "../domain/calendar/index.ts";
import type { CalendarRepository } from "./calendar-repository.ts";
import type { HoldingFact, LeaveFact, PostFact, ReportQueries, ScopePaths } from "./report-queries.ts";

export interface UnitWordFact {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly path: string;
  readonly timeZone: string;
}

/** What a name search looks for; every present part is OR-ed, and results stay within `scope`. */
export interface NameSearch {
  readonly code?: string;
  /** Chinese (or any) text the name equals or contains. */
  readonly text?: string;
  /** Latin words that must all appear in the English name (any case, any order). */
  readonly words?: readonly string[];
  readonly scope: ScopePaths;
  readonly limit: number;
}

/** A person or a post found by name: what matching and candidate buttons need. */
export interface NamedInUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly unitCode: string;
  readonly unitPath: string;
}

export type PersonMatch = NamedInUnit;
export type PostMatch = NamedInUnit;

export interface ClientMatch {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly unitPath: string | null;
}

export interface HandoverFact {
  readonly id: string;
  readonly purpose: string;
  readonly postCode: string;
  readonly unitId: string;
  readonly fromId: string;
  readonly toId: string;
  readonly witnessId: string | null;
  readonly leaveId: string | null;
  readonly openedAt: Date;
  /** Sides (from / to / witness) that confirmed the whole sheet (item 0) or every item. */
  readonly confirmedSides: readonly string[];
}

export interface QuestionReads {
  readonly reports: ReportQueries;
  readonly calendars: Pick<CalendarRepository, "load">;
  units(): Promise<UnitWordFact[]>;
  people(search: NameSearch): Promise<PersonMatch[]>;
  posts(search: NameSearch): Promise<PostMatch[]>;
  clients(search: NameSearch): Promise<ClientMatch[]>;
  /** Leaves of posts in scope, not cancelled, whose days overlap [from, to]. */
  leavesBetween(scope: ScopePaths, from: LocalDate, to: LocalDate): Promise<LeaveFact[]>;
  /**
   * ReportQueries.posts and .holdings read by way of the units' ids (each step on an index), which
   * a question asked about a few units needs fast on a large register; same rows, same order.
   */
  postsIn(scope: ScopePaths): Promise<PostFact[]>;
  holdingsIn(scope: ScopePaths): Promise<HoldingFact[]>;
  /** Open handovers of posts in scope, oldest first. */
  openHandovers(scope: ScopePaths): Promise<HandoverFact[]>;
}
