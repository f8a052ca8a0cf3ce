// The inbox worker over a real database: everything accepted is acted on once, a failing request is
// retried when its lease runs out and given up after the last attempt (recorded, not lost), and two
// workers on one database never act on the same request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InboxWorker } from "../../../src/app/inbox/inbox-worker.ts";
import { PrismaInboxIntake } from "../../../src/infra/db/prisma-inbox.ts";
import { PrismaUnitOfWork } from "../../../src/infra/db/prisma-unit-of-work.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import type { InboundRequest } from "../../../src/ports/inbox.ts";
import type { UnitOfWork } from "../../../src/ports/unit-of-work.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";

describe.each(ENGINES)("InboxWorker on %s", (engine) => {
  let db: TestDatabase;
  let uow: PrismaUnitOfWork;
  const clock = new FixedClock("2026-03-09T01:00:00Z");
  const accept = (key: string, platform: "slack" | "teams" = "slack") =>
    new PrismaInboxIntake(db).accept({ key, platform, payload: JSON.stringify({ key }), receivedAt: clock.now() });

  beforeAll(async () => {
    db = await testDatabase(engine);
    uow = new PrismaUnitOfWork(db);
  });
  afterAll(async () => {
    await db.drop();
  });

  it("acts once on every accepted request, with two workers on one database", async () => {
    const seen: string[] = [];
    const handle = async (r: InboundRequest) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      seen.push((JSON.parse(r.payload) as { key: string }).key);
    };
    const a = new InboxWorker({ platform: "teams", uow, clock, log: silentLogger, handle, concurrency: 3 });
    const b = new InboxWorker({ platform: "teams", uow, clock, log: silentLogger, handle, concurrency: 3 });
    a.start();
    b.start();
    const keys = Array.from({ length: 40 }, (_, n) => `w${n}`);
    for (const key of keys) {
      await accept(key, "teams");
      (Number(key.slice(1)) % 2 === 0 ? a : b).kick();
    }
    await Promise.all([a.idle(), b.idle()]);
    // A kick can land while the other worker holds the last lease: poll until both are quiet and nothing is left.
    for (let n = 0; n < 50 && (await uow.run((tx) => tx.inbox.unfinished("teams"))) > 0; n += 1) {
      a.kick();
      await a.idle();
    }
    await Promise.all([a.stop(), b.stop()]);
    expect([...seen].sort()).toEqual([...keys].sort());
    expect(await uow.run((tx) => tx.inbox.unfinished("teams"))).toBe(0);
  });

  it("retries a failing request when its lease runs out, then gives it up with the error", async () => {
    let calls = 0;
    const worker = new InboxWorker({
      platform: "slack",
      uow,
      clock,
      log: silentLogger,
      leaseMs: 1_000,
      maxAttempts: 3,
      handle: async () => {
        calls += 1;
        throw new Error("chat.update failed: ratelimited");
      },
    });
    await accept("f1");
    worker.start();
    await worker.idle();
    expect(calls).toBe(1);
    worker.kick(); // still leased: nothing happens
    await worker.idle();
    expect(calls).toBe(1);
    for (let attempt = 2; attempt <= 3; attempt += 1) {
      clock.advance(1_001);
      worker.kick();
      await worker.idle();
      expect(calls).toBe(attempt);
    }
    clock.advance(1_001);
    worker.kick();
    await worker.idle();
    await worker.stop();
    expect(calls).toBe(3);
    const row = await db.prisma.inboundRequest.findUniqueOrThrow({ where: { key: "f1" } });
    expect(row.doneAt).not.toBeNull();
    expect(row.attempts).toBe(3);
    expect(row.error).toBe("gave up after 3 attempts: chat.update failed: ratelimited");
  });

  it("a stopped worker leaves what it has not taken for the next one (a restart loses nothing)", async () => {
    const first = new InboxWorker({ platform: "slack", uow, clock, log: silentLogger, handle: async () => undefined });
    await accept("r1");
    await accept("r2"); // accepted while no worker runs: the service stopped right after its ack
    const done: string[] = [];
    const next = new InboxWorker({
      platform: "slack",
      uow,
      clock,
      log: silentLogger,
      handle: async (r) => void done.push(r.key),
    });
    await first.stop();
    next.start();
    await next.idle();
    await next.stop();
    expect(done.sort()).toEqual(["r1", "r2"]);
  });

  it("acts on nothing new while requests are arriving, and catches up once they are answered", async () => {
    const done: string[] = [];
    const worker = new InboxWorker({
      platform: "slack",
      uow,
      clock,
      log: silentLogger,
      quietMs: 30,
      handle: async (r) => void done.push(r.key),
    });
    worker.start();
    await worker.idle();
    const release = worker.hold();
    await accept("h1");
    worker.kick();
    await worker.idle();
    expect(done).toEqual([]);
    release();
    release(); // a second call changes nothing
    await worker.idle(); // waits out the quiet pause after the last arrival, then acts
    await worker.idle();
    await worker.stop();
    expect(done).toEqual(["h1"]);
  });

  it("leases a burst in batches and marks what it finished together, not one transaction each", async () => {
    let units = 0;
    const counted: UnitOfWork = {
      run: (work) => ((units += 1), uow.run(work)),
      read: (work) => uow.read(work),
    };
    const done: string[] = [];
    const worker = new InboxWorker({
      platform: "teams",
      uow: counted,
      clock,
      log: silentLogger,
      concurrency: 4,
      handle: async (r) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        done.push(r.key);
      },
    });
    const keys = Array.from({ length: 40 }, (_, n) => `b${String(n).padStart(2, "0")}`);
    for (const key of keys) await accept(key, "teams");
    worker.start();
    await worker.idle();
    await worker.stop();
    expect([...done].sort()).toEqual(keys);
    expect(await uow.run((tx) => tx.inbox.unfinished("teams"))).toBe(0);
    // One lease and one marking per request would be 80 units of work.
    expect(units).toBeLessThanOrEqual(20);
  });
});
