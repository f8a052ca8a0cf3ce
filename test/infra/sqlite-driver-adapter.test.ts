// Keypost's SQLite driver adapter (src/infra/db/sqlite-driver-adapter.ts) under Prisma's client, on a
// real database file: values stored as @prisma/adapter-better-sqlite3 stored them (so a bank's existing
// database reads the same), values read back as Prisma expects, SQLite's errors as Prisma's codes,
// one transaction at a time, the connection handed to its owner, and a statement cache that keeps
// working past its size.
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../support/databases.ts";

describe("Keypost's SQLite driver adapter", () => {
  let db: TestDatabase;
  let raw: BetterSqlite3.Database;
  const at = new Date("2026-03-02T01:02:03.456Z");

  beforeAll(async () => {
    db = await testDatabase("sqlite");
    raw = new BetterSqlite3(db.url.slice("file:".length));
    await db.prisma.calendar.create({ data: { id: "cal-1", code: "CN", name: "China" } });
    await db.prisma.orgUnit.create({
      data: {
        id: "u-1",
        code: "HO",
        name: "总行",
        kind: "head_office",
        path: "/HO/",
        timeZone: "Asia/Shanghai",
        calendarId: "cal-1",
        createdAt: at,
      },
    });
  });
  afterAll(async () => {
    raw.close();
    await db.drop();
  });

  it("stores a DateTime as ISO 8601 text ending +00:00 and a Boolean as 0/1, as Prisma's own adapter did", async () => {
    const row = raw.prepare(`SELECT "createdAt" AS c FROM "OrgUnit" WHERE id = 'u-1'`).get() as { c: string };
    expect(row.c).toBe("2026-03-02T01:02:03.456+00:00");
    const unit = await db.prisma.orgUnit.findUniqueOrThrow({ where: { id: "u-1" } });
    expect(unit.createdAt.toISOString()).toBe(at.toISOString());
    expect(unit.nameEn).toBeNull();

    // A row written outside Prisma, in that format, reads back as the same instant.
    raw
      .prepare(
        `INSERT INTO "OrgUnit" (id, code, name, kind, path, "timeZone", "createdAt", "updatedAt") VALUES ('u-2', 'BR1', 'Branch', 'branch', '/HO/BR1/', 'UTC', ?, ?)`,
      )
      .run("2025-12-31T23:59:59.999+00:00", "2025-12-31T23:59:59.999+00:00");
    const written = await db.prisma.orgUnit.findUniqueOrThrow({ where: { code: "BR1" } });
    expect(written.createdAt.toISOString()).toBe("2025-12-31T23:59:59.999Z");
    expect(await db.prisma.orgUnit.count({ where: { createdAt: { lt: at } } })).toBe(1);

    await db.prisma.$executeRawUnsafe(`CREATE TABLE "flags" (id TEXT PRIMARY KEY, on_off BOOLEAN, n INTEGER)`);
    await db.prisma.$executeRawUnsafe(`INSERT INTO "flags" VALUES (?, ?, ?)`, "a", true, 41);
    expect(raw.prepare(`SELECT on_off, n FROM "flags"`).get()).toEqual({ on_off: 1, n: 41 });
  });

  it("hands integers on as numbers when safe and as text beyond, and infers undeclared columns", async () => {
    const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT 42 AS small, 9007199254740993 AS big, 'x' AS t, NULL AS empty, 1.5 AS f`,
    );
    expect(rows).toEqual([{ small: 42n, big: 9007199254740993n, t: "x", empty: null, f: 1.5 }]);
  });

  it("turns SQLite's constraint errors into Prisma's codes, naming the fields", async () => {
    const duplicate = db.prisma.orgUnit.create({
      data: { id: "u-3", code: "HO", name: "again", kind: "branch", path: "/HO2/", timeZone: "UTC" },
    });
    await expect(duplicate).rejects.toMatchObject({ code: "P2002", meta: { driverAdapterError: expect.anything() } });
    await expect(duplicate.catch((e: { meta?: unknown }) => JSON.stringify(e.meta))).resolves.toContain("code");

    const orphan = db.prisma.orgUnit.create({
      data: { id: "u-4", code: "X", name: "x", kind: "branch", path: "/X/", timeZone: "UTC", calendarId: "none" },
    });
    await expect(orphan).rejects.toMatchObject({ code: "P2003" });
    expect(await db.prisma.orgUnit.count()).toBe(2);
  });

  it("runs one transaction at a time and rolls a failed one back", async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = db.prisma.$transaction(async (tx) => {
      order.push("first in");
      await tx.setting.create({ data: { key: "t1", value: "1" } });
      await held;
      order.push("first out");
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = db.prisma.$transaction(async (tx) => {
      order.push("second in");
      await tx.setting.create({ data: { key: "t2", value: "2" } });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual(["first in"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second in"]);

    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: "t3", value: "3" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await db.prisma.setting.findMany({ orderBy: { key: "asc" } })).map((s) => s.key)).toEqual(["t1", "t2"]);
  });

  it("hands the connection Prisma uses to the hand-written statements, inside its transactions", async () => {
    await db.transaction(async (tx, sql) => {
      await tx.setting.create({ data: { key: "inside", value: "seen" } });
      // Uncommitted: only the same connection, in the same transaction, can see it.
      expect(await sql.rows(`SELECT value FROM "Setting" WHERE key = $1`, "inside")).toEqual([{ value: "seen" }]);
      expect(raw.prepare(`SELECT count(*) AS n FROM "Setting" WHERE key = 'inside'`).get()).toEqual({ n: 0 });
    });
  });

  it("keeps answering past its statement cache's size (distinct texts: IN lists of every length)", async () => {
    const ids = Array.from({ length: 700 }, (_, i) => `nobody-${i}`);
    for (let n = 1; n <= ids.length; n += 1) {
      const found = await db.prisma.orgUnit.findMany({ where: { id: { in: [...ids.slice(0, n - 1), "u-1"] } } });
      expect(found.map((u) => u.id)).toEqual(["u-1"]);
    }
    // The first texts, prepared again after they left the cache, still answer.
    expect(await db.prisma.orgUnit.findMany({ where: { id: { in: ["u-1"] } }, select: { code: true } })).toEqual([
      { code: "HO" },
    ]);
  });
});
