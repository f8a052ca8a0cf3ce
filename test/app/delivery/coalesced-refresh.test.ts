// App Home refreshes after deliveries, folded per person (decision 17.s10r-1): the first at once, the
// requests that come while one runs or within the spacing become one more refresh at its end (never
// lost), other people are not held up, and a stopping process runs what is owed without waiting.
import { describe, expect, it } from "vitest";
import { CoalescedRefresh } from "../../../src/app/delivery/coalesced-refresh.ts";
import { VirtualTime } from "../../support/virtual-time.ts";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function world() {
  const time = new VirtualTime("2026-12-06T00:00:00Z");
  time.whenIdle(() => false); // time moves only when the test says
  const calls: { key: string; at: number }[] = [];
  const open = new Map<string, () => void>();
  const refresh = (key: string) =>
    new Promise<void>((resolve) => {
      calls.push({ key, at: time.nowMs() });
      open.set(key, resolve);
    });
  const finish = async (key: string) => {
    open.get(key)?.();
    open.delete(key);
    await flush();
  };
  return { time, calls, finish, coalesced: new CoalescedRefresh(refresh, time, 2_000) };
}

describe("CoalescedRefresh", () => {
  it("refreshes at once, folds what comes meanwhile into one more refresh a spacing later, keeps keys apart", async () => {
    const { time, calls, finish, coalesced } = world();
    coalesced.request("p");
    for (let i = 0; i < 5; i += 1) coalesced.request("p");
    coalesced.request("q");
    await flush();
    expect(calls).toEqual([
      { key: "p", at: 0 },
      { key: "q", at: 0 },
    ]);
    await finish("p");
    await finish("q"); // nothing came for q meanwhile: it is done once its spacing passes
    time.advance(1_999);
    await flush();
    expect(calls).toHaveLength(2);
    time.advance(1);
    await flush();
    expect(calls).toEqual([
      { key: "p", at: 0 },
      { key: "q", at: 0 },
      { key: "p", at: 2_000 },
    ]);
    await finish("p");
    time.advance(2_000);
    await flush();
    expect(coalesced.size).toBe(0);
    // Quiet for a spacing: the next request refreshes at once again.
    coalesced.request("p");
    await flush();
    expect(calls.at(-1)).toEqual({ key: "p", at: 4_000 });
    await finish("p");
  });

  it("settle runs the refreshes still owed at once", async () => {
    const { calls, finish, coalesced } = world();
    coalesced.request("p");
    await flush();
    coalesced.request("p");
    await finish("p");
    const settled = coalesced.settle();
    await flush();
    expect(calls.map((c) => c.at)).toEqual([0, 0]); // no time passed
    await finish("p");
    await settled;
    expect(coalesced.size).toBe(0);
  });
});
