// The register import's SQLite transaction runs on a connection in a thread of its own (decision
// 13.s11i-1): its statements must run beside this thread's JavaScript, in the order they were
// handed over, in one transaction that commits or rolls back whole, and a refused statement must
// come back with SQLite's code and message. `{ thread: false }` (the bench's floor) is the same
// transaction on this thread.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import BetterSqlite3 from "better-sqlite3";
import { openDatabase, sqlitePath, type Database } from "../../src/infra/db/database.ts";
import { inSqliteThreadTransaction } from "../../src/infra/db/sqlite-thread-session.ts";
import { emptyDatabaseUrl } from "../support/databases.ts";

/** A statement that keeps SQLite busy for a while (a recursive count), answering one row. */
const BUSY = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) AS "c" FROM n`;

describe("a SQLite driver transaction", () => {
  let db: Database;
  let url: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    const empty = await emptyDatabaseUrl("sqlite");
    remove = empty.remove;
    url = empty.url;
    db = openDatabase(empty.url);
    await db.driverTransaction(async (sql) => {
      await sql.run(`CREATE TABLE "T" ("id" INTEGER PRIMARY KEY, "code" TEXT NOT NULL UNIQUE)`);
    });
  });
  afterEach(async () => {
    await db.close();
    await remove();
  });

  const codes = () =>
    db.driverTransaction(async (sql) =>
      (await sql.rows<{ code: string }>(`SELECT "code" FROM "T" ORDER BY "id"`)).map((r) => r.code),
    );

  it("runs its statements in a thread of its own: a timer of this thread fires while a long statement runs", async () => {
    const seen: string[] = [];
    await db.driverTransaction(async (sql) => {
      const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void seen.push("timer")), 0));
      const answer = sql.rows(BUSY).then(() => void seen.push("statement"));
      await Promise.all([timer, answer]);
    });
    expect(seen).toEqual(["timer", "statement"]);
  });

  it("on this thread with { thread: false }: the same statement holds the thread", async () => {
    const seen: string[] = [];
    await db.driverTransaction(
      async (sql) => {
        const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void seen.push("timer")), 0));
        const answer = sql.rows(BUSY).then(() => void seen.push("statement"));
        await Promise.all([timer, answer]);
      },
      { thread: false },
    );
    expect(seen).toEqual(["statement", "timer"]);
  });

  it("runs statements handed over without waiting in their order, and commits them together", async () => {
    await db.driverTransaction(async (sql) => {
      const written = ["a", "b", "c"].map((code, i) =>
        sql.runPositional!(`INSERT INTO "T" ("id", "code") VALUES (?, ?)`, [i + 1, code]),
      );
      written.push(sql.run(`UPDATE "T" SET "code" = $1 WHERE "code" = $2`, "b2", "b"));
      expect(await Promise.all(written)).toEqual([1, 1, 1, 1]);
    });
    expect(await codes()).toEqual(["a", "b2", "c"]);
  });

  it("binds a named value beside the positional ones, on the thread and on this thread alike", async () => {
    // The import's multi-row INSERTs give every row's stamps as one parameter, @at (decision 13.s12i-3).
    for (const thread of [true, false]) {
      await db.driverTransaction(
        async (sql) => {
          await sql.run(`CREATE TABLE IF NOT EXISTS "S" ("id" INTEGER PRIMARY KEY, "code" TEXT, "at" TEXT)`);
          await sql.run(`DELETE FROM "S"`);
          const rows = Array.from({ length: 20 }, (_, i) => [i + 1, `c${i}`]);
          const tuples = rows.map(() => "(?, ?, @at)").join(", ");
          const written = await sql.runPositional!(
            `INSERT INTO "S" ("id", "code", "at") VALUES ${tuples}`,
            rows.flat(),
            {
              at: "2026-12-07T01:00:00.000Z",
            },
          );
          expect(written).toBe(20);
          const back = await sql.rows<{ code: string; at: string }>(`SELECT "code", "at" FROM "S" ORDER BY "id"`);
          expect(back).toEqual(rows.map(([, code]) => ({ code, at: "2026-12-07T01:00:00.000Z" })));
        },
        { thread },
      );
    }
  });

  it("hands long lists of values over intact: texts of any kind, empty texts, nulls and numbers", async () => {
    const texts = ["", "名字 张三", "emoji 🙂 and \u0000 a NUL", 'a,b;"c"\n', null, "x".repeat(5000)];
    const rows = Array.from({ length: 24 }, (_, i) => [i + 1, texts[i % texts.length]!, i % 3 === 0 ? i : null]);
    await db.driverTransaction(async (sql) => {
      await sql.run(`CREATE TABLE "V" ("id" INTEGER PRIMARY KEY, "text" TEXT, "n" INTEGER)`);
      const tuples = rows.map(() => "(?, ?, ?)").join(", ");
      expect(await sql.runPositional!(`INSERT INTO "V" ("id", "text", "n") VALUES ${tuples}`, rows.flat())).toBe(24);
      const back = await sql.rows<{ id: number; text: string | null; n: number | null }>(
        `SELECT * FROM "V" ORDER BY "id"`,
      );
      expect(back.map((r) => [r.id, r.text, r.n])).toEqual(rows);
    });
  });

  it("a refused statement comes back with SQLite's code and message, and nothing of the transaction stays", async () => {
    const failed = await db
      .driverTransaction(async (sql) => {
        await sql.run(`INSERT INTO "T" ("id", "code") VALUES ($1, $2)`, 1, "x");
        await sql.run(`INSERT INTO "T" ("id", "code") VALUES ($1, $2)`, 2, "x");
      })
      .then(
        () => undefined,
        (error: unknown) => error as Error & { code?: string },
      );
    expect(failed?.code).toBe("SQLITE_CONSTRAINT_UNIQUE");
    expect(failed?.message).toMatch(/UNIQUE constraint failed: T\.code/);
    expect(await codes()).toEqual([]);
  });

  it("refuses every statement behind a refused one, so writes nobody awaited never commit in part", async () => {
    // The import hands its writes over without awaiting them (decision 13.s13i-1). The second insert
    // is refused; the third, the read and COMMIT behind it must be refused too, with its error, and
    // the first insert must not stay. Were they run, the read would count two rows and COMMIT keep them.
    let counted: unknown;
    const failed = await db
      .driverTransaction(async (sql) => {
        for (const [id, code] of [
          [1, "x"],
          [2, "x"],
          [3, "y"],
        ] as const)
          sql.runPositional!(`INSERT INTO "T" ("id", "code") VALUES (?, ?)`, [id, code]).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 20)); // the inserts answered, one by one
        counted = await sql.rows(`SELECT count(*) AS "n" FROM "T"`).catch(() => "refused");
      })
      .then(
        () => undefined,
        (error: unknown) => error as Error & { code?: string },
      );
    expect(counted).toBe("refused");
    expect(failed?.code).toBe("SQLITE_CONSTRAINT_UNIQUE");
    expect(await codes()).toEqual([]);
  });

  it("rolls back whole when the work throws after its statements", async () => {
    await expect(
      db.driverTransaction(async (sql) => {
        void sql.run(`INSERT INTO "T" ("id", "code") VALUES ($1, $2)`, 1, "y");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await codes()).toEqual([]);
  });

  it("does not wait for BEGIN, yet when BEGIN fails no statement behind it runs outside a transaction", async () => {
    // Another connection holds the write lock past the busy timeout: BEGIN IMMEDIATE fails with
    // SQLITE_BUSY. The work's read, handed over before that was known, is refused too; had it been
    // answered, the work would let the other writer go and its insert would commit on its own.
    const other = new BetterSqlite3(sqlitePath(url));
    other.exec("BEGIN IMMEDIATE");
    let failed: (Error & { code?: string }) | undefined;
    try {
      await inSqliteThreadTransaction(sqlitePath(url), 50, async (sql) => {
        await new Promise((resolve) => setTimeout(resolve, 0)); // a message of its own, behind BEGIN's
        await sql.rows(`SELECT count(*) AS "n" FROM "T"`);
        other.exec("ROLLBACK");
        await sql.run(`INSERT INTO "T" ("id", "code") VALUES ($1, $2)`, 1, "a");
      });
    } catch (error) {
      failed = error as Error & { code?: string };
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
    }
    expect(failed?.code).toBe("SQLITE_BUSY");
    expect(await codes()).toEqual([]);
  });
});
