// iCalendar (.ics, RFC 5545) calendar files: every all-day VEVENT (DTSTART;VALUE=DATE) is a day
// off, or a make-up working day when it is marked as one. DTEND is exclusive (RFC 5545); without
// DTEND or DURATION an event is one day; a multi-day event gives every day it covers.
//
// Make-up working day — the first rule that speaks decides (docs/calendars.md):
//   1. X-KEYPOST-KIND:workday | holiday
//   2. CATEGORIES naming a workday word (workday, make-up working day, 上班, 补班, 调休上班) — it wins
//      over a generic holiday word a feed may put on every event — or a holiday word (holiday,
//      holidays, public holiday, bank holiday, federal holiday, 放假, 节假日, 假日)
//   3. SUMMARY containing 上班, 补班, (班), "make-up working day", "make-up workday", "make-up day"
//   4. otherwise a holiday.
// A bare "调休" (without 上班/补班/班 or 放假/休息/(休)) is refused: Chinese feeds use it both for the
// moved days off and for the make-up working days, and a wrong guess would silently shift leave.
import { z } from "zod";
import {
  CALENDAR_CODE,
  CalendarDayCollector,
  CalendarFileError,
  DAY_KIND,
  LOCAL_DATE,
  type CalendarFileIssue,
  type ParsedCalendar,
} from "./calendar-file.ts";
import { addDays, daysBetween, type CalendarDayKind } from "../../domain/calendar/index.ts";

const MAX_EVENT_DAYS = 62;

interface ContentLine {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
  readonly line: number;
  readonly column: number; // where the value starts
}

/** Unfolds RFC 5545 folded lines, remembering where each logical line starts. */
function unfold(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .forEach((raw, index) => {
      const last = out[out.length - 1];
      if ((raw.startsWith(" ") || raw.startsWith("\t")) && last) last.text += raw.slice(1);
      else if (raw.trim() !== "") out.push({ text: raw, line: index + 1 });
    });
  return out;
}

function splitUnquoted(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function parseContentLine(text: string, line: number): ContentLine | undefined {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ":" && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const [name = "", ...rawParams] = splitUnquoted(text.slice(0, colon), ";");
  const params = new Map(
    rawParams.map((p) => {
      const eq = p.indexOf("=");
      return [
        p.slice(0, eq < 0 ? p.length : eq).toUpperCase(),
        eq < 0 ? "" : p.slice(eq + 1).replace(/^"|"$/g, ""),
      ] as const;
    }),
  );
  return { name: name.toUpperCase(), params, value: text.slice(colon + 1), line, column: colon + 2 };
}

/** TEXT values: \\ \; \, \n escapes. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

const IcsDate = z
  .string({ error: "missing: every VEVENT needs DTSTART;VALUE=DATE:YYYYMMDD" })
  .regex(/^\d{8}$/, "all-day events only: expected a date YYYYMMDD (DTSTART;VALUE=DATE:20260101)")
  .transform((v) => `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`)
  .pipe(LOCAL_DATE);

const IcsEvent = z
  .object({
    DTSTART: IcsDate,
    DTEND: IcsDate.optional(),
    DURATION: z
      .string()
      .regex(/^P\d+[DW]$/, "DURATION must be whole days or weeks (P3D, P1W)")
      .optional(),
    SUMMARY: z.string().trim().max(200, "the SUMMARY is longer than 200 characters").default(""),
    CATEGORIES: z.array(z.string()).default([]),
    "X-KEYPOST-KIND": z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), DAY_KIND).optional(),
    RRULE: z.undefined({ error: "recurring events (RRULE) are not supported: list each year's days" }),
    STATUS: z.string().optional(),
  })
  .superRefine((event, ctx) => {
    if (event.DTEND !== undefined && event.DURATION !== undefined)
      ctx.addIssue({ code: "custom", path: ["DURATION"], message: "give DTEND or DURATION, not both" });
    const days = eventLength(event.DTSTART, event.DTEND, event.DURATION);
    if (days < 1)
      ctx.addIssue({ code: "custom", path: ["DTEND"], message: "DTEND must be after DTSTART (DTEND is exclusive)" });
    if (days > MAX_EVENT_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["DTEND"],
        message: `an event longer than ${MAX_EVENT_DAYS} days is not a holiday`,
      });
  });

function eventLength(start: string, end: string | undefined, duration: string | undefined): number {
  if (end !== undefined) return daysBetween(start, end);
  const match = duration === undefined ? undefined : /^P(\d+)([DW])$/.exec(duration);
  if (!match) return 1;
  return Number(match[1]) * (match[2] === "W" ? 7 : 1);
}

const WORKDAY_CATEGORIES = new Set([
  "workday",
  "make-up working day",
  "makeup working day",
  "make-up workday",
  "make-up day",
  "上班",
  "补班",
  "调休上班",
]);
const HOLIDAY_CATEGORIES = new Set([
  "holiday",
  "holidays",
  "public holiday",
  "bank holiday",
  "federal holiday",
  "放假",
  "节假日",
  "假日",
]);
const WORKDAY_SUMMARY = /上班|补班|[（(]班[)）]|make-?up (working )?day|make-?up workday/i;
const HOLIDAY_SUMMARY = /放假|休息|假期|[（(]休[)）]/;

function kindOf(
  explicit: CalendarDayKind | undefined,
  categories: readonly string[],
  summary: string,
): CalendarDayKind | string {
  if (explicit) return explicit;
  const words = categories.map((c) => c.trim().toLowerCase());
  const work = words.some((w) => WORKDAY_CATEGORIES.has(w));
  const off = words.some((w) => HOLIDAY_CATEGORIES.has(w));
  if (work) return "workday";
  if (off) return "holiday";
  if (WORKDAY_SUMMARY.test(summary)) return "workday";
  if ((summary.includes("调休") || words.includes("调休")) && !HOLIDAY_SUMMARY.test(summary)) {
    return `"调休" alone is ambiguous (a moved day off or a make-up working day): add X-KEYPOST-KIND:workday or X-KEYPOST-KIND:holiday`;
  }
  return "holiday";
}

/** Parses an .ics file into the days of one calendar; throws CalendarFileError listing every problem. */
export function parseIcsCalendar(text: string, options: { calendar: string; file?: string }): ParsedCalendar {
  const file = options.file ?? "calendar.ics";
  const code = CALENDAR_CODE.safeParse(options.calendar);
  if (!code.success)
    throw new CalendarFileError([{ file, line: 1, reason: `calendar: ${code.error.issues[0]?.message ?? "invalid"}` }]);
  const issues: CalendarFileIssue[] = [];
  const collector = new CalendarDayCollector();
  const stack: string[] = [];
  let event: { line: number; props: Map<string, ContentLine[]> } | undefined;
  let seenCalendar = false;

  const finishEvent = (current: { line: number; props: Map<string, ContentLine[]> }): void => {
    const single = (name: string): string | undefined => current.props.get(name)?.[0]?.value;
    const raw = {
      DTSTART: single("DTSTART"),
      DTEND: single("DTEND"),
      DURATION: single("DURATION"),
      SUMMARY: single("SUMMARY") === undefined ? undefined : unescapeText(single("SUMMARY") ?? ""),
      CATEGORIES: (current.props.get("CATEGORIES") ?? []).flatMap((p) => splitUnquoted(p.value, ",").map(unescapeText)),
      "X-KEYPOST-KIND": single("X-KEYPOST-KIND"),
      RRULE: single("RRULE"),
      STATUS: single("STATUS"),
    };
    const parsed = IcsEvent.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? "");
        const at = current.props.get(name)?.[0];
        issues.push({
          file,
          line: at?.line ?? current.line,
          ...(at ? { column: at.column } : {}),
          reason: `${name || "VEVENT"}: ${issue.message}`,
        });
      }
      return;
    }
    const e = parsed.data;
    if (e.STATUS?.toUpperCase() === "CANCELLED") return;
    const kind = kindOf(e["X-KEYPOST-KIND"], e.CATEGORIES, e.SUMMARY);
    if (kind !== "holiday" && kind !== "workday") {
      issues.push({ file, line: current.line, reason: kind });
      return;
    }
    for (let i = 0; i < eventLength(e.DTSTART, e.DTEND, e.DURATION); i += 1) {
      const clash = collector.add(code.data, addDays(e.DTSTART, i), kind, e.SUMMARY, current.line, true);
      if (clash) issues.push({ file, line: current.line, reason: clash });
    }
  };

  for (const { text: logical, line } of unfold(text)) {
    const content = parseContentLine(logical, line);
    if (!content) {
      issues.push({
        file,
        line,
        reason: `not an iCalendar content line (NAME:value): ${JSON.stringify(logical.slice(0, 40))}`,
      });
      continue;
    }
    if (content.name === "BEGIN") {
      const component = content.value.trim().toUpperCase();
      if (stack.length === 0 && component !== "VCALENDAR")
        issues.push({ file, line, reason: "the file must start with BEGIN:VCALENDAR" });
      if (component === "VCALENDAR") seenCalendar = true;
      if (component === "VEVENT" && stack.length === 1) event = { line, props: new Map() };
      stack.push(component);
    } else if (content.name === "END") {
      const component = content.value.trim().toUpperCase();
      if (stack[stack.length - 1] !== component) {
        issues.push({
          file,
          line,
          column: content.column,
          reason: `END:${component} does not close BEGIN:${stack[stack.length - 1] ?? "(nothing)"}`,
        });
        continue;
      }
      stack.pop();
      if (component === "VEVENT" && event && stack.length === 1) {
        finishEvent(event);
        event = undefined;
      }
    } else if (event && stack.length === 2) {
      event.props.set(content.name, [...(event.props.get(content.name) ?? []), content]);
    }
  }
  if (!seenCalendar) issues.push({ file, line: 1, reason: "no BEGIN:VCALENDAR: this is not an iCalendar file" });
  else if (stack.length > 0)
    issues.push({
      file,
      line: unfold(text).at(-1)?.line ?? 1,
      reason: `BEGIN:${stack[stack.length - 1]} is never closed`,
    });
  if (issues.length > 0) throw new CalendarFileError(issues);
  return collector.result()[0] ?? { calendar: code.data, days: [] };
}
