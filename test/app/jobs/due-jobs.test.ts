// The scheduler's due jobs through the real tick: catch-up after a stop, the HR → compliance lead
// time, late audits, due and overdue rectifications, the yearly rotation plan draft.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { ENGINES, type TestDatabase } from "../../support/databases.ts";
import type { SmallBank } from "../../support/small-bank.ts";
import { tickingBank, type Ticking } from "./scheduler-world.ts";

const OUTSIDERS = ["E-TL", "E-SU", "E-MG", "E-VP", "E-M2", "E-XX", "E-IN", "E-A1", "E-A2", "E-A3"];

describe.each(ENGINES)("due jobs on %s (Asia/Shanghai)", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  let w: Ticking;
  beforeEach(async () => {
    ({ db, bank, w } = await tickingBank(engine, "2026-03-02T02:00:00Z"));
  });
  afterEach(async () => db.drop());

  const plan = (startDate: string, endDate: string) =>
    w.run(
      planLeave,
      { post: "P-TELLER-SB1", startDate, endDate, kind: "regular", trigger: "periodic", substitute: "E-SU" },
      bank.ids.hr,
    );
  const kinds = (code: string, kind?: string) =>
    w.notifier.sent.filter((s) => s.to === code && (kind === undefined || s.kind === kind));

  it("catches up after a stop: the missed start happens once, the missed rungs as one reminder and the escalation", async () => {
    expect(await plan("2026-03-09", "2026-03-13")).toMatchObject({ ok: true });
    await w.tickAt("2026-03-02T02:00:00Z"); // Monday 10:00: compliance is told
    // The service stops from Monday 10:00 to Wednesday 11 March 10:00 local (nine days).
    const resume = "2026-03-11T02:00:00Z";
    const report = await w.tickAt(resume);
    expect(report.ran.map((r) => r.job)).toContain("notice.ladder");
    const leave = await db.prisma.leave.findFirstOrThrow();
    expect(leave).toMatchObject({ status: "started" });
    expect(kinds("E-TL", "leave_started").map((s) => s.at)).toEqual([new Date(resume).toISOString()]);
    // Compliance never acknowledged: reminders 1 and 2 and the escalation were all missed — one reminder (numbered 2), one escalation.
    // (Reminders are lines of each one's own daily digest, decision 15.21.)
    const reminders = (await db.prisma.digestLine.findMany({ where: { subjectType: "leave" } })).filter(
      (l) => l.lateId === l.recipientId,
    );
    expect(reminders.map((r) => `reminder${(JSON.parse(r.line) as { reminders: number }).reminders}`)).toEqual([
      "reminder2",
      "reminder2",
    ]); // E-CO and E-CH
    const escalations = await db.prisma.auditLogEntry.findMany({ where: { action: "notice.escalated" } });
    expect(escalations.map((e) => JSON.parse(e.data).recipient).sort()).toEqual(["E-CH", "E-CO"]);
    // The same instant again, and the next minutes, add nothing.
    const notices = await db.prisma.notice.count();
    await Promise.all([w.tickAt(resume), w.tickAt("2026-03-11T02:00:40Z")]);
    await w.tickAt("2026-03-11T02:01:00Z");
    expect(await db.prisma.notice.count()).toBe(notices);
    expect(kinds("E-TL", "leave_started")).toHaveLength(1);
    const slots = await db.prisma.scheduledSlot.findMany({ where: { slot: { startsWith: "2026-03-11T02:00" } } });
    expect(slots.filter((s) => s.job === "leave-start")).toHaveLength(1);
  });

  it("warns HR and compliance once when the notice to compliance did not get through in time", async () => {
    // Monday 10:00: a leave from Wednesday — exactly the 2 working days — but nothing is delivered until Tuesday 10:00.
    expect(await plan("2026-03-04", "2026-03-10")).toMatchObject({ ok: true });
    const leave = await db.prisma.leave.findFirstOrThrow();
    await w.tickAt("2026-03-03T02:00:00Z");
    await w.tickAt("2026-03-03T02:01:00Z");
    await w.tickAt("2026-03-03T03:00:00Z");
    const warned = w.notifier.sent.filter((s) => s.kind === "leave_lead_time_short");
    expect(warned.map((s) => s.to).sort()).toEqual(["E-CH", "E-CO", "E-HR"]);
    expect(warned.every((s) => s.subjectId === leave.id && s.title === "Leave notice to compliance too short")).toBe(
      true,
    );
    for (const code of OUTSIDERS) expect(kinds(code)).toEqual([]);
    expect(await db.prisma.auditLogEntry.count({ where: { action: "leave.lead_time_short" } })).toBe(1);
  });

  it("tells compliance once when an audit is not signed off by its due date", async () => {
    expect(await plan("2026-03-09", "2026-03-13")).toMatchObject({ ok: true });
    await w.tickAt("2026-03-02T02:00:00Z");
    await w.tickAt("2026-03-13T15:59:00Z"); // Friday 23:59 local: due today, not late
    expect(w.notifier.sent.filter((s) => s.kind === "audit_late")).toEqual([]);
    // Saturday 00:00 local: late, but the notice waits for the next working day's office hours (Monday 09:00).
    await w.tickAt("2026-03-13T16:00:00Z");
    expect(await db.prisma.auditLogEntry.count({ where: { action: "audit.late" } })).toBe(1);
    await w.tickAt("2026-03-14T02:00:00Z");
    expect(w.notifier.sent.filter((s) => s.kind === "audit_late")).toEqual([]);
    await w.tickAt("2026-03-16T01:00:00Z");
    await w.tickAt("2026-03-16T02:00:00Z");
    expect(
      w.notifier.sent
        .filter((s) => s.kind === "audit_late")
        .map((s) => `${s.to}@${s.at}`)
        .sort(),
    ).toEqual(["E-CH@2026-03-16T01:00:00.000Z", "E-CO@2026-03-16T01:00:00.000Z"]);
    expect(await db.prisma.auditLogEntry.count({ where: { action: "audit.late" } })).toBe(1);
  });

  it("reminds a rectification's owner on its due day and tells owner and compliance once it is overdue", async () => {
    const auditId = randomUUID();
    const itemId = randomUUID();
    await db.prisma.audit.create({
      data: {
        id: auditId,
        postId: bank.post.id,
        holderId: bank.ids.holder,
        unitId: bank.units.SB1.id,
        status: "rectifying",
        dueDate: "2026-03-06",
      },
    });
    await db.prisma.rectification.create({
      data: { id: itemId, auditId, description: "Re-key the vault", ownerId: bank.ids.manager, dueDate: "2026-03-10" },
    });
    await w.tickAt("2026-03-09T16:30:00Z"); // Tuesday 00:30 local: due today, held to 09:00
    expect(kinds("E-MG")).toEqual([]);
    await w.tickAt("2026-03-10T01:00:00Z");
    expect(kinds("E-MG", "rectification_due").map((s) => [s.at, s.title])).toEqual([
      ["2026-03-10T01:00:00.000Z", "Rectification due today"],
    ]);
    await w.tickAt("2026-03-10T15:59:00Z");
    expect(kinds("E-MG", "rectification_overdue")).toEqual([]);
    await w.tickAt("2026-03-10T16:00:00Z"); // Wednesday 00:00: overdue
    await w.tickAt("2026-03-11T01:00:00Z");
    await w.tickAt("2026-03-12T01:00:00Z");
    expect(
      w.notifier.sent
        .filter((s) => s.kind === "rectification_overdue")
        .map((s) => s.to)
        .sort(),
    ).toEqual(["E-CH", "E-CO", "E-MG"]);
    expect(kinds("E-MG", "rectification_due")).toHaveLength(1);
  });

  it("drafts each HR unit's yearly rotation plan once, in its window and working hours, and no empty plan", async () => {
    // The holder's 36 months end on 9 January 2026.
    await db.prisma.assignment.updateMany({
      where: { employeeId: bank.ids.holder },
      data: { startDate: "2023-01-09" },
    });
    await w.tickAt("2026-01-02T00:30:00Z"); // Friday 2 January 08:30 local: not yet
    expect(await db.prisma.rotationPlan.count()).toBe(0);
    await w.tickAt("2026-01-02T01:00:00Z");
    await w.tickAt("2026-01-02T02:00:00Z");
    const plans = await db.prisma.rotationPlan.findMany({ include: { rotations: true } });
    expect(plans.map((p) => [p.year, p.unitId, p.rotations.length])).toEqual([[2026, bank.units.BR1.id, 1]]);
    expect(w.notifier.sent.filter((s) => s.kind === "rotation_plan_drafted").map((s) => s.to)).toEqual(["E-VP"]);
    await w.tickAt("2026-02-02T02:00:00Z");
    // 1 December 2026 is a Tuesday: next year's plan — nothing of BR1's is due in 2027, so no plan.
    await w.tickAt("2026-12-01T01:00:00Z");
    expect(await db.prisma.rotationPlan.count()).toBe(1);
    expect(await db.prisma.commandReceipt.count({ where: { key: { startsWith: "rotation_plan.draft:" } } })).toBe(2);
  });
});
