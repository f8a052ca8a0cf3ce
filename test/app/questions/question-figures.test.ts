// "Key figures" asked in words over the report bank (test/app/reports/report-bank.ts), on both
// engines: the card's five figures equal those worked out from the bank's plain facts by
// expected-figures.ts (never through the report code), for compliance over the bank, HR over BR1
// and two managers — with the sealed leave ahead counted for compliance and HR only. The question
// reads units, posts, holders and leaves its own way (one JSON text each, a unit's calendar found
// in memory from its ancestors'), so these tests also hold that path to the reports' figures; a
// unit that takes its calendar from an ancestor gives the same figures, a bank with no calendar is
// refused as CALENDAR_MISSING, and a finding of the sealed leave's audit counts for insiders only.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Card } from "../../../src/ports/card.ts";
import { ask } from "../../../src/app/home/query.ts";
import { askQuestion } from "../../../src/app/questions/ask-question.query.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";
import * as expected from "../reports/expected-figures.ts";
import { NOW, seedReportBank, type ReportBank } from "../reports/report-bank.ts";

const NAMES = ["compliance", "hr", "manager", "otherManager"] as const;

/** "8/10 (80%)", "0/0 (—)" — as the card writes a figure, from plain counts. */
function text(numerator: number, denominator: number): string {
  return `${numerator}/${denominator} (${denominator === 0 ? "—" : `${Math.round((numerator / denominator) * 1000) / 10}%`})`;
}

function expectedFields(name: (typeof NAMES)[number]): Record<string, string> {
  const v = expected.VIEWERS[name];
  const tenure = expected.withinTenure(v);
  const coverage = expected.coverage(v);
  const audits = expected.auditTimeliness(v);
  const f = expected.findings(v);
  const items = expected.rectifications(v);
  return {
    "Rotation compliance": text(tenure.within.length, tenure.holders.length),
    "Leave coverage": text(coverage.covered.length, coverage.holders.length),
    "Audit timeliness": text(audits.onTime.length, audits.due.length),
    "Findings by severity": `Low ${f.low}, Medium ${f.medium}, High ${f.high}, Critical ${f.critical}`,
    "Rectification closure": text(items.closed, items.due),
  };
}

const fieldsOf = (card: Card) => Object.fromEntries(card.fields.map((f) => [f.label.en, f.value.en]));

describe.each(ENGINES)("key figures asked in words over the report bank on %s", (engine) => {
  let db: TestDatabase;
  let bank: ReportBank;
  beforeAll(async () => {
    db = await testDatabase(engine);
    bank = await seedReportBank(db);
  });
  afterAll(async () => db?.drop());

  async function figures(name: (typeof NAMES)[number], question = "key figures"): Promise<Card> {
    const answer = await ask(
      testKernel(db, NOW),
      askQuestion,
      { text: question },
      { personId: bank.ids[name], platform: "console" },
    );
    if (!answer.ok) throw new Error(`${name}: ${answer.code}`);
    return answer.value;
  }

  it.each(NAMES)("the five figures as %s equal the ones worked out from the facts", async (name) => {
    expect(fieldsOf(await figures(name))).toEqual(expectedFields(name));
    expect(fieldsOf(await figures(name, "我们的关键指标"))).toEqual(expectedFields(name));
  });

  it("secrecy: a finding of the sealed leave's audit counts for compliance and HR, never for the manager", async () => {
    // A3 is the audit of L3, the sealed leave not started yet (in SB1): a critical finding on it.
    const leave = expected.visibleAudits({ units: ["SB1"], insider: true }).find((a) => a.key === "A3");
    expect(leave?.leave).toBe("L3");
    expect(expected.visibleAudits(expected.VIEWERS.manager).map((a) => a.key)).not.toContain("A3");
    await db.prisma.finding.create({
      data: {
        id: randomUUID(),
        auditId: bank.auditIds.A3!,
        seq: 1,
        severity: "critical",
        description: "kept out of sight",
        createdById: bank.ids.leader,
        createdAt: new Date("2026-03-10T10:00:00+08:00"),
      },
    });
    try {
      for (const name of NAMES) {
        const f = expected.findings(expected.VIEWERS[name]);
        const seesIt =
          expected.VIEWERS[name].insider && (expected.VIEWERS[name].units as readonly string[]).includes("SB1");
        expect([name, fieldsOf(await figures(name, "findings by severity"))["Findings by severity"]]).toEqual([
          name,
          `Low ${f.low}, Medium ${f.medium}, High ${f.high}, Critical ${f.critical + (seesIt ? 1 : 0)}`,
        ]);
      }
      expect(expected.VIEWERS.manager.insider).toBe(false);
    } finally {
      await db.prisma.finding.deleteMany({ where: { auditId: bank.auditIds.A3! } });
    }
  });

  it("a unit that takes its calendar from an ancestor gives the same figures; a bank without one is CALENDAR_MISSING", async () => {
    const before = await Promise.all(NAMES.map(async (n) => fieldsOf(await figures(n))));
    await db.prisma.orgUnit.updateMany({ where: { code: { in: ["BR1", "SB1", "BR2"] } }, data: { calendarId: null } });
    try {
      expect(await Promise.all(NAMES.map(async (n) => fieldsOf(await figures(n))))).toEqual(before);
      await db.prisma.orgUnit.updateMany({ where: { code: "HO" }, data: { calendarId: null } });
      const answer = await ask(
        testKernel(db, NOW),
        askQuestion,
        { text: "leave coverage" },
        { personId: bank.ids.compliance, platform: "console" },
      );
      expect(answer.ok ? "answered" : answer.code).toBe("CALENDAR_MISSING");
    } finally {
      await db.prisma.orgUnit.updateMany({ data: { calendarId: bank.calendarId } });
    }
  });
});
