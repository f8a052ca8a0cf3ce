// A unit page's holders read a page at a time from the database (unit-holders.query.ts) are the
// rotation-compliance report's rows in its order, on both engines: whole and in pages of 2 (their
// concatenation is the report's list; the count is the report's), for the report bank's four
// viewers (scope and secrecy are theirs), within a sub-branch, at the report instant and at one
// where some holdings have not started yet; a page past the end is empty with the count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitHolders } from "../../../src/app/dashboard/unit-holders.query.ts";
import type { ReportDeps, ReportEnv } from "../../../src/app/reports/report-context.ts";
import { rotationComplianceReport } from "../../../src/app/reports/rotation-compliance.report.ts";
import type { Actor } from "../../../src/domain/access/roles.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { NOW, seedReportBank, type ReportBank } from "../reports/report-bank.ts";
import { actorOf } from "../reports/viewers.ts";

const NAMES = ["compliance", "hr", "manager", "otherManager"] as const;

async function compare(deps: ReportDeps, viewer: Actor, env: ReportEnv, label: string): Promise<number> {
  const report = (await rotationComplianceReport(deps, viewer, env)).rows;
  const all = await unitHolders(deps, viewer, env);
  expect(all, label).toEqual({ total: report.length, first: 0, rows: report });
  const paged = [];
  for (let first = 0; first < report.length; first += 2) {
    const page = await unitHolders(deps, viewer, env, { first, count: 2 });
    expect(page.total, label).toBe(report.length);
    expect(page.first).toBe(first);
    paged.push(...page.rows);
  }
  expect(paged, label).toEqual(report);
  const past = await unitHolders(deps, viewer, env, { first: report.length + 5, count: 2 });
  expect(past).toEqual({ total: report.length, first: report.length + 5, rows: [] });
  return report.length;
}

describe.each(ENGINES)("a unit page's holders from the database on %s", (engine) => {
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

  it.each(NAMES)("are the rotation report's rows, whole and page by page, as %s", async (name) => {
    const viewer = actorOf(bank, name);
    const n = await compare(deps, viewer, { now: new Date(NOW) }, name);
    expect(n).toBeGreaterThan(0);
    await compare(deps, viewer, { now: new Date("2025-06-01T10:00:00+08:00") }, `${name} 2025-06-01`);
  });

  it("within a sub-branch, as the report reads it", async () => {
    for (const name of NAMES)
      await compare(deps, actorOf(bank, name), { now: new Date(NOW), within: bank.units.SB1.path }, name);
  });
});
