import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { PrismaCalendarRepository } from "../../src/infra/db/prisma-calendar-repository.ts";
import { parseCalendarFile } from "../../src/infra/calendar-files/index.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "calendars");
const load = (file: string, calendar?: string) =>
  parseCalendarFile(file, readFileSync(join(FIXTURES, file), "utf8"), calendar === undefined ? {} : { calendar });

describe.each(ENGINES)("PrismaCalendarRepository on %s", (engine) => {
  let db: TestDatabase;
  let calendars: PrismaCalendarRepository;

  beforeAll(async () => {
    db = await testDatabase(engine);
    calendars = new PrismaCalendarRepository(db.prisma);
  });
  afterAll(async () => {
    await db.drop();
  });

  it("imports a file once: a second import changes nothing", async () => {
    const [cn] = load("cn-2026.csv");
    expect(await calendars.define({ code: "CN", name: "中国大陆" })).toEqual({ created: true });
    expect(await calendars.upsertDays("CN", cn?.days ?? [])).toEqual({
      created: 39,
      updated: 0,
      unchanged: 0,
      deleted: 0,
    });
    expect(await calendars.upsertDays("CN", cn?.days ?? [])).toEqual({
      created: 0,
      updated: 0,
      unchanged: 39,
      deleted: 0,
    });
    expect(await db.prisma.calendarDay.count()).toBe(39);
    expect(await calendars.define({ code: "CN", name: "中国大陆" })).toEqual({ created: false });
  });

  it("loads by code in the given zone, with make-up days", async () => {
    const cn = await calendars.load({ calendarCode: "CN", timeZone: "Asia/Shanghai" });
    expect(cn.code).toBe("CN");
    expect(cn.timeZone).toBe("Asia/Shanghai");
    expect(cn.isWorkingDay("2026-02-14")).toBe(true);
    expect(cn.isWorkingDay("2026-02-16")).toBe(false);
    expect(cn.countWorkingDays("2026-01-01", "2026-12-31")).toBe(248);
    expect(cn.dayStatus("2026-10-01")).toMatchObject({ kind: "holiday", name: "国庆节" });
  });

  it("counts updates and replaces a range with a revised list", async () => {
    const days = [
      { date: "2026-01-01", kind: "holiday" as const, name: "New Year's Day" },
      { date: "2026-12-25", kind: "holiday" as const, name: "Christmas" },
      { date: "2026-12-28", kind: "holiday" as const, name: "Boxing Day (substitute day)" },
    ];
    expect(await calendars.upsertDays("GB-X", days)).toEqual({ created: 3, updated: 0, unchanged: 0, deleted: 0 });
    const revised = [{ ...days[0]!, name: "New Year" }, days[1]!];
    expect(await calendars.upsertDays("GB-X", revised, { replace: { from: "2026-01-01", to: "2026-12-31" } })).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
      deleted: 1,
    });
    const gb = await calendars.load({ calendarCode: "GB-X", timeZone: "Europe/London" });
    expect(gb.days.map((d) => `${d.date} ${d.name}`)).toEqual(["2026-01-01 New Year", "2026-12-25 Christmas"]);
    // the calendar was created on first import, named after its code, with the default weekend
    expect(await db.prisma.calendar.findUnique({ where: { code: "GB-X" } })).toMatchObject({
      name: "GB-X",
      weekendDays: "6,7",
    });
  });

  it("writes all or nothing", async () => {
    const bad = [
      { date: "2026-03-01", kind: "holiday" as const },
      { date: "2026-03-01", kind: "workday" as const },
    ];
    await expect(calendars.upsertDays("CN", bad)).rejects.toMatchObject({ code: "CALENDAR_CONFLICTING_DAYS" });
    await expect(calendars.upsertDays("CN", [{ date: "2026-02-30", kind: "holiday" }])).rejects.toMatchObject({
      code: "CALENDAR_INVALID_DATE",
    });
    expect(await db.prisma.calendarDay.count({ where: { date: "2026-03-01" } })).toBe(0);
  });

  it("loads a unit's calendar in the unit's zone, inheriting from the nearest ancestor", async () => {
    const us = load("us-federal-2026.ics", "US-FED")[0];
    await calendars.define({ code: "US-FED", name: "US federal", weekendDays: [6, 7] });
    await calendars.upsertDays("US-FED", us?.days ?? []);
    const usCalendar = await db.prisma.calendar.findUniqueOrThrow({ where: { code: "US-FED" } });
    const cnCalendar = await db.prisma.calendar.findUniqueOrThrow({ where: { code: "CN" } });
    const unit = (id: string, path: string, parentId: string | null, timeZone: string, calendarId: string | null) =>
      db.prisma.orgUnit.create({
        data: { id, code: id, name: id, kind: "branch", path, parentId, timeZone, calendarId },
      });
    await unit("HO", "/HO/", null, "Asia/Shanghai", cnCalendar.id);
    await unit("NY", "/HO/NY/", "HO", "America/New_York", usCalendar.id);
    await unit("NY1", "/HO/NY/NY1/", "NY", "America/New_York", null);
    await unit("SH1", "/HO/SH1/", "HO", "Asia/Shanghai", null);
    await unit("LONE", "/LONE/", null, "Europe/London", null);

    const ny1 = await calendars.load({ unitId: "NY1" });
    expect([ny1.code, ny1.timeZone, ny1.isWorkingDay("2026-07-03")]).toEqual(["US-FED", "America/New_York", false]);
    expect(ny1.startOfWorkingDay("2026-03-09").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    const sh1 = await calendars.load({ unitId: "SH1" });
    expect([sh1.code, sh1.timeZone, sh1.isWorkingDay("2026-02-28")]).toEqual(["CN", "Asia/Shanghai", true]);
    await expect(calendars.load({ unitId: "LONE" })).rejects.toMatchObject({ code: "CALENDAR_NOT_CONFIGURED" });
    await expect(calendars.load({ unitId: "nope" })).rejects.toMatchObject({ code: "CALENDAR_NOT_FOUND" });
    await expect(calendars.load({ calendarCode: "nope", timeZone: "UTC" })).rejects.toMatchObject({
      code: "CALENDAR_NOT_FOUND",
    });
  });

  it("honours the stored weekend and joins a transaction it is given", async () => {
    await db.prisma.$transaction(async (tx) => {
      const inTx = new PrismaCalendarRepository(tx);
      await inTx.define({ code: "AE", name: "UAE", weekendDays: [6, 7, 6] });
      await inTx.define({ code: "AE", name: "UAE", weekendDays: [5, 6] });
      await inTx.upsertDays("AE", [{ date: "2026-12-02", kind: "holiday", name: "National Day" }]);
    });
    const ae = await calendars.load({ calendarCode: "AE", timeZone: "Asia/Dubai" });
    expect(ae.weekendDays).toEqual([5, 6]);
    expect(ae.countWorkingDays("2026-11-29", "2026-12-05")).toBe(4); // Sun–Thu less the holiday
    await expect(calendars.define({ code: "X", name: "X", weekendDays: [1, 2, 3, 4, 5, 6, 7] })).rejects.toMatchObject({
      code: "CALENDAR_INVALID_WEEKEND",
    });
  });
});
