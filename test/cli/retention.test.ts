// Retention (issue 19): a purge inside the retention period or under a legal hold is refused and
// changes nothing; a purge of the audit log past its retention leaves a checkpointed tombstone, so
// verify-log (database and export) still passes, and a forged tombstone is caught. Both engines.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { DirectoryCheckpointStore } from "../../src/infra/audit-log/directory-checkpoint-store.ts";
import { appendLogEntry, LOG_PURGED_KEY } from "../../src/infra/db/audit-log-writer.ts";
import { retainedUntil } from "../../src/domain/retention/retention.policy.ts";
import { recordsEnv } from "../support/records-env.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe("retainedUntil", () => {
  it("adds calendar years in UTC; 29 February moves to 1 March, never earlier", () => {
    expect(retainedUntil(new Date("2020-06-30T16:00:00Z"), 6).toISOString()).toBe("2026-06-30T16:00:00.000Z");
    expect(retainedUntil(new Date("2024-02-29T00:00:00Z"), 1).toISOString()).toBe("2025-03-01T00:00:00.000Z");
  });
});

describe.each(ENGINES)("keypost purge and legal-hold on %s", (engine) => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    db = await testDatabase(engine);
    ({ dir, env } = recordsEnv(db.url, "keypost-retention-", { KEYPOST_RETENTION: "cn-bank" }));
    // Three entries from 1990, two from 2026.
    for (const at of ["1990-01-02", "1990-01-03", "1990-01-04", "2026-11-30", "2026-12-01"])
      await db.prisma.$transaction((tx) =>
        appendLogEntry(tx, db.provider, {
          at: new Date(`${at}T01:00:00Z`),
          actorId: "emp-1",
          platform: "cli",
          action: "org.imported",
          subjectType: "register",
          subjectId: at,
          data: { at },
        }),
      );
  });
  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = async (args: string[], over: Record<string, string> = {}) => {
    const io = capture();
    const code = await main(args, io, { ...env, ...over });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const count = () => db.prisma.auditLogEntry.count();

  it("refuses a purge inside retention (cn-bank keeps the audit log 30 years) and removes nothing", async () => {
    expect(await run(["purge", "audit_log", "--before", "2000-01-01"])).toEqual({
      code: 1,
      stdout: [],
      stderr: [
        "refused: audit_log is kept 30 years under cn-bank; records dated before 2000-01-01 may go from 2030-01-01; nothing removed",
      ],
    });
    expect(await count()).toBe(5);
    expect((await run(["purge", "leaves", "--before", "2020-01-01"])).stderr).toEqual([
      "refused: leaves is kept 10 years under cn-bank; records dated before 2020-01-01 may go from 2030-01-01; nothing removed",
    ]);
    expect((await run(["purge", "papers", "--before", "1990-01-01"])).code).toBe(2);
  });

  it("refuses under a legal hold, and purges past retention with a checkpointed tombstone the verifiers accept", async () => {
    const finra = { KEYPOST_RETENTION: "finra" };
    expect((await run(["legal-hold", "set", "audit_log", "--reason", "SEC inquiry 2026-17"])).code).toBe(0);
    expect(await run(["purge", "audit_log", "--before", "2000-01-01"], finra)).toEqual({
      code: 1,
      stdout: [],
      stderr: ["refused: audit_log is under a legal hold (SEC inquiry 2026-17); nothing removed"],
    });
    expect(await count()).toBe(6); // the five, and the hold itself is logged
    expect((await run(["legal-hold", "list"], finra)).stdout).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^audit_log: 6 years; on hold since .* \(SEC inquiry 2026-17\)$/),
        "leaves: 6 years",
      ]),
    );
    expect((await run(["legal-hold", "clear", "audit_log"])).code).toBe(0);

    expect((await run(["purge", "audit_log", "--before", "2000-01-01", "--dry-run"], finra)).stdout).toEqual([
      "would remove audit log entries #1 to #3",
    ]);
    expect(await run(["purge", "audit_log", "--before", "2000-01-01"], finra)).toEqual({
      code: 0,
      stdout: ["removed 3 audit log entries through #3; the purge is logged and checkpointed"],
      stderr: [],
    });
    const left = await db.prisma.auditLogEntry.findMany({ orderBy: { seq: "asc" } });
    expect(left.map((e) => [e.seq, e.action])).toEqual([
      [4, "org.imported"],
      [5, "org.imported"],
      [6, "records.hold_set"],
      [7, "records.hold_cleared"],
      [8, "records.purged"],
    ]);
    expect(JSON.parse(left.at(-1)!.data)).toMatchObject({ recordClass: "audit_log", from: 1, through: 3, removed: 3 });
    expect(await run(["verify-log"])).toEqual({
      code: 0,
      stdout: ["log ok: 5 entries", "2 signed checkpoints match"],
      stderr: [],
    });
    const file = join(dir, "after-purge.jsonl");
    expect((await run(["export", "audit-log", "--out", file])).code).toBe(0);
    const verified = await run(["verify-log", "--file", file], { DATABASE_URL: "postgres://127.0.0.1:9/nowhere" });
    expect(verified.code).toBe(0);
    // The hourly job still signs after the purge.
    expect((await run(["tick", "--at", "2026-12-01T02:00:00Z"], { KEYPOST_SCHEDULER: "off" })).stdout).toContain(
      'ran log.checkpoint [2026-12-01T02Z] {"signed":1,"seq":8}',
    );
  });

  it("catches a forged tombstone: the first entries deleted by hand with no signed purge checkpoint", async () => {
    expect((await run(["export", "audit-log", "--out", join(dir, "x.jsonl")])).code).toBe(0); // a checkpoint at #5
    const third = await db.prisma.auditLogEntry.findUniqueOrThrow({ where: { seq: 3 } });
    await db.prisma.auditLogEntry.deleteMany({ where: { seq: { lte: 3 } } });
    await db.prisma.setting.create({ data: { key: LOG_PURGED_KEY, value: `3:${third.hash}` } });
    expect(await run(["verify-log"])).toEqual({
      code: 1,
      stdout: ["log broken at entry #1: the log starts after #3, but no signed checkpoint confirms a purge through #3"],
      stderr: [],
    });
  });

  it("purges finished major-event reports past retention with their notices, keeps open ones, and the log verifies", async () => {
    const finra = { KEYPOST_RETENTION: "finra" };
    const report = (id: string, filedAt: string, status: string) =>
      db.prisma.majorEventReport.create({
        data: {
          id,
          reporterId: "emp-1",
          kind: "large_debt",
          description: `debt ${id}`,
          occurredOn: filedAt,
          status,
          filedAt: new Date(`${filedAt}T02:00:00Z`),
        },
      });
    await report("me-old-closed", "2010-03-01", "closed");
    await report("me-old-open", "2010-04-01", "filed");
    await report("me-recent", "2025-05-01", "closed");
    await db.prisma.notice.create({
      data: {
        id: "n-me-old",
        dedupeKey: "major_event:me-old-closed:filed:emp-2",
        recipientId: "emp-2",
        platform: "log",
        kind: "major_event_filed",
        subjectType: "major_event",
        subjectId: "me-old-closed",
        card: "{}",
      },
    });

    expect(await run(["purge", "major_event_reports", "--before", "2025-06-01"], finra)).toEqual({
      code: 1,
      stdout: [],
      stderr: [
        "refused: major_event_reports is kept 6 years under finra; records dated before 2025-06-01 may go from 2031-06-01; nothing removed",
      ],
    });
    expect((await run(["purge", "major_event_reports", "--before", "2015-01-01", "--dry-run"], finra)).stdout).toEqual([
      "would remove 1 major-event reports; 1 still open kept",
    ]);
    expect(await db.prisma.majorEventReport.count()).toBe(3);
    expect(await run(["purge", "major_event_reports", "--before", "2015-01-01"], finra)).toEqual({
      code: 0,
      stdout: [
        "removed 1 major-event reports with their notices; the purge is logged and checkpointed; 1 still open kept",
      ],
      stderr: [],
    });
    expect((await db.prisma.majorEventReport.findMany({ orderBy: { id: "asc" } })).map((r) => r.id)).toEqual([
      "me-old-open",
      "me-recent",
    ]);
    expect(await db.prisma.notice.count({ where: { subjectId: "me-old-closed" } })).toBe(0);
    const purged = await db.prisma.auditLogEntry.findFirstOrThrow({ where: { action: "records.purged" } });
    expect(JSON.parse(purged.data)).toEqual({
      recordClass: "major_event_reports",
      before: "2015-01-01",
      removed: 1,
      ids: ["me-old-closed"],
      keptOpen: 1,
    });
    const checkpoints = await new DirectoryCheckpointStore(join(dir, "checkpoints")).list();
    expect(checkpoints.filter((c) => c.reason === "purge").map((c) => c.hash)).toEqual([purged.hash]);
    expect((await run(["verify-log"])).code).toBe(0);
  });
});
