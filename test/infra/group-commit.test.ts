// Group commit: units of work that arrive together share one transaction, each in its own
// savepoint. Every caller gets its own result; a unit that fails leaves no trace and does not
// touch the others; a unit may not start another one. Both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GroupCommitUnitOfWork } from "../../src/infra/db/group-commit.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

describe.each(ENGINES)("GroupCommitUnitOfWork on %s", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(engine);
  });
  afterAll(async () => {
    await db.drop();
  });

  const keys = async (prefix: string) =>
    (await db.prisma.setting.findMany({ where: { key: { startsWith: prefix } }, orderBy: { key: "asc" } })).map(
      (s) => s.key,
    );

  it("gives each of many concurrent units its own result, all committed", async () => {
    const uow = new GroupCommitUnitOfWork(db, { maxGroup: 8 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        uow.run(async (tx) => {
          await tx.settings.set(`many.${String(i).padStart(2, "0")}`, String(i * i));
          return i * i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * i));
    expect(await keys("many.")).toHaveLength(50);
    expect((await db.prisma.setting.findUnique({ where: { key: "many.07" } }))?.value).toBe("49");
  });

  it("puts units that arrive in the same turn of the event loop into one transaction, up to the group's size", async () => {
    const uow = new GroupCommitUnitOfWork(db, { maxGroup: 8 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => uow.run((tx) => tx.settings.set(`burst.${i}`, "x"))));
    expect(uow.stats()).toEqual({ groups: 3, units: 20 });
    await uow.run((tx) => tx.settings.set("burst.alone", "x"));
    expect(uow.stats()).toEqual({ groups: 4, units: 21 });
  });

  it("rolls a failing unit back to its savepoint alone: its own error, no trace, the others committed", async () => {
    const uow = new GroupCommitUnitOfWork(db);
    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3, 4].map((i) =>
        uow.run(async (tx) => {
          await tx.settings.set(`fail.${i}`, "written");
          if (i === 2) throw new Error("unit 2 refuses");
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ message: "unit 2 refuses" });
    expect(await keys("fail.")).toEqual(["fail.0", "fail.1", "fail.3", "fail.4"]);
  });

  it("survives a statement the database refuses (PostgreSQL aborts the transaction until the savepoint is rolled back)", async () => {
    const uow = new GroupCommitUnitOfWork(db);
    const outcomes = await Promise.allSettled([
      uow.run((tx) => tx.settings.set("dup.a", "a")),
      uow.run(async (tx) => {
        await tx.settings.set("dup.b", "half");
        // Nobody has this id: the foreign key refuses the row.
        await tx.people.linkChatIdentity("nobody-at-all", {
          platform: "teams",
          externalId: "aad-nobody",
          tenantId: "t",
          conversationRef: null,
        });
      }),
      uow.run((tx) => tx.settings.set("dup.c", "c")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/foreign key/i);
    expect(await keys("dup.")).toEqual(["dup.a", "dup.c"]);
    expect(await db.prisma.chatIdentity.count({ where: { externalId: "aad-nobody" } })).toBe(0);
  });

  it("refuses a unit of work started inside another at once, and the outer one goes on", async () => {
    const uow = new GroupCommitUnitOfWork(db);
    const inner = await uow.run(async (tx) => {
      const refused = await uow.run(async () => "never").catch((error: unknown) => error);
      await tx.settings.set("nested.outer", "done");
      return refused;
    });
    expect(inner).toMatchObject({ code: "NESTED_UNIT_OF_WORK" });
    expect(await keys("nested.")).toEqual(["nested.outer"]);
  });

  it("sees what earlier units of its group wrote, as consecutive transactions would", async () => {
    const uow = new GroupCommitUnitOfWork(db);
    const [, seen] = await Promise.all([
      uow.run((tx) => tx.settings.set("order.first", "1")),
      uow.run((tx) => tx.settings.get("order.first")),
    ]);
    expect(seen).toBe("1");
  });

  it("reads outside a transaction see what was committed", async () => {
    const uow = new GroupCommitUnitOfWork(db);
    await new PrismaUnitOfWork(db).run((tx) => tx.settings.set("read.k", "v"));
    expect(await uow.read((tx) => tx.settings.get("read.k"))).toBe("v");
  });
});
