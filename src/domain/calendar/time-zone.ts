// Local dates and wall-clock times in an IANA time zone, with the built-in Intl.DateTimeFormat
// as the only source of zone rules (no library, no node:*).
//
// Wall clock → instant follows the "compatible" rule of Temporal and of most calendar apps:
// - a wall-clock time that happens twice (autumn fall-back) maps to the EARLIER instant;
// - a wall-clock time that does not exist (spring-forward gap) is moved forward by the length of
//   the gap: 02:30 on America/New_York's spring-forward day → 03:30 EDT.
// Midnight is inside a gap in a few zones (e.g. America/Santiago, Asia/Beirut on their DST days):
// the day then starts at the first instant after the gap, which is still the same local date.
// Only a day that a zone skipped entirely (Pacific/Apia 2011-12-30) has no instant at all: its
// start is the next day's start.
import { CalendarError } from "./calendar-error.ts";
import { formatLocalDate, parseLocalDate, type LocalDate } from "./local-date.ts";

export interface WallClock {
  readonly date: LocalDate;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** A time of day in the zone; both parts default to 0 (midnight). */
export interface TimeOfDay {
  readonly hour?: number;
  readonly minute?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  if (typeof timeZone !== "string" || timeZone.trim() === "") {
    throw new CalendarError("CALENDAR_INVALID_TIME_ZONE", `not a time zone: ${JSON.stringify(timeZone)}`);
  }
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch (cause) {
    throw new CalendarError("CALENDAR_INVALID_TIME_ZONE", `unknown IANA time zone: ${JSON.stringify(timeZone)}`, {
      cause,
    });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical IANA name ("asia/shanghai" → "Asia/Shanghai"); throws for an unknown zone. */
export function canonicalTimeZone(timeZone: string): string {
  return formatterFor(timeZone).resolvedOptions().timeZone;
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC (years < 100 too). */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * The wall clock of recent (instant, zone) pairs: a report asks "today" for each of ~2 000 units at
 * one instant in a handful of zones, and Intl's formatToParts is the slow part (decision 20.16).
 * Bounded: emptied when full.
 */
const PARTS = new Map<string, Parts>();
const PARTS_MAX = 10_000;

function partsAt(epochMs: number, timeZone: string): Parts {
  const key = `${epochMs}|${timeZone}`;
  const known = PARTS.get(key);
  if (known) return known;
  const parts = Object.freeze(formatParts(epochMs, timeZone));
  if (PARTS.size >= PARTS_MAX) PARTS.clear();
  PARTS.set(key, parts);
  return parts;
}

function formatParts(epochMs: number, timeZone: string): Parts {
  if (!Number.isFinite(epochMs)) throw new CalendarError("CALENDAR_INVALID_ARGUMENT", "not a valid instant");
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const era = parts.find((p) => p.type === "era")?.value ?? "AD";
  const year = era.startsWith("B") ? 1 - field("year") : field("year");
  return {
    year,
    month: field("month"),
    day: field("day"),
    hour: field("hour"),
    minute: field("minute"),
    second: field("second"),
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive: Asia/Shanghai = +8 h). */
export function offsetAt(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const wholeSeconds = ms - (((ms % 1000) + 1000) % 1000);
  const p = partsAt(wholeSeconds, timeZone);
  return utcMillis(p.year, p.month, p.day, p.hour, p.minute, p.second) - wholeSeconds;
}

/** The wall-clock date and time in the zone at an instant. */
export function wallClockOf(instant: Date | number, timeZone: string): WallClock {
  const p = partsAt(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return { date: formatLocalDate(p.year, p.month, p.day), hour: p.hour, minute: p.minute, second: p.second };
}

/** The local calendar date in the zone at an instant. */
export function localDateOf(instant: Date | number, timeZone: string): LocalDate {
  return wallClockOf(instant, timeZone).date;
}

function checkTimeOfDay(hour: number, minute: number): void {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new CalendarError("CALENDAR_INVALID_ARGUMENT", `not a time of day: ${hour}:${minute}`);
  }
}

/** The instant at which the zone's clocks read `date` `time` (see the gap and overlap rules above). */
export function instantOfWallClock(date: LocalDate, time: TimeOfDay, timeZone: string): Date {
  const { year, month, day } = parseLocalDate(date);
  const hour = time.hour ?? 0;
  const minute = time.minute ?? 0;
  checkTimeOfDay(hour, minute);
  const wall = utcMillis(year, month, day, hour, minute, 0);
  // Offsets a day either side bracket any transition near this wall-clock time.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after]
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  // No candidate reads `wall`: it lies in a gap; the pre-transition offset moves it past the gap.
  return new Date(earliest ?? wall - before);
}

/**
 * The UTC instant at which `date` starts in the zone: local midnight, or `start` (e.g. 09:00) when
 * the working day is configured to start later. Correct across DST changes.
 */
export function startOfWorkingDay(date: LocalDate, timeZone: string, start: TimeOfDay = {}): Date {
  return instantOfWallClock(date, start, timeZone);
}
