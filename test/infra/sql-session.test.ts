// The hot path's hand-written statements (sql-session.ts): on SQLite they run directly on Prisma's
// own connection, so they must be part of Prisma's transaction (committed and rolled back with
// it), store values exactly as Prisma does, and read the same as Prisma's own queries. The
// repositories give the same answers through either session. Both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bi } from "../../src/ports/locale.ts";
import type { Tx } from "../../src/infra/db/database.ts";
import { prismaPorts } from "../../src/infra/db/prisma-unit-of-work.ts";
import { DirectPg, DirectSqlite, prismaSql, toDate, type SqlSession } from "../../src/infra/db/sql-session.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { seedSmallBank, type SmallBank } from "../support/small-bank.ts";

const AT = new Date(Date.UTC(2026, 2, 9, 1, 2, 3, 456));

describe.each(ENGINES)("SqlSession on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  beforeAll(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
  });
  afterAll(async () => {
    await db.drop();
  });

  it("is part of Prisma's transaction: rolled back with it, committed with it", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await db.sql(tx).run(`INSERT INTO "Setting" ("key", "value") VALUES ($1, $2)`, "tx.rolled", "x");
        expect(await db.sql(tx).rows(`SELECT "value" FROM "Setting" WHERE "key" = $1`, "tx.rolled")).toEqual([
          { value: "x" },
        ]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.prisma.setting.findUnique({ where: { key: "tx.rolled" } })).toBeNull();
    await db.prisma.$transaction((tx) =>
      db.sql(tx).run(`INSERT INTO "Setting" ("key", "value") VALUES ($1, $2)`, "tx.kept", "y"),
    );
    expect((await db.prisma.setting.findUnique({ where: { key: "tx.kept" } }))?.value).toBe("y");
  });

  it("a transaction's own session runs on that transaction's connection, directly", async () => {
    await expect(
      db.transaction(async (tx, sql) => {
        expect(sql).toBeInstanceOf(engine === "sqlite" ? DirectSqlite : DirectPg);
        await sql.run(`INSERT INTO "Setting" ("key", "value") VALUES ($1, $2)`, "own.rolled", "x");
        expect(await tx.setting.findUnique({ where: { key: "own.rolled" } })).toMatchObject({ value: "x" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.prisma.setting.findUnique({ where: { key: "own.rolled" } })).toBeNull();
    await db.transaction((_, sql) =>
      sql.run(`INSERT INTO "Setting" ("key", "value") VALUES ($1, $2)`, "own.kept", "y"),
    );
    expect((await db.prisma.setting.findUnique({ where: { key: "own.kept" } }))?.value).toBe("y");
  });

  it("writes and reads instants in UTC whatever the process's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Asia/Shanghai";
    try {
      const id = await db.transaction((tx, sql) =>
        prismaPorts(tx, db.provider, sql).tokens.issue({
          action: "a",
          subjectType: "s",
          subjectId: "zone",
          subjectVersion: 1,
          recipientId: bank.ids.hr,
          args: {},
        }),
      );
      await db.transaction((tx, sql) => prismaPorts(tx, db.provider, sql).tokens.use(id, AT));
      expect((await db.prisma.actionToken.findUniqueOrThrow({ where: { id } })).usedAt).toEqual(AT);
      const [row] = await db.transaction((_, sql) =>
        sql.rows<{ usedAt: unknown }>(`SELECT "usedAt" FROM "ActionToken" WHERE "id" = $1`, id),
      );
      expect(toDate(row!.usedAt)).toEqual(AT);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("stores a date as Prisma does and reads Prisma's dates back exactly", async () => {
    await db.prisma.$transaction(async (tx) => {
      const token = await prismaPorts(tx, db.provider, db.sql(tx)).tokens.issue({
        action: "a",
        subjectType: "s",
        subjectId: "date",
        subjectVersion: 1,
        recipientId: bank.ids.hr,
        args: {},
      });
      expect(await prismaPorts(tx, db.provider, db.sql(tx)).tokens.use(token, AT)).toBe(true);
    });
    const row = await db.prisma.actionToken.findFirstOrThrow({ where: { subjectId: "date" } });
    expect(row.usedAt).toEqual(AT);
    const [read] = await db.prisma.$transaction((tx) =>
      db
        .sql(tx)
        .rows<{ usedAt: unknown; createdAt: unknown }>(
          `SELECT "usedAt", "createdAt" FROM "ActionToken" WHERE "id" = $1`,
          row.id,
        ),
    );
    expect(toDate(read!.usedAt)).toEqual(AT);
    expect(toDate(read!.createdAt)).toEqual(row.createdAt);
  });

  it("gives the same answers through the direct session and through Prisma's raw queries", async () => {
    const seeded = await db.prisma.$transaction(async (tx) => {
      const ports = prismaPorts(tx, db.provider, db.sql(tx));
      await ports.outbox.enqueue(
        {
          dedupeKey: "same:1",
          recipientId: bank.ids.hr,
          kind: "k",
          subjectType: "same",
          subjectId: "1",
          card: { title: bi("通知", "Notice"), fields: [], actions: [] },
        },
        ["teams", "slack"],
      );
      await ports.people.linkChatIdentity(bank.ids.hr, {
        platform: "teams",
        externalId: "aad-same",
        tenantId: "t1",
        conversationRef: "{}",
        installedAt: AT,
      });
      return ports.tokens.issue({
        action: "notice.acknowledge",
        subjectType: "same",
        subjectId: "1",
        subjectVersion: 3,
        recipientId: bank.ids.hr,
        args: { n: 1, s: "文字", b: true },
      });
    });
    const answers = (sqlOf: (tx: Tx) => SqlSession) =>
      db.prisma.$transaction(async (tx) => {
        const ports = prismaPorts(tx, db.provider, sqlOf(tx));
        return {
          token: await ports.tokens.find(seeded),
          notices: await ports.outbox.forSubject("same", "1"),
          identity: await ports.people.chatIdentity("teams", "aad-same"),
          person: await ports.people.byId(bank.ids.hr),
          away: await ports.people.isAway(bank.ids.hr),
        };
      });
    const direct = await answers((tx) => db.sql(tx));
    const viaPrisma = await answers((tx) => prismaSql(tx, db.provider));
    expect(direct).toEqual(viaPrisma);
    expect(direct.token).toMatchObject({
      action: "notice.acknowledge",
      subjectVersion: 3,
      usedAt: null,
      args: { n: 1, s: "文字", b: true },
    });
    expect(direct.notices.map((n) => n.platform).sort()).toEqual(["slack", "teams"]);
    expect(direct.notices[0]!.createdAt).toBeInstanceOf(Date);
    expect(direct.identity).toMatchObject({ personId: bank.ids.hr, tenantId: "t1", installedAt: AT });
    // …and the same as Prisma's own model reads.
    const notices = await db.prisma.notice.findMany({
      where: { subjectType: "same", subjectId: "1" },
      orderBy: { createdAt: "asc" },
    });
    expect(direct.notices.map((n) => [n.id, n.createdAt, n.visibleFrom, n.acknowledgedAt])).toEqual(
      notices.map((n) => [n.id, n.createdAt, n.visibleFrom, n.acknowledgedAt]),
    );
  });

  it("isAway is true exactly while the person's leave is in an away state", async () => {
    const isAway = () =>
      db.prisma.$transaction((tx) => prismaPorts(tx, db.provider, db.sql(tx)).people.isAway(bank.ids.holder));
    const leave = {
      id: "away-1",
      kind: "regular",
      holderId: bank.ids.holder,
      postId: bank.post.id,
      unitId: bank.units.SB1.id,
      startDate: "2026-03-09",
      endDate: "2026-03-20",
      plannedById: bank.ids.hr,
    };
    const seen: Record<string, boolean> = { none: await isAway() };
    await db.prisma.leave.create({ data: { ...leave, status: "planned" } });
    for (const status of ["planned", "compliance_notified", "started", "handed_over", "audit", "returning", "closed"]) {
      await db.prisma.leave.update({ where: { id: leave.id }, data: { status } });
      seen[status] = await isAway();
    }
    expect(seen).toEqual({
      none: false,
      planned: false,
      compliance_notified: false,
      started: true,
      handed_over: true,
      audit: true,
      returning: false,
      closed: false,
    });
  });
});
