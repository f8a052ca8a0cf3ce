// A unit code holding LIKE's wildcards does not widen a subtree read (decision 20.21): with a unit
// "B_1" beside the demo bank's "BR1", the reads "in this unit's subtree" — a unit's leaves and
// audits (the bot's lists), its rotations, its open holdings (the scan) — return the odd unit's
// own facts only, never BR1's, on both engines. Prisma's startsWith alone matched "/HO/B_1/"
// against "/HO/BR1/…" (the last test shows that the raw filter still does).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaAuditRepository } from "../../src/infra/db/prisma-audit-repository.ts";
import { PrismaLeaveRepository } from "../../src/infra/db/prisma-leave-repository.ts";
import { PrismaPeopleRepository } from "../../src/infra/db/prisma-people-repository.ts";
import { PrismaPostRepository } from "../../src/infra/db/prisma-post-repository.ts";
import { PrismaRotationRepository } from "../../src/infra/db/prisma-rotation-repository.ts";
import { unitIdsUnder } from "../../src/infra/db/units-under.ts";
import { loadDemoBank } from "../../src/cli/load-demo-bank.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

describe.each(ENGINES)("subtree reads with `_` in a unit code on %s", (engine) => {
  let db: TestDatabase;
  const ODD = "/HO/B_1/";
  const ids = { oddPost: "", brPost: "", oddLeave: "", brLeave: "", oddAudit: "", brAudit: "" };

  beforeAll(async () => {
    db = await testDatabase(engine);
    await loadDemoBank(db, new FixedClock("2026-12-04T02:00:00Z"));
    const p = db.prisma;
    const top = await p.orgUnit.findFirstOrThrow({ where: { code: "HO" } });
    const odd = await p.orgUnit.create({
      data: {
        id: randomUUID(),
        code: "B_1",
        name: "Odd",
        kind: "branch",
        timeZone: "Asia/Shanghai",
        path: ODD,
        parentId: top.id,
      },
    });
    const br = await p.orgUnit.findFirstOrThrow({ where: { code: "BR1-01" } });
    const [someone, other] = await p.employee.findMany({ orderBy: { code: "asc" }, take: 2 });
    for (const [unit, key] of [
      [odd, "odd"],
      [br, "br"],
    ] as const) {
      const post = await p.keyPost.create({
        data: { id: randomUUID(), code: `P-${key}`, name: key, unitId: unit.id, category: "operations" },
      });
      await p.assignment.create({
        data: { id: randomUUID(), employeeId: someone!.id, postId: post.id, kind: "holder", startDate: "2025-01-01" },
      });
      const leave = await p.leave.create({
        data: {
          id: randomUUID(),
          kind: "regular",
          holderId: someone!.id,
          postId: post.id,
          unitId: unit.id,
          startDate: "2026-12-14",
          endDate: "2026-12-18",
          status: "planned",
          plannedById: other!.id,
        },
      });
      const audit = await p.audit.create({
        data: { id: randomUUID(), postId: post.id, holderId: someone!.id, unitId: unit.id, status: "requested" },
      });
      await p.rotation.create({
        data: { id: randomUUID(), postId: post.id, outgoingId: someone!.id, plannedDate: "2027-01-04", status: "due" },
      });
      ids[`${key}Post`] = post.id;
      ids[`${key}Leave`] = leave.id;
      ids[`${key}Audit`] = audit.id;
    }
  }, 120_000);
  afterAll(async () => db?.drop());

  it("a unit's leaves and audits are its own", async () => {
    expect((await new PrismaLeaveRepository(db.prisma).forUnit(ODD)).map((l) => l.id)).toEqual([ids.oddLeave]);
    expect((await new PrismaAuditRepository(db.prisma).forUnit(ODD)).map((a) => a.id)).toEqual([ids.oddAudit]);
    expect((await new PrismaLeaveRepository(db.prisma).forUnit("/HO/BR1/")).map((l) => l.id)).toContain(ids.brLeave);
  });

  it("a unit's rotations and open holdings are its own", async () => {
    const rotations = new PrismaRotationRepository(db.prisma);
    expect((await rotations.rotationsUnder(ODD, ["due"])).map((r) => r.postId)).toEqual([ids.oddPost]);
    expect((await rotations.openHoldings({ limit: 100, underPath: ODD })).map((h) => h.post.id)).toEqual([ids.oddPost]);
    expect((await rotations.openHoldings({ limit: 1000, underPath: "/HO/BR1/" })).map((h) => h.post.id)).toContain(
      ids.brPost,
    );
  });

  it("the people and post pickers offer the unit's own only", async () => {
    expect((await new PrismaPostRepository(db.prisma).search("", [ODD], 50)).map((p) => p.code)).toEqual(["P-odd"]);
    const oddUnit = await db.prisma.orgUnit.findFirstOrThrow({ where: { code: "B_1" } });
    const [mover] = await db.prisma.employee.findMany({ orderBy: { code: "desc" }, take: 1 });
    await db.prisma.employee.update({ where: { id: mover!.id }, data: { unitId: oddUnit.id } });
    expect(
      (await new PrismaPeopleRepository(db.prisma, db.sql(db.prisma)).search("", [ODD], 50)).map((p) => p.code),
    ).toEqual([mover!.code]);
  });

  it("the one helper is exact where Prisma's startsWith is not", async () => {
    const coarse = await db.prisma.orgUnit.findMany({ where: { path: { startsWith: ODD } }, select: { code: true } });
    expect(coarse.length).toBeGreaterThan(1); // the odd unit and BR1's subtree
    const exact = await db.prisma.orgUnit.findMany({
      where: { id: { in: await unitIdsUnder(db.prisma, [ODD]) } },
      select: { code: true },
    });
    expect(exact.map((u) => u.code)).toEqual(["B_1"]);
  });
});
