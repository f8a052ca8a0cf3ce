// Two dispatchers on one database (two kernels, two connections, two rate limiters) never send one
// notice twice; a running dispatcher is woken by a kick when a transaction writes notices, and by
// the next retry falling due; stopped, it leaves no timer behind.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import { Dispatcher } from "../../../src/app/delivery/dispatcher.ts";
import { kickOnEnqueue } from "../../../src/app/delivery/kick-on-enqueue.ts";
import { openDatabase } from "../../../src/infra/db/database.ts";
import { PrismaUnitOfWork } from "../../../src/infra/db/prisma-unit-of-work.ts";
import type { CastName } from "../../support/small-bank.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { card, harness, POLICY, type Harness } from "./dispatch-harness.ts";

describe.each(ENGINES)("dispatchers on %s", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  describe("two at once", () => {
    beforeEach(async () => {
      db = await testDatabase(engine);
      h = await harness(db, {
        limits: [
          { scope: "conversation", limit: 5, windowMs: 1000 },
          { scope: "tenant", limit: 20, windowMs: 1000 },
        ],
      });
    });

    it("each notice is sent exactly once between them", async () => {
      const people: CastName[] = ["holder", "substitute", "incoming", "manager", "stranger", "executive"];
      const keys: string[] = [];
      for (let i = 0; i < 10; i += 1) for (const who of people) keys.push(await h.notice(who, `c${i}`));
      // PostgreSQL: a second connection pool. SQLite: the same connection (better-sqlite3 waits for a
      // lock synchronously, so two connections in one process would block each other's event loop);
      // two processes on one SQLite file are the tick test's.
      const otherDb = engine === "postgres" ? openDatabase(db.url) : undefined;
      const other: Kernel = { ...h.kernel, uow: new PrismaUnitOfWork(otherDb ?? db) };
      const second = new Dispatcher(h.notifiers, {
        timer: h.time,
        random: () => 0.25,
        guardMs: 0,
        policy: { ...POLICY, maxAttempts: 20 },
      });
      h.time.whenIdle(() => h.dispatcher.inFlight === 0 && second.inFlight === 0);
      try {
        let sent = 0;
        for (let round = 0; round < 20; round += 1) {
          const [a, b] = await Promise.all([h.dispatcher.drain(h.kernel), second.drain(other)]);
          sent += a.sent + b.sent;
          const next = await h.kernel.uow.run((tx) => tx.deliveries.nextDueAt());
          if (!next) break;
          h.time.set(next);
        }
        expect(sent).toBe(keys.length);
        expect(keys.map((k) => h.platform.count(k))).toEqual(keys.map(() => 1));
        expect(await db.prisma.notice.count({ where: { status: { not: "sent" } } })).toBe(0);
      } finally {
        await otherDb?.close();
      }
    });
  });

  describe("running", () => {
    beforeEach(async () => {
      db = await testDatabase(engine);
      h = await harness(db, { dispatcher: { idleMs: 3600_000 } });
    });

    it("is woken by a kick as soon as a transaction that wrote a notice commits", async () => {
      h.time.whenIdle(() => false); // time stands still: only a kick can start a drain
      const kicking: Kernel = { ...h.kernel, uow: kickOnEnqueue(h.kernel.uow, () => h.dispatcher.kick()) };
      h.dispatcher.start(kicking);
      // A transaction that writes nothing does not kick; one that writes a notice does.
      await kicking.uow.run((tx) => tx.outbox.forSubject("test", "none"));
      await kicking.uow.run((tx) =>
        tx.outbox.enqueue(
          {
            dedupeKey: "kicked",
            recipientId: h.bank.ids.holder,
            kind: "test_notice",
            subjectType: "test",
            subjectId: "k",
            card: card("kicked"),
          },
          ["slack"],
        ),
      );
      await vi.waitFor(async () => expect((await h.row("kicked@slack")).status).toBe("sent"), {
        timeout: 30_000,
        interval: 20,
      });
      expect(h.platform.count("kicked@slack")).toBe(1);
      expect(h.time.nowMs()).toBe(0);
    });

    it("wakes by itself when a retry falls due, and honours its time", async () => {
      const key = await h.notice("holder", "retry-later");
      h.platform.forced.set(key, "503");
      h.dispatcher.start(h.kernel);
      await vi.waitFor(async () => expect(await h.row(key)).toMatchObject({ status: "sent", attempts: 2 }), {
        timeout: 30_000,
        interval: 20,
      });
      expect(h.platform.count(key)).toBe(1);
      expect(h.platform.byKey.get(key)?.[0]?.at).toBe(1500);
    });

    it("stop ends the loop with no timer left pending (its idle sleep is cancelled, not waited out)", async () => {
      h.time.whenIdle(() => false);
      const key = await h.notice("holder", "then-idle");
      h.dispatcher.start(h.kernel);
      await vi.waitFor(async () => expect((await h.row(key)).status).toBe("sent"), { timeout: 30_000, interval: 20 });
      // Nothing is due: the loop sleeps (idleMs, an hour here) until kicked or stopped.
      await vi.waitFor(() => expect(h.time.sleeping).toBe(1), { timeout: 30_000, interval: 5 });
      await h.dispatcher.stop();
      expect(h.time.sleeping).toBe(0);
      expect(h.time.nowMs()).toBe(0);
    });
  });
});
