// Leases are 15 s with heartbeats: what a killed dispatcher held is taken over by another within
// 30 s (it used to wait for a 10-minute lease: ~590 s without delivery after a kill -9), while a
// live dispatcher holding a long fan-out keeps its rows — another replica sweeping expired leases
// at every send finds none, and every notice is sent once, none reconciled.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY } from "../../../src/app/delivery/retry-policy.ts";
import { GIVEN_UP } from "../../../src/ports/delivery-queue.ts";
import type { Notifier } from "../../../src/ports/notifier.ts";
import type { TxPorts } from "../../../src/ports/unit-of-work.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { systemTimer } from "../../../src/ports/timer.ts";
import { harness, POLICY, T0, type Harness } from "./dispatch-harness.ts";

const at = (ms: number) => new Date(new Date(T0).getTime() + ms);

describe.each(ENGINES)("dispatcher leases on %s", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  let sweptExpired = 0;
  beforeEach(async () => {
    db = await testDatabase(engine);
    sweptExpired = 0;
    h = await harness(db, {
      // Another replica sweeps expired leases just before every send of this one.
      notifier: (base): Notifier => ({
        platform: base.platform,
        limitsFor: (d) => base.limitsFor(d),
        reconcile: (d) => base.reconcile(d),
        update: (d) => base.update(d),
        deliver: async (d) => {
          sweptExpired += await h.kernel.uow.run((tx) => tx.deliveries.expireLeases(h.time.now()));
          return base.deliver(d);
        },
      }),
    });
  });
  afterEach(async () => {
    await h?.close();
    await db?.drop();
  });

  it("the lease is 15 s: a dead process's rows are swept ~15 s after the kill, well within 30 s", () => {
    expect(DEFAULT_RETRY_POLICY.leaseMs).toBe(15_000);
  });

  it("what a killed dispatcher took is delivered by another within 30 s, once", async () => {
    const keys = [];
    for (const who of ["holder", "substitute", "manager", "hr", "member"] as const)
      keys.push(await h.notice(who, "dead"));
    // A dispatcher took them all, then was killed before calling the platform.
    const taken = await h.kernel.uow.run((tx) => tx.deliveries.takeDue(at(0), 100, at(DEFAULT_RETRY_POLICY.leaseMs)));
    expect(taken).toHaveLength(5);
    h.time.set(at(DEFAULT_RETRY_POLICY.leaseMs - 1_000));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0, expired: 0 });
    h.time.set(at(DEFAULT_RETRY_POLICY.leaseMs));
    const report = await h.dispatcher.drain(h.kernel);
    expect(report).toMatchObject({ expired: 5, sent: 5 });
    for (const key of keys) expect(h.platform.count(key)).toBe(1);
  });

  it("a live dispatcher holding a 45 s fan-out keeps its leases: nothing expires, each sent once", async () => {
    // 45 notices to one person: 1 per second in their conversation, so the last waits ~45 s in its lane.
    const keys = [];
    for (let i = 0; i < 45; i += 1) keys.push(await h.notice("holder", `long-${i}`));
    const report = await h.dispatcher.drain(h.kernel);
    expect(h.time.nowMs()).toBeGreaterThan(40_000);
    expect(sweptExpired).toBe(0);
    expect(report).toMatchObject({ sent: 45, expired: 0, reconciled: 0 });
    expect(h.notifier.calls.reconcile).toBe(0);
    for (const key of keys) expect(h.platform.count(key)).toBe(1);
    expect(await db.prisma.notice.count({ where: { attempts: { gt: 1 } } })).toBe(0);
  });
});

describe.each(ENGINES)("a long drain on %s", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    db = await testDatabase(engine);
    h = await harness(db);
  });
  afterEach(async () => {
    await h?.close();
    await db?.drop();
  });

  it("a sweep leaves the rows under the sweeper's own lease values: a late heartbeat is not a death (17.s9c-4)", async () => {
    await h.notice("holder", "own");
    const own = at(DEFAULT_RETRY_POLICY.leaseMs);
    const [mine] = await h.kernel.uow.run((tx) => tx.deliveries.takeDue(at(0), 1, own));
    await h.notice("member", "dead");
    const dead = at(DEFAULT_RETRY_POLICY.leaseMs + 1);
    const [theirs] = await h.kernel.uow.run((tx) => tx.deliveries.takeDue(at(1), 1, dead));
    // Both leases have run out; the sweeper still holds its own row (its heartbeat is late).
    const later = at(DEFAULT_RETRY_POLICY.leaseMs + 10_000);
    expect(await h.kernel.uow.run((tx) => tx.deliveries.expireLeases(later, undefined, [own]))).toBe(1);
    const rows = await db.prisma.notice.findMany({ where: { id: { in: [mine!.notice.id, theirs!.notice.id] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id === mine!.notice.id ? "own" : "dead", r.status]))).toEqual({
      own: "sending",
      dead: "unknown",
    });
  });

  it("a heartbeat never extends or releases a row another dispatcher took once this one's lease ran out", async () => {
    await h.notice("holder", "fenced");
    const first = at(DEFAULT_RETRY_POLICY.leaseMs);
    const [row] = await h.kernel.uow.run((tx) => tx.deliveries.takeDue(at(0), 100, first));
    const id = row!.notice.id;
    // The holder stalls past its lease; another dispatcher sweeps, finds it absent and takes it.
    await h.kernel.uow.run(async (tx) => {
      expect(await tx.deliveries.expireLeases(first)).toBe(1);
      expect(await tx.deliveries.absent(id, first)).toBe(true);
    });
    const second = at(60_000);
    expect(await h.kernel.uow.run((tx) => tx.deliveries.takeDue(first, 100, second))).toHaveLength(1);
    // The stalled holder's late heartbeat and release find the row under another lease and leave it.
    const late = await h.kernel.uow.run((tx) =>
      tx.deliveries.extendLeases([{ noticeId: id, leaseUntil: first }], at(40_000)),
    );
    expect(late.size).toBe(0);
    expect(await h.kernel.uow.run((tx) => tx.deliveries.release(id, at(41_000), first))).toBe(false);
    const now = await db.prisma.notice.findUniqueOrThrow({ where: { id } });
    expect(now).toMatchObject({ status: "sending", nextAttemptAt: second });
    // Its holder's heartbeat does extend it.
    const own = await h.kernel.uow.run((tx) =>
      tx.deliveries.extendLeases([{ noticeId: id, leaseUntil: second }], at(70_000)),
    );
    expect([...own]).toEqual([id]);
  });

  it("what a killed dispatcher took is taken up within its lease even while another drains a long fan-out", async () => {
    const dead = [];
    for (const who of ["substitute", "manager", "hr", "member"] as const) dead.push(await h.notice(who, "dead"));
    // A dispatcher took them, then was killed before calling the platform.
    const taken = await h.kernel.uow.run((tx) => tx.deliveries.takeDue(at(0), 100, at(DEFAULT_RETRY_POLICY.leaseMs)));
    expect(taken).toHaveLength(4);
    // Meanwhile this one drains 45 notices to one person: 1 per second, a drain of ~45 s.
    for (let i = 0; i < 45; i += 1) await h.notice("holder", `long-${i}`);
    const report = await h.dispatcher.drain(h.kernel);
    expect(report).toMatchObject({ expired: 4 });
    const sentAt = await db.prisma.notice.findMany({
      where: { recipientId: { not: h.bank.ids.holder } },
      select: { sentAt: true },
    });
    expect(sentAt).toHaveLength(4);
    // The lease (15 s), then reconciled absent and sent at the pump's next reads: 17–19 s here, not after the 45 s drain.
    for (const row of sentAt)
      expect(row.sentAt!.getTime() - at(0).getTime()).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.leaseMs + 6_000);
    for (const key of dead) expect(h.platform.count(key)).toBe(1);
  });
});

// Teams cannot be read back (decision 17.s10f-4): a killed sender's rows were all `sending`, those on
// the wire and those still waiting in its lanes alike, and all became unknown and were given up — in
// the chaos suite 430 of 500 Teams notices never sent, each "told" to compliance. Now a send to such
// a platform is marked on the wire first, and a sweep puts the unmarked rows back to pending.
describe.each(ENGINES)("a platform that cannot be read back, on %s", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    db = await testDatabase(engine);
    h = await harness(db, {
      // As Teams: no reconcile.
      notifier: (base): Notifier => ({
        platform: base.platform,
        limitsFor: (d) => base.limitsFor(d),
        update: (d) => base.update(d),
        deliver: (d) => base.deliver(d),
      }),
    });
  });
  afterEach(async () => {
    await h?.close();
    await db?.drop();
  });

  it("what a killed sender never put on the wire is sent once by another; what was on the wire is given up and told", async () => {
    const keys: string[] = [];
    for (const who of ["holder", "substitute", "manager"] as const) keys.push(await h.notice(who, "lanes"));
    const lease = at(DEFAULT_RETRY_POLICY.leaseMs);
    const taken = await h.kernel.uow.run((tx) => tx.deliveries.takeDue(at(0), 100, lease));
    expect(taken).toHaveLength(3);
    // It had handed one to the platform (which may or may not have it) when it was killed.
    const onWire = taken[0]!.notice;
    const marked = await h.kernel.uow.run((tx) =>
      tx.deliveries.onTheWireMany([{ noticeId: onWire.id, leaseUntil: lease }]),
    );
    expect([...marked]).toEqual([onWire.id]);
    h.time.set(lease);
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ expired: 3 });
    const rows = new Map(
      (await db.prisma.notice.findMany({ where: { id: { in: taken.map((t) => t.notice.id) } } })).map((r) => [r.id, r]),
    );
    expect(rows.get(onWire.id)).toMatchObject({ status: "unknown", nextAttemptAt: GIVEN_UP });
    for (const t of taken.slice(1)) expect(rows.get(t.notice.id)).toMatchObject({ status: "sent", attempts: 1 });
    // The platform got each of the other two once, and never the one whose outcome is unknown.
    expect(keys.map((k) => h.platform.count(k)).sort()).toEqual([0, 1, 1]);
    expect(h.platform.count(`${onWire.dedupeKey}`)).toBe(0);
    expect(
      await db.prisma.notice.count({
        where: { kind: "delivery.unknown", subjectType: "notice", subjectId: onWire.id },
      }),
    ).toBeGreaterThan(0);
  });

  it("a send is marked on the wire only under the sender's own lease", async () => {
    await h.notice("holder", "fence");
    const lease = at(DEFAULT_RETRY_POLICY.leaseMs);
    const [row] = await h.kernel.uow.run((tx) => tx.deliveries.takeDue(at(0), 1, lease));
    const mark = (leaseUntil: Date) =>
      h.kernel.uow.run((tx) => tx.deliveries.onTheWireMany([{ noticeId: row!.notice.id, leaseUntil }]));
    expect([...(await mark(at(1)))]).toEqual([]);
    expect([...(await mark(lease))]).toEqual([row!.notice.id]);
  });
});

// A Teams sender's grant counts in the tenant's window from the moment it is given, and its request
// cannot leave before its row is marked on the wire. The marks waited behind the pump's other writes,
// and a heartbeat renewed a 5 000-row fan-out in one transaction holding those rows' locks: in the
// 3-replica bench the tenant's sends stopped for 1–2 s at every heartbeat (decision 17.s11r-1).
describe.each(ENGINES)("heartbeats beside marks on the wire, on %s", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  /** The rows each heartbeat transaction renewed, in order. */
  let beats: number[];
  /** While set, a heartbeat waits this long (real time) before its statements. */
  let stallMs = 0;
  /** Sends the platform got while a heartbeat was stalled (counted after its first 50 ms). */
  let sentDuringBeat = 0;
  const CAST = ["holder", "substitute", "manager", "hr", "member"] as const;
  beforeEach(async () => {
    db = await testDatabase(engine);
    beats = [];
    stallMs = 0;
    sentDuringBeat = 0;
  });
  afterEach(async () => {
    await h?.close();
    await db?.drop();
  });

  /** As Teams: no reconcile, so each send is marked on the wire first. One a second per conversation by default. */
  const teamsLike = (options: Parameters<typeof harness>[1] = {}, paceMs?: number) =>
    harness(db, {
      limits: [{ scope: "conversation", limit: 1, windowMs: 1000 }],
      notifier: (base): Notifier => ({
        platform: base.platform,
        // paceMs: the dispatcher's own pace per conversation, in real time (the fake counts virtual time).
        limitsFor: (d) =>
          paceMs === undefined
            ? base.limitsFor(d)
            : [{ key: `conv:${d.notice.recipientId}`, limit: 1, windowMs: paceMs }],
        update: (d) => base.update(d),
        deliver: (d) => base.deliver(d),
      }),
      ...options,
    });

  /** The harness's kernel, its heartbeats (extendLeases) recorded and, while `stallMs`, held up. */
  const watched = () => ({
    ...h.kernel,
    uow: {
      read: <T>(work: (tx: TxPorts) => Promise<T>) => h.kernel.uow.read(work),
      run: <T>(work: (tx: TxPorts) => Promise<T>) =>
        h.kernel.uow.run((tx) =>
          work({
            ...tx,
            deliveries: new Proxy(tx.deliveries, {
              get(target, name, receiver) {
                if (name !== "extendLeases") return Reflect.get(target, name, receiver) as unknown;
                return async (held: Parameters<typeof target.extendLeases>[0], until: Date) => {
                  beats.push(held.length);
                  if (stallMs > 0) {
                    await new Promise((resolve) => setTimeout(resolve, 50));
                    const before = h.platform.messages.length;
                    await new Promise((resolve) => setTimeout(resolve, stallMs - 50));
                    sentDuringBeat += h.platform.messages.length - before;
                  }
                  return target.extendLeases(held, until);
                };
              },
            }),
          }),
        ),
    },
  });

  it("writes each answer at once, not after waiting for others: a kill meanwhile would leave it unknown", async () => {
    // Answers are otherwise gathered for up to flushMs (here 8 s) while other requests are under way.
    let first: string | undefined;
    let sawFirstSent = false;
    h = await harness(db, {
      limits: [],
      dispatcher: { flushMs: 8_000 },
      notifier: (base): Notifier => ({
        platform: base.platform,
        limitsFor: (d) => base.limitsFor(d),
        update: (d) => base.update(d),
        deliver: async (d) => {
          const result = await base.deliver(d);
          if (first === undefined) {
            first = d.notice.id;
            return result;
          }
          // The other send, still under way, waits up to 5 s for the first answer to be written.
          for (let i = 0; i < 100 && !sawFirstSent; i += 1) {
            sawFirstSent = (await db.prisma.notice.findUnique({ where: { id: first } }))?.status === "sent";
            if (!sawFirstSent) await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return result;
        },
      }),
    });
    await h.notice("holder", "first");
    await h.notice("member", "second");
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 2 });
    expect(sawFirstSent).toBe(true);
  });

  it("renews a large fan-out in transactions of at most 250 rows, each sent once", async () => {
    h = await teamsLike();
    const keys: string[] = [];
    for (let i = 0; i < 120; i += 1) for (const who of CAST) keys.push(await h.notice(who, `beat-${i}`));
    const report = await h.dispatcher.drain(watched());
    expect(report).toMatchObject({ sent: 600, expired: 0 });
    // Heartbeats every 5 s over a drain of ~120 s: the first held ~575 rows, in three transactions.
    expect(beats.length).toBeGreaterThan(20);
    expect(Math.max(...beats)).toBeLessThanOrEqual(250);
    for (const key of keys) expect(h.platform.count(key)).toBe(1);
  });

  // SQLite has one writer: there a mark waits for any transaction in progress, whoever runs it. Real
  // time here (virtual time stands still while a heartbeat is under way): a conversation may have one
  // send every 100 ms, leases 1.5 s (a heartbeat every 0.5 s, held up 0.6 s each). Defined on
  // PostgreSQL only (not skipped on SQLite: there is nothing to run).
  if (engine === "postgres")
    it("sends are marked and leave while a heartbeat's transaction is still open", async () => {
      h = await teamsLike(
        { limits: [], dispatcher: { timer: systemTimer, policy: { ...POLICY, leaseMs: 1_500 } } },
        100,
      );
      for (let i = 0; i < 30; i += 1) for (const who of CAST) await h.notice(who, `stall-${i}`);
      stallMs = 600;
      const report = await h.dispatcher.drain(watched());
      expect(report).toMatchObject({ sent: 150, expired: 0 });
      expect(beats.length).toBeGreaterThan(0);
      // More went out while a heartbeat was held up than the five (one per conversation) that may have
      // been granted and marked before it began: the grants given meanwhile did not wait for it.
      expect(sentDuringBeat).toBeGreaterThan(CAST.length);
    });
});
