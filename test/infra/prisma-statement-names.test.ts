// Prisma's statements on PostgreSQL are named (decision 13.s19-1): a query shape is parsed once on
// each connection and kept there under its name, answers as before on every use, inside a unit of
// work too (where the hand-written statements batch and Prisma's must not), and what is named is
// bounded: no utility statement, no long list, no new text past the process's cap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/infra/db/database.ts";
import { statementNamer } from "../../src/infra/db/prisma-statement-names.ts";
import { testDatabaseUrl } from "../support/databases.ts";

const query = (sql: string, params = 1) => ({ sql, args: Array.from({ length: params }, (_, i) => i), argTypes: [] });

describe("Prisma's statements on PostgreSQL", () => {
  let db: Database;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    const made = await testDatabaseUrl("postgres");
    remove = made.remove;
    // One connection, so the statements it keeps can be read on it.
    db = openDatabase(made.url, undefined, { poolSize: 1 });
    await db.prisma.setting.createMany({
      data: [
        { key: "a", value: "1" },
        { key: "b", value: "2" },
      ],
    });
  });
  afterAll(async () => {
    await db.close();
    await remove();
  });

  const kept = async () =>
    db.prisma.$queryRawUnsafe<{ name: string; statement: string }[]>(
      `SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%"Setting"%' AND statement NOT LIKE '%pg_prepared_statements%'`,
    );

  it("parses a query shape once on its connection, under one name, and answers each use", async () => {
    expect((await db.prisma.setting.findUnique({ where: { key: "a" } }))?.value).toBe("1");
    expect((await db.prisma.setting.findUnique({ where: { key: "b" } }))?.value).toBe("2");
    expect(await db.prisma.setting.findUnique({ where: { key: "c" } })).toBeNull();
    const rows = await kept();
    const lookups = rows.filter((r) => /WHERE/.test(r.statement) && /"key" = \$1/.test(r.statement));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.name).toMatch(/^kq_/);
  });

  it("answers a named Prisma statement inside a unit of work, whose BEGIN and COMMIT go in batches", async () => {
    const values = await db.unit(async (tx) => {
      const first = await tx.setting.findUnique({ where: { key: "a" } });
      await tx.setting.update({ where: { key: "b" }, data: { value: "3" } });
      const again = await tx.setting.findUnique({ where: { key: "b" } });
      return [first?.value, again?.value];
    });
    expect(values).toEqual(["1", "3"]);
    // Twice more, now that every statement of the unit is known on the connection.
    for (const value of ["4", "5"]) {
      const read = await db.unit(async (tx) => {
        await tx.setting.update({ where: { key: "b" }, data: { value } });
        return (await tx.setting.findUnique({ where: { key: "b" } }))?.value;
      });
      expect(read).toBe(value);
    }
  });
});

describe("what gets a statement name", () => {
  it("one name per text, and another text another name", () => {
    const name = statementNamer();
    const a = name(query(`SELECT "x" FROM "Setting" WHERE "key" = $1`));
    expect(a).toMatch(/^kq_[A-Za-z0-9_-]{27}$/);
    expect(name(query(`SELECT "x" FROM "Setting" WHERE "key" = $1`))).toBe(a);
    expect(name(query(`SELECT "y" FROM "Setting" WHERE "key" = $1`))).not.toBe(a);
  });

  it("no name for transaction control or DDL, for a long list, or for a new text past the cap", () => {
    const name = statementNamer({ maxNames: 2, maxParams: 3 });
    for (const text of [`BEGIN`, `COMMIT`, `SAVEPOINT s1`, `CREATE TABLE t (a int)`])
      expect(name(query(text, 0))).toBeUndefined();
    expect(name(query(`SELECT 1 WHERE 1 IN ($1, $2, $3, $4)`, 4))).toBeUndefined();
    const first = name(query(`SELECT 1 WHERE 1 IN ($1, $2, $3)`, 3));
    expect(first).toBeDefined();
    expect(name(query(`UPDATE "Setting" SET "value" = $1`))).toBeDefined();
    expect(name(query(`DELETE FROM "Setting" WHERE "key" = $1`))).toBeUndefined();
    expect(name(query(`SELECT 1 WHERE 1 IN ($1, $2, $3)`, 3))).toBe(first);
  });
});
