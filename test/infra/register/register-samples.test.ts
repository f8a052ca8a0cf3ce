import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { SAMPLES, counts, exportTo, filesIn, importFiles, tableCounts } from "./register-support.ts";

const CREATED = {
  units: [5, 0, 0],
  employees: [8, 0, 0],
  posts: [5, 0, 0],
  assignments: [6, 0, 0],
  clients: [4, 0, 0],
};
const UNCHANGED = {
  units: [0, 0, 5],
  employees: [0, 0, 8],
  posts: [0, 0, 5],
  assignments: [0, 0, 6],
  clients: [0, 0, 4],
};

describe.each(ENGINES)("the sample register files on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => {
    await db.drop();
  });

  it("import cleanly, in whatever order the files are given, and a second import changes nothing", async () => {
    expect(counts(await importFiles(db, filesIn(SAMPLES).reverse()))).toEqual(CREATED);
    const after = await tableCounts(db);
    expect(after).toEqual({
      units: 5,
      employees: 8,
      roles: 8,
      identities: 8,
      posts: 5,
      assignments: 6,
      clients: 4,
      clientAssignments: 3,
      log: 1,
    });
    expect(counts(await importFiles(db, filesIn(SAMPLES)))).toEqual(UNCHANGED);
    expect(await tableCounts(db)).toEqual(after); // not even an audit-log entry
  });

  it("a dry run reports what would change and writes nothing", async () => {
    const outcome = await importFiles(db, filesIn(SAMPLES), { dryRun: true });
    expect(counts(outcome)).toEqual(CREATED);
    expect(outcome.ok && outcome.report.kinds.find((k) => k.kind === "units")!.changes).toEqual([
      "+ HO 总行",
      "+ BR1 北京分行",
      "+ BR1-01 朝阳支行",
      "+ BR2 上海分行",
      "+ HK 香港分行",
    ]);
    expect(outcome.ok && outcome.report.kinds.find((k) => k.kind === "employees")!.changes).toEqual([
      "+ E001 王建国",
      "+ E002 陈静",
      "+ E003 赵敏",
      "+ E004 胡军",
      "+ E005 梁雪",
    ]);
    // Made only for the few shown (decision 13.s13i-5), and still made for them.
    expect(outcome.ok && outcome.report.kinds.find((k) => k.kind === "posts")!.changes).toEqual([
      "+ P-BR1-01-RM 朝阳支行客户经理",
      "+ P-BR1-01-TELLER 朝阳支行柜员",
      "+ P-BR1-HEAD 北京分行行长",
      "+ P-BR2-BILLS 上海分行票据岗",
      "+ P-HO-CMP 总行合规经理",
    ]);
    expect(outcome.ok && outcome.report.kinds.find((k) => k.kind === "assignments")!.changes).toEqual([
      "+ E006 holder of P-BR1-01-RM from 2024-03-01",
      "+ E006 holder of P-BR1-01-TELLER from 2021-05-10 to 2024-02-29",
      "+ E005 holder of P-BR1-01-TELLER from 2024-03-01",
      "+ E006 acting of P-BR1-01-TELLER from 2025-09-01 to 2025-09-05",
      "+ E004 holder of P-BR1-HEAD from 2023-12-05",
    ]);
    expect(Object.values(await tableCounts(db)).every((n) => n === 0)).toBe(true);
  });

  it("stores what the files say: tree paths, grants, identities, risk points, portfolio", async () => {
    await importFiles(db, filesIn(SAMPLES));
    const p = db.prisma;
    expect((await p.orgUnit.findMany({ orderBy: { path: "asc" } })).map((u) => [u.code, u.path, u.timeZone])).toEqual([
      ["HO", "/HO/", "Asia/Shanghai"],
      ["BR1", "/HO/BR1/", "Asia/Shanghai"],
      ["BR1-01", "/HO/BR1/BR1-01/", "Asia/Shanghai"],
      ["BR2", "/HO/BR2/", "Asia/Shanghai"],
      ["HK", "/HO/HK/", "Asia/Hong_Kong"],
    ]);
    const chen = await p.employee.findUniqueOrThrow({
      where: { code: "E002" },
      include: { roles: { include: { unit: true } }, identities: true },
    });
    expect(chen.roles.map((r) => `${r.role}@${r.unit.code}`).sort()).toEqual(["compliance@HO", "compliance_head@HO"]);
    expect(chen.identities.map((i) => `${i.platform}:${i.externalId}`).sort()).toEqual([
      "slack:U0SAMPLE02",
      "teams:00000000-0000-4000-8000-00000000a002",
    ]);
    expect(chen.locale).toBe("zh-CN");
    expect((await p.employee.findUniqueOrThrow({ where: { code: "E008" } })).status).toBe("left");
    const rm = await p.keyPost.findUniqueOrThrow({ where: { code: "P-BR1-01-RM" } });
    expect(JSON.parse(rm.riskPoints)).toEqual(["挪用客户资金", "私售理财产品（飞单）"]);
    expect([rm.standardDefined, rm.active]).toEqual([false, true]);
    const portfolio = await p.clientAssignment.findMany({
      where: { employee: { code: "E006" } },
      include: { client: true },
      orderBy: { client: { code: "asc" } },
    });
    expect(portfolio.map((a) => [a.client.code, a.startDate, a.endDate, a.reason])).toEqual([
      ["C001", "2024-03-01", null, "import"],
      ["C002", "2024-05-20", null, "import"],
      ["C003", "2024-03-01", null, "import"],
    ]);
  });

  it("round-trip: import → export writes back the very sample files (CSV), and JSON exports import to the same register", async () => {
    await importFiles(db, filesIn(SAMPLES));
    const csv = await exportTo(db, "csv");
    for (const file of filesIn(SAMPLES))
      expect(readFileSync(join(csv, basename(file)), "utf8")).toBe(readFileSync(file, "utf8"));
    const json = await exportTo(db, "json");
    for (const file of filesIn(join(SAMPLES, "json"), ".json"))
      expect(readFileSync(join(json, basename(file)), "utf8")).toBe(readFileSync(file, "utf8"));

    const other = await testDatabase(engine);
    try {
      expect(counts(await importFiles(other, filesIn(json, ".json")))).toEqual(CREATED);
      const again = await exportTo(other, "csv");
      for (const file of filesIn(SAMPLES))
        expect(readFileSync(join(again, basename(file)), "utf8")).toBe(readFileSync(file, "utf8"));
    } finally {
      await other.drop();
    }
  });
});
