// requestAudit and cancelAudit as the leave area calls them, and the secrecy of a sealed leave's
// audit before the start: compliance and the team see it, the holder and their manager do not.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildAuditCard } from "../../../src/app/audit/audit.cards.ts";
import { auditLeaveExtended, cancelAudit } from "../../../src/app/audit/request-audit.ts";
import { formTeam } from "../../../src/app/audit/form-team.ts";
import { viewChecklist } from "../../../src/app/audit/view-checklist.ts";
import { envOf } from "../../../src/app/kernel/execute.ts";
import { ENGINES } from "../../support/databases.ts";
import { TEAM, driveTo, makeWorld, noticeKinds, ok, request, seedLeave, type World } from "./audit-world.ts";

describe.each(ENGINES)("requesting and cancelling an audit on %s", (engine) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(engine);
  });
  afterEach(async () => w.close());

  it("opens the audit with the post's checklist, tells compliance and its head once, and seals its log", async () => {
    const leaveId = await seedLeave(w);
    const auditId = await request(w, leaveId);
    expect(await request(w, leaveId)).toBe(auditId);
    expect(await w.db.prisma.audit.count()).toBe(1);
    expect(await w.db.prisma.auditChecklistItem.count({ where: { auditId } })).toBe(3);
    expect(await noticeKinds(w, auditId)).toEqual(["audit_requested→compliance", "audit_requested→complianceHead"]);
    const [line] = await w.db.prisma.auditLogEntry.findMany({ where: { action: "audit.requested" } });
    expect(line).toMatchObject({
      subjectId: auditId,
      actorId: null,
      platform: "system",
      sealedUntil: new Date("2026-12-06T16:00:00Z"),
    });

    const audit = (await w.kernel.uow.run((tx) => tx.audits.ofLeave(leaveId)))!;
    expect(audit).toMatchObject({
      id: auditId,
      status: "requested",
      version: 1,
      dueDate: "2026-12-18",
      leave: { id: leaveId, sealed: true, substituteId: w.ids.substitute },
      unit: { path: w.bank.units.SB1.path },
    });
  });

  it("cancels with its leave before the notice, telling the team; again changes nothing; after the notice it cannot", async () => {
    const leaveId = await seedLeave(w);
    const auditId = await request(w, leaveId);
    ok(await w.run(formTeam, { auditId, team: TEAM }, "compliance"));
    const first = await w.kernel.uow.run((tx) => cancelAudit(tx, envOf(w.kernel), auditId));
    expect(first).toEqual({ cancelled: true, touched: [{ type: "audit", id: auditId }] });
    expect(await w.kernel.uow.run((tx) => cancelAudit(tx, envOf(w.kernel), auditId))).toEqual({
      cancelled: false,
      touched: [],
    });
    expect(await w.db.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).toMatchObject({
      status: "cancelled",
      version: 3,
    });
    expect((await noticeKinds(w, auditId)).filter((k) => k.startsWith("audit_cancelled"))).toEqual([
      "audit_cancelled→lead",
      "audit_cancelled→leader",
      "audit_cancelled→member",
    ]);
    expect(
      await w.db.prisma.auditLogEntry.count({ where: { action: "audit.cancelled", sealedUntil: { not: null } } }),
    ).toBe(1);
    // A new plan for the same leave may ask again: a new audit.
    expect(await request(w, leaveId)).not.toBe(auditId);

    const { auditId: running } = await driveTo(w, "fieldwork");
    await expect(w.kernel.uow.run((tx) => cancelAudit(tx, envOf(w.kernel), running))).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
  });

  it("before the start, the holder and the manager get no card and no answer; compliance and the team do", async () => {
    const { auditId } = await driveTo(w, "plan_approved");
    const card = (who: "holder" | "manager" | "compliance" | "member", kind: string) =>
      w.kernel.uow.run(async (tx) =>
        buildAuditCard(
          tx,
          { subjectId: auditId, kind, recipient: (await tx.people.byId(w.ids[who]))! },
          { now: w.kernel.clock.now() },
        ),
      );
    expect(await card("holder", "audit_notice")).toBeUndefined();
    expect(await card("manager", "audit_notice")).toBeUndefined();
    expect(await card("compliance", "audit_requested")).toMatchObject({ title: { en: "Off-post audit requested" } });
    expect(await card("member", "audit_assigned")).toMatchObject({
      title: { en: "You are on an off-post audit team" },
    });
    expect(await w.run(viewChecklist, { auditId, page: 0 }, "holder")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await w.run(formTeam, { auditId, team: TEAM }, "manager")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await w.db.prisma.notice.count({ where: { recipientId: { in: [w.ids.holder, w.ids.manager] } } })).toBe(0);
  });

  it("moves the due date with an extended leave, once", async () => {
    const leaveId = await seedLeave(w);
    const auditId = await request(w, leaveId);
    const extend = () => w.kernel.uow.run((tx) => auditLeaveExtended(tx, envOf(w.kernel), leaveId, "2026-12-31"));
    expect(await extend()).toEqual({ touched: [{ type: "audit", id: auditId }] });
    expect(await extend()).toEqual({ touched: [] });
    expect(await w.db.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).toMatchObject({
      dueDate: "2026-12-31",
      version: 2,
    });
    expect(
      await w.db.prisma.auditLogEntry.count({ where: { action: "audit.due_date_moved", sealedUntil: { not: null } } }),
    ).toBe(1);
  });

  it("lists audits by team member, holder and unit", async () => {
    const { auditId } = await driveTo(w, "team_formed");
    const lists = await w.kernel.uow.run(async (tx) => ({
      member: await tx.audits.forMember(w.ids.member),
      stranger: await tx.audits.forMember(w.ids.stranger),
      holder: await tx.audits.forHolder(w.ids.holder),
      br1: await tx.audits.forUnit(w.bank.units.BR1.path),
      br2: await tx.audits.forUnit(w.bank.units.BR2.path),
    }));
    expect(lists.member.map((a) => a.id)).toEqual([auditId]);
    expect(lists.stranger).toEqual([]);
    expect(lists.holder.map((a) => a.id)).toEqual([auditId]);
    expect(lists.br1.map((a) => a.status)).toEqual(["team_formed"]);
    expect(lists.br2).toEqual([]);
  });
});
