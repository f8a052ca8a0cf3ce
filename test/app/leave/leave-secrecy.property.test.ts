// Secrecy as a property. Before a sealed leave starts, for any person outside HR and compliance in
// scope (the holder, the substitute, managers, auditors not on its team, executives, anyone) and any
// instant: every command about the leave answers NOT_FOUND exactly as for an unknown id; no notice
// about the leave, its handover or its audit is visible to them; no card about it is built for them.
// And every log entry that names the leave carries sealedUntil = its start instant.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import type { CastName } from "../../support/small-bank.ts";
import { PLAN_AT, STARTS_AT, makeWorld, plannedLeave, type World } from "./leave-world.ts";
import { LEAVE_USE_CASES } from "../../../src/app/leave/leave.catalog.ts";
import { leaveNoticeDelivered } from "../../../src/app/leave/record-compliance-notice.ts";
import { startDueLeaves } from "../../../src/app/leave/leave-scheduler.ts";
import { buildLeaveCard } from "../../../src/app/leave/leave.cards.ts";
import { buildHandoverCard } from "../../../src/app/handover/handover.cards.ts";

const INSIDERS: readonly CastName[] = ["hr", "compliance", "complianceHead"];
const OUTSIDERS: readonly CastName[] = [
  "holder",
  "substitute",
  "manager",
  "otherManager",
  "leader",
  "lead",
  "member",
  "executive",
  "incoming",
  "stranger",
];
const from = new Date(PLAN_AT).getTime();
const until = new Date(STARTS_AT).getTime() - 1;

function inputFor(name: string, leaveId: string): Record<string, unknown> {
  if (name === "leave.assign_substitute") return { leaveId, substitute: "E-IN" };
  if (name === "leave.extend") return { leaveId, endDate: "2026-03-20" };
  return { leaveId };
}

describe.each(ENGINES)("secrecy of a sealed leave on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  let leaveId: string;
  beforeAll(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "Asia/Shanghai", PLAN_AT);
    leaveId = await plannedLeave(w);
    await w.system((tx, env) => leaveNoticeDelivered(tx, env, leaveId));
  }, 60_000);
  afterAll(async () => db.drop());

  it("before the start, an outsider's command about the leave is NOT_FOUND and its refusal names nothing", async () => {
    const commands = LEAVE_USE_CASES.filter((u) => u.name !== "leave.plan");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OUTSIDERS),
        fc.constantFrom(...commands),
        fc.integer({ min: from, max: until }),
        async (viewer, useCase, t) => {
          w.at(new Date(t).toISOString());
          const outcome = await w.run(useCase, inputFor(useCase.name, leaveId), viewer);
          expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
          expect(JSON.stringify(outcome)).not.toContain(leaveId);
        },
      ),
      { numRuns: 40 },
    );
    const refusals = await db.prisma.auditLogEntry.findMany({ where: { action: { endsWith: ".refused" } } });
    expect(refusals.length).toBeGreaterThanOrEqual(40);
    for (const entry of refusals) expect(entry.data).not.toContain(leaveId);
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({
      status: "compliance_notified",
      version: 2,
    });
  }, 120_000);

  it("once started, nothing about it is visible to an outsider at any instant before the start; insiders see it", async () => {
    w.at(STARTS_AT);
    expect(await w.system(startDueLeaves)).toEqual({ notified: 0, moved: 1, blocked: 0 });
    const handoverIds = (await db.prisma.handover.findMany({ where: { leaveId } })).map((h) => h.id);
    const auditIds = (await db.prisma.audit.findMany({ where: { leaveId } })).map((a) => a.id);
    const about = new Set([leaveId, ...handoverIds, ...auditIds]);
    expect(handoverIds).toHaveLength(1);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OUTSIDERS, ...INSIDERS),
        fc.integer({ min: from, max: until }),
        async (viewer, t) => {
          const at = new Date(t);
          const outsider = OUTSIDERS.includes(viewer);
          await w.kernel.uow.run(async (tx) => {
            const person = (await tx.people.byId(w.bank.ids[viewer]))!;
            const visible = (await tx.outbox.visibleTo(person.id, at, 1000)).filter((n) => about.has(n.subjectId));
            if (outsider) expect(visible).toEqual([]);
            const leaveCard = await buildLeaveCard(
              tx,
              { subjectId: leaveId, kind: "leave_started", recipient: person },
              { now: at },
            );
            const handoverCard = await buildHandoverCard(
              tx,
              { subjectId: handoverIds[0]!, kind: "handover_opened", recipient: person },
              { now: at },
            );
            if (outsider) {
              expect(leaveCard).toBeUndefined();
              expect(handoverCard).toBeUndefined();
            } else {
              expect(leaveCard?.subject).toMatchObject({ type: "leave", id: leaveId });
            }
          });
        },
      ),
      { numRuns: 100 },
    );
    // From the start instant on, the holder, the substitute and the post's manager are told.
    const at = new Date(STARTS_AT);
    for (const viewer of ["holder", "substitute", "manager"] as const) {
      const shown = await w.kernel.uow.run((tx) => tx.outbox.visibleTo(w.bank.ids[viewer], at, 100));
      expect(shown.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it("every log entry about the leave (its handover, its audit, the acting assignment, the holder's status) is sealed until the start", async () => {
    const handovers = await db.prisma.handover.findMany({ where: { leaveId } });
    const acting = await db.prisma.assignment.findMany({ where: { leaveId } });
    const audits = await db.prisma.audit.findMany({ where: { leaveId } });
    const ids = [leaveId, ...handovers.map((h) => h.id), ...acting.map((a) => a.id), ...audits.map((a) => a.id)];
    const entries = await db.prisma.auditLogEntry.findMany({ orderBy: { seq: "asc" } });
    const aboutLeave = entries.filter((e) => ids.includes(e.subjectId) || ids.some((id) => e.data.includes(id)));
    expect(aboutLeave.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "leave.planned",
        "audit.requested",
        "leave.compliance_notified",
        "leave.started",
        "employee.status_changed",
        "assignment.acting_started",
        "handover.opened",
      ]),
    );
    for (const entry of aboutLeave)
      expect({ action: entry.action, sealedUntil: entry.sealedUntil?.toISOString() }).toEqual({
        action: entry.action,
        sealedUntil: STARTS_AT,
      });
  });
});
