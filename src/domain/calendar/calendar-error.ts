// Errors of the calendar domain: a stable string code plus a sentence for logs. Adapters turn the
// code into a user-facing sentence in the user's language.

export type CalendarErrorCode =
  | "CALENDAR_INVALID_DATE"
  | "CALENDAR_INVALID_TIME_ZONE"
  | "CALENDAR_INVALID_WEEKEND"
  | "CALENDAR_CONFLICTING_DAYS"
  | "CALENDAR_INVALID_ARGUMENT"
  | "CALENDAR_NOT_FOUND" // no calendar with that code, or no unit with that id
  | "CALENDAR_NOT_CONFIGURED"; // neither the unit nor any unit above it has a calendar

export class CalendarError extends Error {
  override readonly name = "CalendarError";
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
