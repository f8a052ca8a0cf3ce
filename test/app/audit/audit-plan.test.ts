// The plan's review: the compliance head returns it with reasons (the team sees them and revises),
// then approves it; a compliance head who sits on the team is neither asked nor allowed.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approvePlan } from "../../../src/app/audit/review-plan.ts";
import { ENGINES } from "../../support/databases.ts";
import { button, cardOf, driveTo, makeWorld, noticeKinds, ok, type World } from "./audit-world.ts";

describe.each(ENGINES)("reviewing the audit plan on %s", (engine) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(engine);
  });
  afterEach(async () => w.close());

  it("goes back to the team with reasons, is revised, then approved", { timeout: 120_000 }, async () => {
    const { auditId } = await driveTo(w, "plan_drafted");
    ok(
      await w.press(button(await cardOf(w, "complianceHead", "audit_plan_submitted"), "Return"), "complianceHead", {
        reason: "Add the vault keys",
      }),
    );
    const returned = await w.db.prisma.audit.findUniqueOrThrow({ where: { id: auditId } });
    expect(returned).toMatchObject({ status: "team_formed", planApprovedById: null });
    expect(returned.planText).toContain("Add the vault keys");

    const leaderCard = await cardOf(w, "leader", "audit_plan_rejected");
    expect(leaderCard.fields.find((f) => f.label.en === "Plan")?.value.en).toContain("Add the vault keys");
    expect((await cardOf(w, "member", "audit_plan_rejected")).actions).toEqual([]);
    ok(await w.press(button(leaderCard, "Revise plan"), "leader", { plan: "Cash, vouchers and the vault keys." }));
    ok(await w.press(button(await cardOf(w, "complianceHead", "audit_plan_submitted"), "Approve"), "complianceHead"));
    expect(await w.db.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).toMatchObject({
      status: "plan_approved",
      planText: "Cash, vouchers and the vault keys.",
    });
    expect((await noticeKinds(w, auditId)).filter((k) => k.startsWith("audit_plan"))).toEqual(
      [
        "audit_plan_submitted→complianceHead",
        "audit_plan_submitted→complianceHead",
        "audit_plan_rejected→leader",
        "audit_plan_rejected→lead",
        "audit_plan_rejected→member",
        "audit_plan_approved→leader",
        "audit_plan_approved→lead",
        "audit_plan_approved→member",
      ].sort(),
    );
    expect(await w.db.prisma.auditLogEntry.findMany({ where: { action: "audit.plan_rejected" } })).toMatchObject([
      { actorId: w.ids.complianceHead, data: expect.stringContaining("Add the vault keys") },
    ]);
  });

  it("does not ask a compliance head on the team, and refuses their approval", { timeout: 120_000 }, async () => {
    await w.db.prisma.roleGrant.create({
      data: { id: randomUUID(), employeeId: w.ids.lead, role: "compliance_head", unitId: w.bank.units.HO.id },
    });
    const { auditId } = await driveTo(w, "plan_drafted");
    expect((await noticeKinds(w, auditId)).filter((k) => k.startsWith("audit_plan_submitted"))).toEqual([
      "audit_plan_submitted→complianceHead",
    ]);
    expect(await w.run(approvePlan, { auditId }, "lead")).toMatchObject({ ok: false, code: "SEPARATION_OF_DUTIES" });
  });
});
