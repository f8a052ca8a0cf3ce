// What every report loads once: the viewer's scope, the units (paths, time zones), the policy
// table, and on demand calendars and names. Reports read facts through the ReportQueries port in
// bulk and decide in plain code; "today" is the local date in the subject's unit.
import type { Actor } from "../../domain/access/roles.ts";
import type { LeaveVisibility } from "../../domain/access/secrecy.ts";
import { localDateOf, startOfWorkingDay, type LocalDate, type WorkingCalendar } from "../../domain/calendar/index.ts";
import { isPostCategory, type Policy } from "../../domain/policy/index.ts";
import type {
  EmployeeFact,
  LeaveFact,
  PolicyTable,
  ReportDeps,
  ScopePaths,
  UnitFact,
} from "../../ports/report-queries.ts";
import { inScope, leaveCounts, reportScope } from "./report-scope.ts";

export type { ReportDeps };

/** The clock's instant the figures are taken at (the kernel's env.now). */
export interface ReportEnv {
  readonly now: Date;
  /**
   * Only this unit's subtree (a unit path) within the viewer's scope — nothing when it lies
   * outside it. Narrows what is read, never what the viewer may see: secrecy still asks the
   * viewer's own grants. (A unit's page reads its subtree, not the whole bank.)
   */
  readonly within?: string;
}

/** A ratio with what it is made of; ratio is null when there is nothing to divide by. */
export interface Figure {
  readonly numerator: number;
  readonly denominator: number;
  readonly ratio: number | null;
}

/** Code order that does not depend on the machine's locale. */
export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function figure(numerator: number, denominator: number): Figure {
  return { numerator, denominator, ratio: denominator === 0 ? null : numerator / denominator };
}

/**
 * The units by id and by code, built once for each list of units: a question runs up to five
 * reports over one read of the units (memo-report-queries.ts), and building both maps over a large
 * bank's units for each report was ~0.5 ms of a question.
 */
const unitMapsOf = new WeakMap<
  readonly UnitFact[],
  { readonly byId: ReadonlyMap<string, UnitFact>; readonly byCode: ReadonlyMap<string, UnitFact> }
>();

function unitMaps(units: readonly UnitFact[]) {
  let maps = unitMapsOf.get(units);
  if (!maps) {
    maps = { byId: new Map(units.map((u) => [u.id, u])), byCode: new Map(units.map((u) => [u.code, u])) };
    unitMapsOf.set(units, maps);
  }
  return maps;
}

/** What every report answers besides its figures. */
export interface ReportHeader {
  readonly report: string;
  readonly asOf: Date;
  readonly viewerId: string;
  readonly scope: ScopePaths;
}

const UNKNOWN_UNIT: UnitFact = { id: "", code: "?", name: "?", path: "/?/", timeZone: "UTC" };

export class ReportContext {
  readonly #units: ReadonlyMap<string, UnitFact>;
  readonly #byCode: ReadonlyMap<string, UnitFact>;
  readonly #calendars = new Map<string, Promise<WorkingCalendar>>();
  readonly #people = new Map<string, EmployeeFact>();
  readonly #today = new Map<string, LocalDate>();
  /** When a leave's first day starts, by "date@zone": many leaves share a start day. */
  readonly #starts = new Map<string, Date>();

  private constructor(
    readonly deps: ReportDeps,
    readonly viewer: Actor,
    readonly now: Date,
    readonly scope: ScopePaths,
    units: readonly UnitFact[],
    readonly policies: PolicyTable,
  ) {
    const maps = unitMaps(units);
    this.#units = maps.byId;
    this.#byCode = maps.byCode;
  }

  /** NOT_AUTHORISED (DomainError) when the viewer holds no reporting role. */
  static async load(deps: ReportDeps, viewer: Actor, env: ReportEnv): Promise<ReportContext> {
    const all = reportScope(viewer);
    const within = env.within;
    const scope = within === undefined ? all : all.some((p) => within.startsWith(p)) ? [within] : [];
    const [units, policies] = await Promise.all([deps.queries.units(), deps.queries.policyTable(env.now)]);
    return new ReportContext(deps, viewer, env.now, scope, units, policies);
  }

  header(report: string): ReportHeader {
    return { report, asOf: this.now, viewerId: this.viewer.employeeId, scope: this.scope };
  }

  unit(unitId: string): UnitFact {
    return this.#units.get(unitId) ?? UNKNOWN_UNIT;
  }

  inScope(unitId: string): boolean {
    const unit = this.#units.get(unitId);
    return unit !== undefined && inScope(this.scope, unit.path);
  }

  /** The local date at `now` in the unit's time zone. */
  todayOf(unitId: string): LocalDate {
    let today = this.#today.get(unitId);
    if (today === undefined) this.#today.set(unitId, (today = localDateOf(this.now, this.unit(unitId).timeZone)));
    return today;
  }

  localDateIn(unitId: string, instant: Date): LocalDate {
    return localDateOf(instant, this.unit(unitId).timeZone);
  }

  /** The post's own policy, else its category's active default; undefined when neither exists. */
  policyOf(post: { readonly category: string; readonly policyId: string | null }): Policy | undefined {
    if (post.policyId !== null) return this.policies.byId.get(post.policyId);
    return isPostCategory(post.category) ? this.policies.defaults[post.category] : undefined;
  }

  visibility(leave: LeaveFact): LeaveVisibility {
    const unit = this.unit(leave.unitId);
    return {
      holderId: leave.holderId,
      substituteId: leave.substituteId,
      unitPath: unit.path,
      sealed: leave.sealed,
      status: leave.status,
      startsAt: this.#startOf(leave.startDate, unit.timeZone),
      auditTeam: leave.auditTeam,
    };
  }

  #startOf(date: LocalDate, timeZone: string): Date {
    const key = `${date}@${timeZone}`;
    let start = this.#starts.get(key);
    if (!start) this.#starts.set(key, (start = startOfWorkingDay(date, timeZone)));
    return new Date(start);
  }

  /** May this leave be counted in the viewer's figures now (report-scope.ts)? */
  counts(leave: LeaveFact): boolean {
    // A leave never sealed is revealed (isRevealed's first rule): no need to build its visibility.
    if (!leave.sealed) return true;
    return leaveCounts(this.viewer, this.visibility(leave), this.now);
  }

  /**
   * The unit's working-day calendar. Units that share a calendar (their own or the nearest
   * ancestor's) and a time zone share one load: a bank-wide report touches thousands of units
   * but a handful of calendars.
   */
  calendar(unitId: string): Promise<WorkingCalendar> {
    const unit = this.#units.get(unitId);
    const code = unit ? this.#calendarCodeOf(unit) : undefined;
    const key = code ? `${code}@${unit!.timeZone}` : unitId;
    let calendar = this.#calendars.get(key);
    if (!calendar)
      this.#calendars.set(
        key,
        (calendar = code
          ? this.deps.calendars.load({ calendarCode: code, timeZone: unit!.timeZone })
          : this.deps.calendars.load({ unitId })),
      );
    return calendar;
  }

  /** The code of the unit's own calendar, else its nearest ancestor's; undefined when the source does not say. */
  #calendarCodeOf(unit: UnitFact): string | undefined {
    if (unit.calendarCode === undefined) return undefined;
    const codes = unit.path.split("/").filter((c) => c !== "");
    for (const code of codes.reverse()) {
      const found = this.#byCode.get(code);
      if (found?.calendarCode === undefined) return undefined;
      if (found.calendarCode !== null) return found.calendarCode;
    }
    return undefined;
  }

  /** Loads the codes and names of these employees (once each). */
  async loadPeople(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.#people.has(id));
    if (missing.length === 0) return;
    for (const [id, person] of await this.deps.queries.employees(missing)) this.#people.set(id, person);
  }

  person(id: string | null): EmployeeFact {
    if (id === null) return { id: "", code: "", name: "" };
    return this.#people.get(id) ?? { id, code: id, name: "", nameEn: null };
  }
}
