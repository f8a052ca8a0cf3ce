// What a rotation refuses, and that a refusal changes nothing: the incoming holder missing or the
// outgoing one, HR out of scope, a stranger, an approver who is a party, an outdated card, a
// suspended HR officer (on mandatory leave: compliance is told), and input that names nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { ACTIONS, makeWorld, type World } from "./rotation-world.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";
import { planRotation } from "../../../src/app/rotation/plan-rotation.ts";
import { approveRotation } from "../../../src/app/rotation/approve-rotation.ts";
import { notifyRotation } from "../../../src/app/rotation/notify-rotation.ts";

const teller = (extra: Record<string, unknown> = {}) => ({ post: "P-TELLER-SB1", plannedDate: "2025-12-15", ...extra });

describe.each(ENGINES)("rotation refusals on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "2025-10-11T02:00:00Z");
  });
  afterEach(async () => db.drop());

  const nothingWritten = async () => {
    expect(await db.prisma.rotation.count()).toBe(0);
    expect(await db.prisma.auditLogEntry.count({ where: { subjectType: "rotation" } })).toBe(0);
  };

  it("refuses an incoming holder who is the outgoing one, or none, and logs the attempt", async () => {
    expect(await w.run(planRotation, teller({ incoming: "E-TL" }), "hr")).toMatchObject({
      ok: false,
      code: "INCOMING_IS_OUTGOING",
    });
    expect(await w.run(planRotation, teller(), "hr")).toMatchObject({ ok: false, code: "INCOMING_MISSING" });
    await nothingWritten();
    expect(await db.prisma.auditLogEntry.count({ where: { action: "rotation.plan.refused", actorId: w.ids.hr } })).toBe(
      2,
    );
  });

  it("the Plan button of a due rotation's card asks for the incoming holder", async () => {
    await w.scan();
    const rotation = await db.prisma.rotation.findFirstOrThrow({ where: { postId: w.posts.teller } });
    const subject = { type: "rotation", id: rotation.id };
    const planButton = (await w.card("hr", subject))?.actions.find((a) => a.label.en === "Plan");
    expect((await w.card("hr", subject))?.actions.map((a) => a.label.en)).toEqual(["Plan", "Cancel", "Acknowledge"]);
    // The manager is told, but planning is HR's.
    expect((await w.card("manager", subject))?.actions.map((a) => a.label.en)).toEqual(["Acknowledge"]);
    expect(await w.press("hr", subject, "Plan", { incoming: "", plannedDate: "2025-12-15" })).toMatchObject({
      ok: false,
      code: "INCOMING_MISSING",
    });
    // A refused press uses nothing up: the same button, filled in, plans it.
    expect(await w.press("hr", subject, "Plan", { incoming: "E-IN", plannedDate: "2025-12-15" })).toMatchObject({
      ok: true,
    });
    expect(await db.prisma.rotation.findUniqueOrThrow({ where: { id: rotation.id } })).toMatchObject({
      status: "planned",
      incomingId: w.ids.incoming,
    });
    const used = (await w.card("hr", subject))?.actions ?? [];
    expect(used.map((a) => a.label.en)).toEqual(["Cancel", "Acknowledge"]);
    const again = await pressAction(
      w.kernel,
      ACTIONS,
      { token: planButton!.token, values: { incoming: "E-IN", plannedDate: "2025-12-15" } },
      { personId: w.ids.hr, platform: "teams" },
    );
    expect(again).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
      card: { footer: { en: "Status: Planned, awaiting approval" } },
    });
    expect((await w.card("hr", subject))?.actions.map((a) => a.label.en)).toEqual(["Cancel", "Acknowledge"]);
  });

  it("keeps planning to HR over the post's unit", async () => {
    expect(await w.run(planRotation, teller({ incoming: "E-IN" }), "hrOther")).toMatchObject({
      ok: false,
      code: "OUT_OF_SCOPE",
    });
    expect(await w.run(planRotation, teller({ incoming: "E-IN" }), "stranger")).toMatchObject({
      ok: false,
      code: "NOT_AUTHORISED",
    });
    expect(await w.run(planRotation, teller({ incoming: "E-IN" }), "manager")).toMatchObject({
      ok: false,
      code: "NOT_AUTHORISED",
    });
    await nothingWritten();
  });

  it("refuses an HR officer on mandatory leave (SUSPENDED) and tells compliance", async () => {
    await w.onLeave("hr");
    expect(await w.run(planRotation, teller({ incoming: "E-IN" }), "hr")).toMatchObject({
      ok: false,
      code: "SUSPENDED",
    });
    await nothingWritten();
    const told = await db.prisma.notice.findMany({ where: { kind: "suspended_attempt", subjectId: w.ids.hr } });
    expect(told.map((n) => w.nameOf(n.recipientId)).sort()).toEqual(["compliance", "complianceHead"]);
  });

  it("an approver who takes the post over cannot approve it, and is offered no button", async () => {
    expect(await w.run(planRotation, teller({ incoming: "E-MG" }), "hr")).toMatchObject({ ok: true });
    const rotation = await db.prisma.rotation.findFirstOrThrow();
    // The post's manager is a party: the executive above is asked instead.
    expect(await w.noticesAbout("rotation", rotation.id)).toEqual(["rotation_planned→executive"]);
    expect(await w.run(approveRotation, { rotationId: rotation.id }, "manager")).toMatchObject({
      ok: false,
      code: "SEPARATION_OF_DUTIES",
    });
    expect(await w.run(approveRotation, { rotationId: rotation.id }, "executive")).toMatchObject({ ok: true });
  });

  it("an outdated card or a step out of order changes nothing", async () => {
    expect(await w.run(planRotation, teller({ incoming: "E-IN" }), "hr")).toMatchObject({ ok: true });
    const rotation = await db.prisma.rotation.findFirstOrThrow();
    expect(
      await w.run(approveRotation, { rotationId: rotation.id, expectedVersion: rotation.version + 5 }, "manager"),
    ).toMatchObject({ ok: false, code: "STALE_ACTION" });
    expect(await w.run(notifyRotation, { rotationId: rotation.id }, "hr")).toMatchObject({
      ok: false,
      code: "INVALID_TRANSITION",
    });
    expect((await db.prisma.rotation.findFirstOrThrow()).status).toBe("planned");
    expect(await db.prisma.handover.count()).toBe(0);
  });

  it("names what it does not know, and checks the input at the edge", async () => {
    expect(await w.run(planRotation, teller({ incoming: "E-NOPE" }), "hr")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      detail: { subject: "incoming" },
    });
    expect(
      await w.run(planRotation, { post: "P-NOPE", incoming: "E-IN", plannedDate: "2025-12-15" }, "hr"),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(
      await w.run(planRotation, teller({ incoming: "E-IN", destinationPost: "P-TELLER-SB1" }), "hr"),
    ).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await w.run(planRotation, teller({ incoming: "E-IN", plannedDate: "2025-02-30" }), "hr")).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect(await w.run(planRotation, { incoming: "E-IN", plannedDate: "2025-12-15" }, "hr")).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect(await w.run(approveRotation, { rotationId: "nope" }, "manager")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    await nothingWritten();
  });
});
