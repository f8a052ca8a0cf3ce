// The working-day calendar: LocalDate arithmetic, time zones, and the calendar itself.
export * from "./calendar-error.ts";
export * from "./local-date.ts";
export * from "./time-zone.ts";
export * from "./working-calendar.ts";
export * from "./working-hours.ts";
