// QuestionReads.units, the list of every unit a question is read with: on PostgreSQL it is kept
// between questions and sent again only when it changed (unit-words.sql.ts, decision 13.s20-2).
// Whatever changes a unit or its calendar — here plain SQL, as an operator or another writer would —
// the next read shows it, on both engines; an unchanged bank gives the same list (kept, on
// PostgreSQL); two databases in one process keep their own lists; the lists are read-only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaQuestionReads } from "../../src/infra/db/prisma-question-reads.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { seedSmallBank } from "../support/small-bank.ts";

describe.each(ENGINES)("PrismaQuestionReads.units on %s", (engine) => {
  let db: TestDatabase;
  let other: TestDatabase;
  beforeAll(async () => {
    [db, other] = await Promise.all([testDatabase(engine), testDatabase(engine)]);
    await Promise.all([seedSmallBank(db), seedSmallBank(other)]);
  }, 120_000);
  afterAll(async () => Promise.all([db?.drop(), other?.drop()]));

  const reads = () => new PrismaQuestionReads(db.prisma, engine);
  const unit = async (code: string) => (await reads().units()).find((u) => u.code === code);

  it("answers every unit in path order, the same list again while nothing changed", async () => {
    const first = await reads().units();
    expect(first.map((u) => u.path)).toEqual(["/HO/", "/HO/BR1/", "/HO/BR1/SB1/", "/HO/BR2/"]);
    expect(first.every((u) => u.calendarCode === "CAL")).toBe(true);
    const again = await reads().units();
    expect(again).toEqual(first);
    // Kept between reads on PostgreSQL (the JSON is not sent again); read afresh on SQLite.
    if (engine === "postgres") expect(again).toBe(first);
    expect(Object.isFrozen(again) && again.every((u) => Object.isFrozen(u))).toBe(true);
  });

  it("shows a unit renamed by plain SQL at the next read", async () => {
    await unit("SB1");
    await db.prisma.$executeRawUnsafe(
      `UPDATE "OrgUnit" SET "name" = '陆家嘴支行', "nameEn" = 'Lujiazui' WHERE "code" = 'SB1'`,
    );
    expect(await unit("SB1")).toMatchObject({ name: "陆家嘴支行", nameEn: "Lujiazui" });
  });

  it("shows a calendar's new code, a new unit and a moved unit at the next read", async () => {
    await db.prisma.$executeRawUnsafe(`UPDATE "Calendar" SET "code" = 'CAL-2027' WHERE "code" = 'CAL'`);
    expect((await unit("BR2"))?.calendarCode).toBe("CAL-2027");
    const br2 = await db.prisma.orgUnit.findUniqueOrThrow({ where: { code: "BR2" } });
    await db.prisma.orgUnit.create({
      data: {
        id: "U-SB9",
        code: "SB9",
        name: "SB9",
        kind: "sub_branch",
        parentId: br2.id,
        path: "/HO/BR2/SB9/",
        timeZone: "Asia/Shanghai",
      },
    });
    expect(await unit("SB9")).toMatchObject({ path: "/HO/BR2/SB9/", calendarCode: null });
    await db.prisma.$executeRawUnsafe(`UPDATE "OrgUnit" SET "timeZone" = 'Asia/Hong_Kong' WHERE "code" = 'SB9'`);
    expect((await unit("SB9"))?.timeZone).toBe("Asia/Hong_Kong");
  });

  it("keeps each database's list apart in one process", async () => {
    const mine = await reads().units();
    const theirs = await new PrismaQuestionReads(other.prisma, engine).units();
    expect(theirs.map((u) => u.code)).toEqual(["HO", "BR1", "SB1", "BR2"]);
    expect(theirs.find((u) => u.code === "SB1")?.name).toBe("SB1");
    expect(mine.find((u) => u.code === "SB1")?.name).toBe("陆家嘴支行");
    expect(await reads().units()).toEqual(mine);
  });
});
