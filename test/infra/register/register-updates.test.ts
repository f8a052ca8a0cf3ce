import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { SAMPLES, counts, errorLines, filesIn, importFiles } from "./register-support.ts";

/** Writes the sample file of `kind` with `edit` applied; returns its path. */
function edited(kind: string, edit: (text: string) => string): string {
  const text = readFileSync(join(SAMPLES, `${kind}.csv`), "utf8");
  const changed = edit(text);
  if (changed === text) throw new Error(`the edit of ${kind}.csv changed nothing`);
  const path = join(mkdtempSync(join(tmpdir(), "keypost-register-")), `${kind}.csv`);
  writeFileSync(path, changed);
  return path;
}

const line = (text: string, code: string) => text.split("\n").find((l) => l.startsWith(`${code},`))!;
const replaceLine = (text: string, code: string, next: string) => text.replace(line(text, code), next);

describe.each(ENGINES)("re-importing changed register files on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
    await importFiles(db, filesIn(SAMPLES));
  });
  afterEach(async () => {
    await db.drop();
  });

  const person = (code: string) =>
    db.prisma.employee.findUniqueOrThrow({
      where: { code },
      include: { unit: true, roles: { include: { unit: true } }, identities: true },
    });

  it("replaces an employee's roles and chat ids with the file's, keeping an unchanged chat id's conversation", async () => {
    const e002 = await person("E002");
    await db.prisma.chatIdentity.updateMany({
      where: { employeeId: e002.id, platform: "slack" },
      data: { conversationRef: '{"channel":"D1"}', tenantId: "T1" },
    });
    const file = edited("employees", (t) =>
      replaceLine(t, "E002", "E002,陈静,Chen Jing,chen.jing@bank.example,BR1,active,en,auditor@BR1,U0SAMPLE02,"),
    );
    const dry = await importFiles(db, [file], { dryRun: true });
    expect(dry.ok && dry.report.kinds[0]!.changes).toEqual([
      "~ E002 unit_code HO → BR1; locale zh-CN → en; roles compliance@HO;compliance_head@HO → auditor@BR1; teams_aad_object_id 00000000-0000-4000-8000-00000000a002 → (empty)",
    ]);
    expect((await person("E002")).roles).toHaveLength(2); // the dry run wrote nothing

    expect(counts(await importFiles(db, [file]))).toEqual({ employees: [0, 1, 7] });
    const after = await person("E002");
    expect([after.unit.code, after.locale]).toEqual(["BR1", "en"]);
    expect(after.roles.map((r) => `${r.role}@${r.unit.code}`)).toEqual(["auditor@BR1"]);
    expect(after.identities.map((i) => [i.platform, i.externalId, i.tenantId, i.conversationRef])).toEqual([
      ["slack", "U0SAMPLE02", "T1", '{"channel":"D1"}'],
    ]);
    expect(counts(await importFiles(db, [file]))).toEqual({ employees: [0, 0, 8] });
  });

  it("lets two employees swap e-mail addresses and hand a chat id from one to another in one import", async () => {
    const file = edited("employees", (t) => {
      let next = t
        .replace("wang.jianguo@bank.example", "SWAP")
        .replace("chen.jing@bank.example", "wang.jianguo@bank.example")
        .replace("SWAP", "chen.jing@bank.example");
      next = replaceLine(next, "E005", "E005,梁雪,Liang Xue,liang.xue@bank.example,BR1-01,active,,,,");
      return replaceLine(
        next,
        "E006",
        "E006,郑凯,Zheng Kai,zheng.kai@bank.example,BR1-01,active,,,U0SAMPLE05;U0SAMPLE06,",
      );
    });
    expect(counts(await importFiles(db, [file]))).toEqual({ employees: [0, 4, 4] });
    expect((await person("E001")).email).toBe("chen.jing@bank.example");
    expect((await person("E002")).email).toBe("wang.jianguo@bank.example");
    expect((await person("E005")).identities).toEqual([]);
    expect((await person("E006")).identities.map((i) => i.externalId).sort()).toEqual(["U0SAMPLE05", "U0SAMPLE06"]);
  });

  it("settles a swap across chunks: a row whose e-mail a later row gives up waits for it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keypost-register-"));
    const rows = (swap: boolean) =>
      Array.from({ length: 1500 }, (_, i) => {
        const n = swap && (i === 0 || i === 1400) ? (i === 0 ? 1400 : 0) : i;
        return `X${i},员工${i},x${n}@bank.example,HO,U0X${n}`;
      });
    const file = join(dir, "employees.csv");
    writeFileSync(file, ["code,name,email,unit_code,slack_user_id", ...rows(false)].join("\n"));
    expect(counts(await importFiles(db, [file]))).toEqual({ employees: [1500, 0, 0] });
    writeFileSync(file, ["code,name,email,unit_code,slack_user_id", ...rows(true)].join("\n"));
    expect(counts(await importFiles(db, [file]))).toEqual({ employees: [0, 2, 1498] });
    expect((await person("X0")).email).toBe("x1400@bank.example");
    expect((await person("X1400")).identities.map((i) => i.externalId)).toEqual(["U0X0"]);
  });

  it("refuses an e-mail or chat id that belongs to someone the files do not mention", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "keypost-register-")), "employees.csv");
    writeFileSync(file, "code,name,email,unit_code,slack_user_id\nE009,新人,wang.jianguo@bank.example,HO,U0SAMPLE01\n");
    expect(errorLines(await importFiles(db, [file]))).toEqual([
      "employees.csv:2:email — e-mail wang.jianguo@bank.example already belongs to employee E001, who is not in the files imported",
      "employees.csv:2:slack_user_id — U0SAMPLE01 already belongs to employee E001, who is not in the files imported",
    ]);
  });

  it("moving a unit re-paths its whole subtree, the units the file does not list included", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "keypost-register-")), "units.csv");
    writeFileSync(file, "code,name,kind,parent_code,time_zone\nBR1,北京分行,branch,BR2,Asia/Shanghai\n");
    const outcome = await importFiles(db, [file]);
    expect(counts(outcome)).toEqual({ units: [0, 2, 0] });
    expect(outcome.ok && outcome.report.kinds[0]!.changes).toEqual([
      "~ BR1 name_en Beijing Branch → (empty); parent_code HO → BR2; path /HO/BR1/ → /HO/BR2/BR1/",
      "~ BR1-01 path /HO/BR1/BR1-01/ → /HO/BR2/BR1/BR1-01/",
    ]);
    expect((await db.prisma.orgUnit.findUniqueOrThrow({ where: { code: "BR1-01" } })).path).toBe("/HO/BR2/BR1/BR1-01/");
  });

  it("keeps a workflow status (on leave) that the file's 'active' does not know about, and sets 'left'", async () => {
    await db.prisma.employee.update({ where: { code: "E005" }, data: { status: "on_leave" } });
    expect(counts(await importFiles(db, [join(SAMPLES, "employees.csv")]))).toEqual({ employees: [0, 0, 8] });
    expect((await person("E005")).status).toBe("on_leave");
    const file = edited("employees", (t) =>
      replaceLine(t, "E005", "E005,梁雪,Liang Xue,liang.xue@bank.example,BR1-01,left,,,U0SAMPLE05,"),
    );
    expect(counts(await importFiles(db, [file]))).toEqual({ employees: [0, 1, 7] });
    expect((await person("E005")).status).toBe("left");
  });

  it("moves a client to another manager: the open assignment ends, a new one starts, history stays", async () => {
    const file = edited("clients", (t) =>
      t.replace(
        'C001,北京恒通商贸有限公司,"Beijing Hengtong Trading Co., Ltd.",BR1-01,E006,2024-03-01',
        'C001,北京恒通商贸有限公司,"Beijing Hengtong Trading Co., Ltd.",BR1-01,E005,2026-11-01',
      ),
    );
    const outcome = await importFiles(db, [file], { dryRun: true });
    expect(outcome.ok && outcome.report.kinds[0]!.changes).toEqual([
      "~ C001 manager_code E006 → E005 since 2026-11-01",
    ]);
    expect(counts(await importFiles(db, [file]))).toEqual({ clients: [0, 1, 3] });
    const history = await db.prisma.clientAssignment.findMany({
      where: { client: { code: "C001" } },
      include: { employee: true },
      orderBy: { startDate: "asc" },
    });
    expect(history.map((a) => [a.employee.code, a.startDate, a.endDate])).toEqual([
      ["E006", "2024-03-01", "2026-11-01"],
      ["E005", "2026-11-01", null],
    ]);
    expect(counts(await importFiles(db, [file]))).toEqual({ clients: [0, 0, 4] });

    const back = edited("clients", (t) =>
      t.replace(
        'C001,北京恒通商贸有限公司,"Beijing Hengtong Trading Co., Ltd.",BR1-01,E006,2024-03-01',
        'C001,北京恒通商贸有限公司,"Beijing Hengtong Trading Co., Ltd.",BR1-01,E006,2026-10-01',
      ),
    );
    expect(errorLines(await importFiles(db, [back]))).toEqual([
      "clients.csv:2:since — 2026-10-01 is before 2026-11-01, when the current manager took the client over",
    ]);
  });

  it("a client's English name is set and cleared by re-import", async () => {
    const file = edited("clients", (t) =>
      t.replace("C004,上海浦江物流有限公司,,BR2,,", "C004,上海浦江物流有限公司,Shanghai Pujiang Logistics,BR2,,"),
    );
    const outcome = await importFiles(db, [file], { dryRun: true });
    expect(outcome.ok && outcome.report.kinds[0]!.changes).toEqual([
      "~ C004 name_en (empty) → Shanghai Pujiang Logistics",
    ]);
    await importFiles(db, [file]);
    expect((await db.prisma.client.findUniqueOrThrow({ where: { code: "C004" } })).nameEn).toBe(
      "Shanghai Pujiang Logistics",
    );
    const cleared = edited("clients", (t) => t.replace(',"Beijing Hengtong Trading Co., Ltd.",', ",,"));
    await importFiles(db, [cleared]);
    expect((await db.prisma.client.findUniqueOrThrow({ where: { code: "C001" } })).nameEn).toBeNull();
  });

  it("refuses to give clients to someone who has left", async () => {
    const file = edited("clients", (t) =>
      t.replace("C004,上海浦江物流有限公司,,BR2,,", "C004,上海浦江物流有限公司,,BR2,E008,2026-11-01"),
    );
    expect(errorLines(await importFiles(db, [file]))).toEqual([
      "clients.csv:5:manager_code — employee E008 has left: give the client to someone else",
    ]);
  });

  it("ends and corrects assignments by their key (employee, post, kind, start date)", async () => {
    const file = edited("assignments", (t) =>
      t.replace("E004,P-BR1-HEAD,holder,2023-12-05,,", "E004,P-BR1-HEAD,holder,2023-12-05,2026-11-27,rotation"),
    );
    const outcome = await importFiles(db, [file]);
    expect(counts(outcome)).toEqual({ assignments: [0, 1, 5] });
    expect(outcome.ok && outcome.report.kinds[0]!.changes).toEqual([
      "~ E004 holder of P-BR1-HEAD from 2023-12-05 end_date (empty) → 2026-11-27; end_reason (empty) → rotation",
    ]);
    expect(basename(file)).toBe("assignments.csv");
  });
});
