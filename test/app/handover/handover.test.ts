// Handovers: the card shows each party one Confirm per item still missing on their side (at most
// ten, then "Confirm all"); confirmations are appended facts; a button on an older card confirms what
// is still missing (the sheet never changes once opened), and one for a closed handover is STALE_ACTION
// with the refreshed card; the witness must confirm too; non-parties cannot; a rotation handover
// confirmed moves its rotation on (rotationHandedOver, the rotation area's).
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import {
  ACTIONS,
  PLAN_AT,
  STARTS_AT,
  makeWorld,
  plannedLeave,
  startedLeave,
  type World,
} from "../leave/leave-world.ts";
import { confirmHandoverAll } from "../../../src/app/handover/confirm-all.ts";
import { confirmHandoverItem } from "../../../src/app/handover/confirm-item.ts";
import { openHandover } from "../../../src/app/handover/open-handover.ts";
import { startLeave } from "../../../src/app/leave/start-leave.ts";
import { leaveNoticeDelivered } from "../../../src/app/leave/record-compliance-notice.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";

describe.each(ENGINES)("handover on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "Asia/Shanghai", PLAN_AT);
  });
  afterEach(async () => db.drop());

  it("item by item: the card offers what is missing for that person; a Confirm on an older card still counts", async () => {
    const { handoverId } = await startedLeave(w);
    const H = { type: "handover", id: handoverId };
    const old = await w.card("holder", H);
    expect(old?.actions.map((a) => a.label.en)).toEqual([
      "Confirm 1. Keys (vault, safe, cash box)",
      "Confirm 2. Seals and stamps",
      "Confirm 3. Blank important vouchers",
      "Confirm 4. Cash and cash box",
      "Confirm 5. Pending business",
      "Confirm 6. System access and passwords (changed at handover)",
      "Confirm all",
    ]);
    expect(old?.table?.rows).toHaveLength(6);
    const as = { personId: w.bank.ids.holder, platform: "slack" as const };
    const first = old!.actions[0]!;
    expect(await pressAction(w.kernel, ACTIONS, { token: first.token }, as)).toMatchObject({
      ok: true,
      message: { en: "You confirmed item 1." },
    });
    expect(await pressAction(w.kernel, ACTIONS, { token: first.token }, as)).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
    // The card pressed is one confirmation behind; item 2 is still missing on the holder's side.
    const older = await pressAction(w.kernel, ACTIONS, { token: old!.actions[1]!.token }, as);
    expect(older).toMatchObject({
      ok: true,
      message: { en: "You confirmed item 2." },
      card: { subject: { type: "handover", id: handoverId, version: 3 } },
    });
    expect(older.card?.actions[0]?.label.en).toBe("Confirm 3. Blank important vouchers");
    // The message already delivered was updated in place.
    expect((await w.card("holder", H))?.actions).toHaveLength(5);
    expect((await w.card("substitute", H))?.subject?.version).toBe(3);
    expect(await db.prisma.handoverConfirmation.findMany({ where: { handoverId } })).toMatchObject([
      { itemSeq: 1, side: "from", employeeId: w.bank.ids.holder },
      { itemSeq: 2, side: "from", employeeId: w.bank.ids.holder },
    ]);
    expect(await w.run(confirmHandoverItem, { handoverId, itemSeq: 1 }, "holder")).toMatchObject({
      ok: false,
      code: "ALREADY_CONFIRMED",
    });
    expect(await w.run(confirmHandoverItem, { handoverId, itemSeq: 9 }, "holder")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });

  it("both sides and the witness must confirm; nobody else may, and a person who may not see the leave learns nothing", async () => {
    const { leaveId, handoverId } = await startedLeave(w);
    expect(await w.run(confirmHandoverAll, { handoverId }, "hr")).toMatchObject({ ok: false, code: "NOT_A_PARTY" });
    expect(await w.run(confirmHandoverAll, { handoverId }, "stranger")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await w.run(confirmHandoverAll, { handoverId }, "otherManager")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await w.run(confirmHandoverAll, { handoverId }, "holder")).toMatchObject({ ok: true });
    expect(await w.run(confirmHandoverAll, { handoverId }, "holder")).toMatchObject({
      ok: false,
      code: "ALREADY_CONFIRMED",
    });
    expect(await w.run(confirmHandoverAll, { handoverId }, "substitute")).toMatchObject({
      ok: true,
      message: { en: "You confirmed the whole sheet." },
    });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({ status: "started" });
    expect((await w.card("manager", { type: "handover", id: handoverId }))?.footer?.en).toBe(
      "6 confirmations still missing.",
    );
    expect(await w.run(confirmHandoverAll, { handoverId }, "manager")).toMatchObject({
      ok: true,
      message: { en: "Confirmed. The handover is complete." },
    });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({
      status: "handed_over",
    });
    expect((await w.card("holder", { type: "handover", id: handoverId }))?.actions).toEqual([]);
    expect(await w.run(confirmHandoverAll, { handoverId }, "substitute")).toMatchObject({
      ok: false,
      code: "STALE_ACTION",
    });
  });

  it("HR's own sheet: more than ten items give ten item buttons then Confirm all; no items: the sheet is confirmed as a whole", async () => {
    const leaveId = await plannedLeave(w);
    await w.system((tx, env) => leaveNoticeDelivered(tx, env, leaveId));
    w.at(STARTS_AT);
    const items = Array.from({ length: 12 }, (_, i) => ({ kind: "other", description: `drawer ${i + 1}` }));
    expect(await w.run(startLeave, { leaveId, items, witness: null }, "hr")).toMatchObject({ ok: true });
    const handover = await db.prisma.handover.findFirstOrThrow({ where: { leaveId } });
    const card = await w.card("substitute", { type: "handover", id: handover.id });
    expect(card?.actions.map((a) => a.label.en)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `Confirm ${i + 1}. Other`),
      "Confirm all",
    ]);
    expect(card?.table?.rows[11]?.[1]?.en).toBe("Other: drawer 12");

    const other = await w.system((tx, env) =>
      openHandover(tx, env, {
        postId: w.bank.post.id,
        fromId: w.bank.ids.incoming,
        toId: w.bank.ids.stranger,
        witnessId: null,
        purpose: "rotation",
        leaveId: null,
        rotationId: randomUUID(),
        items: [],
      }),
    );
    const whole = await w.card("stranger", { type: "handover", id: other.handoverId });
    expect(whole?.text?.en).toMatch(/no item list/);
    expect(whole?.actions.map((a) => a.label.en)).toEqual(["Confirm all"]);
  });

  it("opening twice for the same leave or rotation gives the same handover; the witness is never a side", async () => {
    const { leaveId, handoverId } = await startedLeave(w);
    const again = await w.system((tx, env) =>
      openHandover(tx, env, {
        postId: w.bank.post.id,
        fromId: w.bank.ids.holder,
        toId: w.bank.ids.substitute,
        purpose: "leave_start",
        leaveId,
      }),
    );
    expect(again).toEqual({ handoverId });
    const refused = w.system((tx, env) =>
      openHandover(tx, env, {
        postId: w.bank.post.id,
        fromId: w.bank.ids.incoming,
        toId: w.bank.ids.stranger,
        witnessId: w.bank.ids.stranger,
        purpose: "rotation",
        rotationId: randomUUID(),
      }),
    );
    await expect(refused).rejects.toMatchObject({ code: "SEPARATION_OF_DUTIES" });
  });

  it("a confirmed rotation handover hands the rotation over (rotationHandedOver)", async () => {
    const rotationId = randomUUID();
    await db.prisma.rotation.create({
      data: {
        id: rotationId,
        postId: w.bank.post.id,
        outgoingId: w.bank.ids.holder,
        incomingId: w.bank.ids.incoming,
        plannedDate: "2026-03-02",
        status: "notified",
      },
    });
    const { handoverId } = await w.system((tx, env) =>
      openHandover(tx, env, {
        postId: w.bank.post.id,
        fromId: w.bank.ids.holder,
        toId: w.bank.ids.incoming,
        witnessId: null,
        purpose: "rotation",
        leaveId: null,
        rotationId,
        items: undefined,
      }),
    );
    await db.prisma.rotation.update({ where: { id: rotationId }, data: { handoverId } });
    expect(await w.run(confirmHandoverAll, { handoverId }, "holder")).toMatchObject({ ok: true });
    expect(await w.run(confirmHandoverAll, { handoverId }, "incoming")).toMatchObject({ ok: true });
    expect(await db.prisma.handover.findUniqueOrThrow({ where: { id: handoverId } })).toMatchObject({
      status: "confirmed",
      periodStart: "2026-03-02",
    });
    expect(await db.prisma.rotation.findUniqueOrThrow({ where: { id: rotationId } })).toMatchObject({ status: "done" });
  });
});
