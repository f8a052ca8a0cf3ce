// A PostgreSQL unit of work sends the prepared statements of one turn as one batch with a single
// Sync (src/infra/db/pg-batch.ts, decision 13.s14p-1): the server answers them in one send. COMMIT
// follows alone, with a Sync of its own, in the same write (decision 13.s15-2). Counted at pg's
// connection: each Sync and each simple query is a point where the server flushes its answers. A
// refused statement fails its unit with its own error, the statements behind it in the batch are
// skipped, COMMIT ends the aborted transaction, nothing is kept, and the client goes back to the
// pool usable.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { named } from "../../src/infra/db/sql/named-statement.ts";
import { LOG_HEAD_KEY } from "../../src/infra/db/audit-log-writer.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import type { LogEntryInput } from "../../src/ports/audit-log.ts";
import { bi } from "../../src/ports/locale.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import { shapeChange } from "../support/shape-change.ts";

type Connection = Record<"query" | "sync" | "parse" | "describe", (...args: unknown[]) => unknown>;
const connection = pg.Connection.prototype as unknown as Connection;
const original = {
  query: connection.query,
  sync: connection.sync,
  parse: connection.parse,
  describe: connection.describe,
};

/** Where the server flushes its answers (a Sync or a simple query), and the Parse messages, while counting. */
const flushes: string[] = [];
const parses: string[] = [];
let describes = 0;
let counting = false;

// Texts of their own: a text is named once per process, and other test files send the plain insert unnamed.
const INSERT = named("kp_test_batch_insert", `INSERT INTO "Setting" ("value", "key") VALUES ($2, $1)`);
const SELECT = named(
  "kp_test_batch_select",
  `SELECT "key", "value", CAST($1 AS TIMESTAMP(3)) AS "at", CAST(NULL AS TEXT) AS "none" FROM "Setting" WHERE "key" = $2`,
);

describe("a unit of work's statements as one batch on PostgreSQL", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase("postgres");
    connection.query = function (this: unknown, ...args: unknown[]) {
      if (counting) flushes.push(`query ${String(args[0])}`);
      return original.query.apply(this, args);
    };
    connection.sync = function (this: unknown, ...args: unknown[]) {
      if (counting) flushes.push("sync");
      return original.sync.apply(this, args);
    };
    connection.parse = function (this: unknown, ...args: unknown[]) {
      if (counting) parses.push(String((args[0] as { name?: string }).name ?? ""));
      return original.parse.apply(this, args);
    };
    connection.describe = function (this: unknown, ...args: unknown[]) {
      if (counting) describes++;
      return original.describe.apply(this, args);
    };
  });
  afterAll(async () => {
    Object.assign(connection, original);
    await db.drop();
  });
  afterEach(() => {
    counting = false;
    flushes.length = 0;
    parses.length = 0;
    describes = 0;
  });

  const setting = async (key: string) => (await db.prisma.setting.findUnique({ where: { key } }))?.value;
  /** A press's shape: BEGIN and a read in one turn; a queued write and COMMIT in the next. */
  const pressLike = (key: string, value: string) =>
    db.unit(async (_tx, sql) => {
      const rows = await sql.rows<{ key: string; value: string; at: Date; none: null }>(
        SELECT,
        new Date("2026-03-09T02:00:00.123Z"),
        "batch.seed",
      );
      await sql.queue(INSERT, key, value);
      return rows;
    });

  it("answers a turn's prepared statements in one flush, COMMIT in one of its own: a press's shape in three, its rows as pg reads them", async () => {
    await db.prisma.setting.create({ data: { key: "batch.seed", value: "s" } });
    // The first unit on a client prepares its statements through pg's own queries (one flush each);
    // the second's batches describe them, once.
    await pressLike("batch.0", "a");
    await pressLike("batch.1", "b");
    counting = true;
    const rows = await pressLike("batch.2", "c");
    counting = false;
    expect(parses).toEqual([]);
    expect(describes).toBe(0);
    // BEGIN and the read; the queued write; COMMIT alone (the last two leave in one write).
    expect(flushes).toEqual(["sync", "sync", "sync"]);
    expect(rows).toEqual([{ key: "batch.seed", value: "s", at: new Date("2026-03-09T02:00:00.123Z"), none: null }]);
    expect([await setting("batch.0"), await setting("batch.1"), await setting("batch.2")]).toEqual(["a", "b", "c"]);
  });

  it("binds an array as pg does (a PostgreSQL array), once its statement is prepared, in its own query", async () => {
    await db.prisma.setting.createMany({
      data: [
        { key: "batch.in.1", value: "one" },
        { key: "batch.in.2", value: "two" },
      ],
    });
    const IN = named(
      "kp_test_batch_in",
      `SELECT "value" FROM "Setting" WHERE "key" = ANY(CAST($1 AS TEXT[])) ORDER BY "value"`,
    );
    const read = () =>
      db.unit((_tx, sql) => sql.rows<{ value: string }>(IN, ["batch.in.1", "batch.in.2", "batch.in.none"]));
    // The first use prepares it; later ones would have joined a batch, which binds no array.
    for (let i = 0; i < 3; i++) expect(await read()).toEqual([{ value: "one" }, { value: "two" }]);
  });

  it("after a migration changes a statement's columns, refuses once (0A000), then prepares and describes it afresh", async () => {
    const shape = await shapeChange(db.url, "BatchShape", "kp_test_batch_star");
    try {
      const read = () => db.unit((_tx, sql) => sql.rows<Record<string, unknown>>(shape.star, "one"));
      // Prepared on the client, then described in a batch, then read with the kept columns.
      for (let i = 0; i < 3; i++) expect(await read()).toEqual([{ id: "one", a: "x" }]);
      // A migration on another connection: the prepared statement's result type changes under it.
      await shape.change();
      await expect(read()).rejects.toMatchObject({ code: "0A000" });
      // The refused connection is not pooled again: the statement is parsed and described afresh.
      counting = true;
      expect(await read()).toEqual([{ id: "one", a: "x", b: 7 }]);
      counting = false;
      expect(parses).toContain("kp_test_batch_star");
      for (let i = 0; i < 2; i++) expect(await read()).toEqual([{ id: "one", a: "x", b: 7 }]);
    } finally {
      await shape.end();
    }
  });

  it("fails the unit with the refusal, skips what follows it, keeps nothing, and leaves the client usable", async () => {
    await db.prisma.setting.create({ data: { key: "batch.taken", value: "x" } });
    await pressLike("batch.warm", "w");
    counting = true;
    const refused = db.unit(async (_tx, sql) => {
      await sql.rows(SELECT, new Date(), "batch.taken");
      // One batch: an insert that succeeds and one the server refuses; COMMIT behind them, alone.
      await Promise.all([sql.queue(INSERT, "batch.kept?", "k"), sql.queue(INSERT, "batch.taken", "again")]);
    });
    await expect(refused).rejects.toMatchObject({ code: "23505" });
    counting = false;
    // No ROLLBACK of its own: COMMIT, past the refused batch's Sync, ends the aborted transaction.
    expect(flushes).toEqual(["sync", "sync", "sync"]);
    expect(await setting("batch.kept?")).toBeUndefined();
    expect(await setting("batch.taken")).toBe("x");
    // The same client (the pool hands back the one released last) commits the next unit.
    await pressLike("batch.after", "y");
    expect(await setting("batch.after")).toBe("y");
    // And every client of the pool at once.
    await Promise.all(Array.from({ length: 12 }, (_, i) => pressLike(`batch.all.${i}`, "z")));
    expect(await db.prisma.setting.count({ where: { key: { startsWith: "batch.all." } } })).toBe(12);
  });

  it("never commits a change without its audit entry: a refused append aborts the transaction, and the COMMIT behind it rolls back", async () => {
    const uow = new PrismaUnitOfWork(db);
    const at = new Date("2026-03-09T02:00:00.000Z");
    const entry = (subjectId: string): LogEntryInput => ({
      at,
      actorId: null,
      platform: "system",
      action: "test.batch",
      subjectType: "notice",
      subjectId,
      data: {},
    });
    const noticeId = await uow.run(async (tx) => {
      await tx.outbox.enqueue(
        {
          dedupeKey: "batch:n",
          recipientId: "nobody",
          kind: "t",
          subjectType: "t",
          subjectId: "n",
          card: { title: bi("通知", "Notice"), fields: [], actions: [] },
        },
        ["log"],
      );
      await tx.log.append(entry("first"));
      return (await tx.outbox.forSubject("t", "n"))[0]!.id;
    });
    // Appends now leave with COMMIT, both prepared on the client: one write.
    for (const i of [1, 2, 3]) await uow.run((tx) => tx.log.append(entry(`warm.${i}`)));
    const head = await setting(LOG_HEAD_KEY);
    await db.prisma.setting.update({ where: { key: LOG_HEAD_KEY }, data: { value: "unreadable" } });
    counting = true;
    await expect(
      uow.run(async (tx) => {
        await tx.outbox.acknowledge(noticeId, at);
        await tx.log.append(entry("refused"));
      }),
    ).rejects.toMatchObject({ code: "22012" });
    counting = false;
    expect(flushes).not.toContain("query ROLLBACK");
    expect((await db.prisma.notice.findUniqueOrThrow({ where: { id: noticeId } })).acknowledgedAt).toBeNull();
    expect(await db.prisma.auditLogEntry.count({ where: { subjectId: "refused" } })).toBe(0);
    // The client went back to the pool out of that transaction: the next unit on it commits.
    await db.prisma.setting.update({ where: { key: LOG_HEAD_KEY }, data: { value: head! } });
    await uow.run(async (tx) => {
      await tx.outbox.acknowledge(noticeId, at);
      await tx.log.append(entry("after"));
    });
    expect((await db.prisma.notice.findUniqueOrThrow({ where: { id: noticeId } })).acknowledgedAt).toEqual(at);
    expect(await db.prisma.auditLogEntry.count({ where: { subjectId: "after" } })).toBe(1);
  });
});
