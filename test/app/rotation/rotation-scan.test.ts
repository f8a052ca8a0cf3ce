// rotation.mark_due: the sweep with a clock moved across the teller's tenure limit (2023-01-09 + 36
// months = 2026-01-09; warnings on 2025-10-11, 2025-12-10 and 2026-01-02). Each threshold tells HR
// and the manager once; past the limit the rotation is overdue and HR is told a leave is required.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { makeWorld, type World } from "./rotation-world.ts";
import { cancelRotation } from "../../../src/app/rotation/cancel-rotation.ts";
import { planRotation } from "../../../src/app/rotation/plan-rotation.ts";
import { sweepRotations } from "../../../src/app/rotation/scan-rotations-due.ts";
import { rotationsDueJob } from "../../../src/app/jobs/rotations-due.job.ts";

describe.each(ENGINES)("the rotation sweep on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "2025-10-10T02:00:00Z");
  });
  afterEach(async () => db.drop());

  const tellerRotations = () =>
    db.prisma.rotation.findMany({ where: { postId: w.posts.teller }, orderBy: { createdAt: "asc" } });
  const dueNotices = async (rotationId: string) =>
    (await db.prisma.notice.findMany({ where: { subjectId: rotationId }, orderBy: { createdAt: "asc" } }))
      .map((n) => `${n.kind}:${n.dedupeKey.split(":")[3]}→${w.nameOf(n.recipientId)}`)
      .sort();

  it("warns at each threshold once, however often and late it runs, then marks overdue and asks HR for a leave", async () => {
    expect(await w.scan()).toMatchObject({ created: 0, warned: 0, overdue: 0 });
    expect(await tellerRotations()).toHaveLength(0);

    w.at("2025-10-11T00:30:00Z"); // 08:30 in Shanghai: the first warning's day has come
    expect(await w.scan()).toMatchObject({ created: 1, warned: 1, overdue: 0 });
    const [rotation] = await tellerRotations();
    expect(rotation).toMatchObject({
      status: "due",
      outgoingId: w.ids.holder,
      plannedDate: "2026-01-09",
      incomingId: null,
    });
    expect(await dueNotices(rotation!.id)).toEqual(["rotation_due:v90→hr", "rotation_due:v90→manager"]);
    const first = await db.prisma.notice.findFirstOrThrow({
      where: { subjectId: rotation!.id, recipientId: w.ids.manager },
    });
    expect(first.visibleFrom?.toISOString()).toBe("2025-10-11T01:00:00.000Z"); // shown from 09:00 local
    expect(JSON.parse(first.card).text.en).toMatch(/reaches its limit on 2026-01-09 \(90 days left\)/);

    expect(await w.scan()).toMatchObject({ created: 0, warned: 0, overdue: 0 });
    w.at("2025-11-20T02:00:00Z");
    expect(await w.scan()).toMatchObject({ created: 0, warned: 0 });
    w.at("2025-12-10T02:00:00Z");
    expect(await w.scan()).toMatchObject({ created: 1, warned: 2 }); // the teller's 30 days; the RM's rotation opens with its 90 days
    w.at("2026-01-02T02:00:00Z");
    await w.scan();
    await w.scan();
    expect(await dueNotices(rotation!.id)).toEqual([
      "rotation_due:v30→hr",
      "rotation_due:v30→manager",
      "rotation_due:v7→hr",
      "rotation_due:v7→manager",
      "rotation_due:v90→hr",
      "rotation_due:v90→manager",
    ]);

    w.at("2026-01-09T15:00:00Z"); // 23:00 on the limit day: still within
    expect(await w.scan()).toMatchObject({ overdue: 0 });
    w.at("2026-01-09T16:00:00Z"); // midnight: the 10th in Shanghai
    expect(await w.scan()).toMatchObject({ overdue: 1 });
    expect((await tellerRotations())[0]?.status).toBe("overdue");
    const afterOverdue = await dueNotices(rotation!.id);
    expect(afterOverdue.filter((n) => !n.startsWith("rotation_due"))).toEqual([
      "leave_required:v2→hr",
      "rotation_overdue:v2→compliance",
      "rotation_overdue:v2→hr",
    ]);
    const leaveCard = JSON.parse(
      (await db.prisma.notice.findFirstOrThrow({ where: { subjectId: rotation!.id, kind: "leave_required" } })).card,
    );
    expect(leaveCard).toMatchObject({ title: { en: "Mandatory leave required" } });
    expect(leaveCard.fields.map((f: { value: { en: string } }) => f.value.en)).toEqual(
      expect.arrayContaining(["Regular mandatory leave", "Rotation overdue"]),
    );
    // The card is about the rotation (its subject), but shows no raw `rotation:<id>` reference.
    expect(leaveCard.subject).toMatchObject({ type: "rotation", id: rotation!.id });
    expect(JSON.stringify(leaveCard.fields)).not.toContain(rotation!.id);
    expect(leaveCard.actions.map((a: { label: { en: string } }) => a.label.en)).toEqual(["Acknowledge"]);
    // The holder hears nothing of the warnings, the overdue state or the leave to come.
    expect(await db.prisma.notice.count({ where: { recipientId: w.ids.holder } })).toBe(0);

    w.at("2026-01-20T02:00:00Z");
    await w.scan();
    expect(await dueNotices(rotation!.id)).toEqual(afterOverdue);
    expect(await db.prisma.auditLogEntry.count({ where: { action: "rotation.overdue" } })).toBe(1);
    expect(await db.prisma.auditLogEntry.count({ where: { action: "rotation.warned", subjectId: rotation!.id } })).toBe(
      3,
    );
  });

  it("after HR cancels an overdue rotation the sweep re-opens it as due, without warning again or asking for a second leave", async () => {
    w.at("2026-01-10T02:00:00Z");
    expect(await w.scan()).toMatchObject({ created: 2, overdue: 1 }); // the teller's (overdue) and the RM's
    const [overdue] = await tellerRotations();
    expect(await w.run(cancelRotation, { rotationId: overdue!.id, reason: "superseded" }, "hr")).toMatchObject({
      ok: true,
    });
    expect(await w.scan()).toMatchObject({ created: 1, warned: 0, overdue: 0 });
    const again = await tellerRotations();
    expect(again.map((r) => r.status)).toEqual(["cancelled", "due"]);
    expect(await db.prisma.notice.count({ where: { kind: "leave_required" } })).toBe(1);
    // A late rotation planned by HR is not marked overdue a second time either.
    expect(
      await w.run(planRotation, { rotationId: again[1]!.id, incoming: "E-IN", plannedDate: "2026-02-01" }, "hr"),
    ).toMatchObject({ ok: true });
    await w.scan();
    expect((await tellerRotations()).map((r) => r.status)).toEqual(["cancelled", "planned"]);
  });

  it("runs as the scheduler's hourly job, page by page", async () => {
    w.at("2025-12-10T02:00:00Z");
    expect(rotationsDueJob.slotOf(new Date("2025-12-10T02:34:00Z"))).toBe("2025-12-10T02Z");
    expect(await sweepRotations(w.kernel, w.kernel.clock.now(), 1)).toEqual({
      scanned: 2,
      created: 2,
      warned: 2,
      overdue: 0,
      skipped: 0,
    });
    expect(await rotationsDueJob.run(w.kernel, w.kernel.clock.now())).toEqual({
      scanned: 2,
      created: 0,
      warned: 0,
      overdue: 0,
      skipped: 0,
    });
  });
});
