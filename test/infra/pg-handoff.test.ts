// A PostgreSQL unit of work gives its client back to the pool as soon as its COMMIT is sent (decision
// 13.s15-2): the next unit on that client sends BEGIN and its first statement behind the COMMIT,
// without waiting for its answer. Each unit still gets its own outcome: a refusal in the first
// fails the first alone (its COMMIT, alone behind the refused batch, ends the aborted transaction),
// and the second commits. One client in the pool, so both units must share it. A connection found
// unusable only after it was handed on (a migration changed a statement's result type, 0A000, in the
// unit's last batch) is destroyed by whoever takes it next, not used again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/infra/db/database.ts";
import { named } from "../../src/infra/db/sql/named-statement.ts";
import { testDatabaseUrl } from "../support/databases.ts";
import { shapeChange } from "../support/shape-change.ts";
import { watchPgQueries } from "../support/pg-queries.ts";

// Texts of their own: a name is given to a text for the whole process, and the test files of one
// worker share it (isolate: false); pg-transaction.test.ts sends this INSERT's plain text unnamed.
const INSERT = named("kp_test_handoff_insert", `INSERT INTO "Setting" ("key", "value") VALUES ($1, $2) /* handoff */`);
const READ = named("kp_test_handoff_read", `SELECT "value" FROM "Setting" WHERE "key" = $1 /* handoff */`);

describe("a PostgreSQL unit hands its client on once COMMIT is sent", () => {
  let db: Database;
  let remove: () => Promise<void>;
  /** Each BEGIN sent, with how many statements of its client were unanswered then. */
  const begins: number[] = [];
  let unwatch: () => void;
  beforeAll(async () => {
    const made = await testDatabaseUrl("postgres");
    remove = made.remove;
    db = openDatabase(made.url, undefined, { poolSize: 1 });
    unwatch = watchPgQueries((text, waiting) => {
      if (/^\s*BEGIN/i.test(text)) begins.push(waiting);
    });
  });
  afterAll(async () => {
    unwatch();
    await db.close();
    await remove();
  });

  const value = async (key: string) =>
    db.unit(async (_tx, sql) => (await sql.rows<{ value: string }>(READ, key))[0]?.value);
  /** A press's shape: a read, then a queued write that COMMIT follows. */
  const write = (key: string, value: string) =>
    db.unit(async (_tx, sql) => {
      await sql.rows(READ, key);
      await sql.queue(INSERT, key, value);
    });

  it("the next unit's BEGIN goes behind the COMMIT, not after its answer; both commit", async () => {
    for (const i of [1, 2]) await write(`handoff.warm.${i}`, "w");
    begins.length = 0;
    await Promise.all([write("handoff.a", "a"), write("handoff.b", "b")]);
    expect(begins).toHaveLength(2);
    expect(begins[0]).toBe(0);
    // Sent while the first unit's statements (its COMMIT at least) were still unanswered.
    expect(begins[1]).toBeGreaterThan(0);
    expect([await value("handoff.a"), await value("handoff.b")]).toEqual(["a", "b"]);
  });

  it("a refusal in the first unit fails it alone, keeps none of it, and the second commits on the same client", async () => {
    await write("handoff.taken", "x");
    begins.length = 0;
    const first = db.unit(async (_tx, sql) => {
      await sql.rows(READ, "handoff.taken");
      await Promise.all([sql.queue(INSERT, "handoff.kept?", "k"), sql.queue(INSERT, "handoff.taken", "again")]);
    });
    const second = write("handoff.second", "s");
    await expect(first).rejects.toMatchObject({ code: "23505" });
    await second;
    expect(begins[1]).toBeGreaterThan(0);
    expect(await value("handoff.kept?")).toBeUndefined();
    expect(await value("handoff.taken")).toBe("x");
    expect(await value("handoff.second")).toBe("s");
  });

  it("a connection found unusable after it was handed on is not used again: the next unit gets a fresh one", async () => {
    const shape = await shapeChange(db.url, "HandoffShape", "kp_test_handoff_star");
    try {
      // In the unit's last batch, with COMMIT behind it: its answer comes after the client was handed on.
      const last = () => db.unit((_tx, sql) => sql.queue(shape.star, "one"));
      for (let i = 0; i < 3; i++) await last();
      await shape.change();
      await expect(last()).rejects.toMatchObject({ code: "0A000" });
      // The only client of the pool would refuse it forever; a fresh connection prepares it afresh.
      await last();
      await last();
    } finally {
      await shape.end();
    }
  });
});
