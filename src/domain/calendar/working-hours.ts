// Ladder arithmetic in a unit's calendar: "N hours" of a reminder or escalation ladder count only on
// the unit's working days (the clock stops over weekends, public holidays, and runs on make-up
// working days), and a rung that falls outside the unit's office hours waits for the next start of
// a working day — a bank does not ping anyone at 03:00 or on a Sunday. DST-correct: a day is as
// long as the zone makes it (23 or 25 hours on a change), office hours are wall-clock times.
import { addDays, type LocalDate } from "./local-date.ts";
import { startOfWorkingDay, wallClockOf, type TimeOfDay } from "./time-zone.ts";
import type { WorkingCalendar } from "./working-calendar.ts";

const HOUR_MS = 3_600_000;

/** Office hours in the unit's zone: reminders are sent in [start, end) on working days. */
export interface OfficeHours {
  readonly start: Required<TimeOfDay>;
  readonly end: Required<TimeOfDay>;
}

export const OFFICE_HOURS: OfficeHours = { start: { hour: 9, minute: 0 }, end: { hour: 18, minute: 0 } };

/** The longest run of non-working days a ladder walks over before giving up (a broken calendar). */
const MAX_DAYS = 400;

function minutesOf(t: Required<TimeOfDay>): number {
  return t.hour * 60 + t.minute;
}

/**
 * The instant `hours` of working-day time after `from`: time on non-working days does not count.
 * A start on a non-working day counts from the start of the next working day.
 */
export function addWorkingDayHours(from: Date, hours: number, calendar: WorkingCalendar): Date {
  const zone = calendar.timeZone;
  let at = from.getTime();
  let left = hours * HOUR_MS;
  let date: LocalDate = wallClockOf(at, zone).date;
  for (let i = 0; i < MAX_DAYS * 2; i += 1) {
    const next = startOfWorkingDay(addDays(date, 1), zone).getTime();
    if (calendar.isWorkingDay(date)) {
      if (at + left < next) return new Date(at + left);
      left -= next - at;
    }
    at = next;
    date = addDays(date, 1);
  }
  return new Date(at + left);
}

/** `at` itself when it falls in office hours on a working day, else the next office-hours start. */
export function heldToOfficeHours(at: Date, calendar: WorkingCalendar, hours: OfficeHours = OFFICE_HOURS): Date {
  const zone = calendar.timeZone;
  const wall = wallClockOf(at, zone);
  const minute = wall.hour * 60 + wall.minute;
  if (calendar.isWorkingDay(wall.date)) {
    if (minute < minutesOf(hours.start)) return startOfWorkingDay(wall.date, zone, hours.start);
    if (minute < minutesOf(hours.end)) return at;
  }
  let date = addDays(wall.date, 1);
  for (let i = 0; i < MAX_DAYS && !calendar.isWorkingDay(date); i += 1) date = addDays(date, 1);
  return startOfWorkingDay(date, zone, hours.start);
}

/** When a rung `hours` after `from` is sent: working-day hours, then held to office hours. */
export function rungInstant(
  from: Date,
  hours: number,
  calendar: WorkingCalendar,
  office: OfficeHours = OFFICE_HOURS,
): Date {
  return heldToOfficeHours(addWorkingDayHours(from, hours, calendar), calendar, office);
}
