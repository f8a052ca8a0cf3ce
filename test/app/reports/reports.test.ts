// The regulator's figures over the report bank, on both engines, for four viewers: compliance over
// the bank, HR over BR1, the manager of sub-branch SB1, the manager of BR2. Every expected figure
// comes from expected-figures.ts (plain code over the seeded facts); a few are also written out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../../src/domain/errors.ts";
import type { ReportDeps } from "../../../src/app/reports/report-context.ts";
import { keyPostsReport } from "../../../src/app/reports/key-posts.report.ts";
import { rotationComplianceReport } from "../../../src/app/reports/rotation-compliance.report.ts";
import { leaveCoverageReport } from "../../../src/app/reports/leave-coverage.report.ts";
import { auditTimelinessReport } from "../../../src/app/reports/audit-timeliness.report.ts";
import { findingsReport } from "../../../src/app/reports/findings.report.ts";
import { rectificationClosureReport } from "../../../src/app/reports/rectification-closure.report.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import * as expected from "./expected-figures.ts";
import { NOW, seedReportBank, type ReportBank } from "./report-bank.ts";
import { actorOf } from "./viewers.ts";

const env = { now: new Date(NOW) };
const NAMES = ["compliance", "hr", "manager", "otherManager"] as const;
const sorted = (xs: readonly string[]) => [...xs].sort();

describe.each(ENGINES)("report figures on %s", (engine) => {
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

  it.each(NAMES)("key posts, standards and checklists as %s", async (name) => {
    const r = await keyPostsReport(deps, actorOf(bank, name), env);
    const e = expected.keyPosts(expected.VIEWERS[name]);
    expect([r.posts, r.standardDefined.numerator, r.checklist.numerator, r.both.numerator]).toEqual([
      e.posts,
      e.standard,
      e.checklist,
      e.both,
    ]);
    expect(r.standardDefined.denominator).toBe(e.posts);
    expect(r.rows).toHaveLength(e.posts);
    if (name === "compliance")
      expect([r.posts, r.standardDefined.numerator, r.checklist.numerator, r.both.numerator]).toEqual([7, 4, 3, 2]);
  });

  it.each(NAMES)("rotation compliance as %s", async (name) => {
    const r = await rotationComplianceReport(deps, actorOf(bank, name), env);
    const e = expected.withinTenure(expected.VIEWERS[name]);
    expect(r.total).toEqual({
      numerator: e.within.length,
      denominator: e.holders.length,
      ratio: e.within.length / e.holders.length,
    });
    expect(sorted(r.rows.filter((x) => x.withinLimit).map((x) => x.employeeCode))).toEqual(sorted(e.within));
    expect(sorted(r.rows.map((x) => x.employeeCode))).toEqual(sorted(e.holders));
    // The groups add up to the total.
    expect(r.byUnitCategory.reduce((n, g) => n + g.denominator, 0)).toBe(r.total.denominator);
    expect(r.byCategory.reduce((n, g) => n + g.numerator, 0)).toBe(r.total.numerator);
  });

  it("rotation compliance per unit and category, with the vault post's own 12-month limit", async () => {
    const r = await rotationComplianceReport(deps, actorOf(bank, "compliance"), env);
    expect(r.byUnitCategory.map((g) => `${g.unitCode}/${g.category} ${g.numerator}/${g.denominator}`)).toEqual([
      "BR1/authority 0/1",
      "BR2/operations 1/1",
      "HO/oversight 1/1",
      "SB1/operations 2/3",
    ]);
    const vault = r.rows.find((x) => x.postCode === "P-VAULT-SB1")!;
    expect([vault.policyCode, vault.maxTenureMonths, vault.deadline, vault.withinLimit]).toEqual([
      "TEST-VAULT",
      12,
      "2026-04-20",
      true,
    ]);
    const teller = r.rows.find((x) => x.postCode === "P-TELLER-SB1")!;
    expect([teller.deadline, teller.withinLimit, teller.daysOver]).toEqual(["2026-01-09", false, 66]);
  });

  it.each(NAMES)("leave coverage as %s", async (name) => {
    const r = await leaveCoverageReport(deps, actorOf(bank, name), env);
    const e = expected.coverage(expected.VIEWERS[name]);
    expect([r.total.numerator, r.total.denominator]).toEqual([e.covered.length, e.holders.length]);
    expect([r.coveredOrPlanned.numerator, r.coveredOrPlanned.denominator]).toEqual([
      e.coveredOrPlanned.length,
      e.holders.length,
    ]);
    expect(sorted(r.rows.filter((x) => x.covered).map((x) => x.employeeCode))).toEqual(sorted(e.covered));
  });

  it("secrecy: the sealed leave ahead counts for compliance and HR, never for the manager", async () => {
    const compliance = await leaveCoverageReport(deps, actorOf(bank, "compliance"), env);
    const hr = await leaveCoverageReport(deps, actorOf(bank, "hr"), env);
    const manager = await leaveCoverageReport(deps, actorOf(bank, "manager"), env);
    expect([compliance.total.numerator, compliance.coveredOrPlanned.numerator, compliance.total.denominator]).toEqual([
      3, 4, 6,
    ]);
    expect([hr.total.numerator, hr.coveredOrPlanned.numerator, hr.total.denominator]).toEqual([2, 3, 4]);
    expect([manager.total.numerator, manager.coveredOrPlanned.numerator, manager.total.denominator]).toEqual([2, 2, 3]);
    const ac = (r: typeof manager) => r.rows.find((x) => x.employeeCode === "E-AC")!;
    expect(ac(compliance).planned?.leaveId).toBe(bank.leaveIds.L3);
    expect(ac(manager).planned).toBeNull();
    expect(JSON.stringify(manager)).not.toContain(bank.leaveIds.L3!);
    // The audit of that leave is not even counted as "without a due date" for the manager.
    expect((await auditTimelinessReport(deps, actorOf(bank, "compliance"), env)).withoutDueDate).toBe(1);
    expect((await auditTimelinessReport(deps, actorOf(bank, "manager"), env)).withoutDueDate).toBe(0);
  });

  it.each(NAMES)("audit timeliness, findings and rectification closure as %s", async (name) => {
    const v = expected.VIEWERS[name];
    const viewer = actorOf(bank, name);
    const a = await auditTimelinessReport(deps, viewer, env);
    const ea = expected.auditTimeliness(v);
    expect([a.total.numerator, a.total.denominator, a.withoutDueDate]).toEqual([
      ea.onTime.length,
      ea.due.length,
      ea.withoutDueDate,
    ]);
    expect(a.late).toHaveLength(ea.due.length - ea.onTime.length);
    const f = await findingsReport(deps, viewer, env);
    const ef = expected.findings(v);
    expect(f.total).toBe(ef.total);
    expect(Object.fromEntries(f.bySeverity.map((s) => [s.severity, s.numerator]))).toEqual({
      low: ef.low,
      medium: ef.medium,
      high: ef.high,
      critical: ef.critical,
    });
    expect([f.serious.numerator, f.serious.denominator]).toEqual([ef.serious, ef.total]);
    const r = await rectificationClosureReport(deps, viewer, env);
    const er = expected.rectifications(v);
    expect([r.total.numerator, r.total.denominator, r.closedOnTime.numerator, r.overdue.length]).toEqual([
      er.closed,
      er.due,
      er.onTime,
      er.open,
    ]);
  });

  it("the period figures written out for compliance, and with --from", async () => {
    const viewer = actorOf(bank, "compliance");
    const a = await auditTimelinessReport(deps, viewer, env);
    expect([a.total.numerator, a.total.denominator]).toEqual([1, 3]);
    expect(a.late.map((x) => [x.postCode, x.doneOn, x.daysLate])).toEqual([
      ["P-HEAD-BR1", null, 167],
      ["P-VAULT-SB1", "2025-11-05", 5],
    ]);
    expect((await findingsReport(deps, viewer, env)).serious).toEqual({ numerator: 2, denominator: 6, ratio: 2 / 6 });
    const r = await rectificationClosureReport(deps, viewer, env);
    expect([r.total.numerator, r.total.denominator, r.closedOnTime.numerator]).toEqual([2, 3, 1]);
    const from = "2024-12-01";
    const wide = await auditTimelinessReport(deps, viewer, env, { from });
    const ew = expected.auditTimeliness(expected.VIEWERS.compliance, from);
    expect([wide.total.numerator, wide.total.denominator]).toEqual([ew.onTime.length, ew.due.length]);
    expect((await findingsReport(deps, viewer, env, { from })).total).toBe(
      expected.findings(expected.VIEWERS.compliance, from).total,
    );
    expect((await rectificationClosureReport(deps, viewer, env, { from })).total.denominator).toBe(
      expected.rectifications(expected.VIEWERS.compliance, from).due,
    );
  });

  it("scope: a branch manager's rows are all in their subtree; a holder without a reporting role is refused", async () => {
    const other = await rotationComplianceReport(deps, actorOf(bank, "otherManager"), env);
    expect(other.scope).toEqual([bank.units.BR2.path]);
    expect(new Set(other.rows.map((x) => x.unitCode))).toEqual(new Set(["BR2"]));
    const manager = await findingsReport(deps, actorOf(bank, "manager"), env);
    expect(new Set(manager.rows.map((x) => x.unitCode))).toEqual(new Set(["SB1"]));
    await expect(keyPostsReport(deps, actorOf(bank, "holder"), env)).rejects.toThrow(DomainError);
    await expect(keyPostsReport(deps, actorOf(bank, "leader"), env)).rejects.toMatchObject({ code: "NOT_AUTHORISED" });
  });

  it("the sealed leave counts for the manager once it has really started, not merely once its day has come", async () => {
    const later = { now: new Date("2026-03-23T10:00:00+08:00") };
    const before = await leaveCoverageReport(deps, actorOf(bank, "manager"), later);
    expect(before.rows.find((x) => x.employeeCode === "E-AC")!.covered).toBe(false);
    await db.prisma.leave.update({ where: { id: bank.leaveIds.L3! }, data: { status: "started" } });
    const after = await leaveCoverageReport(deps, actorOf(bank, "manager"), later);
    expect(after.rows.find((x) => x.employeeCode === "E-AC")!.taken?.leaveId).toBe(bank.leaveIds.L3);
    await db.prisma.leave.update({ where: { id: bank.leaveIds.L3! }, data: { status: "compliance_notified" } });
  });
});
