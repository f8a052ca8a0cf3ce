// Erasing a person's personal data (issue 19, "Personal data"): refused while they are employed,
// while a record naming them is inside its retention, and while such a class is on hold; once
// allowed, their name, e-mail, code, chat identities, roles, notices and the free text they wrote
// are gone, the records keep their id, the erasure is logged with counts only and checkpointed, and
// verify-log passes on the database and on an export read with no database. Both engines.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { DirectoryCheckpointStore } from "../../src/infra/audit-log/directory-checkpoint-store.ts";
import { appendLogEntry } from "../../src/infra/db/audit-log-writer.ts";
import { recordsEnv } from "../support/records-env.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const DEBT = "我为亲属的经营贷款提供了担保";

async function seed(db: TestDatabase): Promise<void> {
  const p = db.prisma;
  await p.orgUnit.create({
    data: { id: "u-1", code: "SB1", name: "朝阳支行", kind: "sub_branch", path: "/SB1/", timeZone: "Asia/Shanghai" },
  });
  const person = (id: string, code: string, status: string) =>
    p.employee.create({
      data: {
        id,
        code,
        name: `name ${code}`,
        nameEn: `Name ${code}`,
        email: `${code}@bank.example`,
        unitId: "u-1",
        status,
      },
    });
  await person("p-old", "E-OLD", "left");
  await person("p-new", "E-NEW", "left");
  await person("p-here", "E-HERE", "active");
  await p.roleGrant.create({ data: { id: "g-1", employeeId: "p-old", role: "auditor", unitId: "u-1" } });
  await p.chatIdentity.create({ data: { id: "c-1", employeeId: "p-old", platform: "slack", externalId: "U0FAKE01" } });
  await p.notice.create({
    data: {
      id: "n-1",
      dedupeKey: "n-1",
      recipientId: "p-old",
      platform: "log",
      kind: "k",
      subjectType: "leave",
      subjectId: "l-old",
      card: '{"title":{"en":"Name E-OLD"}}',
    },
  });
  const leave = (id: string, holderId: string, closedAt: Date) =>
    p.leave.create({
      data: {
        id,
        kind: "regular",
        holderId,
        postId: "post-1",
        unitId: "u-1",
        startDate: "2010-01-01",
        endDate: "2010-01-10",
        status: "closed",
        plannedById: "p-hr",
        closedAt,
      },
    });
  await leave("l-old", "p-old", at("2010-01-12"));
  await leave("l-new", "p-new", at("2025-05-12"));
  await p.majorEventReport.create({
    data: {
      id: "me-1",
      reporterId: "p-old",
      kind: "large_debt",
      description: DEBT,
      triageNote: "note on E-OLD",
      occurredOn: "2010-02-01",
      status: "closed",
      filedAt: at("2010-02-02"),
      triagedAt: at("2010-02-03"),
    },
  });
  await p.audit.create({
    data: {
      id: "a-1",
      postId: "post-1",
      holderId: "p-old",
      unitId: "u-1",
      status: "closed",
      requestedAt: at("2010-01-02"),
      closedAt: at("2010-03-01"),
      opinions: {
        create: [
          { id: "o-1", employeeId: "p-old", agrees: false, reason: "I was ill that week", at: at("2010-02-01") },
        ],
      },
    },
  });
  // The log names the person by id only.
  await p.$transaction((tx) =>
    appendLogEntry(tx, db.provider, {
      at: at("2010-02-01"),
      actorId: "p-old",
      platform: "slack",
      action: "audit.opinion_given",
      subjectType: "audit",
      subjectId: "a-1",
      data: { agrees: false },
    }),
  );
}

describe.each(ENGINES)("keypost erase-person on %s", (engine) => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    db = await testDatabase(engine);
    ({ dir, env } = recordsEnv(db.url, "keypost-erase-", { KEYPOST_RETENTION: "finra" }));
    await seed(db);
  });
  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = async (args: string[], over: Record<string, string> = {}) => {
    const io = capture();
    const code = await main(args, io, { ...env, ...over });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  it("refuses while employed, inside retention or on hold, and changes nothing", async () => {
    expect(await run(["erase-person", "E-HERE"])).toEqual({
      code: 1,
      stdout: [],
      stderr: ["refused: E-HERE has not left; nothing erased"],
    });
    expect(await run(["erase-person", "E-NEW"])).toEqual({
      code: 1,
      stdout: [],
      stderr: ["refused: leaves naming E-NEW are kept under finra until 2031-05-12; nothing erased"],
    });
    expect((await run(["erase-person", "E-OLD"], { KEYPOST_RETENTION: "cn-bank" })).stderr).toEqual([
      "refused: audits naming E-OLD are kept under cn-bank until 2040-03-01; nothing erased",
    ]);
    expect((await run(["legal-hold", "set", "major_event_reports", "--reason", "court order 12"])).code).toBe(0);
    expect((await run(["erase-person", "E-OLD"])).stderr).toEqual([
      "refused: major_event_reports naming E-OLD are under a legal hold (court order 12); nothing erased",
    ]);
    expect((await run(["erase-person", "E-NOBODY"])).stderr).toEqual([
      'no employee with code "E-NOBODY"; nothing erased',
    ]);
    expect(await db.prisma.employee.findUniqueOrThrow({ where: { id: "p-old" } })).toMatchObject({
      code: "E-OLD",
      email: "E-OLD@bank.example",
    });
    expect(await db.prisma.chatIdentity.count()).toBe(1);
  });

  it("erases the personal data, keeps the records by id, logs and checkpoints it; the log verifies", async () => {
    expect((await run(["erase-person", "E-OLD", "--dry-run"])).stdout).toEqual([
      "would erase the personal data of E-OLD",
    ]);
    expect(await run(["erase-person", "E-OLD"])).toEqual({
      code: 0,
      stdout: [
        "erased the personal data of E-OLD (1 chat identities, 1 notices); the erasure is logged and checkpointed",
      ],
      stderr: [],
    });
    const person = await db.prisma.employee.findUniqueOrThrow({ where: { id: "p-old" } });
    expect(person).toMatchObject({ name: "（已删除）", nameEn: "(erased)", email: null, locale: null });
    expect(person.code).toMatch(/^X-[0-9a-f]{12}$/);
    expect(await db.prisma.chatIdentity.count()).toBe(0);
    expect(await db.prisma.roleGrant.count()).toBe(0);
    expect(await db.prisma.notice.count()).toBe(0);
    expect(await db.prisma.majorEventReport.findUniqueOrThrow({ where: { id: "me-1" } })).toMatchObject({
      reporterId: "p-old",
      description: "",
      triageNote: "",
    });
    expect(await db.prisma.auditOpinion.findUniqueOrThrow({ where: { id: "o-1" } })).toMatchObject({ reason: "" });
    expect(await db.prisma.leave.findUniqueOrThrow({ where: { id: "l-old" } })).toMatchObject({ holderId: "p-old" });

    const everything = JSON.stringify([
      await db.prisma.employee.findMany(),
      await db.prisma.majorEventReport.findMany(),
      await db.prisma.auditOpinion.findMany(),
      await db.prisma.auditLogEntry.findMany(),
    ]);
    for (const personal of ["E-OLD", "U0FAKE01", DEBT, "I was ill"]) expect(everything).not.toContain(personal);

    const erased = await db.prisma.auditLogEntry.findFirstOrThrow({ where: { action: "people.erased" } });
    expect(erased).toMatchObject({ subjectType: "employee", subjectId: "p-old" });
    expect(JSON.parse(erased.data)).toEqual({
      fields: ["name", "nameEn", "email", "code", "locale"],
      identities: 1,
      roles: 1,
      notices: 1,
      reportTexts: 1,
      opinionReasons: 1,
    });
    const signed = await new DirectoryCheckpointStore(join(dir, "checkpoints")).list();
    expect(signed.filter((c) => c.reason === "purge").map((c) => c.hash)).toEqual([erased.hash]);
    expect(await run(["verify-log"])).toMatchObject({ code: 0, stdout: ["log ok: 2 entries", expect.any(String)] });
    const file = join(dir, "after-erasure.jsonl");
    expect((await run(["export", "audit-log", "--out", file])).code).toBe(0);
    expect((await run(["verify-log", "--file", file], { DATABASE_URL: "postgres://127.0.0.1:9/nowhere" })).code).toBe(
      0,
    );
  });
});
