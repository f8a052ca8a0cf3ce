// On PostgreSQL the inbox worker's marking of finished requests is one round trip: the update's
// answer is not read, so it leaves with its unit's BEGIN and COMMIT (decision 13.s13s-3) — and a
// refused update still fails the unit. Counted at pg's client, as press-round-trips.test.ts counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaInboxIntake } from "../../src/infra/db/prisma-inbox.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import { watchPgQueries } from "../support/pg-queries.ts";

/** Statements sent while their client had none unanswered: each starts a round trip. */
let roundTrips = 0;
let counting = false;
let unwatch: () => void;

describe("the inbox's finish on postgres", () => {
  let db: TestDatabase;
  let uow: PrismaUnitOfWork;
  const at = new Date("2026-03-09T02:00:00Z");

  beforeAll(async () => {
    unwatch = watchPgQueries((_, waiting) => {
      if (counting && waiting === 0) roundTrips += 1;
    });
    db = await testDatabase("postgres");
    uow = new PrismaUnitOfWork(db);
    const intake = new PrismaInboxIntake(db);
    for (const key of ["f1", "f2", "f3"])
      await intake.accept({ key, platform: "slack", payload: "{}", receivedAt: at });
  });
  afterAll(async () => {
    unwatch();
    await db.drop();
  });

  it("marks requests done in one round trip", async () => {
    roundTrips = 0;
    counting = true;
    await uow.run((tx) => tx.inbox.finishMany(["f1", "f2"], at));
    counting = false;
    expect(roundTrips).toBe(1);
    const done = await db.prisma.inboundRequest.findMany({ where: { doneAt: { not: null } }, select: { key: true } });
    expect(done.map((r) => r.key).sort()).toEqual(["f1", "f2"]);
  });

  it("a refused finish fails its unit and keeps nothing of it", async () => {
    await expect(
      uow.run(async (tx) => {
        await tx.inbox.finishMany(["f3"], at);
        await tx.inbox.finishMany(["bad\u0000key"], at);
      }),
    ).rejects.toThrow();
    const f3 = await db.prisma.inboundRequest.findUniqueOrThrow({ where: { key: "f3" } });
    expect(f3.doneAt).toBeNull();
  });
});
