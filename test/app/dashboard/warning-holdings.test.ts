// The dashboard's warnings (earlyWarningsReport with `holdings: "database"`: the database counts the
// holdings and keeps those its date cut-offs cannot rule out) equal the report's own rows and
// per-kind figures, on both engines, for the report bank's four viewers (compliance, HR, a
// sub-branch manager, another branch's manager): at the report instant, at the trend's 12 instants,
// on and around every tenure deadline, warning day and leave due date the report lists (so each
// cut-off is met on its last day and the day after), with the 30-day horizon and without, within a
// sub-branch, and around the sealed leave (before its day, on its day while sealed, once started).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trendInstants } from "../../../src/app/dashboard/dashboard.query.ts";
import { earlyWarningsReport, type EarlyWarningsReport } from "../../../src/app/reports/early-warnings.report.ts";
import type { ReportDeps, ReportEnv } from "../../../src/app/reports/report-context.ts";
import type { Actor } from "../../../src/domain/access/roles.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { NOW, seedReportBank, type ReportBank } from "../reports/report-bank.ts";
import { actorOf } from "../reports/viewers.ts";

const NAMES = ["compliance", "hr", "manager", "otherManager"] as const;
/** The sealed leave L3's first day (2026-03-23) at 10:00, when it has not started. */
const ITS_DAY = new Date("2026-03-23T10:00:00+08:00");
const DAY = 86_400_000;
const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`);

async function both(deps: ReportDeps, viewer: Actor, env: ReportEnv, horizon: number) {
  const report = await earlyWarningsReport(deps, viewer, env, { leaveHorizonDays: horizon });
  const database = await earlyWarningsReport(deps, viewer, env, { leaveHorizonDays: horizon, holdings: "database" });
  return { report, database };
}

const holdingKinds = (r: EarlyWarningsReport) => r.rows.filter((row) => row.subjectType === "assignment");

describe.each(ENGINES)("warnings with the holdings prefiltered by the database on %s", (engine) => {
  let db: TestDatabase;
  let bank: ReportBank;
  let deps: ReportDeps;
  beforeAll(async () => {
    db = await testDatabase(engine);
    bank = await seedReportBank(db);
    deps = reportDepsOf(db);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(NAMES)("equal the report as %s, now and at each of the trend's 12 instants", async (name) => {
    const viewer = actorOf(bank, name);
    for (const at of [...trendInstants(new Date(NOW)), ITS_DAY])
      for (const horizon of [0, 30]) {
        const { report, database } = await both(deps, viewer, { now: at }, horizon);
        expect(database, `${at.toISOString()} +${horizon}`).toEqual(report);
      }
  });

  it("equal the report on every date it warns about, the days around it and the warning thresholds", async () => {
    const viewer = actorOf(bank, "compliance");
    const now = await earlyWarningsReport(deps, viewer, { now: new Date(NOW) }, { leaveHorizonDays: 30 });
    const dates = [...new Set(holdingKinds(now).map((r) => r.date))];
    // Not vacuous: tenure limits past and near, leaves overdue and due soon.
    expect(new Set(holdingKinds(now).map((r) => r.kind))).toEqual(
      new Set(["tenure_overdue", "tenure_warning", "leave_overdue", "leave_due"]),
    );
    const instants = new Set<number>();
    for (const d of dates) for (const k of [-31, -30, -29, -1, 0, 1]) instants.add(at10(d).getTime() + k * DAY);
    // The warnings' thresholds (90, 30, 7 days before a deadline) and the day either side.
    for (const d of dates)
      for (const w of [90, 30, 7]) for (const k of [-1, 0, 1]) instants.add(at10(d).getTime() - (w + k) * DAY);
    let compared = 0;
    for (const t of [...instants].sort()) {
      const at = new Date(t);
      for (const horizon of [0, 30]) {
        const { report, database } = await both(deps, viewer, { now: at }, horizon);
        expect(database, `${at.toISOString()} +${horizon}`).toEqual(report);
        compared += holdingKinds(report).length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("read only a unit's subtree when asked (within), as the report does", async () => {
    const env = { now: new Date(NOW), within: bank.units.SB1.path };
    for (const name of NAMES) {
      const { report, database } = await both(deps, actorOf(bank, name), env, 30);
      expect(database, name).toEqual(report);
    }
  });

  it("count the sealed leave's holder by the viewer's leaves: the same as the report before and after it starts", async () => {
    await db.prisma.leave.update({ where: { id: bank.leaveIds.L3! }, data: { status: "started" } });
    try {
      for (const name of NAMES)
        for (const at of [ITS_DAY, new Date(ITS_DAY.getTime() + 10 * DAY)]) {
          const { report, database } = await both(deps, actorOf(bank, name), { now: at }, 30);
          expect(database, `${name} ${at.toISOString()}`).toEqual(report);
        }
    } finally {
      await db.prisma.leave.update({ where: { id: bank.leaveIds.L3! }, data: { status: "compliance_notified" } });
    }
  });
});
