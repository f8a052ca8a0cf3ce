// Suspension as a property. Once their leave has started the holder — here also granted HR and
// compliance, so that only the suspension can refuse them — is refused every leave and handover use
// case, from any platform, at any moment of the leave: SUSPENDED, nothing changes, the attempt is
// logged and compliance and the compliance head are told. What stays possible: acknowledging their
// own leave notice and confirming their own side of the takeover.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { PLAN, PLAN_AT, makeWorld, startedLeave, type World } from "./leave-world.ts";
import type { UseCase } from "../../../src/app/kernel/use-case.ts";
import { LEAVE_USE_CASES } from "../../../src/app/leave/leave.catalog.ts";
import { confirmHandoverAll } from "../../../src/app/handover/confirm-all.ts";
import { confirmHandoverItem } from "../../../src/app/handover/confirm-item.ts";
import { openHandover } from "../../../src/app/handover/open-handover.ts";
import { acknowledgeLeave } from "../../../src/app/leave/acknowledge-leave.ts";

describe.each(ENGINES)("suspension of the holder on leave on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  let leaveId: string;
  let takeoverId: string;
  let rotationHandoverId: string;
  let othersHandoverId: string;
  beforeAll(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "Asia/Shanghai", PLAN_AT);
    for (const [role, unit] of [
      ["hr", "BR1"],
      ["compliance", "SB1"],
    ] as const) {
      await db.prisma.roleGrant.create({
        data: { id: randomUUID(), employeeId: w.bank.ids.holder, role, unitId: w.bank.units[unit].id },
      });
    }
    ({ leaveId, handoverId: takeoverId } = await startedLeave(w));
    const open = (fromId: string, toId: string) =>
      w.system((tx, env) =>
        openHandover(tx, env, {
          postId: w.bank.post.id,
          fromId,
          toId,
          witnessId: null,
          purpose: "rotation",
          rotationId: randomUUID(),
        }),
      );
    rotationHandoverId = (await open(w.bank.ids.holder, w.bank.ids.incoming)).handoverId;
    othersHandoverId = (await open(w.bank.ids.incoming, w.bank.ids.stranger)).handoverId;
  }, 60_000);
  afterAll(async () => db.drop());

  it("every use case but acknowledging is SUSPENDED, logged, and told to compliance", async () => {
    const attempts: [UseCase<unknown>, Record<string, unknown>][] = [
      ...LEAVE_USE_CASES.filter((u) => u.name !== "leave.acknowledge").map(
        (u): [UseCase<unknown>, Record<string, unknown>] => [
          u,
          u.name === "leave.plan"
            ? { ...PLAN, substitute: "E-IN" }
            : u.name === "leave.extend"
              ? { leaveId, endDate: "2026-03-20" }
              : { leaveId, substitute: "E-IN" },
        ],
      ),
      [confirmHandoverItem as UseCase<unknown>, { handoverId: rotationHandoverId, itemSeq: 1 }],
      [confirmHandoverAll as UseCase<unknown>, { handoverId: rotationHandoverId }],
      [confirmHandoverAll as UseCase<unknown>, { handoverId: othersHandoverId }],
    ];
    const before = await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } });
    let t = new Date("2026-03-09T01:00:00Z").getTime();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...attempts),
        fc.constantFrom("slack" as const, "teams" as const, "console" as const),
        fc.integer({ min: 1, max: 3_600_000 }),
        async ([useCase, raw], platform, step) => {
          t += step;
          w.at(new Date(t).toISOString());
          const outcome = await w.run(useCase, raw, "holder", platform);
          expect(outcome).toMatchObject({ ok: false, code: "SUSPENDED" });
          const logged = await db.prisma.auditLogEntry.findFirstOrThrow({
            where: { action: `${useCase.name}.refused`, actorId: w.bank.ids.holder, at: new Date(t) },
          });
          expect(logged).toMatchObject({ platform });
          expect(JSON.parse(logged.data)).toMatchObject({ code: "SUSPENDED" });
          const told = await db.prisma.notice.findMany({
            where: { kind: "suspended_attempt", dedupeKey: { contains: `:v${t}:` } },
          });
          expect(new Set(told.map((n) => n.recipientId))).toEqual(
            new Set([w.bank.ids.compliance, w.bank.ids.complianceHead]),
          );
        },
      ),
      { numRuns: 30 },
    );
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({
      status: before.status,
      version: before.version,
      substituteId: before.substituteId,
    });
    expect(await db.prisma.leave.count()).toBe(1);
    expect(await db.prisma.handoverConfirmation.count()).toBe(0);
  }, 180_000);

  it("the holder's cards offer only what they may do: Acknowledge, and their own side of the takeover", async () => {
    const toldBefore = await db.prisma.notice.count({ where: { kind: "suspended_attempt" } });
    expect((await w.card("holder", { type: "leave", id: leaveId }))?.actions.map((a) => a.label.en)).toEqual([
      "Acknowledge",
    ]);
    expect((await w.card("holder", { type: "handover", id: rotationHandoverId }))?.actions).toEqual([]);
    expect((await w.card("holder", { type: "handover", id: takeoverId }))?.actions.at(-1)?.label.en).toBe(
      "Confirm all",
    );
    expect(await w.run(acknowledgeLeave, { leaveId }, "holder")).toMatchObject({ ok: true });
    expect(await w.run(acknowledgeLeave, { leaveId }, "holder")).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    expect(await w.run(confirmHandoverItem, { handoverId: takeoverId, itemSeq: 2 }, "holder")).toMatchObject({
      ok: true,
    });
    expect(await w.run(confirmHandoverAll, { handoverId: takeoverId }, "holder")).toMatchObject({ ok: true });
    expect(await db.prisma.notice.count({ where: { kind: "suspended_attempt" } })).toBe(toldBefore);
  });
});
