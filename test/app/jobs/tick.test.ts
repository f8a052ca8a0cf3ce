import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";
import { runTick, everyMinute, everyDay, type ScheduledJob } from "../../../src/app/jobs/tick.ts";

const run = promisify(execFile);

describe.each(ENGINES)("scheduler tick on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => db.drop());

  function countingJob(name: string, slotOf: (at: Date) => string, counter: { n: number }): ScheduledJob {
    return { name, slotOf, run: async () => void (counter.n += 1) };
  }

  it("runs each (job, slot) once under repeated and concurrent ticks, and again in the next slot", async () => {
    const kernel = testKernel(db, "2026-12-01T01:00:10Z");
    const minute = { n: 0 };
    const day = { n: 0 };
    const jobs = [countingJob("m", everyMinute, minute), countingJob("d", everyDay, day)];
    const at = new Date("2026-12-01T01:00:10Z");
    await Promise.all([1, 2, 3, 4, 5].map((i) => runTick(kernel, jobs, at, `instance-${i}`)));
    await runTick(kernel, jobs, new Date("2026-12-01T01:00:50Z"), "late");
    expect(minute.n).toBe(1);
    expect(day.n).toBe(1);
    await runTick(kernel, jobs, new Date("2026-12-01T01:01:00Z"), "next");
    expect(minute.n).toBe(2);
    expect(day.n).toBe(1);
    const slots = await db.prisma.scheduledSlot.findMany({ orderBy: [{ job: "asc" }, { slot: "asc" }] });
    expect(slots.map((s) => `${s.job}@${s.slot}`)).toEqual([
      "d@2026-12-01",
      "m@2026-12-01T01:00Z",
      "m@2026-12-01T01:01Z",
    ]);
    expect(slots.every((s) => s.finishedAt !== null)).toBe(true);
    expect((await db.prisma.setting.findUnique({ where: { key: "scheduler.lastTick" } }))?.value).toBe(
      "2026-12-01T01:01:00.000Z",
    );
  });

  it("two processes ticking the same instant on one database run each slot once between them", async () => {
    const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "silent" };
    const tickOnce = () =>
      run(process.execPath, ["bin/keypost.js", "tick", "--at", "2026-12-01T09:00:00+08:00"], { env });
    const outputs = await Promise.all([tickOnce(), tickOnce()]);
    const lines = outputs.flatMap((o) => o.stdout.trim().split("\n"));
    expect(lines.filter((l) => l.startsWith("ran dispatch-notices"))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith("skipped dispatch-notices"))).toHaveLength(1);
  });
});
