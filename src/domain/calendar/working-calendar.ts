// A working-day calendar: a time zone, the weekend (ISO weekdays, default Saturday and Sunday),
// public holidays, and make-up working days (China moves weekends around its holidays, so a
// Saturday can be a working day). Pure and immutable.
//
// Conventions (docs/calendars.md explains them with examples):
// - addWorkingDays(d, n): day 0 does not count. The result is the n-th working day strictly
//   after d; n = 0 returns d itself (even when d is not a working day).
// - subtractWorkingDays(d, n): the n-th working day strictly before d; n = 0 returns d.
// - countWorkingDays(from, to): working days in the inclusive range [from, to]; 0 when to < from.
// - workingDaysBetween(from, to): working days in (from, to] — the inverse of addWorkingDays
//   (workingDaysBetween(d, addWorkingDays(d, n)) === n); negative when to is before from.
// - nextWorkingDay(d): the first working day strictly after d.
import { CalendarError } from "./calendar-error.ts";
import { fromEpochDay, isoWeekdayOfEpochDay, toEpochDay, type IsoWeekday, type LocalDate } from "./local-date.ts";
import { localDateOf, canonicalTimeZone, startOfWorkingDay, type TimeOfDay } from "./time-zone.ts";

/** holiday: a day off on a day that would otherwise be worked; workday: a make-up working day. */
export type CalendarDayKind = "holiday" | "workday";

export interface CalendarDayEntry {
  readonly date: LocalDate;
  readonly kind: CalendarDayKind;
  readonly name?: string;
}

export interface CalendarSpec {
  readonly code?: string;
  readonly timeZone: string;
  /** ISO weekdays off every week; default [6, 7] (Saturday, Sunday). */
  readonly weekendDays?: readonly IsoWeekday[];
  readonly days?: readonly CalendarDayEntry[];
}

export interface DayStatus {
  readonly date: LocalDate;
  readonly working: boolean;
  /** working: an ordinary working day; makeup: a make-up working day; weekend; holiday. */
  readonly kind: "working" | "makeup" | "weekend" | "holiday";
  readonly name: string;
}

export const DEFAULT_WEEKEND: readonly IsoWeekday[] = [6, 7];

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CalendarError(
      "CALENDAR_INVALID_ARGUMENT",
      `a number of working days must be a whole number ≥ 0, got ${n}`,
    );
  }
}

/** Index of the first element ≥ value in a sorted array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countInRange(sorted: readonly number[], from: number, to: number): number {
  return lowerBound(sorted, to + 1) - lowerBound(sorted, from);
}

export class WorkingCalendar {
  readonly code: string;
  readonly timeZone: string;
  readonly weekendDays: readonly IsoWeekday[];
  /** The holidays and make-up days, sorted by date. */
  readonly days: readonly CalendarDayEntry[];

  readonly #weekend: readonly boolean[]; // indexed by ISO weekday
  readonly #regularPerWeek: number;
  readonly #exceptions = new Map<number, { kind: CalendarDayKind; name: string }>();
  readonly #holidaysOnWorkdays: number[] = []; // epoch days, sorted: holidays on regular working days
  readonly #makeupOnWeekends: number[] = []; // epoch days, sorted: make-up days on weekend days

  constructor(spec: CalendarSpec) {
    this.code = spec.code ?? "";
    this.timeZone = canonicalTimeZone(spec.timeZone);
    const weekend = [...new Set(spec.weekendDays ?? DEFAULT_WEEKEND)].sort((a, b) => a - b);
    if (weekend.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
      throw new CalendarError(
        "CALENDAR_INVALID_WEEKEND",
        `weekend days must be ISO weekdays 1–7, got ${weekend.join(",")}`,
      );
    }
    if (weekend.length === 7)
      throw new CalendarError("CALENDAR_INVALID_WEEKEND", "a calendar needs at least one regular working weekday");
    this.weekendDays = weekend;
    this.#weekend = Array.from({ length: 8 }, (_, d) => weekend.includes(d as IsoWeekday));
    this.#regularPerWeek = 7 - weekend.length;

    const entries: CalendarDayEntry[] = [];
    for (const entry of spec.days ?? []) {
      const day = toEpochDay(entry.date);
      const seen = this.#exceptions.get(day);
      if (seen) {
        if (seen.kind !== entry.kind) {
          throw new CalendarError(
            "CALENDAR_CONFLICTING_DAYS",
            `${entry.date} is listed both as a holiday and as a make-up working day`,
          );
        }
        continue;
      }
      this.#exceptions.set(day, { kind: entry.kind, name: entry.name ?? "" });
      entries.push({ date: entry.date, kind: entry.kind, name: entry.name ?? "" });
      const regularWorkday = !this.#weekend[isoWeekdayOfEpochDay(day)];
      if (entry.kind === "holiday" && regularWorkday) this.#holidaysOnWorkdays.push(day);
      if (entry.kind === "workday" && !regularWorkday) this.#makeupOnWeekends.push(day);
    }
    this.#holidaysOnWorkdays.sort((a, b) => a - b);
    this.#makeupOnWeekends.sort((a, b) => a - b);
    this.days = entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  #isWorking(day: number): boolean {
    const exception = this.#exceptions.get(day);
    if (exception) return exception.kind === "workday";
    return !this.#weekend[isoWeekdayOfEpochDay(day)];
  }

  /** Working days in the inclusive epoch-day range [from, to]. */
  #count(from: number, to: number): number {
    if (to < from) return 0;
    const length = to - from + 1;
    const weeks = Math.floor(length / 7);
    let regular = weeks * this.#regularPerWeek;
    for (let day = from + weeks * 7; day <= to; day += 1) {
      if (!this.#weekend[isoWeekdayOfEpochDay(day)]) regular += 1;
    }
    return regular - countInRange(this.#holidaysOnWorkdays, from, to) + countInRange(this.#makeupOnWeekends, from, to);
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.#isWorking(toEpochDay(date));
  }

  dayStatus(date: LocalDate): DayStatus {
    const day = toEpochDay(date);
    const exception = this.#exceptions.get(day);
    if (exception?.kind === "holiday") return { date, working: false, kind: "holiday", name: exception.name };
    if (exception?.kind === "workday") return { date, working: true, kind: "makeup", name: exception.name };
    const weekend = this.#weekend[isoWeekdayOfEpochDay(day)] === true;
    return { date, working: !weekend, kind: weekend ? "weekend" : "working", name: "" };
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate {
    return this.subtractWorkingDays(date, 1);
  }

  /** `date` itself when it is a working day, else the next working day. */
  workingDayOnOrAfter(date: LocalDate): LocalDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /** The n-th working day strictly after `date`; day 0 does not count; n = 0 returns `date`. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    checkCount(n);
    let day = toEpochDay(date);
    for (let left = n; left > 0;) {
      day += 1;
      if (this.#isWorking(day)) left -= 1;
    }
    return fromEpochDay(day);
  }

  /** The n-th working day strictly before `date`; n = 0 returns `date`. */
  subtractWorkingDays(date: LocalDate, n: number): LocalDate {
    checkCount(n);
    let day = toEpochDay(date);
    for (let left = n; left > 0;) {
      day -= 1;
      if (this.#isWorking(day)) left -= 1;
    }
    return fromEpochDay(day);
  }

  /** Working days in the inclusive range [from, to]; 0 when `to` is before `from`. */
  countWorkingDays(from: LocalDate, to: LocalDate): number {
    return this.#count(toEpochDay(from), toEpochDay(to));
  }

  /**
   * Working days in (from, to]: how many working days `to` lies after `from` (a lead time).
   * Negative when `to` is before `from`. workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    const a = toEpochDay(from);
    const b = toEpochDay(to);
    return a <= b ? this.#count(a + 1, b) : 0 - this.#count(b + 1, a); // 0 - x: never -0
  }

  /**
   * The last day of a run of `workingDays` consecutive working days that begins on the first
   * working day on or after `start` (a leave of 5 working days from a Monday ends on Friday).
   */
  endOfWorkingSpan(start: LocalDate, workingDays: number): LocalDate {
    checkCount(workingDays);
    if (workingDays === 0) throw new CalendarError("CALENDAR_INVALID_ARGUMENT", "a span has at least one working day");
    return this.addWorkingDays(this.workingDayOnOrAfter(start), workingDays - 1);
  }

  /** The instant the day starts in this calendar's zone (midnight, or `start`). */
  startOfWorkingDay(date: LocalDate, start: TimeOfDay = {}): Date {
    return startOfWorkingDay(date, this.timeZone, start);
  }

  /** The local date in this calendar's zone at an instant ("today" for a clock's now()). */
  localDateOf(instant: Date | number): LocalDate {
    return localDateOf(instant, this.timeZone);
  }
}
