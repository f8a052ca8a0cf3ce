// Nobody outside HR, compliance and the audit team hears of a sealed leave before the start of its
// first working day in the unit's time zone, and the holder hears at that instant — Shanghai (no
// DST), New York on the Monday after the March 2026 spring-forward and after the November fall-back,
// London on the Monday after British Summer Time begins. The real tick runs minute by minute around
// the start and around the instants a fixed-offset mistake would pick (one hour either side), and
// every four hours from the plan to the start. The weekly digest (planned mid-week: none that week)
// comes on the Monday of the start at 09:00 local.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { seedSmallBank } from "../../support/small-bank.ts";
import { ticking } from "./scheduler-world.ts";

const CASES = [
  {
    zone: "Asia/Shanghai",
    planAt: "2026-03-04T02:00:00Z",
    startDate: "2026-03-09",
    endDate: "2026-03-13",
    startsAt: "2026-03-08T16:00:00.000Z",
  },
  // 00:00 EDT (UTC−4): clocks went forward on Sunday 8 March at 02:00.
  {
    zone: "America/New_York",
    planAt: "2026-03-04T15:00:00Z",
    startDate: "2026-03-09",
    endDate: "2026-03-13",
    startsAt: "2026-03-09T04:00:00.000Z",
  },
  // 00:00 EST (UTC−5): clocks went back on Sunday 1 November at 02:00.
  {
    zone: "America/New_York",
    planAt: "2026-10-28T14:00:00Z",
    startDate: "2026-11-02",
    endDate: "2026-11-06",
    startsAt: "2026-11-02T05:00:00.000Z",
  },
  // 00:00 BST (UTC+1): clocks went forward on Sunday 29 March at 01:00.
  {
    zone: "Europe/London",
    planAt: "2026-03-25T10:00:00Z",
    startDate: "2026-03-30",
    endDate: "2026-04-03",
    startsAt: "2026-03-29T23:00:00.000Z",
  },
];

const INSIDERS = ["E-HR", "E-CO", "E-CH"];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function instants(planAt: string, startsAt: string): string[] {
  const start = new Date(startsAt).getTime();
  const out = new Set<number>();
  for (let t = new Date(planAt).getTime(); t < start - 2 * HOUR; t += 4 * HOUR) out.add(t);
  for (const around of [start - HOUR, start, start + HOUR])
    for (let m = -3; m <= 1; m += 1) out.add(around + m * MINUTE);
  return [...out].sort((a, b) => a - b).map((t) => new Date(t).toISOString());
}

describe.each(ENGINES)("sealed leave start across time zones on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => db.drop());

  it.each(CASES)(
    "$zone, leave of $startDate: nobody outside HR and compliance is told before $startsAt, the holder at it",
    async ({ zone, planAt, startDate, endDate, startsAt }) => {
      const bank = await seedSmallBank(db, { timeZone: zone });
      await db.prisma.assignment.updateMany({
        where: { employeeId: bank.ids.holder },
        data: { startDate: "2025-06-02" },
      });
      const w = ticking(db, planAt);
      expect(
        await w.run(
          planLeave,
          { post: "P-TELLER-SB1", startDate, endDate, kind: "regular", trigger: "periodic", substitute: "E-SU" },
          bank.ids.hr,
        ),
      ).toMatchObject({ ok: true });
      const leave = await db.prisma.leave.findFirstOrThrow();
      expect(leave.startDate).toBe(startDate);

      for (const at of instants(planAt, startsAt)) {
        await w.tickAt(at);
        const outsiders = w.notifier.sent.filter((s) => !INSIDERS.includes(s.to));
        if (at < startsAt) {
          expect(outsiders, `told before the start, at ${at}`).toEqual([]);
          const visible = await db.prisma.notice.count({
            where: {
              recipientId: { in: [bank.ids.holder, bank.ids.substitute, bank.ids.manager] },
              OR: [{ visibleFrom: null }, { visibleFrom: { lte: new Date(at) } }],
            },
          });
          expect(visible, `visible before the start, at ${at}`).toBe(0);
          expect((await db.prisma.leave.findUniqueOrThrow({ where: { id: leave.id } })).status).not.toBe("started");
        } else {
          expect((await db.prisma.leave.findUniqueOrThrow({ where: { id: leave.id } })).startedAt?.toISOString()).toBe(
            startsAt,
          );
          const holder = w.notifier.sent.filter((s) => s.to === "E-TL" && s.kind === "leave_started");
          expect(holder.map((s) => s.at)).toEqual([startsAt]);
          expect(outsiders.every((s) => s.at >= startsAt)).toBe(true);
        }
      }
      expect(
        w.notifier.sent.filter((s) => s.to === "E-SU" && s.kind === "leave_cover_started").map((s) => s.at),
      ).toEqual([startsAt]);
      // At 09:00 on that Monday, local time, the weekly digest reaches compliance and the executive
      // (decision 15.22): after the start, so the executive's counts the leave as everybody's does.
      const nine = new Date(Date.parse(startsAt) + 9 * HOUR).toISOString();
      expect(w.notifier.sent.filter((s) => s.kind === "digest.weekly")).toEqual([]);
      await w.tickAt(nine);
      expect(
        w.notifier.sent
          .filter((s) => s.kind === "digest.weekly")
          .map((s) => `${s.to} ${s.at}`)
          .sort(),
      ).toEqual(["E-CH", "E-CO", "E-VP"].map((c) => `${c} ${nine}`));
    },
  );
});
