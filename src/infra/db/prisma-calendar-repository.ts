// Calendars and their days in the database (Calendar, CalendarDay); returns domain calendars.
// The time zone comes from the org unit; a unit without a calendar uses its nearest ancestor's.
import { z } from "zod";
import {
  CalendarError,
  WorkingCalendar,
  toEpochDay,
  type CalendarDayEntry,
  type IsoWeekday,
} from "../../domain/calendar/index.ts";
import type {
  CalendarDefinition,
  CalendarImportCounts,
  CalendarRef,
  CalendarRepository,
  UpsertDaysOptions,
} from "../../ports/calendar-repository.ts";
import { newId as defaultNewId, type NewId } from "../../ports/ids.ts";
import { inTransaction, type Prisma, type Tx } from "./database.ts";

const WeekendColumn = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((d) => d.trim())
      .filter((d) => d !== "")
      .map(Number),
  )
  .pipe(z.array(z.number().int().min(1).max(7)));
const DayRow = z.object({ date: z.string(), kind: z.enum(["holiday", "workday"]), name: z.string() });

type CalendarRow = {
  id: string;
  code: string;
  weekendDays: string;
  days: { date: string; kind: string; name: string }[];
};

function toDomain(row: CalendarRow, timeZone: string): WorkingCalendar {
  const weekend = WeekendColumn.safeParse(row.weekendDays);
  if (!weekend.success)
    throw new CalendarError(
      "CALENDAR_INVALID_WEEKEND",
      `calendar ${row.code} has a bad weekendDays column: ${JSON.stringify(row.weekendDays)}`,
    );
  const days = row.days.map((d) => {
    const parsed = DayRow.safeParse(d);
    if (!parsed.success)
      throw new CalendarError(
        "CALENDAR_INVALID_ARGUMENT",
        `calendar ${row.code} has a bad day row: ${JSON.stringify(d)}`,
      );
    return parsed.data;
  });
  return new WorkingCalendar({ code: row.code, timeZone, weekendDays: weekend.data as IsoWeekday[], days });
}

function weekendColumn(days: readonly IsoWeekday[] | undefined): string {
  const list = [...new Set(days ?? [6, 7])].sort((a, b) => a - b);
  if (list.length === 7 || list.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new CalendarError(
      "CALENDAR_INVALID_WEEKEND",
      `weekend days must be 0–6 distinct ISO weekdays 1–7, got ${list.join(",")}`,
    );
  }
  return list.join(",");
}

/** One entry per date; a date given twice must say the same thing. */
function distinctDays(days: readonly CalendarDayEntry[]): Map<string, { kind: string; name: string }> {
  const byDate = new Map<string, { kind: string; name: string }>();
  for (const day of days) {
    toEpochDay(day.date); // throws CALENDAR_INVALID_DATE
    if (day.kind !== "holiday" && day.kind !== "workday")
      throw new CalendarError("CALENDAR_INVALID_ARGUMENT", `unknown day kind ${JSON.stringify(day.kind)}`);
    const entry = { kind: day.kind, name: day.name ?? "" };
    const seen = byDate.get(day.date);
    if (seen && (seen.kind !== entry.kind || seen.name !== entry.name)) {
      throw new CalendarError("CALENDAR_CONFLICTING_DAYS", `${day.date} is given twice with different contents`);
    }
    byDate.set(day.date, entry);
  }
  return byDate;
}

export class PrismaCalendarRepository implements CalendarRepository {
  /** `db` is the client (writes get their own transaction) or a transaction already open. */
  constructor(
    private readonly db: Prisma | Tx,
    private readonly newId: NewId = defaultNewId,
  ) {}

  #transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, work);
  }

  async load(ref: CalendarRef): Promise<WorkingCalendar> {
    const include = { days: { orderBy: { date: "asc" as const } } };
    if ("calendarCode" in ref) {
      const row = await this.db.calendar.findUnique({ where: { code: ref.calendarCode }, include });
      if (!row)
        throw new CalendarError("CALENDAR_NOT_FOUND", `no calendar with code ${JSON.stringify(ref.calendarCode)}`);
      return toDomain(row, ref.timeZone);
    }
    const unit = await this.db.orgUnit.findUnique({
      where: { id: ref.unitId },
      select: { code: true, path: true, timeZone: true, calendarId: true },
    });
    if (!unit) throw new CalendarError("CALENDAR_NOT_FOUND", `no org unit with id ${JSON.stringify(ref.unitId)}`);
    let calendarId = unit.calendarId;
    if (!calendarId) {
      // The path holds the codes from the root down: take the deepest ancestor that has a calendar.
      const codes = unit.path.split("/").filter((c) => c !== "");
      const ancestors = await this.db.orgUnit.findMany({
        where: { code: { in: codes } },
        select: { code: true, calendarId: true },
      });
      const byCode = new Map(ancestors.map((a) => [a.code, a.calendarId]));
      calendarId =
        codes
          .map((c) => byCode.get(c))
          .reverse()
          .find((id): id is string => typeof id === "string") ?? null;
    }
    if (!calendarId)
      throw new CalendarError(
        "CALENDAR_NOT_CONFIGURED",
        `org unit ${unit.code} and the units above it have no calendar`,
      );
    const row = await this.db.calendar.findUnique({ where: { id: calendarId }, include });
    if (!row) throw new CalendarError("CALENDAR_NOT_FOUND", `org unit ${unit.code} points at a missing calendar`);
    return toDomain(row, unit.timeZone);
  }

  async define(calendar: CalendarDefinition): Promise<{ created: boolean }> {
    const weekendDays = weekendColumn(calendar.weekendDays);
    return this.#transaction(async (tx) => {
      const existing = await tx.calendar.findUnique({ where: { code: calendar.code } });
      if (existing) {
        if (existing.name !== calendar.name || existing.weekendDays !== weekendDays) {
          await tx.calendar.update({ where: { id: existing.id }, data: { name: calendar.name, weekendDays } });
        }
        return { created: false };
      }
      await tx.calendar.create({ data: { id: this.newId(), code: calendar.code, name: calendar.name, weekendDays } });
      return { created: true };
    });
  }

  async upsertDays(
    calendarCode: string,
    days: readonly CalendarDayEntry[],
    options: UpsertDaysOptions = {},
  ): Promise<CalendarImportCounts> {
    const wanted = distinctDays(days);
    const { replace } = options;
    if (replace && toEpochDay(replace.from) > toEpochDay(replace.to)) {
      throw new CalendarError(
        "CALENDAR_INVALID_ARGUMENT",
        `replace range ends before it starts: ${replace.from}..${replace.to}`,
      );
    }
    return this.#transaction(async (tx) => {
      const calendar =
        (await tx.calendar.findUnique({ where: { code: calendarCode } })) ??
        (await tx.calendar.create({ data: { id: this.newId(), code: calendarCode, name: calendarCode } }));
      const stored = await tx.calendarDay.findMany({
        where: {
          calendarId: calendar.id,
          OR: [
            { date: { in: [...wanted.keys()] } },
            ...(replace ? [{ date: { gte: replace.from, lte: replace.to } }] : []),
          ],
        },
      });
      const storedByDate = new Map(stored.map((row) => [row.date, row]));
      const counts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
      const creates: { id: string; calendarId: string; date: string; kind: string; name: string }[] = [];
      for (const [date, day] of wanted) {
        const row = storedByDate.get(date);
        if (!row) {
          creates.push({ id: this.newId(), calendarId: calendar.id, date, kind: day.kind, name: day.name });
          counts.created += 1;
        } else if (row.kind !== day.kind || row.name !== day.name) {
          await tx.calendarDay.update({ where: { id: row.id }, data: { kind: day.kind, name: day.name } });
          counts.updated += 1;
        } else {
          counts.unchanged += 1;
        }
      }
      if (creates.length > 0) await tx.calendarDay.createMany({ data: creates });
      if (replace) {
        const stale = stored
          .filter((row) => !wanted.has(row.date) && row.date >= replace.from && row.date <= replace.to)
          .map((row) => row.id);
        if (stale.length > 0) await tx.calendarDay.deleteMany({ where: { id: { in: stale } } });
        counts.deleted = stale.length;
      }
      return counts;
    });
  }
}
