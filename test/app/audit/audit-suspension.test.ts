// The holder on mandatory leave: they may give their opinion on their own audit (the suspension
// rule's give_audit_opinion exemption) but not mark items, sign or form teams — each attempt is
// refused as SUSPENDED, logged, and told to compliance and the compliance head.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { draftReport } from "../../../src/app/audit/draft-report.ts";
import { formTeam } from "../../../src/app/audit/form-team.ts";
import { giveOpinion } from "../../../src/app/audit/give-opinion.ts";
import { markItem } from "../../../src/app/audit/mark-item.ts";
import { signReport } from "../../../src/app/audit/sign-report.ts";
import { ENGINES } from "../../support/databases.ts";
import { TEAM, driveTo, makeWorld, ok, type World } from "./audit-world.ts";

describe.each(ENGINES)("the holder on leave and their audit on %s", (engine) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(engine);
    // Roles do not help a holder on leave: give them every role an audit step needs.
    for (const role of ["compliance", "executive", "auditor"]) {
      await w.db.prisma.roleGrant.create({
        data: { id: randomUUID(), employeeId: w.ids.holder, role, unitId: w.bank.units.HO.id },
      });
    }
  });
  afterEach(async () => w.close());

  it("may give the opinion, but not mark items, sign or form teams", { timeout: 180_000 }, async () => {
    const { auditId, leaveId } = await driveTo(w, "fieldwork");
    expect(await w.db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({ status: "audit" });
    const attempts = [
      () => w.run(markItem, { auditId, seq: 1, result: "pass" }, "holder"),
      () => w.run(signReport, { auditId }, "holder"),
      () => w.run(formTeam, { auditId, team: TEAM }, "holder"),
    ];
    for (const attempt of attempts) {
      w.kernel.clock.advance(60_000);
      expect(await attempt()).toMatchObject({ ok: false, code: "SUSPENDED" });
    }
    expect(await w.db.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).toMatchObject({
      status: "fieldwork",
      version: 5,
    });
    const refused = await w.db.prisma.auditLogEntry.findMany({
      where: { action: { endsWith: ".refused" }, actorId: w.ids.holder },
      orderBy: { seq: "asc" },
    });
    expect(refused.map((r) => [r.action, JSON.parse(r.data).code])).toEqual([
      ["audit.mark_item.refused", "SUSPENDED"],
      ["audit.sign.refused", "SUSPENDED"],
      ["audit.form_team.refused", "SUSPENDED"],
    ]);
    const told = await w.db.prisma.notice.findMany({ where: { kind: "suspended_attempt", subjectId: w.ids.holder } });
    expect(told.filter((n) => n.recipientId === w.ids.compliance)).toHaveLength(3);
    expect(told.filter((n) => n.recipientId === w.ids.complianceHead)).toHaveLength(3);

    for (const seq of [1, 2, 3]) ok(await w.run(markItem, { auditId, seq, result: "pass" }, "member"));
    ok(await w.run(draftReport, { auditId, report: "Nothing wrong." }, "leader"));
    ok(await w.run(giveOpinion, { auditId, agrees: true }, "holder"));
    expect(await w.db.prisma.auditOpinion.findMany({ where: { auditId } })).toMatchObject([
      { employeeId: w.ids.holder, agrees: true },
    ]);
    expect(await w.db.prisma.auditLogEntry.count({ where: { action: "audit.give_opinion.refused" } })).toBe(0);
    // Signing stays refused after the opinion too.
    w.kernel.clock.advance(60_000);
    expect(await w.run(signReport, { auditId }, "holder")).toMatchObject({ ok: false, code: "SUSPENDED" });
  });
});
