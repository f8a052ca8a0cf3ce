// One mandatory leave and its off-post audit, walked through the terminal as each person sees it,
// with the real catalog and the service's scheduler tick: HR plans (`do leave.plan`, there is no
// button for it), compliance acknowledges and forms the team, the plan is drafted and approved —
// while the holder, the substitute and the manager see nothing. The tick starts the leave at the
// start of the working day there; the handover is confirmed by all three; the audit notice goes
// out, the checklist is worked item by item with forms, a finding and a rectification are
// recorded; the holder (on leave, suspended for anything else) disagrees; the executive signs; the
// owner closes the rectification; compliance closes the audit; the tick returns the holder.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { seedSmallBank, type CastName, type SmallBank } from "../../support/small-bank.ts";
import { testKernel } from "../../support/kernel.ts";
import { actions, cards, useCases } from "../../../src/app/catalog.ts";
import type { Locale } from "../../../src/ports/locale.ts";
import { buildNotifiers, tick } from "../../../src/main.ts";
import { Dispatcher } from "../../../src/app/delivery/dispatcher.ts";
import { createLogger } from "../../../src/infra/logger.ts";
import { chat, numberOf } from "./console-session.ts";
import { verifyLog } from "../../../src/infra/db/audit-log-verifier.ts";

// Monday 9 March 2026, 00:00 in Asia/Shanghai; the leave's last day is Friday 13.
const STARTS_AT = "2026-03-08T16:00:00.000Z";
const RETURNS_AT = "2026-03-13T16:00:00.000Z";

describe.each(ENGINES)("a leave and its audit walked through the terminal on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  let kernel: ReturnType<typeof testKernel>;
  beforeEach(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
    kernel = testKernel(db, "2026-03-02T02:00:00Z", cards);
  });
  afterEach(async () => db.drop());

  /** A session in English, or (lang null) in the person's own language. */
  const session = (as: CastName, typed: readonly string[], lang: Locale | null = "en") =>
    chat(kernel, actions, bank.ids[as], typed, { useCases, ...(lang ? { lang } : {}) });
  /** Opens the chat, presses the button whose label starts with `label`, answers its form; returns both screens. */
  const press = async (as: CastName, label: string, answers: readonly string[] = [], lang: Locale | null = "en") => {
    const before = await session(as, ["q"], lang);
    const after = await session(as, [numberOf(before, label), ...answers, "q"], lang);
    return { before, after: after.slice(after.indexOf("keypost> ")) };
  };
  const done = async (as: CastName, label: string, answers: readonly string[] = []) => {
    const { after } = await press(as, label, answers);
    expect(after, `${as} pressing ${label}`).toMatch(/\n✓ /);
    return after;
  };
  const dispatcher = new Dispatcher(buildNotifiers(createLogger("silent")));
  const runTick = (at: string) => tick({ ...kernel, clock: kernel.clock }, { dispatcher }, new Date(at));
  const leave = () => db.prisma.leave.findFirstOrThrow();
  const audit = () =>
    db.prisma.audit.findFirstOrThrow({
      include: { items: { orderBy: { seq: "asc" } }, findings: true, opinions: true, rectifications: true },
    });

  it("from HR's plan to the closed audit and the holder's return", { timeout: 300_000 }, async () => {
    const planned = await session("hr", [
      "do leave.plan post=P-TELLER-SB1 startDate=2026-03-09 endDate=2026-03-13 kind=regular trigger=periodic substitute=E-SU",
      "q",
    ]);
    expect(planned).toContain("✓ Mandatory leave planned: 2026-03-09 to 2026-03-13, 5 working days.");

    // Compliance: acknowledge the leave, form the audit team (the form asks leader, lead, members).
    const compliance = await press("compliance", "确认收到", [], null);
    expect(compliance.before).toContain("强制休假安排");
    expect(compliance.before).toContain("保密:");
    expect(compliance.after).toMatch(/\n✓ /);
    expect((await leave()).status).toBe("compliance_notified");
    await done("compliance", "Form team", ["E-A1", "E-A2", "E-A3"]);
    await done("leader", "Draft plan", ["Count the cash, check the vouchers and the authorisations."]);
    await done("complianceHead", "Approve");
    expect((await audit()).status).toBe("plan_approved");

    // Sealed: nobody else sees anything before the start instant, not even a minute before.
    kernel.clock.set("2026-03-08T15:59:00Z");
    await runTick("2026-03-08T15:59:00Z");
    for (const who of ["holder", "substitute", "manager", "executive"] as const) {
      const home = await session(who, ["q"]);
      expect(home).toContain("Nothing to do.");
      expect(home).not.toMatch(/leave|handover|audit/i);
    }

    // The tick starts the leave at 00:00 there; the holder is told, suspended, and hands over.
    kernel.clock.set(STARTS_AT);
    await runTick(STARTS_AT);
    kernel.clock.set("2026-03-09T01:00:00Z");
    expect((await leave()).status).toBe("started");
    const holder = await press("holder", "确认收到", [], null);
    expect(holder.before).toContain("您的强制休假已开始");
    expect(holder.before).toContain("岗位交接：柜员");
    const suspended = await session("holder", [
      "do leave.plan post=P-TELLER-SB1 startDate=2026-04-06 endDate=2026-04-10 kind=regular",
      "q",
    ]);
    expect(suspended).toContain("✗ You are on mandatory leave and your authority is suspended");
    for (const who of ["holder", "substitute", "manager"] as const) await done(who, "Confirm all");
    expect((await leave()).status).toBe("handed_over");

    // Fieldwork: the notice, then the checklist item by item (forms: note, evidence link), a finding.
    await done("leader", "Issue audit notice");
    expect((await audit()).status).toBe("fieldwork");
    await done("member", "#1 Pass", ["", ""]);
    await done("lead", "#2 Exception", [
      "Two vouchers missing",
      "http://not-https.example",
      "https://dms.bank.example/ev/2",
    ]);
    await done("lead", "Add finding", ["high", "2", "Blank vouchers unaccounted for", ""]);
    await done("member", "#3 N/A", ["No authorisations this period", ""]);
    expect((await audit()).items.map((i) => i.result)).toEqual(["pass", "exception", "not_applicable"]);
    await done("leader", "Draft report", ["One high finding: blank vouchers."]);
    await done("lead", "Raise rectification", ["1", "E-MG", "2026-03-31", ""]);

    // The holder, on leave, may give their opinion; the executive signs; the owner rectifies.
    await done("holder", "Disagree", ["The vouchers were in the vault"]);
    await done("executive", "Sign");
    await done("manager", "Close", ["Vouchers reconciled and locked away"]);
    await done("compliance", "Close audit");
    const closed = await audit();
    expect(closed).toMatchObject({ status: "closed", reportText: "One high finding: blank vouchers." });
    expect(closed.opinions.map((o) => [o.employeeId, o.agrees, o.reason])).toEqual([
      [bank.ids.holder, false, "The vouchers were in the vault"],
    ]);
    expect(closed.findings.map((f) => [f.severity, f.itemSeq])).toEqual([["high", 2]]);
    expect(closed.rectifications.map((r) => r.status)).toEqual(["closed"]);
    expect(closed.items[1]).toMatchObject({
      note: "Two vouchers missing",
      evidenceUrl: "https://dms.bank.example/ev/2",
    });

    // The last day is over there: the tick returns the holder; the hand-back is confirmed.
    kernel.clock.set(RETURNS_AT);
    await runTick(RETURNS_AT);
    expect((await leave()).status).toBe("returning");
    for (const who of ["substitute", "holder", "manager"] as const) await done(who, "Confirm all");
    expect((await leave()).status).toBe("closed");
    expect(await db.prisma.auditLogEntry.count({ where: { platform: "console" } })).toBeGreaterThan(20);

    // keypost verify-log passes after the walk, and fails once any row of it is edited.
    expect(await verifyLog(db)).toMatchObject({ ok: true });
    const opinion = await db.prisma.auditLogEntry.findFirstOrThrow({
      where: { action: { contains: "opinion" } },
      orderBy: { seq: "asc" },
    });
    const edited = opinion.data.replace("false", "true"); // the holder's disagreement turned into agreement
    expect(edited).not.toBe(opinion.data);
    await db.prisma.$transaction((tx) =>
      tx.auditLogEntry.update({ where: { seq: opinion.seq }, data: { data: edited } }),
    );
    expect(await verifyLog(db)).toMatchObject({ ok: false, firstBad: { seq: opinion.seq } });
  });
});
