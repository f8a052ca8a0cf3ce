// The reports' big reads as one JSON text each (src/infra/db/reports/scope-reads.sql.ts) give the
// very rows, in the very order, of the Prisma reads they replaced (kept here as the reference), on
// both engines, over the demo bank plus the awkward cases: an inactive post, an ended and an acting
// assignment, a unit whose code holds LIKE's wildcards (`_`, `%`), a post with no checklist, and
// scopes of one subtree, two subtrees and none — except where the reference was wrong: Prisma's
// startsWith does not escape `_`/`%`, which the new reads do not need. The reports built on them (and so `keypost export`,
// the bot's answers and the dashboard) keep their numbers.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostFact, ScopePaths } from "../../src/ports/report-queries.ts";
import { PrismaReportQueries } from "../../src/infra/db/prisma-report-queries.ts";
import { loadDemoBank } from "../../src/cli/load-demo-bank.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

const unitUnder = (scope: ScopePaths) => ({ OR: scope.map((path) => ({ path: { startsWith: path } })) });

/** The Prisma reads of PrismaReportQueries before decision 20.15. */
async function referencePosts(db: TestDatabase, scope: ScopePaths): Promise<PostFact[]> {
  if (scope.length === 0) return [];
  const rows = await db.prisma.keyPost.findMany({
    where: { active: true, unit: unitUnder(scope) },
    select: {
      id: true,
      code: true,
      name: true,
      unitId: true,
      category: true,
      policyId: true,
      standardDefined: true,
      checklistTemplate: { select: { code: true, _count: { select: { items: true } } } },
    },
    orderBy: { code: "asc" },
  });
  return rows.map(({ checklistTemplate: t, ...p }) => ({
    ...p,
    checklistCode: t?.code ?? null,
    checklistItems: t?._count.items ?? 0,
  }));
}

async function referenceHoldings(db: TestDatabase, scope: ScopePaths) {
  if (scope.length === 0) return [];
  const rows = await db.prisma.assignment.findMany({
    where: { kind: "holder", endDate: null, post: { active: true, unit: unitUnder(scope) } },
    select: { id: true, employeeId: true, postId: true, startDate: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ assignmentId: r.id, employeeId: r.employeeId, postId: r.postId, startDate: r.startDate }));
}

/** The Prisma reads of audits and units before session 7 (decision 20.19). */
async function referenceAudits(db: TestDatabase, scope: ScopePaths) {
  if (scope.length === 0) return [];
  const unitIds = (await db.prisma.orgUnit.findMany({ where: unitUnder(scope), select: { id: true } })).map(
    (u) => u.id,
  );
  const rows = await db.prisma.audit.findMany({
    where: { unitId: { in: unitIds } },
    select: {
      id: true,
      postId: true,
      unitId: true,
      holderId: true,
      leaveId: true,
      status: true,
      dueDate: true,
      closedAt: true,
      signatures: { select: { at: true }, orderBy: { at: "asc" }, take: 1 },
    },
  });
  const codes = new Map(
    (await db.prisma.keyPost.findMany({ select: { id: true, code: true } })).map((k) => [k.id, k.code]),
  );
  return rows
    .map(({ signatures, ...r }) => ({
      ...r,
      postCode: codes.get(r.postId) ?? r.postId,
      signedAt: signatures[0]?.at ?? null,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function referenceUnits(db: TestDatabase) {
  const rows = await db.prisma.orgUnit.findMany({
    select: { id: true, code: true, name: true, path: true, timeZone: true, calendar: { select: { code: true } } },
    orderBy: { path: "asc" },
  });
  return rows.map(({ calendar, ...u }) => ({ ...u, calendarCode: calendar?.code ?? null }));
}

describe.each(ENGINES)("the reports' scope reads on %s", (engine) => {
  let db: TestDatabase;
  let queries: PrismaReportQueries;
  let scopes: ScopePaths[];

  beforeAll(async () => {
    db = await testDatabase(engine);
    await loadDemoBank(db, new FixedClock("2026-12-04T02:00:00Z"));
    const p = db.prisma;
    const top = await p.orgUnit.findFirstOrThrow({ where: { parentId: null } });
    // A unit whose code has LIKE's wildcards: "/HO/B_1%/" must not match "/HO/BX1Y/".
    const odd = await p.orgUnit.create({
      data: {
        id: randomUUID(),
        code: "B_1%",
        name: "Odd",
        kind: "branch",
        timeZone: "Asia/Shanghai",
        path: `${top.path}B_1%/`,
        parentId: top.id,
      },
    });
    const lookalike = await p.orgUnit.create({
      data: {
        id: randomUUID(),
        code: "BX1Y",
        name: "Lookalike",
        kind: "branch",
        timeZone: "Asia/Shanghai",
        path: `${top.path}BX1Y/`,
        parentId: top.id,
      },
    });
    const someone = await p.employee.findFirstOrThrow({ orderBy: { code: "asc" } });
    const other = await p.employee.findFirstOrThrow({ orderBy: { code: "desc" } });
    for (const [unit, code, active] of [
      [odd, "P-ODD", true],
      [lookalike, "P-LOOK", true],
      [odd, "P-GONE", false],
    ] as const) {
      const post = await p.keyPost.create({
        data: { id: randomUUID(), code, name: code, unitId: unit.id, category: "operations", active },
      });
      await p.assignment.create({
        data: { id: randomUUID(), employeeId: someone.id, postId: post.id, kind: "holder", startDate: "2025-01-01" },
      });
      await p.assignment.create({
        data: {
          id: randomUUID(),
          employeeId: other.id,
          postId: post.id,
          kind: "holder",
          startDate: "2023-01-01",
          endDate: "2024-12-31",
          endReason: "rotation",
        },
      });
      await p.assignment.create({
        data: { id: randomUUID(), employeeId: other.id, postId: post.id, kind: "acting", startDate: "2025-06-01" },
      });
    }
    // Audits in the odd unit and its lookalike: one closed with two signatures, one open.
    const posts = await p.keyPost.findMany({ where: { code: { in: ["P-ODD", "P-LOOK"] } }, orderBy: { code: "desc" } });
    for (const [i, post] of posts.entries()) {
      const audit = await p.audit.create({
        data: {
          id: randomUUID(),
          postId: post.id,
          holderId: someone.id,
          unitId: post.unitId,
          status: i === 0 ? "closed" : "fieldwork",
          dueDate: "2025-03-01",
          closedAt: i === 0 ? new Date("2025-02-27T09:30:15.123Z") : null,
        },
      });
      if (i === 0)
        for (const [who, at] of [
          [other.id, "2025-02-26T08:00:00.456Z"],
          [someone.id, "2025-02-25T07:00:00.789Z"],
        ] as const)
          await p.auditSignature.create({
            data: { id: randomUUID(), auditId: audit.id, employeeId: who, at: new Date(at) },
          });
    }
    queries = new PrismaReportQueries(db.prisma, db.provider);
    const units = await p.orgUnit.findMany({ select: { path: true }, orderBy: { path: "asc" } });
    scopes = [[], ...units.map((u) => [u.path]), [units[1]!.path, odd.path], [top.path]];
  }, 120_000);
  afterAll(async () => db?.drop());

  /** Prisma's startsWith does not escape LIKE's wildcards: its answer for a scope holding them is wrong. */
  const plain = (scope: ScopePaths) => scope.every((p) => !/[_%]/.test(p));

  it("reads the same posts, in the same order, for every scope", async () => {
    for (const scope of scopes.filter(plain))
      expect(await queries.posts(scope), scope.join(" ")).toEqual(await referencePosts(db, scope));
    const all = await queries.posts(scopes.at(-1)!);
    expect(all.some((p) => p.checklistCode !== null && p.checklistItems > 0)).toBe(true);
    expect(all.some((p) => p.checklistCode === null && p.checklistItems === 0)).toBe(true);
    expect(all.map((p) => p.code)).not.toContain("P-GONE");
    // The unit whose code holds `_` and `%` reads its own post only, not its lookalikes'.
    const odd = scopes.find((s) => s.length === 1 && s[0]!.endsWith("B_1%/"))!;
    expect((await queries.posts(odd)).map((p) => p.code)).toEqual(["P-ODD"]);
    expect((await referencePosts(db, odd)).length).toBeGreaterThan(1);
  });

  it("reads the same open holdings, in the same order, for every scope", async () => {
    for (const scope of scopes.filter(plain))
      expect(await queries.holdings(scope), scope.join(" ")).toEqual(await referenceHoldings(db, scope));
    const odd = scopes.find((s) => s.length === 1 && s[0]!.endsWith("B_1%/"))!;
    expect((await queries.holdings(odd)).length).toBe(1);
  });

  it("reads the same audits (post code, first signature, closing instant) and units", async () => {
    for (const scope of scopes.filter(plain))
      expect(await queries.audits(scope), scope.join(" ")).toEqual(await referenceAudits(db, scope));
    const all = await queries.audits(scopes.at(-1)!);
    expect(all.find((a) => a.postCode === "P-ODD")).toMatchObject({
      signedAt: new Date("2025-02-25T07:00:00.789Z"),
      closedAt: new Date("2025-02-27T09:30:15.123Z"),
    });
    const odd = scopes.find((s) => s.length === 1 && s[0]!.endsWith("B_1%/"))!;
    expect((await queries.audits(odd)).map((a) => a.postCode)).toEqual(["P-ODD"]);
    expect(await queries.units()).toEqual(await referenceUnits(db));
  });

  it("reads a holder's audits by key: the bank-wide read's audits of that holder, wherever they were", async () => {
    const all = await queries.audits(scopes.at(-1)!);
    const holders = [...new Set(all.map((a) => a.holderId))];
    expect(holders.length).toBeGreaterThan(0);
    const other = await db.prisma.employee.findFirstOrThrow({
      where: { id: { notIn: holders } },
      select: { id: true },
    });
    expect(await queries.auditsOf([other.id])).toEqual([]);
    for (const holder of holders)
      expect(await queries.auditsOf([holder]), holder).toEqual(all.filter((a) => a.holderId === holder));
    expect(await queries.auditsOf(holders)).toEqual(all);
    expect(await queries.auditsOf([])).toEqual([]);
  });

  it("reads the same employees by id", async () => {
    const ids = (await db.prisma.employee.findMany({ select: { id: true } })).map((e) => e.id);
    const reference = new Map(
      (await db.prisma.employee.findMany({ select: { id: true, code: true, name: true, nameEn: true } })).map((e) => [
        e.id,
        e,
      ]),
    );
    expect(await queries.employees([...ids, ids[0]!, "no-such-id"])).toEqual(reference);
    expect(await queries.employees([])).toEqual(new Map());
  });
});
