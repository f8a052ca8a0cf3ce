// A drain keeps one pacing timer, however long it runs. A timer due later (the lease heartbeat, every
// 10 s while lanes hold notices) that is overtaken by an earlier one (the next grant, every second)
// used to stay pending with its abort listener: a 45 s fan-out piled up one per second, and Node
// printed "MaxListenersExceededWarning: 11 abort listeners added to [AbortSignal]" in the test logs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { harness, type Harness } from "./dispatch-harness.ts";

describe.each(ENGINES)("a long drain's timers on %s", (engine) => {
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

  it("one pacing timer at a time through a 45 s fan-out, none left after it", async () => {
    // 45 notices to one person: 1 a second in their conversation, so the lane holds notices for ~45 s
    // and the heartbeat is due every 10 s among the grants.
    for (let i = 0; i < 45; i += 1) await h.notice("holder", `paced-${i}`);
    const time = h.time;
    const sleep = time.sleep.bind(time);
    let sleeps = 0;
    let peak = 0;
    time.sleep = (ms, signal) => {
      const slept = sleep(ms, signal);
      sleeps += 1;
      peak = Math.max(peak, time.sleeping);
      return slept;
    };
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    try {
      const report = await h.dispatcher.drain(h.kernel);
      expect(report).toMatchObject({ sent: 45 });
      expect(time.nowMs()).toBeGreaterThan(40_000);
    } finally {
      process.off("warning", onWarning);
    }
    expect(sleeps).toBeGreaterThan(40);
    expect(peak).toBe(1);
    expect(time.sleeping).toBe(0);
    expect(warnings.filter((w) => w.includes("listeners"))).toEqual([]);
  });
});
