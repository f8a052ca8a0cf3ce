// The hourly job that forgets old request replay keys, on SQLite and PostgreSQL: Slack request
// signatures, Socket Mode envelopes and Events API events recorded more than a day ago go; younger
// ones stay (a replay within the day is still refused); once-ever receipts of jobs and forms stay
// whatever their age. Running it again deletes nothing more.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestKeysPruneJob } from "../../../src/app/jobs/request-keys-prune.job.ts";
import { defaultJobs } from "../../../src/app/jobs/default-jobs.ts";
import { runTick } from "../../../src/app/jobs/tick.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";

const AT = "2026-12-06T10:00:00Z";
const hoursBefore = (h: number) => new Date(new Date(AT).getTime() - h * 3_600_000);

describe.each(ENGINES)("pruning request replay keys on %s", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(engine);
  });
  afterAll(async () => db?.drop());

  it("forgets request keys older than a day and keeps everything else", async () => {
    const kernel = testKernel(db, AT);
    const rows: [string, number][] = [
      ["slack:request:v0=old-signature", 30],
      ["slack:envelope:old-envelope", 25],
      ["slack:event:T0TEST:Ev-old", 48],
      ["slack:request:v0=recent-signature", 2],
      ["slack:event:T0TEST:Ev-recent", 23],
      ["rotation.overdue:assignment-1", 24 * 400],
      ["leave.plan:person-1:request-1", 24 * 30],
    ];
    for (const [key] of rows) expect(await kernel.uow.run((tx) => tx.receipts.record(key, "x"))).toBe(true);
    for (const [key, hours] of rows)
      await db.prisma.commandReceipt.update({ where: { key }, data: { createdAt: hoursBefore(hours) } });

    expect(await requestKeysPruneJob.run(kernel, new Date(AT))).toEqual({ pruned: 3 });
    const left = (await db.prisma.commandReceipt.findMany({ orderBy: { key: "asc" } })).map((r) => r.key);
    expect(left).toEqual(
      [
        "leave.plan:person-1:request-1",
        "rotation.overdue:assignment-1",
        "slack:event:T0TEST:Ev-recent",
        "slack:request:v0=recent-signature",
      ].sort(),
    );
    // A replay within the day is still refused; the pruned keys could be taken again.
    expect(await kernel.uow.run((tx) => tx.receipts.record("slack:request:v0=recent-signature", "y"))).toBe(false);
    expect(await kernel.uow.run((tx) => tx.receipts.record("slack:request:v0=old-signature", "y"))).toBe(true);
    expect(await requestKeysPruneJob.run(kernel, new Date(AT))).toEqual({ pruned: 0 });
  });

  it("runs once an hour from the scheduler's default jobs", async () => {
    const kernel = testKernel(db, AT);
    const jobs = defaultJobs({ dispatcher: { drain: async () => ({}) } as never }).filter(
      (j) => j.name === requestKeysPruneJob.name,
    );
    expect(jobs).toHaveLength(1);
    const first = await runTick(kernel, jobs, new Date(AT), "test");
    const again = await runTick(kernel, jobs, new Date("2026-12-06T10:30:00Z"), "test");
    expect(first.ran.map((r) => r.job)).toEqual([requestKeysPruneJob.name]);
    expect(again.skipped.map((r) => r.job)).toEqual([requestKeysPruneJob.name]);
  });
});
