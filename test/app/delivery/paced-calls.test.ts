// Reconciliation reads paced by the dispatcher's limiter (decision 17.19): 200 reads of Slack's
// conversations.history (Tier 3, 50 a minute) asked at once — as after a kill that left hundreds of
// rows unknown — never reach the platform more than 50 times in any 60 s, whatever each read's
// latency, and all of them are made; a drain that stops ends the waiting at once, the read not made.
import { describe, expect, it } from "vitest";
import { pacedCalls, ReadStopped } from "../../../src/app/delivery/paced-calls.ts";
import { RateLimiter } from "../../../src/app/delivery/rate-limiter.ts";
import { HISTORY_LIMIT } from "../../../adapters/slack/slack-notifier.ts";
import { VirtualTime } from "../../support/virtual-time.ts";

function peakPerWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= windowMs) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe("paced platform reads", () => {
  for (const smooth of [true, false])
    it(`200 history reads at once stay within 50 a minute (${smooth ? "smoothed" : "bursts"})`, async () => {
      const time = new VirtualTime("2026-12-01T01:00:00.000Z");
      const paced = pacedCalls(new RateLimiter({ smooth, reachMs: 30_000 }), time);
      const arrived: number[] = [];
      const reads = Array.from({ length: 200 }, (_, n) =>
        paced([HISTORY_LIMIT], async () => {
          // It arrives somewhere between the grant and the answer (here: 0–800 ms in).
          const latency = (n * 37) % 800;
          await time.sleep(latency / 2);
          arrived.push(time.nowMs());
          await time.sleep(latency / 2);
          return n;
        }),
      );
      expect((await Promise.all(reads)).length).toBe(200);
      expect(peakPerWindow(arrived, 60_000)).toBeLessThanOrEqual(HISTORY_LIMIT.limit);
      // And not much slower than the limit allows: 200 reads need at least 3 full windows.
      expect(time.nowMs()).toBeLessThan(5 * 60_000);
    });

  it("a stopped drain ends the wait: the read is not made", async () => {
    const time = new VirtualTime("2026-12-01T01:00:00.000Z");
    const stop = new AbortController();
    const paced = pacedCalls(new RateLimiter({ reachMs: 30_000 }), time, stop.signal);
    const one = { key: "slack:history", limit: 1, windowMs: 60_000 };
    let made = 0;
    await paced([one], async () => (made += 1));
    const second = paced([one], async () => (made += 1));
    stop.abort();
    await expect(second).rejects.toBeInstanceOf(ReadStopped);
    expect(made).toBe(1);
  });
});
