// The leave's rules, one by one: working days and lead time counted by the unit's calendar, the
// start instant, separation of duties around the substitute, extension only with serious findings,
// cancellation that stays sealed, and every command given twice changing state once.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import {
  ACTIONS,
  PLAN,
  PLAN_AT,
  STARTS_AT,
  makeWorld,
  noticesAbout,
  plannedLeave,
  startedLeave,
  type World,
} from "./leave-world.ts";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { startLeave } from "../../../src/app/leave/start-leave.ts";
import { assignSubstitute } from "../../../src/app/leave/assign-substitute.ts";
import { cancelLeave } from "../../../src/app/leave/cancel-leave.ts";
import { extendLeave } from "../../../src/app/leave/extend-leave.ts";
import { leaveAuditBegan } from "../../../src/app/leave/begin-audit.ts";
import { startDueLeaves } from "../../../src/app/leave/leave-scheduler.ts";
import { leaveNoticeDelivered } from "../../../src/app/leave/record-compliance-notice.ts";
import { confirmHandoverAll } from "../../../src/app/handover/confirm-all.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";

describe.each(ENGINES)("leave rules on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "Asia/Shanghai", PLAN_AT);
  });
  afterEach(async () => db.drop());

  const holiday = (date: string, kind: "holiday" | "workday" = "holiday") =>
    db.prisma.calendarDay.create({
      data: { id: randomUUID(), calendarId: w.bank.calendarId, date, kind, name: "test" },
    });

  it("LEAVE_TOO_SHORT counts a holiday inside the range with the unit's calendar; a make-up Saturday counts as a working day", async () => {
    await holiday("2026-03-11");
    const refused = await w.run(planLeave, PLAN, "hr");
    expect(refused).toMatchObject({ ok: false, code: "LEAVE_TOO_SHORT", detail: { workingDays: 4, minimum: 5 } });
    expect(await db.prisma.leave.count()).toBe(0);
    expect(
      await db.prisma.auditLogEntry.count({ where: { action: "leave.plan.refused", actorId: w.bank.ids.hr } }),
    ).toBe(1);
    await holiday("2026-03-14", "workday");
    expect(await w.run(planLeave, { ...PLAN, endDate: "2026-03-14" }, "hr")).toMatchObject({ ok: true });
  });

  it("LEAD_TIME_TOO_SHORT counts working days from today to the start, holidays excluded", async () => {
    w.at("2026-03-05T02:00:00Z"); // Thursday: Friday and Monday are two working days ahead
    await holiday("2026-03-06");
    expect(await w.run(planLeave, PLAN, "hr")).toMatchObject({
      ok: false,
      code: "LEAD_TIME_TOO_SHORT",
      detail: { leadWorkingDays: 1, minimum: 2 },
    });
    await db.prisma.calendarDay.deleteMany();
    expect(await w.run(planLeave, PLAN, "hr")).toMatchObject({ ok: true });
  });

  it("only HR in scope plans, never for themselves; a stranger is NOT_AUTHORISED", async () => {
    expect(await w.run(planLeave, PLAN, "compliance")).toMatchObject({ ok: false, code: "NOT_AUTHORISED" });
    expect(await w.run(planLeave, PLAN, "stranger")).toMatchObject({ ok: false, code: "NOT_AUTHORISED" });
    expect(await w.run(planLeave, { ...PLAN, post: "P-NOPE" }, "hr")).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("separation of duties: the substitute is not the holder and not on leave", async () => {
    expect(await w.run(planLeave, { ...PLAN, substitute: "E-TL" }, "hr")).toMatchObject({
      ok: false,
      code: "SUBSTITUTE_IS_HOLDER",
    });
    await db.prisma.leave.create({
      data: {
        id: randomUUID(),
        kind: "regular",
        holderId: w.bank.ids.incoming,
        postId: w.bank.post.id,
        unitId: w.bank.units.SB1.id,
        startDate: "2026-02-23",
        endDate: "2026-03-20",
        status: "started",
        plannedById: w.bank.ids.hr,
      },
    });
    expect(await w.run(planLeave, { ...PLAN, substitute: "E-IN" }, "hr")).toMatchObject({
      ok: false,
      code: "SUBSTITUTE_ON_LEAVE",
    });
    const leaveId = await plannedLeave(w);
    expect(await w.run(assignSubstitute, { leaveId, substitute: "E-TL" }, "hr")).toMatchObject({
      ok: false,
      code: "SUBSTITUTE_IS_HOLDER",
    });
    expect(await w.run(assignSubstitute, { leaveId, substitute: "E-IN" }, "hr")).toMatchObject({
      ok: false,
      code: "SUBSTITUTE_ON_LEAVE",
    });
    expect(await w.run(assignSubstitute, { leaveId, substitute: "E-SU" }, "hr")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
  });

  it("a due leave whose substitute went on leave does not start; HR and compliance are told once", async () => {
    const leaveId = await plannedLeave(w);
    await w.system((tx, env) => leaveNoticeDelivered(tx, env, leaveId));
    await db.prisma.leave.create({
      data: {
        id: randomUUID(),
        kind: "regular",
        holderId: w.bank.ids.substitute,
        postId: w.bank.post.id,
        unitId: w.bank.units.SB1.id,
        startDate: "2026-03-02",
        endDate: "2026-03-20",
        status: "started",
        plannedById: w.bank.ids.hr,
      },
    });
    w.at(STARTS_AT);
    expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 1 });
    w.at("2026-03-08T16:01:00Z");
    expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 1 });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({
      status: "compliance_notified",
    });
    expect((await noticesAbout(w, "leave", leaveId)).filter((n) => n.startsWith("leave_start_blocked"))).toEqual([
      "leave_start_blocked→compliance",
      "leave_start_blocked→complianceHead",
      "leave_start_blocked→hr",
    ]);
    expect((await w.card("hr", { type: "leave", id: leaveId }))?.actions.map((a) => a.label.en)).toContain(
      "Assign substitute",
    );
  });

  it("HR starting before the start instant is LEAVE_SEALED and changes nothing; at the instant it starts once", async () => {
    const leaveId = await plannedLeave(w);
    await w.system((tx, env) => leaveNoticeDelivered(tx, env, leaveId));
    w.at("2026-03-08T15:59:00Z");
    expect(await w.run(startLeave, { leaveId }, "hr")).toMatchObject({ ok: false, code: "LEAVE_SEALED" });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({
      status: "compliance_notified",
      version: 2,
    });
    w.at(STARTS_AT);
    expect(await w.run(startLeave, { leaveId, witness: null }, "hr")).toMatchObject({ ok: true });
    const notices = await db.prisma.notice.count();
    expect(await w.run(startLeave, { leaveId }, "hr")).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 0 });
    expect(await db.prisma.notice.count()).toBe(notices);
    expect(await db.prisma.handover.findFirstOrThrow({ where: { leaveId } })).toMatchObject({ witnessId: null });
    expect(await db.prisma.auditLogEntry.count({ where: { action: "leave.started" } })).toBe(1);
  });

  it("the same plan submitted twice creates one leave; the same button pressed twice changes state once", async () => {
    expect(await w.run(planLeave, { ...PLAN, requestId: "view-1" }, "hr")).toMatchObject({ ok: true });
    expect(await w.run(planLeave, { ...PLAN, requestId: "view-1" }, "hr")).toMatchObject({
      ok: true,
      message: { en: "That leave is already planned." },
    });
    expect(await w.run(planLeave, PLAN, "hr")).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    const leave = await db.prisma.leave.findFirstOrThrow();
    expect(await db.prisma.leave.count()).toBe(1);
    const card = await w.card("compliance", { type: "leave", id: leave.id });
    const ack = card!.actions.find((a) => a.label.en === "Acknowledge")!;
    const as = { personId: w.bank.ids.compliance, platform: "teams" as const };
    expect(await pressAction(w.kernel, ACTIONS, { token: ack.token }, as)).toMatchObject({ ok: true });
    expect(await pressAction(w.kernel, ACTIONS, { token: ack.token }, as)).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
    expect(await db.prisma.auditLogEntry.count({ where: { action: "leave.compliance_notified" } })).toBe(1);
    // The compliance head acknowledging later only acknowledges their own notice.
    expect(await w.press("complianceHead", { type: "leave", id: leave.id }, "Acknowledge")).toMatchObject({
      ok: true,
      message: { en: "Acknowledged." },
    });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leave.id } })).toMatchObject({ version: 2 });
  });

  it("a press on an outdated leave card is STALE_ACTION and answers the current card", async () => {
    const leaveId = await plannedLeave(w);
    const L = { type: "leave", id: leaveId };
    const old = await w.card("compliance", L);
    expect(old?.actions.map((a) => a.label.en)).toEqual(["Acknowledge", "Cancel the leave"]);
    expect(await w.run(assignSubstitute, { leaveId, substitute: "E-IN" }, "hr")).toMatchObject({ ok: true });
    const cancel = old!.actions.find((a) => a.label.en === "Cancel the leave")!;
    const outcome = await pressAction(
      w.kernel,
      ACTIONS,
      { token: cancel.token, values: { reason: "x" } },
      { personId: w.bank.ids.compliance, platform: "slack" },
    );
    expect(outcome).toMatchObject({
      ok: false,
      code: "STALE_ACTION",
      card: { subject: { type: "leave", id: leaveId, version: 2 } },
    });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({
      status: "planned",
      substituteId: w.bank.ids.incoming,
    });
  });

  it("cancelling before the start tells compliance only, cancels the audit, and a second cancel is ALREADY_DONE", async () => {
    const leaveId = await plannedLeave(w);
    expect(await w.run(cancelLeave, { leaveId, reason: "tip-off withdrawn" }, "compliance")).toMatchObject({
      ok: true,
    });
    expect(await w.run(cancelLeave, { leaveId }, "hr")).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({ status: "cancelled" });
    expect(await db.prisma.audit.findFirstOrThrow({ where: { leaveId } })).toMatchObject({ status: "cancelled" });
    expect(await noticesAbout(w, "leave", leaveId)).toEqual([
      "leave_cancelled→compliance",
      "leave_cancelled→complianceHead",
      "leave_planned→compliance",
      "leave_planned→complianceHead",
    ]);
    expect(
      await db.prisma.notice.count({
        where: { recipientId: { in: [w.bank.ids.holder, w.bank.ids.substitute, w.bank.ids.manager] } },
      }),
    ).toBe(0);
    w.at("2026-03-20T00:00:00Z");
    expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 0 });
  });

  it("extending needs a high or critical finding of the leave's audit; holder and substitute are told", async () => {
    const { leaveId, handoverId } = await startedLeave(w, { substitute: "E-SU" });
    for (const who of ["holder", "substitute", "manager"] as const)
      await w.run(confirmHandoverAll, { handoverId }, who);
    await w.system((tx, env) => leaveAuditBegan(tx, env, leaveId));
    expect(await w.run(extendLeave, { leaveId, endDate: "2026-03-20" }, "compliance")).toMatchObject({
      ok: false,
      code: "NO_SERIOUS_FINDINGS",
    });
    const audit = await db.prisma.audit.findFirstOrThrow({ where: { leaveId } });
    await db.prisma.finding.create({
      data: {
        id: randomUUID(),
        auditId: audit.id,
        seq: 1,
        severity: "high",
        description: "cash shortfall",
        createdById: w.bank.ids.lead,
      },
    });
    expect(await w.run(extendLeave, { leaveId, endDate: "2026-03-12" }, "compliance")).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect(await w.run(extendLeave, { leaveId, endDate: "2026-03-20" }, "holder")).toMatchObject({
      ok: false,
      code: "SUSPENDED",
    });
    expect(
      await w.run(extendLeave, { leaveId, endDate: "2026-03-20", reason: "cash shortfall" }, "compliance"),
    ).toMatchObject({ ok: true });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({
      status: "audit",
      endDate: "2026-03-20",
    });
    expect((await noticesAbout(w, "leave", leaveId)).filter((n) => n.startsWith("leave_extended"))).toEqual([
      "leave_extended→holder",
      "leave_extended→substitute",
    ]);
  });
});
