// QuestionReads.clientsServedBy ("how many clients does Min Xu serve"): the clients a person serves
// now — open client assignments only, an ended one left out — with each client's names and unit
// path, in code order, as the demo bank's clients.csv says, on both engines. QuestionReads.staffIn
// ("how many staff in Pudong"): the people whose home unit is one of those given, but not who left.
// QuestionReads.managersOf ("who runs the pudong sub-branch"): who holds a manager grant on the unit
// itself — not one inherited from the branch above — and has not left.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoBank } from "../../src/cli/load-demo-bank.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { PrismaQuestionReads } from "../../src/infra/db/prisma-question-reads.ts";
import { csv } from "../app/questions/demo-scenario.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

describe.each(ENGINES)("PrismaQuestionReads.clientsServedBy on %s", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(engine);
    await loadDemoBank(db, new FixedClock("2026-12-01T10:00:00+08:00"));
  }, 120_000);
  afterAll(async () => db?.drop());

  it("gives a manager's clients now, and not one whose assignment has ended", async () => {
    const reads = new PrismaQuestionReads(db.prisma, engine);
    const clients = csv("clients");
    const rm = clients[0]!.manager_code!;
    const expected = clients
      .filter((c) => c.manager_code === rm)
      .map((c) => c.code!)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    const person = await db.prisma.employee.findUniqueOrThrow({ where: { code: rm } });
    const got = await reads.clientsServedBy(person.id);
    expect(got.map((c) => c.code)).toEqual(expected);
    const first = clients.find((c) => c.code === expected[0])!;
    expect(got[0]).toMatchObject({ name: first.name, nameEn: first.name_en });
    expect(got[0]!.unitPath).toMatch(new RegExp(`/${first.unit_code}/$`));
    // One assignment ends: that client is no longer served by them.
    const open = await db.prisma.clientAssignment.findFirstOrThrow({
      where: { employeeId: person.id, endDate: null, client: { code: expected[0] } },
    });
    await db.prisma.clientAssignment.update({ where: { id: open.id }, data: { endDate: "2026-11-30" } });
    expect((await reads.clientsServedBy(person.id)).map((c) => c.code)).toEqual(expected.slice(1));
  });

  it("gives the staff of the units given, in code order, and not someone who left", async () => {
    const reads = new PrismaQuestionReads(db.prisma, engine);
    const unit = await db.prisma.orgUnit.findUniqueOrThrow({ where: { code: "BR2-01" } });
    const expected = csv("employees")
      .filter((e) => e.unit_code === "BR2-01" && e.status !== "left")
      .map((e) => e.code!)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    expect((await reads.staffIn([unit.id])).map((p) => p.code)).toEqual(expected);
    expect(await reads.staffIn([])).toEqual([]);
    await db.prisma.employee.update({ where: { code: expected[0]! }, data: { status: "left" } });
    await db.prisma.employee.update({ where: { code: expected[1]! }, data: { status: "on_leave" } });
    expect((await reads.staffIn([unit.id])).map((p) => p.code)).toEqual(expected.slice(1));
  });

  it("gives who runs the units given: a manager grant on the unit itself, not an ancestor's, not who left", async () => {
    const reads = new PrismaQuestionReads(db.prisma, engine);
    const byCode = async (code: string) => (await db.prisma.orgUnit.findUniqueOrThrow({ where: { code } })).id;
    const managersOf = (unit: string) =>
      csv("employees")
        .filter((e) => (e.roles ?? "").split(";").includes(`manager@${unit}`))
        .map((e) => e.code!)
        .sort();
    const chaoyang = managersOf("BR1-01");
    expect(chaoyang.length).toBe(1);
    // BR1's manager has a grant over BR1-01 too (its subtree), but does not run it.
    expect(managersOf("BR1")).not.toEqual(chaoyang);
    expect((await reads.managersOf([await byCode("BR1-01")])).map((p) => p.code)).toEqual(chaoyang);
    expect((await reads.managersOf([await byCode("BR1-01"), await byCode("BR1")])).map((p) => p.code)).toEqual(
      [...chaoyang, ...managersOf("BR1")].sort(),
    );
    expect(await reads.managersOf([])).toEqual([]);
    await db.prisma.employee.update({ where: { code: chaoyang[0]! }, data: { status: "left" } });
    expect(await reads.managersOf([await byCode("BR1-01")])).toEqual([]);
  });
});
