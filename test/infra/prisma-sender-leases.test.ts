// The sender lease of a platform tenant on both engines (decision 17.18): one holder at a time, taken
// over once it runs out, renewed only under the value its holder knows (a stalled holder cannot
// renew what another took), released at once on stop, and decided by the database when replicas
// race for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import type { HeldLease, SenderLeases } from "../../src/ports/sender-leases.ts";

const at = (s: number) => new Date(Date.UTC(2026, 2, 9, 1, 0, s));

describe.each(ENGINES)("PrismaSenderLeases on %s", (engine) => {
  let db: TestDatabase;
  let uow: PrismaUnitOfWork;
  const senders = <T>(work: (s: SenderLeases) => Promise<T>) => uow.run((tx) => work(tx.senders));

  beforeAll(async () => {
    db = await testDatabase(engine);
    uow = new PrismaUnitOfWork(db);
  });
  afterAll(async () => {
    await db.drop();
  });

  it("one holder per key until the lease runs out; then another takes it and the old one cannot renew", async () => {
    const a = await senders((s) => s.claim("slack", "a", at(0), at(15)));
    expect(a).toEqual({ key: "slack", holder: "a", leaseUntil: at(15) });
    expect(await senders((s) => s.claim("slack", "b", at(5), at(20)))).toBeUndefined();
    // Another key is another tenant: held apart.
    expect(await senders((s) => s.claim("teams", "b", at(5), at(20)))).toMatchObject({ holder: "b" });
    // The holder renews under the value it knows.
    const renewed = await senders((s) => s.claim("slack", "a", at(10), at(25), a));
    expect(renewed?.leaseUntil).toEqual(at(25));
    // It stalls: its lease runs out, b takes over.
    const b = await senders((s) => s.claim("slack", "b", at(25), at(40)));
    expect(b).toEqual({ key: "slack", holder: "b", leaseUntil: at(40) });
    // a's late heartbeat carries the old value: refused, b keeps it.
    expect(await senders((s) => s.claim("slack", "a", at(26), at(41), renewed))).toBeUndefined();
    expect(await db.prisma.senderLease.findUniqueOrThrow({ where: { key: "slack" } })).toMatchObject({
      holder: "b",
      leaseUntil: at(40),
    });
  });

  it("a release is fenced too, and frees the key at once", async () => {
    const stale: HeldLease = { key: "slack", holder: "a", leaseUntil: at(25) };
    expect(await senders((s) => s.release(stale))).toBe(false);
    expect(await senders((s) => s.release({ key: "slack", holder: "b", leaseUntil: at(40) }))).toBe(true);
    expect(await senders((s) => s.claim("slack", "c", at(30), at(45)))).toMatchObject({ holder: "c" });
  });

  it("a key whose lease ran out on its holder is lapsed; a released or never-held key is not", async () => {
    await senders((s) => s.claim("dead", "d", at(200), at(215)));
    const released = await senders((s) => s.claim("gone", "g", at(200), at(215)));
    await senders((s) => s.release(released!));
    expect((await senders((s) => s.live(at(210)))).lapsed).not.toContain("dead");
    const later = await senders((s) => s.live(at(216)));
    expect(later.lapsed).toContain("dead");
    expect(later.lapsed).not.toContain("gone");
    expect(later.lapsed).not.toContain("never-held");
  });

  it("replicas racing for a new key: exactly one wins", async () => {
    const won = await Promise.all(
      Array.from({ length: 8 }, (_, n) => senders((s) => s.claim("race", `r${n}`, at(0), at(15)))),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it("a replica's presence: live until it runs out, forgotten a lease later or when it stops; never a platform key", async () => {
    await senders((s) => s.present("p1", at(100), at(115)));
    await senders((s) => s.present("p2", at(100), at(115)));
    await senders((s) => s.present("p1", at(105), at(120))); // renewed
    const live = await senders((s) => s.live(at(116)));
    expect(live.replicas).toEqual(["p1"]);
    expect(live.leases.every((l) => !l.key.startsWith("replica:"))).toBe(true);
    // p2 ran out at 115: its row goes a lease (15 s) later, at the next presence written.
    await senders((s) => s.present("p1", at(131), at(146)));
    expect(await db.prisma.senderLease.count({ where: { key: "replica:p2" } })).toBe(0);
    await senders((s) => s.absent("p1"));
    expect((await senders((s) => s.live(at(131)))).replicas).toEqual([]);
  });
});
