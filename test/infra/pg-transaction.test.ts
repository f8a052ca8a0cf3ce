// A PostgreSQL unit of work's own transaction (src/infra/db/pg-transaction.ts, decision 13.s8p-2):
// hand-written statements and Prisma's model statements in one transaction — committed together,
// rolled back together, also when Prisma's part fails — BEGIN sent with the first statement
// without waiting for its answer, and Prisma's interactive transaction opened only when a model is
// used. If a Prisma upgrade took its transaction's client some other way than from the pool it was
// given, the rollbacks below would keep Prisma's rows and fail. PostgreSQL only: SQLite's unit of
// work is Prisma's transaction on its one connection (test/infra/sql-session.test.ts).
import { Socket } from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import { watchPgQueries } from "../support/pg-queries.ts";
import { statementName, statementText } from "../../src/infra/db/sql/named-statement.ts";

/** Each statement any pg client is asked to send while `counting`, and how many of that client's were unanswered then. */
const sent: { text: string; waiting: number }[] = [];
/** Each statement's text as it is written to the socket, and the synchronous run that wrote it. */
const written: { text: string; run: number }[] = [];
let runs = 0;
let run: number | undefined;
let counting = false;
let unwatch: () => void;
type Connection = Record<"query" | "parse" | "bind", (...args: unknown[]) => unknown>;
const connection = pg.Connection.prototype as unknown as Connection;
const writeSimple = connection.query;
const writeParse = connection.parse;
const writeBind = connection.bind;

describe("a unit of work's transaction on PostgreSQL", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase("postgres");
    unwatch = watchPgQueries((text, waiting) => {
      if (counting) sent.push({ text: text.replace(/\s+/g, " ").slice(0, 40), waiting });
    });
    const record = (original: Connection["query"], textOf: (args: unknown[]) => string | undefined) =>
      function (this: unknown, ...args: unknown[]) {
        const text = textOf(args);
        if (counting && text !== undefined) {
          if (run === undefined) {
            run = ++runs;
            queueMicrotask(() => (run = undefined));
          }
          written.push({ text: text.slice(0, 40), run });
        }
        return original.apply(this, args);
      };
    // An unnamed statement by its Parse (each time), a named one by its Bind (its Parse is once per connection).
    connection.query = record(writeSimple, (args) => String(args[0]));
    connection.parse = record(writeParse, (args) => {
      const { name, text } = args[0] as { name?: string; text?: string };
      return name ? undefined : String(text);
    });
    connection.bind = record(writeBind, (args) => {
      const name = (args[0] as { statement?: string }).statement;
      return name ? (statementText(name) ?? name) : undefined;
    });
  });
  afterAll(async () => {
    unwatch();
    connection.query = writeSimple;
    connection.parse = writeParse;
    connection.bind = writeBind;
    await db.drop();
  });
  afterEach(() => {
    counting = false;
    sent.length = 0;
    written.length = 0;
  });

  const setting = async (key: string) => (await db.prisma.setting.findUnique({ where: { key } }))?.value;
  const insert = `INSERT INTO "Setting" ("key", "value") VALUES ($1, $2)`;

  it("commits hand-written and Prisma statements together", async () => {
    const read = await db.unit(async (tx, sql) => {
      await sql.run(insert, "both.sql", "a");
      await tx.setting.create({ data: { key: "both.prisma", value: "b" } });
      // Each side sees the other's uncommitted row: one transaction.
      const mine = await tx.setting.findUnique({ where: { key: "both.sql" } });
      const theirs = await sql.rows<{ value: string }>(`SELECT "value" FROM "Setting" WHERE "key" = $1`, "both.prisma");
      return [mine?.value, theirs[0]?.value];
    });
    expect(read).toEqual(["a", "b"]);
    expect([await setting("both.sql"), await setting("both.prisma")]).toEqual(["a", "b"]);
  });

  it("rolls both back when the work throws, and when Prisma's own statement fails", async () => {
    await expect(
      db.unit(async (tx, sql) => {
        await sql.run(insert, "gone.sql", "a");
        await tx.setting.create({ data: { key: "gone.prisma", value: "b" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await db.prisma.setting.create({ data: { key: "taken", value: "x" } });
    await expect(
      db.unit(async (tx, sql) => {
        await sql.run(insert, "gone.too", "a");
        await tx.setting.create({ data: { key: "taken", value: "again" } });
      }),
    ).rejects.toThrow();
    expect([await setting("gone.sql"), await setting("gone.prisma"), await setting("gone.too")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // The clients went back to the pool usable: ten units at once (the pool's size) still commit.
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.unit((_tx, sql) => sql.run(insert, `after.${i}`, "y"))));
    expect(await db.prisma.setting.count({ where: { key: { startsWith: "after." } } })).toBe(12);
  });

  it("sends BEGIN with the first statement, COMMIT after the last, and no Prisma transaction when no model is used", async () => {
    counting = true;
    await db.unit(async (_tx, sql) => {
      await sql.rows(`SELECT 1 AS "one"`);
      await sql.run(insert, "lean", "z");
    });
    counting = false;
    expect(sent.map((s) => s.text)).toEqual(["BEGIN", `SELECT 1 AS "one"`, insert.slice(0, 40), "COMMIT"]);
    // The first statement was written to the socket with BEGIN, in the same run, not after BEGIN's
    // answer came back: one round trip for both. The next one waited for the first's answer.
    expect(sent[1]!.waiting).toBe(1);
    expect(written.map((w) => w.text)).toEqual(sent.map((s) => s.text));
    expect(written[1]!.run).toBe(written[0]!.run);
    expect(written[2]!.run).not.toBe(written[1]!.run);
    expect(await setting("lean")).toBe("z");
  });

  it("survives the server ending its connection mid-transaction: the unit fails, the process and the pool go on", async () => {
    await expect(
      db.unit(async (_tx, sql) => {
        const [own] = await sql.rows<{ pid: number }>(`SELECT pg_backend_pid() AS "pid"`);
        await sql.run(insert, "killed", "k");
        await db.sql(db.prisma).rows(`SELECT pg_terminate_backend($1)`, own!.pid);
        // The held client hears of it while idle (an 'error' event), then its next statement fails.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql.rows(`SELECT 1 AS "one"`);
      }),
    ).rejects.toThrow();
    expect(await setting("killed")).toBeUndefined();
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.unit((_tx, sql) => sql.run(insert, `alive.${i}`, "y"))));
    expect(await db.prisma.setting.count({ where: { key: { startsWith: "alive." } } })).toBe(12);
  });

  it("writes nothing and sends nothing for a unit that runs no statement", async () => {
    counting = true;
    expect(await db.unit(async () => "nothing")).toBe("nothing");
    counting = false;
    expect(sent).toEqual([]);
  });

  it("sends a queued write and COMMIT without waiting; a queued write the server refuses fails the unit and keeps nothing", async () => {
    // Unnamed, so sent at once rather than in the turn's batch (another file of this worker may name a text).
    expect(statementName(insert)).toBeUndefined();
    counting = true;
    let afterQueue = 0;
    await db.unit(async (_tx, sql) => {
      await sql.run(insert, "queued.first", "a");
      await sql.queue(insert, "queued.second", "b");
      afterQueue = sent.length;
    });
    counting = false;
    // The unit went on before the queued write's answer, and COMMIT left while it was unanswered.
    expect(afterQueue).toBe(3);
    expect(sent.map((s) => s.text.split(" ")[0])).toEqual(["BEGIN", "INSERT", "INSERT", "COMMIT"]);
    expect(sent[3]!.waiting).toBe(1);
    expect([await setting("queued.first"), await setting("queued.second")]).toEqual(["a", "b"]);

    // A duplicate key: the server refuses the queued INSERT, the COMMIT behind it rolls back.
    const refused = db.unit(async (_tx, sql) => {
      await sql.run(insert, "refused.first", "a");
      await sql.queue(insert, "queued.first", "again");
      return "done";
    });
    await expect(refused).rejects.toMatchObject({ code: "23505" });
    expect(await setting("refused.first")).toBeUndefined();
    // A statement after the refused one fails as "aborted"; the unit reports the refusal itself.
    await expect(
      db.unit(async (_tx, sql) => {
        await sql.queue(insert, "queued.first", "again");
        await sql.rows(`SELECT 1 AS "one"`);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.unit((_tx, sql) => sql.run(insert, `fine.${i}`, "y"))));
    expect(await db.prisma.setting.count({ where: { key: { startsWith: "fine." } } })).toBe(12);
  });

  it("writes the statements of one turn to the socket once (decision 13.s9p-4)", async () => {
    type Writes = Record<"_write" | "_writev", (...args: unknown[]) => unknown>;
    const socket = Socket.prototype as unknown as Writes;
    const [write, writev] = [socket._write, socket._writev];
    let writes = 0;
    socket._write = function (this: unknown, ...args: unknown[]) {
      if (counting) writes += 1;
      return write.apply(this, args);
    };
    socket._writev = function (this: unknown, ...args: unknown[]) {
      if (counting) writes += 1;
      return writev.apply(this, args);
    };
    try {
      counting = true;
      await db.unit(async (_tx, sql) => {
        // BEGIN and three statements in one turn; then one in a turn of its own, then COMMIT.
        await Promise.all([
          sql.run(insert, "corked.1", "a"),
          sql.run(insert, "corked.2", "b"),
          sql.rows(`SELECT 1 AS "one"`),
        ]);
        await sql.run(insert, "corked.3", "c");
      });
      counting = false;
      expect(sent.map((s) => s.text.split(" ")[0])).toEqual([
        "BEGIN",
        "INSERT",
        "INSERT",
        "SELECT",
        "INSERT",
        "COMMIT",
      ]);
      expect(writes).toBe(3);
      expect(await setting("corked.3")).toBe("c");
    } finally {
      socket._write = write;
      socket._writev = writev;
    }
  });
});
