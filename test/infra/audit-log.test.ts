import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import type { LogEntryInput } from "../../src/ports/audit-log.ts";
import {
  AuditLogError,
  GENESIS_HASH,
  LOG_HEAD_KEY,
  PrismaAuditLog,
  appendLogEntry,
  canonicalJson,
  entryHash,
} from "../../src/infra/db/audit-log-writer.ts";
import { verifyLog } from "../../src/infra/db/audit-log-verifier.ts";
import { PrismaUnitOfWork, unitPorts } from "../../src/infra/db/prisma-unit-of-work.ts";
import type { SqlSession } from "../../src/infra/db/sql-session.ts";

const T0 = Date.parse("2026-03-02T01:30:00.000Z");

function entry(i: number, over: Partial<LogEntryInput> = {}): LogEntryInput {
  return {
    at: new Date(T0 + i * 60_000),
    actorId: i % 3 === 0 ? null : `emp-${i}`,
    platform: "slack",
    action: "leave.started",
    subjectType: "Leave",
    subjectId: `leave-${i}`,
    sealedUntil: i % 2 === 0 ? new Date(T0 + 86_400_000) : null,
    data: { i, note: "强制休假开始", nested: { b: [1, "二", true, null], a: new Date(T0) } },
    ...over,
  };
}

describe("canonicalJson", () => {
  it("sorts keys at every depth, writes Dates as ISO strings and drops undefined members", () => {
    const value = { b: 1, a: { d: [3, undefined], c: new Date(T0) }, u: undefined, 中: "文" };
    expect(canonicalJson(value)).toBe(`{"a":{"c":"2026-03-02T01:30:00.000Z","d":[3,null]},"b":1,"中":"文"}`);
  });

  it("refuses what JSON cannot carry faithfully", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date(Number.NaN) })).toThrow(TypeError);
  });
});

describe.each(ENGINES)("audit log on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => {
    await db.drop();
  });

  const append = (e: LogEntryInput) => db.prisma.$transaction((tx) => appendLogEntry(tx, db.provider, e));
  const appendMany = async (n: number) => {
    for (let i = 1; i <= n; i++) await append(entry(i));
  };
  const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
  const head = async () => (await db.prisma.setting.findUnique({ where: { key: LOG_HEAD_KEY } }))?.value;

  it("chains entries from the genesis hash and keeps the head on the last one", async () => {
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 0, checkpoints: 0 });
    const first = await append(entry(1));
    await db.prisma.$transaction((tx) => new PrismaAuditLog(db.provider, db.sql(tx)).append(entry(2)));
    expect(first.seq).toBe(1);

    const rows = await db.prisma.auditLogEntry.findMany({ orderBy: { seq: "asc" } });
    const second = rows[1]!;
    expect(second.seq).toBe(2);
    expect(rows.map((r) => r.prevHash)).toEqual([GENESIS_HASH, first.hash]);
    expect(rows.map((r) => r.hash)).toEqual([first.hash, second.hash]);
    const body = canonicalJson({ ...entry(1), seq: 1, data: entry(1).data });
    expect(first.hash).toBe(
      createHash("sha256")
        .update(GENESIS_HASH + body)
        .digest("hex"),
    );
    expect(rows[0]).toMatchObject({
      actorId: "emp-1",
      sealedUntil: null,
      platform: "slack",
      at: new Date(T0 + 60_000),
    });
    expect(rows[1]!.sealedUntil).toEqual(new Date(T0 + 86_400_000));
    expect(JSON.parse(rows[0]!.data)).toEqual({
      i: 1,
      note: "强制休假开始",
      nested: { a: "2026-03-02T01:30:00.000Z", b: [1, "二", true, null] },
    });
    expect(await head()).toBe(`2:${second.hash}`);
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 2, checkpoints: 0 });
  });

  it("writes nothing when the transaction that carries the change rolls back", async () => {
    await appendMany(2);
    const before = await head();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendLogEntry(tx, db.provider, entry(3));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.prisma.auditLogEntry.count()).toBe(2);
    expect(await head()).toBe(before);
    expect((await append(entry(3))).seq).toBe(3);
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 3, checkpoints: 0 });
  });

  it("serialises 50 concurrent transactions into one valid chain", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.prisma.$transaction(
          async (tx) => {
            await tx.setting.upsert({
              where: { key: `k${i}` },
              create: { key: `k${i}`, value: "v" },
              update: { value: "v" },
            });
            return appendLogEntry(tx, db.provider, entry(i + 1));
          },
          // As PrismaUnitOfWork does: 50 transactions queue for 10 pooled connections (and the lock).
          { maxWait: 30_000, timeout: 30_000 },
        ),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 50, checkpoints: 0 });
  });

  it("through a unit of work: checked when appended, written in order before the commit (deferred on PostgreSQL)", async () => {
    const uow = new PrismaUnitOfWork(db);
    await appendMany(1);
    const count = async (sql: SqlSession) =>
      Number((await sql.rows<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "AuditLogEntry"`))[0]!.n);
    const [beforeFinish, afterFinish] = await db.transaction(async (tx, sql) => {
      const unit = unitPorts(tx, db.provider, sql);
      await unit.ports.log.append(entry(2));
      await unit.ports.log.append(entry(3, { action: "leave.ended" }));
      // A bad entry is refused where it is appended, not at the commit.
      await expect(unit.ports.log.append(entry(4, { action: "" }))).rejects.toBeInstanceOf(AuditLogError);
      const before = await count(sql);
      await unit.finish();
      return [before, await count(sql)];
    });
    expect(beforeFinish).toBe(engine === "postgres" ? 1 : 3);
    expect(afterFinish).toBe(3);
    const rows = await db.prisma.auditLogEntry.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [1, "leave.started"],
      [2, "leave.started"],
      [3, "leave.ended"],
    ]);
    // A unit that fails after appending writes none of its entries.
    await expect(
      uow.run(async (tx) => {
        await tx.log.append(entry(5));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.prisma.auditLogEntry.count()).toBe(3);
    await Promise.all(Array.from({ length: 30 }, (_, i) => uow.run((tx) => tx.log.append(entry(10 + i)))));
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 33, checkpoints: 0 });
  });

  it("does not see an entry whose transaction is still open (and then rolls back)", async () => {
    await appendMany(2);
    let release!: () => void;
    let opened!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const doomed = db.prisma
      .$transaction(async (tx) => {
        await appendLogEntry(tx, db.provider, entry(3));
        opened();
        await gate;
        throw new Error("the change failed");
      })
      .catch((error: Error) => error.message);
    await isOpen;
    const verifying = verifyLog(db);
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect(await doomed).toBe("the change failed");
    expect(await verifying).toEqual({ ok: true, entries: 2, checkpoints: 0 });
  });

  it("verifies cleanly while appends are being committed", async () => {
    const appends = Array.from({ length: 30 }, (_, i) =>
      db.prisma.$transaction((tx) => appendLogEntry(tx, db.provider, entry(i + 1)), {
        maxWait: 30_000,
        timeout: 30_000,
      }),
    );
    const checks = Array.from({ length: 5 }, () => verifyLog(db, { batchSize: 4 }));
    await Promise.all(appends);
    for (const result of await Promise.all(checks)) expect(result).toMatchObject({ ok: true });
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 30, checkpoints: 0 });
  });

  it("detects an edited row (raw SQL UPDATE of data)", async () => {
    await appendMany(5);
    await sql(`UPDATE "AuditLogEntry" SET "data" = '{"i":3,"note":"nothing happened"}' WHERE "seq" = 3`);
    expect(await verifyLog(db)).toEqual({
      ok: false,
      entries: 2,
      firstBad: { seq: 3, reason: "entry #3 was changed after it was written: its hash does not match its content" },
    });
  });

  it("detects data rewritten into a form the writer never stores, even if it means the same", async () => {
    await appendMany(2);
    const row = await db.prisma.auditLogEntry.findUniqueOrThrow({ where: { seq: 2 } });
    await db.prisma.auditLogEntry.update({
      where: { seq: 2 },
      data: { data: JSON.stringify(JSON.parse(row.data), null, 2) },
    });
    expect(await verifyLog(db)).toMatchObject({
      ok: false,
      firstBad: { seq: 2, reason: expect.stringMatching(/not in the form the writer stores/) },
    });
  });

  it("detects a deleted row in the middle", async () => {
    await appendMany(5);
    await sql(`DELETE FROM "AuditLogEntry" WHERE "seq" = 2`);
    expect(await verifyLog(db)).toEqual({
      ok: false,
      entries: 1,
      firstBad: { seq: 2, reason: "entry #2 is missing: the log jumps from #1 to #3" },
    });
  });

  it("detects a deleted tail through the head, and keeps the gap visible after the next append", async () => {
    await appendMany(5);
    await sql(`DELETE FROM "AuditLogEntry" WHERE "seq" >= 4`);
    expect(await verifyLog(db)).toEqual({
      ok: false,
      entries: 3,
      firstBad: { seq: 4, reason: "entries #4 to #5 are missing: the log head records #5 but the log ends at #3" },
    });
    expect((await append(entry(6))).seq).toBe(6);
    expect(await verifyLog(db)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: "entry #4 is missing: the log jumps from #3 to #6" },
    });
  });

  it("detects a single deleted last entry, and the head deleted with it", async () => {
    await appendMany(3);
    await sql(`DELETE FROM "AuditLogEntry" WHERE "seq" = 3`);
    expect(await verifyLog(db)).toMatchObject({
      ok: false,
      entries: 2,
      firstBad: { seq: 3, reason: "entry #3 is missing: the log head records #3 but the log ends at #2" },
    });
    await sql(`DELETE FROM "Setting" WHERE "key" = '${LOG_HEAD_KEY}'`);
    expect(await verifyLog(db)).toMatchObject({
      ok: false,
      firstBad: { seq: 2, reason: expect.stringMatching(/head is missing/) },
    });
  });

  it("detects reordered rows and a row inserted behind the writer's back", async () => {
    await appendMany(4);
    // Swap the contents (hashes included) of #2 and #3.
    const [two, three] = await db.prisma.auditLogEntry.findMany({
      where: { seq: { in: [2, 3] } },
      orderBy: { seq: "asc" },
    });
    const { seq: _s2, ...c2 } = two!;
    const { seq: _s3, ...c3 } = three!;
    await db.prisma.$transaction([
      db.prisma.auditLogEntry.update({ where: { seq: 2 }, data: { ...c3, hash: "swap" } }),
      db.prisma.auditLogEntry.update({ where: { seq: 3 }, data: c2 }),
      db.prisma.auditLogEntry.update({ where: { seq: 2 }, data: { hash: c3.hash } }),
    ]);
    expect(await verifyLog(db)).toMatchObject({ ok: false, entries: 1, firstBad: { seq: 2 } });

    // Put them back, then forge a correctly chained #5 without touching the head.
    await db.prisma.$transaction([
      db.prisma.auditLogEntry.update({ where: { seq: 2 }, data: { ...c2, hash: "swap" } }),
      db.prisma.auditLogEntry.update({ where: { seq: 3 }, data: c3 }),
      db.prisma.auditLogEntry.update({ where: { seq: 2 }, data: { hash: c2.hash } }),
    ]);
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 4, checkpoints: 0 });
    const savedHead = await head();
    await append(entry(5));
    await db.prisma.setting.update({ where: { key: LOG_HEAD_KEY }, data: { value: savedHead! } });
    expect(await verifyLog(db)).toEqual({
      ok: false,
      entries: 4,
      firstBad: { seq: 5, reason: "entry #5 was added behind the writer's back: the log head ends at #4" },
    });
  });

  it("detects an entry rewritten with a recomputed hash at the next entry", async () => {
    await appendMany(4);
    const row = await db.prisma.auditLogEntry.findUniqueOrThrow({ where: { seq: 2 } });
    const forged = { ...row, action: "leave.cancelled" };
    await db.prisma.auditLogEntry.update({
      where: { seq: 2 },
      data: { action: forged.action, hash: entryHash(row.prevHash, forged) },
    });
    expect(await verifyLog(db)).toMatchObject({
      ok: false,
      entries: 2,
      firstBad: { seq: 3, reason: "entry #3 does not follow entry #2: its previous hash does not match" },
    });
  });

  it("streams in batches: a tamper near the end of many batches is found", async () => {
    await appendMany(23);
    expect(await verifyLog(db, { batchSize: 5 })).toEqual({ ok: true, entries: 23, checkpoints: 0 });
    await sql(`UPDATE "AuditLogEntry" SET "subjectId" = 'leave-x' WHERE "seq" = 21`);
    expect(await verifyLog(db, { batchSize: 5 })).toMatchObject({ ok: false, entries: 20, firstBad: { seq: 21 } });
  });

  it("refuses entries it could not store faithfully, and an unreadable head", async () => {
    await expect(append(entry(1, { subjectId: "bad\uD800" }))).rejects.toThrow(AuditLogError);
    await expect(append(entry(1, { data: { n: Number.NaN } }))).rejects.toMatchObject({ code: "AUDIT_LOG_BAD_ENTRY" });
    await expect(append(entry(1, { at: new Date("nope") }))).rejects.toMatchObject({ code: "AUDIT_LOG_BAD_ENTRY" });
    await expect(append(entry(1, { platform: "fax" as never }))).rejects.toMatchObject({ code: "AUDIT_LOG_BAD_ENTRY" });
    await db.prisma.setting.create({ data: { key: LOG_HEAD_KEY, value: "garbage" } });
    await expect(append(entry(1))).rejects.toMatchObject({ code: "AUDIT_LOG_HEAD_UNREADABLE" });
    expect(await db.prisma.auditLogEntry.count()).toBe(0);
  });

  it("takes a head with a hash one digit short or long, or a number from 0, as unreadable (decision 13.s12p-3)", async () => {
    await appendMany(2);
    const good = (await head())!;
    const [seq, hash] = good.split(":") as [string, string];
    for (const value of [
      `${seq}:${hash.slice(1)}`,
      `${good}0`,
      `0${good}`,
      `${seq}:${hash.slice(1)}g`,
      `${seq}::${hash}`,
    ]) {
      await db.prisma.setting.update({ where: { key: LOG_HEAD_KEY }, data: { value } });
      await expect(append(entry(3))).rejects.toMatchObject({ code: "AUDIT_LOG_HEAD_UNREADABLE" });
    }
    await db.prisma.setting.update({ where: { key: LOG_HEAD_KEY }, data: { value: good } });
    await append(entry(3));
    expect(await db.prisma.auditLogEntry.count()).toBe(3);
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 3, checkpoints: 0 });
  });
});

describe("audit-log appends that leave with the COMMIT, on PostgreSQL (decision 13.s9p-1)", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase("postgres");
  });
  afterEach(async () => {
    await db.drop();
  });

  it("never commit a change without its entry: a head removed under a running service fails the unit", async () => {
    const uow = new PrismaUnitOfWork(db);
    // The first entry writes the head (the advisory-locked path); the second unit probes the server
    // and appends with its COMMIT; so does the third, with a change beside it (Prisma's, a setting).
    await uow.run((tx) => tx.log.append(entry(1)));
    await uow.run((tx) => tx.log.append(entry(2)));
    await uow.run(async (tx) => {
      await tx.settings.set("probe.kept", "yes");
      await tx.log.append(entry(3));
    });
    expect(await db.prisma.setting.findUnique({ where: { key: "probe.kept" } })).toMatchObject({ value: "yes" });
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 3, checkpoints: 0 });

    await db.prisma.setting.delete({ where: { key: LOG_HEAD_KEY } });
    await expect(
      uow.run(async (tx) => {
        await tx.settings.set("probe.lost", "no");
        await tx.log.append(entry(4));
      }),
    ).rejects.toMatchObject({ code: "22012" });
    expect(await db.prisma.setting.findUnique({ where: { key: "probe.lost" } })).toBeNull();
    expect(await db.prisma.auditLogEntry.count()).toBe(3);
  });
});
