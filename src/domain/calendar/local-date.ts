// LocalDate: a calendar date with no time and no zone, written "YYYY-MM-DD" (years 0001–9999,
// proleptic Gregorian). The same text the database stores. Arithmetic goes through the epoch day
// (days since 1970-01-01) with Howard Hinnant's civil-date algorithms: no Date, no zone, no DST.
import { CalendarError } from "./calendar-error.ts";

export type LocalDate = string;
/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parsed dates, remembered: a bank-wide report compares and shifts ~19 000 start dates a dozen
 * times each, and they repeat (decision 20.16). Bounded: emptied when full. The parts are frozen,
 * so a caller cannot change what the next one gets.
 */
const CIVIL = new Map<string, CivilDate | null>();
const CIVIL_MAX = 50_000;

function civilOf(text: string): CivilDate | undefined {
  const known = CIVIL.get(text);
  if (known !== undefined) return known ?? undefined;
  const civil = parseCivil(text);
  if (CIVIL.size >= CIVIL_MAX) CIVIL.clear();
  CIVIL.set(text, civil ? Object.freeze(civil) : null);
  return civil;
}

function parseCivil(text: string): CivilDate | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === "string" && civilOf(value) !== undefined;
}

/** The parts of a date; throws CALENDAR_INVALID_DATE for anything but a real "YYYY-MM-DD" day. */
export function parseLocalDate(text: string): CivilDate {
  const civil = civilOf(text);
  if (!civil) throw new CalendarError("CALENDAR_INVALID_DATE", `not a date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return civil;
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  parseLocalDate(text);
  return text;
}

/** Days since 1970-01-01 (negative before). */
export function epochDayOfCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return epochDayOfCivil(year, month, day);
}

export function civilOfEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function fromEpochDay(epochDay: number): LocalDate {
  if (!Number.isSafeInteger(epochDay))
    throw new CalendarError("CALENDAR_INVALID_ARGUMENT", `not a whole day number: ${epochDay}`);
  const { year, month, day } = civilOfEpochDay(epochDay);
  return formatLocalDate(year, month, day);
}

export function isoWeekdayOfEpochDay(epochDay: number): IsoWeekday {
  // 1970-01-01 was a Thursday (4).
  return (((((epochDay + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  return isoWeekdayOfEpochDay(toEpochDay(date));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days))
    throw new CalendarError("CALENDAR_INVALID_ARGUMENT", `not a whole number of days: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar days from a to b: positive when b is later. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/**
 * The same day of the month, `months` later (or earlier when negative), clamped to the month's
 * last day: 2026-01-31 + 1 → 2026-02-28, 2024-02-29 + 12 → 2025-02-28.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months))
    throw new CalendarError("CALENDAR_INVALID_ARGUMENT", `not a whole number of months: ${months}`);
  const { year, month, day } = parseLocalDate(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return formatLocalDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** -1, 0 or 1; "YYYY-MM-DD" strings also sort correctly as text. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  const d = toEpochDay(a) - toEpochDay(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export function minLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDates(a, b) <= 0 ? a : b;
}

export function maxLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDates(a, b) >= 0 ? a : b;
}
