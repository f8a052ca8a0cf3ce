// What answering a typed question reads, bound to the asking transaction: the reports' bulk reads
// (ReportQueries, calendars) plus a few lookups of their own — names tolerant of case and word
// order, leaves overlapping a date range, open handovers. Plain facts; the application decides
// who may see them (scope and the secrecy rule).
import type { LocalDate } from "../domain/calendar/index.ts";
import type { CalendarRepository } from "./calendar-repository.ts";
import type {
  AuditFact,
  EmployeeFact,
  HoldingFact,
  LeaveFact,
  PostFact,
  ReportQueries,
  ScopePaths,
} from "./report-queries.ts";

export interface UnitWordFact {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly path: string;
  readonly timeZone: string;
  /** The unit's own calendar (null: its nearest ancestor's applies). */
  readonly calendarCode: string | null;
}

/** What a name search looks for; every present part is OR-ed, and results stay within `scope`. */
export interface NameSearch {
  readonly code?: string;
  /** Chinese (or any) text the name equals or contains. */
  readonly text?: string;
  /** Latin words that must all appear in the English name (any case, any order). */
  readonly words?: readonly string[];
  readonly scope: ScopePaths;
  /** The ids of the units in `scope` (the question holds every unit): people and posts are looked up by them. */
  readonly unitIds: readonly string[];
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
  readonly nameEn: string | null;
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

/** A holding with its holder's code and name (what every report shows of them). */
export interface HeldPost extends HoldingFact {
  readonly holder: EmployeeFact;
}

export interface QuestionReads {
  readonly reports: ReportQueries;
  readonly calendars: Pick<CalendarRepository, "load">;
  /** Every unit (the lexicon a question is read with); the list may be shared between questions: read-only. */
  units(): Promise<readonly UnitWordFact[]>;
  people(search: NameSearch): Promise<PersonMatch[]>;
  posts(search: NameSearch): Promise<PostMatch[]>;
  clients(search: NameSearch): Promise<ClientMatch[]>;
  /** The clients booked in these units, in code order ("how many clients in Pudong"). */
  clientsIn(unitIds: readonly string[]): Promise<ClientMatch[]>;
  /** The staff whose home unit is one of these (everyone not `left`), in code order ("how many staff in Pudong"). */
  staffIn(unitIds: readonly string[]): Promise<EmployeeFact[]>;
  /** Who runs these units: the people with a `manager` grant on one of them (not an ancestor), not `left`, in code order. */
  managersOf(unitIds: readonly string[]): Promise<EmployeeFact[]>;
  /** The clients this person serves now (open client assignments), in code order. */
  clientsServedBy(employeeId: string): Promise<ClientMatch[]>;
  /** The English names of these people (by code); a code without one is absent. */
  englishNames(codes: readonly string[]): Promise<Map<string, string>>;
  // The reads below take unit (or post) ids, not scope paths: a question already holds every unit
  // (its lexicon needs them), so it turns a scope into ids once, in memory, and each read then
  // stands on an index — no path LIKE, no second read of the units.
  /** Leaves of posts in these units, not cancelled, whose days overlap [from, to]. */
  leavesBetween(unitIds: readonly string[], from: LocalDate, to: LocalDate): Promise<LeaveFact[]>;
  /** ReportQueries.posts for these units: active key posts, in code order. */
  postsIn(unitIds: readonly string[]): Promise<PostFact[]>;
  /** ReportQueries.holdings for these active posts: open holder assignments, in id order, with their holders. */
  holdingsOf(postIds: readonly string[]): Promise<HeldPost[]>;
  /** ReportQueries.audits for these units, in id order. */
  auditsIn(unitIds: readonly string[]): Promise<AuditFact[]>;
  /** Open handovers of posts in these units, oldest first. */
  openHandovers(unitIds: readonly string[]): Promise<HandoverFact[]>;
}
