// `byId` reads a person in one joined statement; it must give exactly what the register holds:
// unit, zone, status, language and every grant with its unit's path (compared with Prisma's own
// relation reads), on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPeopleRepository } from "../../src/infra/db/prisma-people-repository.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { seedSmallBank, type SmallBank } from "../support/small-bank.ts";

describe.each(ENGINES)("PrismaPeopleRepository.byId on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  beforeAll(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
  });
  afterAll(async () => {
    await db.drop();
  });

  it("matches the register for every person, grants included", async () => {
    const people = new PrismaPeopleRepository(db.prisma, db.sql(db.prisma));
    // One person with grants on two units, one with none beyond the seed's.
    const units = await db.prisma.orgUnit.findMany({ orderBy: { path: "asc" }, take: 2 });
    for (const [i, unit] of units.entries())
      await db.prisma.roleGrant.create({
        data: { id: `extra-${i}`, employeeId: bank.ids.hr, role: i === 0 ? "auditor" : "manager", unitId: unit.id },
      });
    const rows = await db.prisma.employee.findMany({ include: { unit: true, roles: { include: { unit: true } } } });
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.some((r) => r.roles.length > 1)).toBe(true);
    for (const row of rows) {
      const person = await people.byId(row.id);
      expect(person).toMatchObject({
        id: row.id,
        code: row.code,
        name: row.name,
        nameEn: row.nameEn,
        email: row.email,
        unitId: row.unitId,
        unitPath: row.unit.path,
        unitTimeZone: row.unit.timeZone,
        status: row.status,
      });
      expect([...person!.grants].sort((a, b) => (a.role + a.unitPath < b.role + b.unitPath ? -1 : 1))).toEqual(
        row.roles
          .map((g) => ({ role: g.role, unitPath: g.unit.path }))
          .sort((a, b) => (a.role + a.unitPath < b.role + b.unitPath ? -1 : 1)),
      );
    }
    expect(await people.byId("nobody")).toBeUndefined();
  });

  it("byIds and identitiesOfMany (a page of notices' recipients in two reads) give what byId and identitiesOf give", async () => {
    const people = new PrismaPeopleRepository(db.prisma, db.sql(db.prisma));
    const ids = (await db.prisma.employee.findMany({ select: { id: true } })).map((r) => r.id);
    const many = await people.byIds([...ids, "nobody"]);
    expect(many).toHaveLength(ids.length);
    const byGrant = (a: { role: string; unitPath: string }, b: { role: string; unitPath: string }) =>
      a.role + a.unitPath < b.role + b.unitPath ? -1 : 1;
    for (const person of many) {
      const one = await people.byId(person.id);
      expect({ ...person, grants: [...person.grants].sort(byGrant) }).toEqual({
        ...one,
        grants: [...one!.grants].sort(byGrant),
      });
    }
    const identities = await people.identitiesOfMany([...ids, "nobody"]);
    expect(identities.size).toBeGreaterThan(0);
    expect(identities.has("nobody")).toBe(false);
    for (const id of ids) expect(identities.get(id) ?? []).toEqual(await people.identitiesOf(id));
    expect(await people.byIds([])).toEqual([]);
  });
});
