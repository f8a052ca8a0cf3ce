import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { PrismaInboxIntake } from "../../src/infra/db/prisma-inbox.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import type { Inbox } from "../../src/ports/inbox.ts";

const at = (s: number) => new Date(Date.UTC(2026, 2, 9, 1, 0, s));

describe.each(ENGINES)("PrismaInboxIntake and PrismaInbox on %s", (engine) => {
  let db: TestDatabase;
  let uow: PrismaUnitOfWork;
  let intake: PrismaInboxIntake;
  const inbox = <T>(work: (inbox: Inbox) => Promise<T>) => uow.run((tx) => work(tx.inbox));

  beforeAll(async () => {
    db = await testDatabase(engine);
    uow = new PrismaUnitOfWork(db);
    intake = new PrismaInboxIntake(db);
  });
  afterAll(async () => {
    await db.drop();
  });

  it("accepts a key once: the replay writes nothing and the first payload stays", async () => {
    expect(
      await intake.accept({ key: "k1", platform: "slack", payload: `{"n":1,"文字":"确认"}`, receivedAt: at(1) }),
    ).toBe(true);
    expect(await intake.accept({ key: "k1", platform: "slack", payload: `{"n":2}`, receivedAt: at(2) })).toBe(false);
    const row = await db.prisma.inboundRequest.findUniqueOrThrow({ where: { key: "k1" } });
    expect(row).toMatchObject({ payload: `{"n":1,"文字":"确认"}`, receivedAt: at(1), attempts: 0, doneAt: null });
    expect(await inbox((i) => i.unfinished("slack"))).toBe(1);
  });

  it("leases oldest first, each request to one worker until its lease runs out", async () => {
    await intake.accept({ key: "k0", platform: "slack", payload: "{}", receivedAt: at(0) });
    await intake.accept({ key: "t1", platform: "teams", payload: "{}", receivedAt: at(0) });
    const first = await inbox((i) => i.lease("slack", at(10), at(40), 10));
    expect(first.map((r) => [r.key, r.attempts])).toEqual([
      ["k0", 1],
      ["k1", 1],
    ]);
    expect(await inbox((i) => i.lease("slack", at(20), at(50), 10))).toEqual([]);
    // The lease ran out (the worker died): taken again, one more attempt counted.
    const again = await inbox((i) => i.lease("slack", at(41), at(70), 1));
    expect(again.map((r) => [r.key, r.attempts])).toEqual([["k0", 2]]);
  });

  it("two workers leasing at once never get the same request", async () => {
    for (let n = 0; n < 20; n += 1)
      await intake.accept({
        key: `c${String(n).padStart(2, "0")}`,
        platform: "teams",
        payload: "{}",
        receivedAt: at(5),
      });
    const [a, b] = await Promise.all([
      inbox((i) => i.lease("teams", at(6), at(60), 15)),
      inbox((i) => i.lease("teams", at(6), at(60), 15)),
    ]);
    const keys = [...a, ...b].map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.startsWith("c")).sort()).toEqual(
      Array.from({ length: 20 }, (_, n) => `c${String(n).padStart(2, "0")}`),
    );
  });

  it("a finished request is never leased again, keeps its error, and is pruned once old", async () => {
    await inbox((i) => i.finish("k0", at(80)));
    await inbox((i) => i.finish("k1", at(80), "gave up: 5 attempts"));
    expect(await inbox((i) => i.lease("slack", at(200), at(260), 10))).toEqual([]);
    expect(await inbox((i) => i.unfinished("slack"))).toBe(0);
    expect((await db.prisma.inboundRequest.findUniqueOrThrow({ where: { key: "k1" } })).error).toBe(
      "gave up: 5 attempts",
    );
    expect(await inbox((i) => i.prune(at(1)))).toBe(1); // k0 (received at 0) only
    expect(await inbox((i) => i.prune(at(100)))).toBe(1);
    expect(await db.prisma.inboundRequest.count({ where: { platform: "slack" } })).toBe(0);
    // Pruning forgets only finished requests.
    expect(await db.prisma.inboundRequest.count({ where: { platform: "teams" } })).toBe(21);
  });

  it("marks many requests done in one statement, once: a request finished before keeps its time and error", async () => {
    await inbox((i) => i.finish("c00", at(90), "gave up: 5 attempts"));
    const keys = Array.from({ length: 19 }, (_, n) => `c${String(n + 1).padStart(2, "0")}`);
    await inbox((i) => i.finishMany(["c00", ...keys], at(95)));
    const rows = await db.prisma.inboundRequest.findMany({
      where: { key: { startsWith: "c" } },
      orderBy: { key: "asc" },
    });
    expect(rows.map((r) => [r.key, r.doneAt?.toISOString(), r.leaseUntil, r.error])).toEqual([
      ["c00", at(90).toISOString(), null, "gave up: 5 attempts"],
      ...keys.map((k) => [k, at(95).toISOString(), null, null]),
    ]);
    expect(await inbox((i) => i.unfinished("teams"))).toBe(1); // t1 only
    await inbox((i) => i.finishMany([], at(96)));
  });
});
