// Working-day calendars as stored: a calendar (code, name, weekend) with its holidays and make-up
// working days. The time zone belongs to the org unit, so loading by code names the zone.
import type { CalendarDayEntry, IsoWeekday, LocalDate, WorkingCalendar } from "../domain/calendar/index.ts";

export type CalendarRef =
  /** A calendar by code, read in the given IANA time zone. */
  | { readonly calendarCode: string; readonly timeZone: string }
  /** A unit's calendar (its own, else the nearest ancestor's) in the unit's time zone. */
  | { readonly unitId: string };

export interface CalendarDefinition {
  readonly code: string;
  readonly name: string;
  /** ISO weekdays off every week; default [6, 7]. */
  readonly weekendDays?: readonly IsoWeekday[];
}

export interface CalendarImportCounts {
  readonly created: number;
  readonly updated: number; // same date, another kind or name
  readonly unchanged: number;
  readonly deleted: number; // only with `replace`: stored days in the range that the import lacks
}

export interface UpsertDaysOptions {
  /** Make the stored days in [from, to] exactly the imported ones (a revised official list). */
  readonly replace?: { readonly from: LocalDate; readonly to: LocalDate };
}

export interface CalendarRepository {
  /** Throws CalendarError CALENDAR_NOT_FOUND / CALENDAR_NOT_CONFIGURED. */
  load(ref: CalendarRef): Promise<WorkingCalendar>;
  /** Creates the calendar or updates its name and weekend; returns whether it was new. */
  define(calendar: CalendarDefinition): Promise<{ created: boolean }>;
  /**
   * Writes the days in one transaction, creating the calendar (named after its code) if it is
   * new. Idempotent: the same days again report everything unchanged and write nothing.
   */
  upsertDays(
    calendarCode: string,
    days: readonly CalendarDayEntry[],
    options?: UpsertDaysOptions,
  ): Promise<CalendarImportCounts>;
}
