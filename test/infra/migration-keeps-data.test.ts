// A migration applied to a database that already holds data loses no row.
//
// The trap (STACK.md): Prisma's SQLite SQL redefines a table (CREATE new_X, INSERT … SELECT, DROP X,
// RENAME). Its leading `PRAGMA foreign_keys=OFF` is a no-op inside a transaction, so with keys on
// the DROP cascades into every child table. src/infra/db/migrator.ts turns keys off before BEGIN.
// The fixture 0002_redefine_employee redefines Employee, whose children RoleGrant and ChatIdentity
// are ON DELETE CASCADE. The last test applies it the naive way and watches the rows go.
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";
import { openDatabase, sqlitePath, type Provider } from "../../src/infra/db/database.ts";
import { loadMigrations, migrate, type Migration } from "../../src/infra/db/migrator.ts";
import { appendLogEntry } from "../../src/infra/db/audit-log-writer.ts";
import { verifyLog } from "../../src/infra/db/audit-log-verifier.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "migrations");
const FIXTURE = "0002_redefine_employee";
type Snapshot = Record<string, Record<string, unknown>[]>;

/** Units, a calendar, employees with roles, chat identities, posts, assignments, clients, log entries. */
async function fill(url: string): Promise<void> {
  const db = openDatabase(url);
  const p = db.prisma;
  const t = (n: number) => new Date(Date.UTC(2026, 0, 5, 1, 0, 0, n * 7));
  try {
    await p.calendar.create({
      data: {
        id: "cal",
        code: "CN",
        name: "中国大陆",
        days: {
          create: [
            { id: "d1", date: "2026-10-01", kind: "holiday", name: "国庆节" },
            { id: "d2", date: "2026-09-27", kind: "workday", name: "调休上班" },
          ],
        },
      },
    });
    await p.orgUnit.create({
      data: {
        id: "ho",
        code: "HO",
        name: "总行",
        kind: "head_office",
        path: "/HO/",
        timeZone: "Asia/Shanghai",
        calendarId: "cal",
      },
    });
    for (const [i, code] of ["BJ", "SH"].entries()) {
      await p.orgUnit.create({
        data: {
          id: `u${i}`,
          code,
          name: `${code}分行`,
          kind: "branch",
          parentId: "ho",
          path: `/HO/${code}/`,
          timeZone: "Asia/Shanghai",
          createdAt: t(i),
        },
      });
    }
    const names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"];
    for (const [i, name] of names.entries()) {
      const id = `e${i}`;
      await p.employee.create({
        data: {
          id,
          code: `E${i}`,
          name,
          nameEn: i % 2 ? null : `Person ${i}`,
          email: i === 5 ? null : `p${i}@bank.example`,
          unitId: `u${i % 2}`,
          status: i === 3 ? "on_leave" : "active",
          locale: i === 0 ? "en" : null,
          preferredPlatform: i === 1 ? "teams" : null,
          createdAt: t(10 + i),
          updatedAt: t(20 + i),
          roles: {
            create: [
              { id: `r${i}a`, role: "auditor", unitId: "ho" },
              ...(i < 2 ? [{ id: `r${i}b`, role: "manager", unitId: `u${i}` }] : []),
            ],
          },
          identities: {
            create: [
              { id: `s${i}`, platform: "slack", externalId: `U0${i}`, tenantId: "T1" },
              {
                id: `m${i}`,
                platform: "teams",
                externalId: `aad-${i}`,
                conversationRef: `{"id":"${i}"}`,
                installedAt: t(30 + i),
              },
            ],
          },
        },
      });
    }
    await p.keyPost.create({
      data: { id: "kp", code: "BJ-TELLER", name: "柜员", unitId: "u0", category: "operations", standardDefined: true },
    });
    await p.assignment.createMany({
      data: [
        {
          id: "a0",
          employeeId: "e0",
          postId: "kp",
          startDate: "2023-01-01",
          endDate: "2026-01-01",
          endReason: "rotation",
        },
        { id: "a1", employeeId: "e2", postId: "kp", startDate: "2026-01-01" },
      ],
    });
    await p.client.create({
      data: {
        id: "c0",
        code: "C0",
        name: "某贸易公司",
        unitId: "u0",
        assignments: { create: [{ id: "ca0", employeeId: "e1", startDate: "2025-01-01" }] },
      },
    });
    for (let i = 0; i < 4; i++) {
      await p.$transaction((tx) =>
        appendLogEntry(tx, db.provider, {
          at: t(40 + i),
          actorId: `e${i}`,
          platform: "cli",
          action: "org.imported",
          subjectType: "Employee",
          subjectId: `e${i}`,
          data: { 姓名: names[i] },
        }),
      );
    }
  } finally {
    await db.close();
  }
}

/** Every row of every table, by raw SQL (the client would not see columns it does not know). */
async function snapshot(engine: Provider, url: string): Promise<Snapshot> {
  const out: Snapshot = {};
  if (engine === "sqlite") {
    const db = new BetterSqlite3(sqlitePath(url), { readonly: true });
    try {
      const tables = db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_migrations' ORDER BY name`,
        )
        .all() as { name: string }[];
      for (const { name } of tables)
        out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
    return out;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_migrations' ORDER BY 1`,
    );
    for (const { name } of tables)
      out[name] = (await client.query(`SELECT * FROM "${name}" ORDER BY 1`)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
  return out;
}

const counts = (s: Snapshot) => Object.fromEntries(Object.entries(s).map(([table, rows]) => [table, rows.length]));
const withoutColumn = (rows: Record<string, unknown>[], column: string) =>
  rows.map(({ [column]: _dropped, ...rest }) => rest);

describe.each(ENGINES)("a migration on a %s database that holds data", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  let migrations: Migration[];
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    migrations = loadMigrations(engine);
    await migrate(url, migrations);
    await fill(url);
  });
  afterEach(async () => {
    await remove();
  });

  it("keeps every row of every table, field by field", async () => {
    const before = await snapshot(engine, url);
    expect(before.RoleGrant).toHaveLength(8);
    expect(before.ChatIdentity).toHaveLength(12);

    const fixture = loadMigrations(engine, FIXTURES);
    expect(fixture.map((m) => m.name)).toEqual([FIXTURE]);
    expect(await migrate(url, [...migrations, ...fixture])).toEqual({
      applied: [FIXTURE],
      alreadyApplied: migrations.length,
    });

    const after = await snapshot(engine, url);
    expect(counts(after)).toEqual(counts(before));
    expect(after.Employee!.map((e) => e.managerId)).toEqual(Array(6).fill(null));
    expect({ ...after, Employee: withoutColumn(after.Employee!, "managerId") }).toEqual(before);
  });

  it("leaves the foreign keys of the children working against the new table", async () => {
    await migrate(url, [...migrations, ...loadMigrations(engine, FIXTURES)]);
    const db = openDatabase(url);
    try {
      await expect(
        db.prisma.roleGrant.create({ data: { id: "orphan", employeeId: "nobody", role: "hr", unitId: "ho" } }),
      ).rejects.toThrow();
      await db.prisma.employee.delete({ where: { id: "e4" } }); // no assignments: its roles and identities cascade
      expect(await db.prisma.roleGrant.count({ where: { employeeId: "e4" } })).toBe(0);
      expect(await db.prisma.chatIdentity.count({ where: { employeeId: "e4" } })).toBe(0);
      await expect(db.prisma.employee.delete({ where: { id: "e0" } })).rejects.toThrow(); // its assignment restricts it
      await db.prisma.$executeRawUnsafe(`UPDATE "Employee" SET "managerId" = 'e1' WHERE "id" = 'e5'`);
      await expect(
        db.prisma.$executeRawUnsafe(`UPDATE "Employee" SET "managerId" = 'nobody' WHERE "id" = 'e5'`),
      ).rejects.toThrow();
      expect(await verifyLog(db)).toEqual({ ok: true, entries: 4, checkpoints: 0 });
    } finally {
      await db.close();
    }
  });
});

describe("the same migration run the naive way on SQLite (the trap the migrator guards against)", () => {
  const engine = "sqlite";
  let url: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    await migrate(url, loadMigrations(engine));
    await fill(url);
  });
  afterEach(async () => {
    await remove();
  });

  it("loses every cascading child row when foreign keys stay on inside the transaction", async () => {
    const before = await snapshot(engine, url);
    const [fixture] = loadMigrations(engine, FIXTURES);
    // The naive runner: one transaction per migration, keys as the connection has them (on).
    const db = new BetterSqlite3(sqlitePath(url));
    try {
      db.pragma("foreign_keys = ON");
      db.exec("BEGIN IMMEDIATE");
      db.exec(fixture!.sql);
      db.exec("COMMIT");
    } finally {
      db.close();
    }
    const after = await snapshot(engine, url);
    expect(after).not.toEqual(before);
    expect(counts(after)).toEqual({ ...counts(before), RoleGrant: 0, ChatIdentity: 0 });
  });
});
