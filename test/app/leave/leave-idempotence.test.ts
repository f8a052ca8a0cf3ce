// Every command given twice changes state once (and notifies once): a second submission is
// ALREADY_DONE (or refused by the state it left behind), a scheduler sweep replayed at the same or a
// later instant finds nothing due. A leave whose takeover was never confirmed cannot end: HR and
// compliance are told once, and it ends on the first sweep after the takeover is confirmed.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { PLAN_AT, STARTS_AT, makeWorld, noticesAbout, plannedLeave, startedLeave, type World } from "./leave-world.ts";
import { beginLeaveAudit } from "../../../src/app/leave/begin-audit.ts";
import { extendLeave } from "../../../src/app/leave/extend-leave.ts";
import { returnLeave } from "../../../src/app/leave/return-leave.ts";
import { closeLeaveCase } from "../../../src/app/leave/close-leave.ts";
import { returnDueLeaves, startDueLeaves } from "../../../src/app/leave/leave-scheduler.ts";
import { confirmHandoverAll } from "../../../src/app/handover/confirm-all.ts";

describe.each(ENGINES)("idempotence on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "Asia/Shanghai", PLAN_AT);
  });
  afterEach(async () => db.drop());

  const count = (action: string) => db.prisma.auditLogEntry.count({ where: { action } });

  it("each leave command given twice changes state once", async () => {
    const { leaveId, handoverId } = await startedLeave(w);
    for (const who of ["holder", "substitute", "manager"] as const)
      await w.run(confirmHandoverAll, { handoverId }, who);
    w.at("2026-03-10T02:00:00Z");
    expect(await w.run(beginLeaveAudit, { leaveId }, "compliance")).toMatchObject({ ok: true });
    expect(await w.run(beginLeaveAudit, { leaveId }, "compliance")).toMatchObject({ ok: false, code: "ALREADY_DONE" });

    const audit = await db.prisma.audit.findFirstOrThrow({ where: { leaveId } });
    await db.prisma.finding.create({
      data: {
        id: randomUUID(),
        auditId: audit.id,
        seq: 1,
        severity: "critical",
        description: "forged voucher",
        createdById: w.bank.ids.lead,
      },
    });
    expect(await w.run(extendLeave, { leaveId, endDate: "2026-03-20" }, "hr")).toMatchObject({ ok: true });
    expect(await w.run(extendLeave, { leaveId, endDate: "2026-03-20" }, "hr")).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect((await noticesAbout(w, "leave", leaveId)).filter((n) => n.startsWith("leave_extended"))).toHaveLength(2);

    // The old end day passing changes nothing; HR ends it early, once; the sweep finds nothing after.
    w.at("2026-03-14T00:00:00Z");
    expect(await w.system(returnDueLeaves)).toEqual({ moved: 0, blocked: 0 });
    expect(await w.run(returnLeave, { leaveId }, "hr")).toMatchObject({ ok: true });
    expect(await w.run(returnLeave, { leaveId }, "hr")).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    w.at("2026-03-21T00:00:00Z");
    expect(await w.system(returnDueLeaves)).toEqual({ moved: 0, blocked: 0 });
    expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 0 });

    const handBack = await db.prisma.handover.findFirstOrThrow({ where: { leaveId, purpose: "leave_return" } });
    expect(await w.run(closeLeaveCase, { leaveId }, "hr")).toMatchObject({ ok: false, code: "HANDOVER_INCOMPLETE" });
    for (const who of ["substitute", "holder", "manager"] as const)
      await w.run(confirmHandoverAll, { handoverId: handBack.id }, who);
    expect(await w.run(closeLeaveCase, { leaveId }, "hr")).toMatchObject({ ok: false, code: "ALREADY_DONE" });

    for (const action of [
      "leave.started",
      "leave.handed_over",
      "leave.audit_began",
      "leave.extended",
      "leave.returned",
      "leave.closed",
      "handover.confirmed",
    ]) {
      expect({ action, n: await count(action) }).toEqual({ action, n: action === "handover.confirmed" ? 2 : 1 });
    }
    const keys = await db.prisma.notice.findMany({ select: { dedupeKey: true } });
    expect(new Set(keys.map((k) => k.dedupeKey)).size).toBe(keys.length);
  });

  it("a delivered planned-leave notice is recorded by the system once, on the next sweep", async () => {
    const leaveId = await plannedLeave(w);
    expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 0 });
    await db.prisma.notice.updateMany({
      where: { subjectId: leaveId, kind: "leave_planned", recipientId: w.bank.ids.complianceHead },
      data: { status: "sent", sentAt: new Date(PLAN_AT) },
    });
    w.at("2026-03-02T02:01:00Z");
    expect(await w.system(startDueLeaves)).toEqual({ notified: 1, moved: 0, blocked: 0 });
    expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 0 });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({
      status: "compliance_notified",
      complianceNotifiedAt: new Date("2026-03-02T02:01:00Z"),
    });
    const entry = await db.prisma.auditLogEntry.findFirstOrThrow({ where: { action: "leave.compliance_notified" } });
    expect(entry).toMatchObject({ actorId: null, platform: "system", sealedUntil: new Date(STARTS_AT) });
  });

  it("a leave whose takeover was never confirmed does not end: HR and compliance are told once; it ends once confirmed", async () => {
    const { leaveId, handoverId } = await startedLeave(w);
    w.at("2026-03-13T16:00:00Z");
    expect(await w.system(returnDueLeaves)).toEqual({ moved: 0, blocked: 1 });
    w.at("2026-03-13T16:01:00Z");
    expect(await w.system(returnDueLeaves)).toEqual({ moved: 0, blocked: 1 });
    expect((await noticesAbout(w, "leave", leaveId)).filter((n) => n.startsWith("leave_return_blocked"))).toEqual([
      "leave_return_blocked→compliance",
      "leave_return_blocked→complianceHead",
      "leave_return_blocked→hr",
    ]);
    expect(await db.prisma.notice.count({ where: { kind: "leave_return_blocked" } })).toBe(3);
    for (const who of ["holder", "substitute", "manager"] as const)
      await w.run(confirmHandoverAll, { handoverId }, who);
    w.at("2026-03-13T16:02:00Z");
    expect(await w.system(returnDueLeaves)).toEqual({ moved: 1, blocked: 0 });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({ status: "returning" });
  });
});
