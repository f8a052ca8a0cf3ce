import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RateLimiter, type Grant } from "../../../src/app/delivery/rate-limiter.ts";
import type { RateLimit } from "../../../src/ports/notifier.ts";

const slack = (channel: string): RateLimit[] => [
  { key: `slack:channel:${channel}`, limit: 1, windowMs: 1000 },
  { key: "slack:workspace:T1", limit: 3, windowMs: 1000 },
];

/** The most grants of `key` inside any window of `windowMs` (half-open, as the limiter counts). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe("rate limiter", () => {
  it("allows `limit` grants per window per key and says exactly how long to wait for the next", () => {
    const limiter = new RateLimiter();
    expect(limiter.tryAcquire(slack("A"), 0)).toBe(true);
    expect(limiter.waitMs(slack("A"), 0)).toBe(1000);
    expect(limiter.tryAcquire(slack("A"), 999)).toBe(false);
    expect(limiter.tryAcquire(slack("B"), 10)).toBe(true);
    expect(limiter.tryAcquire(slack("C"), 20)).toBe(true);
    // The workspace allows 3 per second: D waits for the oldest (t=0) to leave the window.
    expect(limiter.waitMs(slack("D"), 30)).toBe(970);
    expect(limiter.tryAcquire(slack("D"), 999)).toBe(false);
    expect(limiter.tryAcquire(slack("D"), 1000)).toBe(true);
    expect(limiter.tryAcquire(slack("A"), 1000)).toBe(false); // the workspace is full again until 1010
    expect(limiter.waitMs(slack("A"), 1000)).toBe(10);
  });

  it("keeps two windows on one key apart (Teams: 7 per second and 60 per 30 seconds per conversation)", () => {
    const teams: RateLimit[] = [
      { key: "teams:conv:1", limit: 7, windowMs: 1000 },
      { key: "teams:conv:1", limit: 60, windowMs: 30_000 },
    ];
    const limiter = new RateLimiter();
    const granted: number[] = [];
    for (let t = 0; t < 40_000; t += 10) if (limiter.tryAcquire(teams, t)) granted.push(t);
    expect(maxInWindow(granted, 1000)).toBe(7);
    expect(maxInWindow(granted, 30_000)).toBe(60);
    expect(granted.filter((t) => t < 30_000)).toHaveLength(60);
    expect(granted[59]).toBeLessThan(9000); // bursts of 7 per second until the 30 s budget is spent
    expect(granted[60]).toBe(30_000);
  });

  it("a send counts from its answer: while on the wire, from now (so a wait is a lower bound); once answered, from the answer", () => {
    const limiter = new RateLimiter({ reachMs: 30_000 });
    const a = limiter.acquire(slack("A"), 0).grant;
    expect(a).toBeDefined();
    expect(limiter.waitMs(slack("A"), 0)).toBe(1000);
    // Still no answer 5 ms later: it may reach the platform any moment, so a full window from now.
    expect(limiter.waitMs(slack("A"), 5)).toBe(1000);
    expect(limiter.acquire(slack("A"), 5)).toEqual({ grant: undefined, waitMs: 1000 });
    a?.answered(7);
    expect(limiter.waitMs(slack("A"), 7)).toBe(1000);
    expect(limiter.waitMs(slack("A"), 1006)).toBe(1);
    expect(limiter.tryAcquire(slack("A"), 1006)).toBe(false);
    expect(limiter.tryAcquire(slack("A"), 1007)).toBe(true);
    // A later answer does not move an earlier one.
    a?.answered(500);
    expect(limiter.waitMs(slack("B"), 1007)).toBe(0);
  });

  it("a send with no answer after reachMs counts from its grant plus reachMs (a hung request does not hold its keys)", () => {
    const limiter = new RateLimiter({ reachMs: 50 });
    limiter.acquire(slack("A"), 0);
    expect(limiter.waitMs(slack("A"), 40)).toBe(1000);
    expect(limiter.waitMs(slack("A"), 100)).toBe(950);
    expect(limiter.tryAcquire(slack("A"), 1049)).toBe(false);
    expect(limiter.tryAcquire(slack("A"), 1050)).toBe(true);
  });

  it("answers out of order: the window frees when all but limit − 1 of its sends may have arrived over a window ago", () => {
    const limiter = new RateLimiter({ reachMs: 30_000 });
    const workspace = (channel: string): RateLimit[] => [
      { key: `slack:channel:${channel}`, limit: 1, windowMs: 1000 },
      { key: "slack:workspace:T1", limit: 3, windowMs: 1000 },
    ];
    const answers: [string, number, number][] = [
      ["A", 0, 30],
      ["B", 10, 11],
      ["C", 20, 21],
    ];
    for (const [channel, at, answeredAt] of answers)
      limiter.acquire(workspace(channel), at).grant?.answered(answeredAt);
    // The sends count from 30, 11 and 21: the window has room again once 11 left it, whatever the order of the grants.
    expect(limiter.waitMs(workspace("D"), 500)).toBe(511);
    limiter.acquire(workspace("D"), 1011).grant?.answered(1012);
    // Now 30, 21 and 1012: next room when 21 leaves.
    expect(limiter.waitMs(workspace("E"), 1012)).toBe(9);
  });

  it("property: whatever the latencies and the order of the answers, the platform never counts more than a limit in a window", () => {
    const limitArb = fc.record({
      key: fc.constantFrom("a", "b", "t"),
      limit: fc.integer({ min: 1, max: 5 }),
      windowMs: fc.integer({ min: 1, max: 2000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(limitArb, { minLength: 1, maxLength: 3, selector: (l) => `${l.key}/${l.limit}/${l.windowMs}` }),
        // Per request: time since the previous, which limits, the latency of its answer, where between grant and answer it arrives (%).
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 300 }),
            fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
            fc.integer({ min: 0, max: 1500 }),
            fc.integer({ min: 0, max: 100 }),
          ),
          { minLength: 1, maxLength: 200 },
        ),
        fc.boolean(),
        (limits, requests, smooth) => {
          const limiter = new RateLimiter({ smooth, reachMs: 1e9 });
          const pending: { answerAt: number; grant: Grant }[] = [];
          const arrivals = new Map<string, number[]>();
          let now = 0;
          for (const [step, picks, latency, where] of requests) {
            now += step;
            // Answers due by now are in (in any order), as the pump records them.
            for (const p of pending.filter((q) => q.answerAt <= now)) p.grant.answered(p.answerAt);
            pending.splice(0, pending.length, ...pending.filter((q) => q.answerAt > now));
            const wanted = [...new Set(picks.map((p) => limits[p % limits.length] as RateLimit))];
            const { grant } = limiter.acquire(wanted, now);
            if (!grant) continue;
            pending.push({ answerAt: now + latency, grant });
            const arrival = now + (where / 100) * latency;
            for (const l of wanted)
              arrivals.set(`${l.key}/${l.limit}/${l.windowMs}`, [
                ...(arrivals.get(`${l.key}/${l.limit}/${l.windowMs}`) ?? []),
                arrival,
              ]);
          }
          for (const l of limits)
            expect(
              maxInWindow(arrivals.get(`${l.key}/${l.limit}/${l.windowMs}`) ?? [], l.windowMs),
            ).toBeLessThanOrEqual(l.limit);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a 429 on a key widens that key's windows by one more guard (up to three guards); quiet time narrows them again", () => {
    const limiter = new RateLimiter({ guardMs: 20 });
    const workspace = "slack:workspace:T1";
    // Each send answered at once: it counts from its grant.
    const take = (limits: RateLimit[], at: number) => limiter.acquire(limits, at).grant?.answered(at);
    take(slack("A"), 0);
    expect(limiter.waitMs(slack("B"), 0)).toBe(0);
    limiter.pause(workspace, 0, 1000);
    expect(limiter.widenedMs(workspace)).toBe(20);
    for (let i = 0; i < 5; i += 1) limiter.pause(workspace, 0, 1000);
    expect(limiter.widenedMs(workspace)).toBe(60);
    expect(limiter.widenedMs("slack:channel:A")).toBe(0);
    // The workspace's window is now 1000 + 60 ms; channel A's stays 1000 ms.
    take(slack("B"), 1000);
    take(slack("C"), 1000);
    expect(limiter.waitMs(slack("D"), 1000)).toBe(60);
    expect(limiter.waitMs([{ key: "slack:channel:A", limit: 1, windowMs: 1000 }], 999)).toBe(1);
    // Ten seconds without another 429 take one guard back, ten more another.
    expect(limiter.waitMs(slack("D"), 9_999)).toBe(0);
    expect(limiter.widenedMs(workspace)).toBe(60);
    limiter.waitMs(slack("D"), 10_000);
    expect(limiter.widenedMs(workspace)).toBe(40);
    limiter.waitMs(slack("D"), 20_000);
    expect(limiter.widenedMs(workspace)).toBe(20);
    limiter.prune(30_000);
    expect(limiter.widenedMs(workspace)).toBe(0);
    // No guard, nothing to widen.
    const bare = new RateLimiter();
    bare.pause(workspace, 0, 1000);
    expect(bare.widenedMs(workspace)).toBe(0);
  });

  it("pauses a key for a 429's Retry-After, other keys go on", () => {
    const limiter = new RateLimiter();
    limiter.pause("slack:channel:A", 100, 7000);
    expect(limiter.waitMs(slack("A"), 100)).toBe(7000);
    expect(limiter.tryAcquire(slack("B"), 100)).toBe(true);
    expect(limiter.tryAcquire(slack("A"), 7099)).toBe(false);
    expect(limiter.tryAcquire(slack("A"), 7100)).toBe(true);
    // A shorter pause never shortens a longer one.
    limiter.pause("slack:channel:B", 0, 5000);
    limiter.pause("slack:channel:B", 0, 1000);
    expect(limiter.waitMs([{ key: "slack:channel:B", limit: 100, windowMs: 1 }], 1000)).toBe(4000);
  });

  it("smooth: grants of one key come at least window/limit apart, and still never more than the limit per window", () => {
    const limiter = new RateLimiter({ smooth: true });
    const teams: RateLimit[] = [
      { key: "teams:conv:1", limit: 7, windowMs: 1000 },
      { key: "teams:conv:1", limit: 60, windowMs: 30_000 },
    ];
    const granted: number[] = [];
    for (let t = 0; t < 31_000; t += 1) if (limiter.tryAcquire(teams, t)) granted.push(t);
    expect(granted.slice(0, 3)).toEqual([0, 500, 1000]); // 30 000 / 60: the tighter spacing rules
    expect(maxInWindow(granted, 30_000)).toBe(60);
    expect(limiter.waitMs(teams, 30_999)).toBe(1);
  });

  it("smooth: a grant taken late keeps the key's schedule (the next is due one step after the missed one), unless it fell far behind", () => {
    const limiter = new RateLimiter({ smooth: true });
    const tenant: RateLimit[] = [{ key: "slack:workspace:T1", limit: 100, windowMs: 1000 }];
    const burstAt = (t: number) => {
      let n = 0;
      while (limiter.tryAcquire(tenant, t)) n += 1;
      return n;
    };
    // A new key starts with a quarter second's worth (25 grants) at once, then one every 10 ms.
    expect(burstAt(0)).toBe(25);
    expect(limiter.waitMs(tenant, 0)).toBe(10);
    // Woken 4 ms late: the next grant is still due at 20, not at 24.
    expect(limiter.tryAcquire(tenant, 14)).toBe(true);
    expect(limiter.waitMs(tenant, 14)).toBe(6);
    // 30 ms late (within the catch-up allowance): the grants due at 20, 30, 40 and 50 go at once, then back to every 10 ms.
    for (let i = 0; i < 4; i += 1) expect(limiter.tryAcquire(tenant, 50)).toBe(true);
    expect(limiter.waitMs(tenant, 50)).toBe(10);
    // A second later not a second's worth is owed: a quarter second's (25 grants) at once, then every 10 ms again.
    expect(burstAt(1060)).toBe(25);
    expect(limiter.waitMs(tenant, 1060)).toBe(10);
  });

  it("forgets windows with nothing left in them", () => {
    const limiter = new RateLimiter();
    limiter.tryAcquire(slack("A"), 0);
    limiter.tryAcquire(slack("B"), 500);
    expect(limiter.size).toBe(3);
    limiter.prune(1200);
    expect(limiter.size).toBe(2); // A's window is empty; B's and the workspace's still hold 500
    limiter.prune(1500);
    expect(limiter.size).toBe(0);
  });

  it("property: whatever the requests and the times, no window ever holds more than its limit, and a wait is exact", () => {
    const limitArb = fc.record({
      key: fc.constantFrom("a", "b", "c", "t"),
      limit: fc.integer({ min: 1, max: 5 }),
      windowMs: fc.integer({ min: 1, max: 3000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(limitArb, { minLength: 1, maxLength: 4, selector: (l) => `${l.key}/${l.limit}/${l.windowMs}` }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.boolean(),
        (limits, requests, smooth) => {
          const limiter = new RateLimiter({ smooth });
          const grants = new Map<string, number[]>();
          let now = 0;
          for (const [step, picks] of requests) {
            now += step;
            const wanted = [...new Set(picks.map((p) => limits[p % limits.length] as RateLimit))];
            const wait = limiter.waitMs(wanted, now);
            const granted = limiter.tryAcquire(wanted, now);
            expect(granted).toBe(wait === 0);
            if (!granted) {
              // Waiting exactly `wait` is enough (nothing else was granted meanwhile), and not a millisecond less.
              expect(limiter.waitMs(wanted, now + wait - 1)).toBeGreaterThan(0);
              expect(limiter.waitMs(wanted, now + wait)).toBe(0);
              continue;
            }
            for (const l of wanted)
              grants.set(`${l.key}/${l.limit}/${l.windowMs}`, [
                ...(grants.get(`${l.key}/${l.limit}/${l.windowMs}`) ?? []),
                now,
              ]);
          }
          for (const l of limits)
            expect(maxInWindow(grants.get(`${l.key}/${l.limit}/${l.windowMs}`) ?? [], l.windowMs)).toBeLessThanOrEqual(
              l.limit,
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is quiet on a platform once nothing granted under its keys counts in a window and none is paused", () => {
    const limiter = new RateLimiter({ reachMs: 30_000 }); // as the dispatcher builds it
    const history: RateLimit = { key: "slack:history", limit: 50, windowMs: 60_000 };
    const channel: RateLimit = { key: "slack:channel:U1", limit: 1, windowMs: 1_000 };
    expect(limiter.quiet("slack:", 0)).toBe(true);
    const read = limiter.acquire([history], 0).grant!;
    expect(limiter.quiet("slack:", 1_000)).toBe(false); // on the wire
    read.answered(2_000);
    expect(limiter.quiet("teams:", 2_000)).toBe(true); // another platform's keys
    expect(limiter.quiet("slack:", 61_999)).toBe(false); // counts from its answer for the window
    expect(limiter.quiet("slack:", 62_000)).toBe(true);
    limiter.acquire([channel], 62_000).grant!.answered(62_000);
    limiter.pause("slack:channel:U1", 62_000, 5_000);
    expect(limiter.quiet("slack:", 63_500)).toBe(false); // paused by a Retry-After
    expect(limiter.quiet("slack:", 67_000)).toBe(true);
  });
});
