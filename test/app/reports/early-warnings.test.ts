// The early-warning list for each viewer, its secrecy, and the due scan agreeing with it — on both
// engines. Expected warnings come from expected-figures.ts (plain code over the seeded facts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDeps } from "../../../src/app/reports/report-context.ts";
import { earlyWarningsReport } from "../../../src/app/reports/early-warnings.report.ts";
import { scanDue } from "../../../src/app/reports/scan-due.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import * as expected from "./expected-figures.ts";
import { NOW, TODAY, seedReportBank, type ReportBank } from "./report-bank.ts";
import { actorOf } from "./viewers.ts";

const env = { now: new Date(NOW) };
const NAMES = ["compliance", "hr", "manager", "otherManager"] as const;

describe.each(ENGINES)("early warnings and the due scan on %s", (engine) => {
  let db: TestDatabase;
  let bank: ReportBank;
  let deps: ReportDeps;
  let codeOf: (employeeId: string) => string;
  beforeAll(async () => {
    db = await testDatabase(engine);
    bank = await seedReportBank(db);
    deps = reportDepsOf(db);
    const codes = new Map(Object.entries(bank.people).map(([code, id]) => [id, code]));
    codeOf = (id) => codes.get(id) ?? id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(NAMES)("the list as %s", async (name) => {
    const r = await earlyWarningsReport(deps, actorOf(bank, name), env);
    expect(r.rows.map((w) => `${w.kind} ${w.employeeCode}`).sort()).toEqual(expected.warnings(expected.VIEWERS[name]));
    for (const k of r.byKind) expect(k.numerator).toBe(r.rows.filter((w) => w.kind === k.kind).length);
  });

  it("written out for compliance: what each warning says", async () => {
    const r = await earlyWarningsReport(deps, actorOf(bank, "compliance"), env);
    const line = (kind: string, who: string) => r.rows.find((w) => w.kind === kind && w.employeeCode === who)!;
    expect([line("tenure_overdue", "E-TL").date, line("tenure_overdue", "E-TL").daysLeft]).toEqual(["2026-01-09", -66]);
    expect([line("tenure_warning", "E-VK").date, line("tenure_warning", "E-VK").detail]).toEqual([
      "2026-04-20",
      "60 days before the limit",
    ]);
    expect([line("leave_overdue", "E-CR").date, line("leave_overdue", "E-CR").plannedLeaveStart]).toEqual([
      "2026-01-10",
      null,
    ]);
    expect(
      r.rows
        .filter((w) => w.kind === "notice_unacknowledged")
        .map((w) => w.employeeCode)
        .sort(),
    ).toEqual(["E-CO", "E-MG", "E-TL", "E-VK"]);
    expect(r.byKind.find((k) => k.kind === "notice_unacknowledged")).toMatchObject({ numerator: 4, denominator: 5 });
    expect(r.rows.filter((w) => w.kind === "rectification_overdue").map((w) => w.date)).toEqual([
      "2025-02-28",
      "2026-02-28",
    ]);
  });

  it("secrecy: the leave planned in secret, its notice and its audit never reach the manager", async () => {
    const compliance = await earlyWarningsReport(deps, actorOf(bank, "compliance"), env);
    const manager = await earlyWarningsReport(deps, actorOf(bank, "manager"), env);
    const ac = (r: typeof manager) => r.rows.find((w) => w.kind === "leave_overdue" && w.employeeCode === "E-AC")!;
    expect(ac(compliance).plannedLeaveStart).toBe("2026-03-23");
    expect(ac(manager).plannedLeaveStart).toBeNull();
    expect(compliance.rows.some((w) => w.subjectId === bank.leaveIds.L3)).toBe(true);
    expect(JSON.stringify(manager)).not.toContain(bank.leaveIds.L3!);
    // A notice about a person (no post, no leave) is for HR and compliance only, even in the manager's unit.
    expect(manager.rows.some((w) => w.subjectType === "employee")).toBe(false);
  });

  it("a horizon adds the leaves due soon", async () => {
    const r = await earlyWarningsReport(deps, actorOf(bank, "compliance"), env, { leaveHorizonDays: 30 });
    expect(r.rows.map((w) => `${w.kind} ${w.employeeCode}`).sort()).toEqual(
      expected.warnings(expected.VIEWERS.compliance, 30),
    );
    expect(r.rows.find((w) => w.kind === "leave_due")).toMatchObject({
      employeeCode: "E-VK",
      date: "2026-04-15",
      daysLeft: 30,
    });
  });

  it("the due scan (the system's view) finds what compliance's warnings find, by instant or by date, in one query or in pages", async () => {
    const warnings = await earlyWarningsReport(deps, actorOf(bank, "compliance"), env, { leaveHorizonDays: 30 });
    const fromWarnings = (kinds: string[]) =>
      warnings.rows
        .filter((w) => kinds.includes(w.kind))
        .map((w) => `${w.kind} ${w.employeeCode} ${w.date}`)
        .sort();
    for (const scan of [
      await scanDue(deps.queries, new Date(NOW)),
      await scanDue(deps.queries, TODAY),
      await scanDue(deps.queries, TODAY, { batchSize: 2 }),
    ]) {
      expect(
        scan.tenure.map((t) => `tenure_${t.due.state} ${codeOf(t.holding.employeeId)} ${t.due.deadline}`).sort(),
      ).toEqual(fromWarnings(["tenure_overdue", "tenure_warning"]));
      expect(
        scan.leave.map((l) => `leave_${l.due.state} ${codeOf(l.holding.employeeId)} ${l.due.dueDate}`).sort(),
      ).toEqual(fromWarnings(["leave_overdue", "leave_due"]));
      // The SQL's cut-offs rule out the holdings that are far from both (E-OV, E-HB's leave, …) — not all of them.
      expect(scan.candidates).toBeLessThan(6);
    }
  });

  it("the due scan keeps to a subtree when asked", async () => {
    const scan = await scanDue(deps.queries, TODAY, { scope: [bank.units.SB1.path] });
    expect(new Set(scan.tenure.map((t) => codeOf(t.holding.employeeId)))).toEqual(new Set(["E-TL", "E-VK"]));
    expect(scan.leave.map((l) => codeOf(l.holding.employeeId)).sort()).toEqual(["E-AC", "E-VK"]);
  });
});
