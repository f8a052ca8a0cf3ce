// The yearly plan: HR drafts SB1's 2026 plan (the teller's limit 2026-01-09 and the RM's 2026-03-01
// fall in it), plans one rotation, the manager approves the plan from its card — and with it the
// planned rotation. Each command a second time changes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { makeWorld, type World } from "./rotation-world.ts";
import { draftRotationPlan } from "../../../src/app/rotation/draft-plan.ts";
import { approveRotationPlan } from "../../../src/app/rotation/approve-plan.ts";
import { planRotation } from "../../../src/app/rotation/plan-rotation.ts";

describe.each(ENGINES)("the yearly rotation plan on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "2025-09-01T02:00:00Z");
  });
  afterEach(async () => db.drop());

  it("is drafted with the year's due rotations, approved with its planned ones, and each step is done once", async () => {
    expect(await w.run(draftRotationPlan, { unit: "SB1", year: 2026 }, "hr")).toMatchObject({
      ok: true,
      card: { title: { en: "2026 rotation plan · SB1" } },
    });
    const plan = await db.prisma.rotationPlan.findFirstOrThrow();
    const rotations = await db.prisma.rotation.findMany({
      where: { planId: plan.id },
      orderBy: { plannedDate: "asc" },
    });
    expect(rotations.map((r) => [w.nameOf(r.outgoingId), r.plannedDate, r.status])).toEqual([
      ["holder", "2026-01-09", "due"],
      ["rm", "2026-03-01", "due"],
    ]);
    expect(await w.noticesAbout("rotation_plan", plan.id)).toEqual(["rotation_plan_drafted→manager"]);
    expect(await w.noticesAbout("rotation", rotations[0]!.id)).toEqual([]); // warnings come with the thresholds
    expect(await w.run(draftRotationPlan, { unit: "SB1", year: 2026 }, "hr")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });

    const teller = rotations[0]!;
    expect(
      await w.run(planRotation, { rotationId: teller.id, incoming: "E-IN", plannedDate: "2025-12-15" }, "hr"),
    ).toMatchObject({ ok: true });
    const card = await w.card("manager", { type: "rotation_plan", id: plan.id });
    expect(card?.table?.rows).toHaveLength(2);
    expect(card?.actions.map((a) => a.label.en)).toEqual(["Approve the plan", "Acknowledge"]);
    expect(await w.run(approveRotationPlan, { planId: plan.id }, "stranger")).toMatchObject({
      ok: false,
      code: "NOT_AUTHORISED",
    });
    expect(await w.run(approveRotationPlan, { planId: plan.id }, "otherManager")).toMatchObject({
      ok: false,
      code: "OUT_OF_SCOPE",
    });

    expect(await w.press("manager", { type: "rotation_plan", id: plan.id }, "Approve the plan")).toMatchObject({
      ok: true,
    });
    expect(await db.prisma.rotationPlan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({
      status: "approved",
      approvedById: w.ids.manager,
    });
    const after = await db.prisma.rotation.findMany({ where: { planId: plan.id }, orderBy: { plannedDate: "asc" } });
    expect(after.map((r) => [w.nameOf(r.outgoingId), r.status, r.approvedById])).toEqual([
      ["holder", "approved", w.ids.manager],
      ["rm", "due", null],
    ]);
    expect(await w.noticesAbout("rotation_plan", plan.id)).toEqual([
      "rotation_plan_approved→hr",
      "rotation_plan_drafted→manager",
    ]);
    expect((await w.card("manager", { type: "rotation_plan", id: plan.id }))?.actions.map((a) => a.label.en)).toEqual([
      "Acknowledge",
    ]);

    expect(await w.run(approveRotationPlan, { planId: plan.id }, "manager")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
    expect(await w.run(draftRotationPlan, { unit: "SB1", year: 2026 }, "hr")).toMatchObject({
      ok: false,
      code: "INVALID_TRANSITION",
    });
    expect(await db.prisma.auditLogEntry.count({ where: { subjectType: "rotation_plan" } })).toBe(2);

    // The sweep follows the rotations the plan opened: it warns, it does not open others.
    w.at("2025-10-11T02:00:00Z");
    expect(await w.scan()).toMatchObject({ created: 0, warned: 1 });
  });

  it("is HR's to draft, in scope, and tops up a draft with rotations planned since", async () => {
    expect(await w.run(draftRotationPlan, { unit: "SB1", year: 2026 }, "hrOther")).toMatchObject({
      ok: false,
      code: "OUT_OF_SCOPE",
    });
    expect(await w.run(draftRotationPlan, { unit: "SB1", year: 2026 }, "manager")).toMatchObject({
      ok: false,
      code: "NOT_AUTHORISED",
    });
    expect(await w.run(draftRotationPlan, { unit: "NOPE", year: 2026 }, "hr")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await w.run(draftRotationPlan, { unit: "SB1", year: 2027 }, "hr")).toMatchObject({ ok: true });
    const plan = await db.prisma.rotationPlan.findFirstOrThrow({ where: { year: 2027 } });
    expect(await db.prisma.rotation.count()).toBe(0); // no limit falls in 2027
    // A rotation HR plans ahead for 2027 joins the draft when it is drafted again.
    expect(
      await w.run(planRotation, { post: "P-TELLER-SB1", incoming: "E-IN", plannedDate: "2027-03-01" }, "hr"),
    ).toMatchObject({ ok: true });
    expect(await w.run(draftRotationPlan, { unit: "SB1", year: 2027 }, "hr")).toMatchObject({ ok: true });
    expect(await db.prisma.rotation.count({ where: { planId: plan.id } })).toBe(1);
  });
});
