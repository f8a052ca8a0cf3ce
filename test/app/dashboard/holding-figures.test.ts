// The rotation and leave-coverage figures counted by the database (holding-figures.query.ts) equal
// the reports' own (rotationComplianceReport, leaveCoverageReport: totals, per unit and category,
// covered-or-planned) on both engines, for the report bank's four viewers (compliance, HR, a
// sub-branch manager, another branch's manager), at the report instant, at the 12 instants of the
// dashboard's trend (one query), within a sub-branch, and around the sealed leave: before its day,
// on its day while it is still sealed, and once it has really started.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trendInstants } from "../../../src/app/dashboard/dashboard.query.ts";
import { holdingFigures, type HoldingFigures } from "../../../src/app/reports/holding-figures.query.ts";
import { leaveCoverageReport } from "../../../src/app/reports/leave-coverage.report.ts";
import type { ReportDeps, ReportEnv } from "../../../src/app/reports/report-context.ts";
import { rotationComplianceReport } from "../../../src/app/reports/rotation-compliance.report.ts";
import type { Actor } from "../../../src/domain/access/roles.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { NOW, seedReportBank, type ReportBank } from "../reports/report-bank.ts";
import { actorOf } from "../reports/viewers.ts";

const NAMES = ["compliance", "hr", "manager", "otherManager"] as const;
/** The sealed leave L3's first day (2026-03-23) at 10:00, when it has not started. */
const ITS_DAY = new Date("2026-03-23T10:00:00+08:00");

async function fromReports(deps: ReportDeps, viewer: Actor, env: ReportEnv): Promise<Omit<HoldingFigures, "asOf">> {
  const rotation = await rotationComplianceReport(deps, viewer, env);
  const leave = await leaveCoverageReport(deps, viewer, env);
  return {
    rotation: { total: rotation.total, byUnitCategory: rotation.byUnitCategory },
    leave: { total: leave.total, byUnitCategory: leave.byUnitCategory, coveredOrPlanned: leave.coveredOrPlanned },
  };
}

const withoutAsOf = ({ asOf: _asOf, ...rest }: HoldingFigures) => rest;

describe.each(ENGINES)("figures counted by the database on %s", (engine) => {
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

  it.each(NAMES)("equal the reports as %s, now and at each of the trend's 12 instants", async (name) => {
    const viewer = actorOf(bank, name);
    const instants = [...trendInstants(new Date(NOW)), ITS_DAY];
    const counted = await holdingFigures(deps, viewer, { now: new Date(NOW) }, instants);
    expect(counted).toHaveLength(instants.length);
    for (const [i, at] of instants.entries())
      expect(withoutAsOf(counted[i]!), at.toISOString()).toEqual(await fromReports(deps, viewer, { now: at }));
    // Totals only (the trend's form): the same totals, no groups.
    const totals = await holdingFigures(deps, viewer, { now: new Date(NOW) }, instants, { perUnit: false });
    expect(totals.map((f) => [f.rotation.total, f.leave.total, f.leave.coveredOrPlanned])).toEqual(
      counted.map((f) => [f.rotation.total, f.leave.total, f.leave.coveredOrPlanned]),
    );
    expect(totals.every((f) => f.rotation.byUnitCategory.length === 0)).toBe(true);
    const now = counted[instants.length - 2]!;
    expect(now.rotation.total.denominator).toBeGreaterThan(0);
  });

  it("equal the reports on each tenure deadline and the day after (the limit's last day is within)", async () => {
    const viewer = actorOf(bank, "compliance");
    const rows = (await rotationComplianceReport(deps, viewer, { now: new Date(NOW) })).rows;
    const deadlines = [...new Set(rows.map((r) => r.deadline).filter((d): d is string => d !== null))].slice(0, 14);
    const instants = deadlines.flatMap((d) =>
      [0, 1].map((k) => new Date(Date.parse(`${d}T10:00:00+08:00`) + k * 86_400_000)),
    );
    const counted = await holdingFigures(deps, viewer, { now: new Date(NOW) }, instants);
    for (const [i, at] of instants.entries())
      expect(withoutAsOf(counted[i]!).rotation, at.toISOString()).toEqual(
        (await fromReports(deps, viewer, { now: at })).rotation,
      );
  });

  it("count the sealed leave ahead for compliance, not for the manager, and once started for both", async () => {
    const planned = async (name: (typeof NAMES)[number], at: Date) =>
      (await holdingFigures(deps, actorOf(bank, name), { now: at }, [at]))[0]!.leave;
    // Compliance's covered-or-planned counts the sealed leave ahead; the manager's does not.
    const c = await planned("compliance", new Date(NOW));
    const m = await planned("manager", new Date(NOW));
    expect(c.coveredOrPlanned.numerator - c.total.numerator).toBeGreaterThan(
      m.coveredOrPlanned.numerator - m.total.numerator,
    );
    await db.prisma.leave.update({ where: { id: bank.leaveIds.L3! }, data: { status: "started" } });
    try {
      for (const name of NAMES)
        expect(await planned(name, ITS_DAY), name).toEqual(
          (await fromReports(deps, actorOf(bank, name), { now: ITS_DAY })).leave,
        );
    } finally {
      await db.prisma.leave.update({ where: { id: bank.leaveIds.L3! }, data: { status: "compliance_notified" } });
    }
  });

  it("read only a unit's subtree when asked (within), as the reports do", async () => {
    const env = { now: new Date(NOW), within: bank.units.SB1.path };
    for (const name of NAMES) {
      const viewer = actorOf(bank, name);
      const [counted] = await holdingFigures(deps, viewer, env, [env.now]);
      expect(withoutAsOf(counted!), name).toEqual(await fromReports(deps, viewer, env));
    }
  });
});
