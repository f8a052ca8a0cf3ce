// A relationship manager's rotation from plan to done on both engines: HR plans it (incoming and
// destination), the manager approves from the card, HR notifies and the handover opens, the three
// sides confirm, and the post and the clients move — which the register questions then answer.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { makeWorld, type World } from "./rotation-world.ts";
import { planRotation } from "../../../src/app/rotation/plan-rotation.ts";
import { notifyRotation } from "../../../src/app/rotation/notify-rotation.ts";
import { approveRotation } from "../../../src/app/rotation/approve-rotation.ts";
import { cancelRotation } from "../../../src/app/rotation/cancel-rotation.ts";
import { rotationHandedOver } from "../../../src/app/rotation/rotation-handed-over.ts";
import { whereDidPersonGo, whoServesClient, whoTookPost } from "../../../src/app/rotation/register-queries.ts";

/** Monday 5 January 2026, 10:00 in Shanghai. */
const AT = "2026-01-05T02:00:00Z";

describe.each(ENGINES)("rotation with client reassignment on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, AT);
  });
  afterEach(async () => db.drop());

  async function rotationRow() {
    return db.prisma.rotation.findFirstOrThrow({ where: { postId: w.posts.rm } });
  }

  it("plans, approves, notifies, hands over, moves the post and the clients, and is done", async () => {
    const before = await w.system((tx) => whoServesClient(tx, "C-001"));
    expect(before?.current?.manager.code).toBe("E-RM");

    const planned = await w.run(
      planRotation,
      { post: "P-RM-SB1", incoming: "E-IN", plannedDate: "2026-02-02", destinationPost: "P-CREDIT-BR1" },
      "hr",
    );
    expect(planned).toMatchObject({ ok: true });
    const rotation = await rotationRow();
    expect(rotation).toMatchObject({
      status: "planned",
      outgoingId: w.ids.rm,
      incomingId: w.ids.incoming,
      destinationPostId: w.posts.credit,
      plannedDate: "2026-02-02",
    });
    const subject = { type: "rotation", id: rotation.id };
    // Nobody rotating is told before the rotation is approved and notified.
    expect(await w.noticesAbout("rotation", rotation.id)).toEqual(["rotation_planned→manager"]);

    expect(await w.press("manager", subject, "Approve")).toMatchObject({ ok: true });
    expect((await rotationRow()).status).toBe("approved");

    const notified = await w.run(notifyRotation, { rotationId: rotation.id }, "hr");
    expect(notified).toMatchObject({ ok: true });
    const handover = await db.prisma.handover.findFirstOrThrow({ where: { rotationId: rotation.id } });
    expect(handover).toMatchObject({
      purpose: "rotation",
      fromId: w.ids.rm,
      toId: w.ids.incoming,
      witnessId: w.ids.manager,
      status: "open",
    });
    expect(await rotationRow()).toMatchObject({ status: "notified", handoverId: handover.id });
    expect(await w.noticesAbout("rotation", rotation.id)).toEqual([
      "rotation_notice→incoming",
      "rotation_notice→rm",
      "rotation_planned→manager",
    ]);
    const incomingCard = await w.card("incoming", subject);
    expect(incomingCard?.text?.en).toMatch(/take over Relationship manager/);
    expect(await w.press("incoming", subject, "Acknowledge")).toMatchObject({ ok: true });

    for (const side of ["rm", "incoming", "manager"] as const) {
      expect(await w.press(side, { type: "handover", id: handover.id }, "Confirm all")).toMatchObject({ ok: true });
    }
    const done = await rotationRow();
    expect(done).toMatchObject({ status: "done" });
    expect(done.doneAt?.toISOString()).toBe(AT.replace("Z", ".000Z"));

    const assignments = await db.prisma.assignment.findMany({
      where: { OR: [{ employeeId: w.ids.rm }, { employeeId: w.ids.incoming }] },
    });
    const rows = assignments.map((a) => [
      w.nameOf(a.employeeId),
      a.postId === w.posts.rm ? "RM" : "CREDIT",
      a.startDate,
      a.endDate,
      a.endReason,
      a.rotationId,
    ]);
    expect(rows.sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`))).toEqual([
      ["incoming", "RM", "2026-01-05", null, null, rotation.id],
      ["rm", "CREDIT", "2026-01-05", null, null, rotation.id],
      ["rm", "RM", "2023-03-01", "2026-01-05", "rotation", null],
    ]);

    const after = await w.system((tx) => whoServesClient(tx, "C-001"));
    expect(after?.current).toMatchObject({
      manager: { code: "E-IN" },
      from: "2026-01-05",
      reason: "rotation",
      rotationId: rotation.id,
    });
    expect(after?.history.map((s) => [s.manager.code, s.from, s.until, s.reason])).toEqual([
      ["E-RM", "2023-03-01", "2026-01-05", "import"],
      ["E-IN", "2026-01-05", null, "rotation"],
    ]);
    expect((await w.system((tx) => whoServesClient(tx, "C-003")))?.current?.manager.code).toBe("E-SU");

    const went = await w.system((tx) => whereDidPersonGo(tx, "E-RM"));
    expect(went?.moves).toEqual([
      expect.objectContaining({
        rotationId: rotation.id,
        from: expect.objectContaining({ code: "P-RM-SB1" }),
        leftOn: "2026-01-05",
        to: expect.objectContaining({ code: "P-CREDIT-BR1" }),
        successor: expect.objectContaining({ code: "E-IN" }),
      }),
    ]);
    expect(went?.holdsNow.map((h) => h.post.code)).toEqual(["P-CREDIT-BR1"]);
    const took = await w.system((tx) => whoTookPost(tx, "P-RM-SB1"));
    expect(took?.current).toMatchObject({ holder: { code: "E-IN" }, from: "2026-01-05", rotationId: rotation.id });
    expect(took?.history.map((t) => t.holder.code)).toEqual(["E-RM", "E-IN"]);
    expect(await w.system((tx) => whoTookPost(tx, "P-NOPE"))).toBeUndefined();

    expect(await w.noticesAbout("rotation", rotation.id)).toContain("rotation_done→manager");
    const actions = (
      await db.prisma.auditLogEntry.findMany({
        where: { subjectType: { in: ["rotation", "post", "client"] } },
        orderBy: { seq: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual([
      "rotation.planned",
      "rotation.approved",
      "rotation.notified",
      "notice.acknowledged",
      "rotation.handed_over",
      "post.transferred",
      "client.reassigned",
      "client.reassigned",
      "rotation.done",
    ]);
    // Every card about the rotation now shows it done.
    expect((await w.card("manager", subject))?.footer?.en).toBe("Status: Done");
  });

  it("each command twice changes state once and notifies once", async () => {
    const plan = { post: "P-RM-SB1", incoming: "E-IN", plannedDate: "2026-02-02", destinationPost: "P-CREDIT-BR1" };
    expect(await w.run(planRotation, plan, "hr")).toMatchObject({ ok: true });
    expect(await w.run(planRotation, plan, "hr")).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    const rotation = await rotationRow();
    expect(await w.run(approveRotation, { rotationId: rotation.id }, "manager")).toMatchObject({ ok: true });
    expect(await w.run(approveRotation, { rotationId: rotation.id }, "manager")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
    expect(await w.run(notifyRotation, { rotationId: rotation.id }, "hr")).toMatchObject({ ok: true });
    expect(await w.run(notifyRotation, { rotationId: rotation.id }, "hr")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
    expect(await db.prisma.handover.count({ where: { rotationId: rotation.id } })).toBe(1);
    const notices = await db.prisma.notice.count({ where: { subjectType: "rotation" } });

    const handover = await db.prisma.handover.findFirstOrThrow({ where: { rotationId: rotation.id } });
    for (const side of ["rm", "incoming", "manager"] as const)
      await w.press(side, { type: "handover", id: handover.id }, "Confirm all");
    await w.system((tx, env) => rotationHandedOver(tx, env, rotation.id));
    expect(await db.prisma.assignment.count({ where: { rotationId: rotation.id } })).toBe(2);
    expect(await db.prisma.clientAssignment.count({ where: { rotationId: rotation.id } })).toBe(2);
    expect(await db.prisma.notice.count({ where: { subjectType: "rotation", kind: "rotation_done" } })).toBe(1);
    expect(await db.prisma.notice.count({ where: { subjectType: "rotation" } })).toBe(notices + 1);
    expect(await w.run(cancelRotation, { rotationId: rotation.id }, "hr")).toMatchObject({
      ok: false,
      code: "INVALID_TRANSITION",
    });
  });

  it("the rotation cannot be handed over before its handover is confirmed", async () => {
    await w.run(planRotation, { post: "P-RM-SB1", incoming: "E-IN", plannedDate: "2026-02-02" }, "hr");
    const rotation = await rotationRow();
    await w.run(approveRotation, { rotationId: rotation.id }, "manager");
    await w.run(notifyRotation, { rotationId: rotation.id }, "hr");
    await expect(w.system((tx, env) => rotationHandedOver(tx, env, rotation.id))).rejects.toMatchObject({
      code: "HANDOVER_INCOMPLETE",
    });
    expect((await rotationRow()).status).toBe("notified");
  });

  it("cancel twice is ALREADY_DONE, and a cancelled rotation is not carried out", async () => {
    await w.run(planRotation, { post: "P-RM-SB1", incoming: "E-IN", plannedDate: "2026-02-02" }, "hr");
    const rotation = await rotationRow();
    expect(await w.run(cancelRotation, { rotationId: rotation.id, reason: "reorganisation" }, "hr")).toMatchObject({
      ok: true,
    });
    expect(await w.run(cancelRotation, { rotationId: rotation.id }, "hr")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
    expect(await w.run(approveRotation, { rotationId: rotation.id }, "manager")).toMatchObject({
      ok: false,
      code: "INVALID_TRANSITION",
    });
  });
});
