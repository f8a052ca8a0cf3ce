// The whole life of a mandatory leave, in Asia/Shanghai and in America/New_York across the
// 2026-03-08 DST change: plan → compliance notified → start at the start of the first working day
// there → both sides (and the witness) confirm the handover → audit → return when the last day is
// over → hand-back confirmed → closed. Rows, notices (who, when visible) and log entries.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { makeWorld, noticesAbout, type World } from "./leave-world.ts";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { returnDueLeaves, startDueLeaves } from "../../../src/app/leave/leave-scheduler.ts";
import { leaveAuditBegan } from "../../../src/app/leave/begin-audit.ts";
import { verifyLog } from "../../../src/infra/db/audit-log-verifier.ts";

const ZONES = [
  // 00:00 CST (UTC+8) on Monday 9 March.
  { zone: "Asia/Shanghai", startsAt: "2026-03-08T16:00:00.000Z", returnsAt: "2026-03-13T16:00:00.000Z" },
  // 00:00 EDT (UTC−4, the day after the change; a week earlier it would be 05:00Z).
  { zone: "America/New_York", startsAt: "2026-03-09T04:00:00.000Z", returnsAt: "2026-03-14T04:00:00.000Z" },
];

const before = (iso: string) => new Date(new Date(iso).getTime() - 1).toISOString();

describe.each(ENGINES)("leave happy path on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => db.drop());

  it.each(ZONES)(
    "in $zone the leave starts at $startsAt and closes after the hand-back",
    async ({ zone, startsAt, returnsAt }) => {
      const w: World = await makeWorld(db, zone, "2026-03-02T10:00:00Z");
      const { ids } = w.bank;
      const p = db.prisma;

      // HR plans it from Saturday 7 March: the first working day is Monday 9 March.
      const planned = await w.run(
        planLeave,
        {
          post: "P-TELLER-SB1",
          startDate: "2026-03-07",
          endDate: "2026-03-13",
          kind: "regular",
          trigger: "periodic",
          substitute: "E-SU",
        },
        "hr",
      );
      expect(planned).toMatchObject({ ok: true });
      const leave = await p.leave.findFirstOrThrow();
      expect(leave).toMatchObject({
        status: "planned",
        startDate: "2026-03-09",
        endDate: "2026-03-13",
        sealed: true,
        holderId: ids.holder,
        substituteId: ids.substitute,
        version: 1,
      });
      const L = { type: "leave", id: leave.id };
      expect(await noticesAbout(w, "leave", leave.id)).toEqual([
        "leave_planned→compliance",
        "leave_planned→complianceHead",
      ]);
      expect(await p.notice.count({ where: { recipientId: { in: [ids.holder, ids.substitute, ids.manager] } } })).toBe(
        0,
      );
      expect(await p.audit.count({ where: { leaveId: leave.id, status: "requested" } })).toBe(1);

      // Compliance acknowledges: the notice is recorded.
      expect(await w.press("compliance", L, "Acknowledge")).toMatchObject({ ok: true });
      expect(await p.leave.findUniqueOrThrow({ where: { id: leave.id } })).toMatchObject({
        status: "compliance_notified",
        version: 2,
      });

      // Not a millisecond early, in the unit's zone.
      w.at(before(startsAt));
      expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 0 });
      w.at(startsAt);
      expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 1, blocked: 0 });
      const started = await p.leave.findUniqueOrThrow({ where: { id: leave.id } });
      expect(started).toMatchObject({ status: "started", startedAt: new Date(startsAt) });
      expect(await p.employee.findUniqueOrThrow({ where: { id: ids.holder } })).toMatchObject({ status: "on_leave" });
      expect(await p.assignment.findFirstOrThrow({ where: { leaveId: leave.id } })).toMatchObject({
        kind: "acting",
        employeeId: ids.substitute,
        postId: w.bank.post.id,
        startDate: "2026-03-09",
        endDate: null,
      });
      const takeover = await p.handover.findFirstOrThrow({
        where: { leaveId: leave.id, purpose: "leave_start" },
        include: { items: { orderBy: { seq: "asc" } } },
      });
      expect(takeover).toMatchObject({
        fromId: ids.holder,
        toId: ids.substitute,
        witnessId: ids.manager,
        status: "open",
      });
      expect(takeover.items.map((i) => i.kind)).toEqual([
        "key",
        "seal",
        "voucher",
        "cash",
        "pending_business",
        "system_access",
      ]);
      const H = { type: "handover", id: takeover.id };
      const told = await p.notice.findMany({
        where: { recipientId: { in: [ids.holder, ids.substitute, ids.manager] } },
      });
      expect(told.map((n) => `${n.kind}@${n.visibleFrom?.toISOString()}`).sort()).toEqual(
        [
          `handover_opened@${startsAt}`,
          `handover_opened@${startsAt}`,
          `handover_opened@${startsAt}`,
          `leave_cover_started@${startsAt}`,
          `leave_started@${startsAt}`,
        ].sort(),
      );
      expect((await w.card("holder", L))?.actions.map((a) => a.label.en)).toEqual(["Acknowledge"]);

      // The same tick again, and a later one, change nothing.
      const notices = await p.notice.count();
      expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 0 });
      w.at("2026-03-09T06:00:00Z");
      expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 0, blocked: 0 });
      expect(await p.notice.count()).toBe(notices);

      // The holder on leave may still acknowledge and hand over; both sides and the witness confirm.
      expect(await w.press("holder", L, "Acknowledge")).toMatchObject({ ok: true });
      expect(await w.press("holder", H, "Confirm all")).toMatchObject({ ok: true });
      expect(await w.press("substitute", H, "Confirm all")).toMatchObject({ ok: true });
      expect(await p.leave.findUniqueOrThrow({ where: { id: leave.id } })).toMatchObject({ status: "started" });
      expect(await w.press("manager", H, "Confirm all")).toMatchObject({
        ok: true,
        message: { en: "Confirmed. The handover is complete." },
      });
      expect(await p.handover.findUniqueOrThrow({ where: { id: takeover.id } })).toMatchObject({
        status: "confirmed",
        periodStart: "2026-03-09",
      });
      expect(await p.handoverConfirmation.count({ where: { handoverId: takeover.id } })).toBe(3);
      expect(await p.leave.findUniqueOrThrow({ where: { id: leave.id } })).toMatchObject({ status: "handed_over" });

      // The audit's fieldwork begins.
      expect(await w.system((tx, env) => leaveAuditBegan(tx, env, leave.id))).toEqual({ began: true });
      expect(await w.system((tx, env) => leaveAuditBegan(tx, env, leave.id))).toEqual({ began: false });
      expect(await p.leave.findUniqueOrThrow({ where: { id: leave.id } })).toMatchObject({ status: "audit" });

      // The last day (Friday 13) is over in the unit's zone: the hand-back opens, authority returns.
      w.at(before(returnsAt));
      expect(await w.system(returnDueLeaves)).toEqual({ moved: 0, blocked: 0 });
      w.at(returnsAt);
      expect(await w.system(returnDueLeaves)).toEqual({ moved: 1, blocked: 0 });
      expect(await w.system(returnDueLeaves)).toEqual({ moved: 0, blocked: 0 });
      expect(await p.leave.findUniqueOrThrow({ where: { id: leave.id } })).toMatchObject({ status: "returning" });
      expect(await p.employee.findUniqueOrThrow({ where: { id: ids.holder } })).toMatchObject({ status: "active" });
      const handBack = await p.handover.findFirstOrThrow({
        where: { leaveId: leave.id, purpose: "leave_return" },
        include: { items: true },
      });
      expect(handBack).toMatchObject({
        fromId: ids.substitute,
        toId: ids.holder,
        witnessId: ids.manager,
        status: "open",
      });
      expect(handBack.items).toHaveLength(6);
      expect(await noticesAbout(w, "leave", leave.id)).toEqual(
        [
          "hand_back_opened→substitute",
          "leave_cover_started→substitute",
          "leave_ending→holder",
          "leave_planned→compliance",
          "leave_planned→complianceHead",
          "leave_started→holder",
        ].sort(),
      );

      // Monday 16 March, 09:00 local: the hand-back is confirmed and the leave closes.
      w.at(new Date(new Date(returnsAt).getTime() + (2 * 24 + 9) * 3_600_000).toISOString());
      const B = { type: "handover", id: handBack.id };
      for (const who of ["substitute", "holder", "manager"] as const)
        expect(await w.press(who, B, "Confirm all")).toMatchObject({ ok: true });
      expect(await p.handover.findUniqueOrThrow({ where: { id: handBack.id } })).toMatchObject({
        status: "confirmed",
        periodStart: "2026-03-16",
      });
      const closed = await p.leave.findUniqueOrThrow({ where: { id: leave.id } });
      expect(closed).toMatchObject({ status: "closed" });
      expect(await p.assignment.findFirstOrThrow({ where: { leaveId: leave.id } })).toMatchObject({
        startDate: "2026-03-09",
        endDate: "2026-03-16",
        endReason: "leave_cover_ended",
      });
      expect(await noticesAbout(w, "leave", leave.id)).toContain("leave_closed→compliance");

      // Every change is in the log, every entry about the leave sealed until its start, and the chain verifies.
      const entries = await p.auditLogEntry.findMany({ orderBy: { seq: "asc" } });
      const leaveActions = entries.filter((e) => e.subjectType === "leave").map((e) => e.action);
      expect(leaveActions).toEqual([
        "leave.planned",
        "leave.compliance_notified",
        "leave.started",
        "leave.notice_acknowledged",
        "leave.handed_over",
        "leave.audit_began",
        "leave.returned",
        "leave.closed",
      ]);
      for (const e of entries.filter((x) => x.subjectType === "leave" || x.subjectType === "handover"))
        expect(e.sealedUntil?.toISOString()).toBe(startsAt);
      expect(entries.filter((e) => e.subjectType === "handover").map((e) => e.action)).toEqual([
        "handover.opened",
        "handover.sheet_confirmed",
        "handover.sheet_confirmed",
        "handover.sheet_confirmed",
        "handover.confirmed",
        "handover.opened",
        "handover.sheet_confirmed",
        "handover.sheet_confirmed",
        "handover.sheet_confirmed",
        "handover.confirmed",
      ]);
      expect(JSON.parse(entries.find((e) => e.action === "leave.closed")!.data)).toMatchObject({
        answeredPeriod: { employeeId: ids.substitute, periodStart: "2026-03-09", periodEnd: "2026-03-16" },
      });
      expect((await verifyLog(db)).ok).toBe(true);
    },
  );
});
