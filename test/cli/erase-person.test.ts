// Erasing a person's personal data (issue 19, "Personal data"): refused while they are employed,
// while a record naming them is inside its retention, and while such a class is on hold; once
// allowed, their name, e-mail, code, chat identities, roles, notices and the free text they wrote
// are gone, the records keep their id, the erasure is logged with counts only and checkpointed, and
// verify-log passes on the database and on an export read with no database. The audit log loses
// their chat ids, codes and typed text too (decisions 19.23–19.25): format-2 entries keep their
// hashes, format-1 entries are named by the erasure's own signed entry; the raw rows hold none of it,
// verify-log, verify-log --file and the documented examiner's script pass, and a redacted entry
// changed again — or a format-1 entry redacted by hand with no erasure naming it — is named. Both engines.
import { execFile } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { keyIdOf } from "../../src/infra/audit-log/checkpoint-signing.ts";
import { DirectoryCheckpointStore } from "../../src/infra/audit-log/directory-checkpoint-store.ts";
import { logRecordsOf, type LogRecords } from "../../src/infra/audit-log/log-records.ts";
import { personErasure } from "../../src/infra/records/person-erasure.ts";
import { runPurge } from "../../src/infra/records/purge-runner.ts";
import type { LogEntryInput } from "../../src/ports/audit-log.ts";
import { appendLogEntry } from "../../src/infra/db/audit-log-writer.ts";
import { documentedScript } from "../support/examiner-script.ts";
import { recordsEnv } from "../support/records-env.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const DEBT = "我为亲属的经营贷款提供了担保";
const ILL = "I was ill that week";
const FINDING = "柜员尾箱短款 3,000 元未登记";
const NO_DATABASE = "postgres://127.0.0.1:9/nowhere";
const run$ = promisify(execFile);

/**
 * The log as years of use leave it: entries #1–#5 in format 1 (written before format 2, or naming
 * nothing personal), #6–#8 in format 2 (personal members declared by their writer).
 */
const LOG: readonly Omit<LogEntryInput, "at" | "platform">[] = [
  { actorId: "p-old", action: "audit.opinion_given", subjectType: "audit", subjectId: "a-1", data: { agrees: false } },
  {
    actorId: "p-old",
    action: "employee.chat_identity_linked",
    subjectType: "employee",
    subjectId: "p-old",
    data: { platform: "slack", externalId: "U0FAKE01", tenantId: "T0FAKE", by: "email" },
  },
  {
    actorId: "p-old",
    action: "audit.opinion_given",
    subjectType: "audit",
    subjectId: "a-1",
    data: { agrees: false, reason: ILL },
  },
  {
    actorId: null,
    action: "notice.escalated",
    subjectType: "leave",
    subjectId: "l-old",
    data: { notice: "n-1", kind: "k", recipient: "E-OLD", to: ["E-OLD", "E-HERE"] },
  },
  {
    actorId: "p-auditor",
    action: "audit.finding_recorded",
    subjectType: "audit",
    subjectId: "a-1",
    data: { seq: 1, severity: "high", description: FINDING },
  },
  {
    actorId: null,
    action: "notice.reminded",
    subjectType: "leave",
    subjectId: "l-old",
    data: { notice: "n-1", kind: "k", recipient: "E-OLD", reminder: 1 },
    personal: { recipient: "p-old" },
  },
  {
    actorId: null,
    action: "notice.escalated",
    subjectType: "leave",
    subjectId: "l-new",
    data: { notice: "n-2", kind: "k", recipient: "E-HERE", to: ["E-OLD", "E-HERE"] },
    personal: { recipient: "p-here", to: ["p-old", "p-here"] },
  },
  {
    actorId: "p-old",
    action: "employee.chat_identity_linked",
    subjectType: "employee",
    subjectId: "p-old",
    data: { platform: "teams", externalId: "U0FAKE02", tenantId: "T0FAKE", by: "email" },
    personal: { externalId: "p-old" },
  },
];

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
  for (const [i, entry] of LOG.entries())
    await p.$transaction((tx) =>
      appendLogEntry(tx, db.provider, {
        ...entry,
        at: new Date(at("2010-02-01").getTime() + i * 60_000),
        platform: "slack",
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
        "erased the personal data of E-OLD (1 chat identities, 1 notices, 7 log entries); the erasure is logged and checkpointed",
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
    const stored = await db.prisma.auditLogEntry.findMany({ orderBy: { seq: "asc" } });

    const erased = await db.prisma.auditLogEntry.findFirstOrThrow({ where: { action: "people.erased" } });
    expect(erased).toMatchObject({ subjectType: "employee", subjectId: "p-old" });
    expect(JSON.parse(erased.data)).toEqual({
      fields: ["name", "nameEn", "email", "code", "locale"],
      identities: 1,
      roles: 1,
      notices: 1,
      reportTexts: 1,
      opinionReasons: 1,
      logEntries: 7,
      // The format-1 entries redacted, each by its stored hash (the next entry still links to it).
      redactedOld: [2, 3, 4, 5].map((seq) => ({
        seq,
        hash: stored[seq - 1]!.hash,
        redactedHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      })),
    });
    const signed = await new DirectoryCheckpointStore(join(dir, "checkpoints")).list();
    expect(signed.filter((c) => c.reason === "purge").map((c) => c.hash)).toEqual([erased.hash]);
    expect(await run(["verify-log"])).toMatchObject({ code: 0, stdout: ["log ok: 9 entries", expect.any(String)] });
    const file = join(dir, "after-erasure.jsonl");
    expect((await run(["export", "audit-log", "--out", file])).code).toBe(0);
    expect((await run(["verify-log", "--file", file], { DATABASE_URL: "postgres://127.0.0.1:9/nowhere" })).code).toBe(
      0,
    );
  });

  const rawRows = async (table: string) =>
    JSON.stringify(await db.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`), (_k, v: unknown) =>
      typeof v === "bigint" ? Number(v) : v,
    );
  const sql = (text: string, ...values: unknown[]) =>
    db.prisma.$executeRawUnsafe(engine === "sqlite" ? text.replace(/\$\d+/g, "?") : text, ...values);
  const examiner = async (file: string) => {
    const script = join(dir, "verify-keypost-export.mjs");
    writeFileSync(script, documentedScript());
    const publicPem = createPublicKey(readFileSync(join(dir, "key.pem"))).export({ type: "spki", format: "pem" });
    return run$(process.execPath, [script, file, keyIdOf(publicPem.toString())]).catch(
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
  };

  it("removes the person's chat ids, codes and typed text from the log; the chain, exports and the script still verify", async () => {
    // An export before the erasure: its checkpoint signs #8, so a later subject export of audit a-1
    // ends there and carries the erasure entry beside its run.
    expect((await run(["export", "audit-log", "--out", join(dir, "before.jsonl")])).code).toBe(0);
    expect((await run(["erase-person", "E-OLD"])).code).toBe(0);

    // The raw rows, read with plain SQL, hold none of the person's data; the others' stays.
    const log = await rawRows("AuditLogEntry");
    for (const personal of ["E-OLD", "U0FAKE01", "U0FAKE02", ILL, FINDING]) expect(log).not.toContain(personal);
    expect(log).toContain("E-HERE");
    for (const table of ["Employee", "ChatIdentity", "AuditOpinion", "MajorEventReport", "Notice"])
      for (const personal of ["E-OLD", "U0FAKE01", ILL, DEBT])
        expect(await rawRows(table), table).not.toContain(personal);

    const rows = await db.prisma.auditLogEntry.findMany({ orderBy: { seq: "asc" } });
    const erasedCode = (await db.prisma.employee.findUniqueOrThrow({ where: { id: "p-old" } })).code;
    // Format 1: codes become the erased code (a list keeps the others), texts and chat ids go.
    expect(rows.slice(0, 5).map((r) => JSON.parse(r.data) as unknown)).toEqual([
      { agrees: false },
      { platform: "slack", tenantId: "T0FAKE", by: "email" },
      { agrees: false },
      { notice: "n-1", kind: "k", recipient: erasedCode, to: [erasedCode, "E-HERE"] },
      { seq: 1, severity: "high" },
    ]);
    // Format 2: the person's members and salts are gone, their digests stay; another owner's keep their salt.
    expect(JSON.parse(rows[6]!.data)).toEqual({ notice: "n-2", kind: "k", recipient: "E-HERE" });
    expect(JSON.parse(rows[6]!.personal!)).toEqual({
      recipient: { owners: ["p-here"], salt: expect.any(String) },
      to: { owners: ["p-old", "p-here"], sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(rows[7]!.personal).not.toContain("salt");

    expect((await run(["verify-log"])).stdout[0]).toBe("log ok: 9 entries");
    for (const args of [[], ["--subject", "audit:a-1"], ["--format", "csv"]]) {
      const file = join(dir, `after${args.join("")}.${args.includes("csv") ? "csv" : "jsonl"}`);
      expect((await run(["export", "audit-log", ...args, "--out", file])).code).toBe(0);
      expect((await run(["verify-log", "--file", file], { DATABASE_URL: NO_DATABASE })).code, file).toBe(0);
      if (!args.includes("csv"))
        expect((await examiner(file)).stdout, file).toMatch(
          /^OK: \d+ lines, \d+ signed checkpoints, every entry proven\n$/,
        );
    }
    // The subject export ends at the checkpoint of #8: the erasure (#9) travels beside it, with its own checkpoint.
    const subject = readFileSync(join(dir, "after--subjectaudit:a-1.jsonl"), "utf8");
    const records = subject
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { record: string; seq?: number; entry?: { seq: number } });
    expect(records.filter((r) => r.record === "erasure").map((r) => r.entry!.seq)).toEqual([9]);
    expect(Math.max(...records.filter((r) => r.record === "entry").map((r) => r.seq!))).toBe(8);

    // The redacted entry #3 changed again: named by verify-log, verify-log --file and the script.
    const third = subject.split("\n").find((l) => l.includes('"seq":3,'))!;
    const tampered = join(dir, "tampered.jsonl");
    writeFileSync(tampered, subject.replace(third, third.replace('"agrees":false', '"agrees":true')));
    const file = await run(["verify-log", "--file", tampered], { DATABASE_URL: NO_DATABASE });
    expect(file.code).toBe(1);
    expect(file.stdout).toContain("- entry #3: its hash does not match its content");
    expect(await examiner(tampered)).toEqual({ code: 1, stdout: "FAILED: #3: its hash does not match its content\n" });
    await sql(`UPDATE "AuditLogEntry" SET "data" = $1 WHERE "seq" = 3`, '{"agrees":true}');
    expect(await run(["verify-log"])).toMatchObject({
      code: 1,
      stdout: [
        "log broken at entry #3: entry #3 was changed after it was written: its hash does not match its content",
      ],
    });
  });

  it("names a format-1 entry redacted by hand, with no erasure entry naming it", async () => {
    expect((await run(["export", "audit-log", "--out", join(dir, "before.jsonl")])).code).toBe(0);
    expect((await run(["verify-log"])).code).toBe(0);
    await sql(`UPDATE "AuditLogEntry" SET "data" = $1 WHERE "seq" = 3`, '{"agrees":false}');
    expect(await run(["verify-log"])).toMatchObject({
      code: 1,
      stdout: [
        "log broken at entry #3: entry #3 was changed after it was written: its hash does not match its content",
      ],
    });
  });

  it("signs the erasure entry itself when another entry lands before the head is signed", async () => {
    expect((await run(["export", "audit-log", "--out", join(dir, "before.jsonl")])).code).toBe(0); // signs #8
    const records = await logRecordsOf(
      {
        KEYPOST_LOG_SIGNING_KEY_FILE: env.KEYPOST_LOG_SIGNING_KEY_FILE!,
        KEYPOST_LOG_CHECKPOINT_DIR: env.KEYPOST_LOG_CHECKPOINT_DIR!,
      },
      db,
    );
    // A server appends #10 between the erasure's commit and its checkpoint of the head.
    const busy: LogRecords = {
      ...records,
      checkpointer: {
        async checkpoint(reason, when) {
          await db.prisma.$transaction((tx) =>
            appendLogEntry(tx, db.provider, {
              at: when,
              actorId: null,
              platform: "scheduler",
              action: "notice.sent",
              subjectType: "notice",
              subjectId: "n-9",
              data: {},
            }),
          );
          return records.checkpointer.checkpoint(reason, when);
        },
      },
    };
    const result = await runPurge(db, busy, personErasure("p-old"), undefined, at("2026-12-01"));
    expect(result.tombstone).toBe(9);
    const purge = (await records.store.list()).filter((c) => c.reason === "purge").map((c) => c.seq);
    expect(purge.sort()).toEqual([10, 9].sort());
    // A subject export ending at #8 carries the erasure (#9), proven by its own checkpoint.
    const file = join(dir, "subject.jsonl");
    expect((await run(["export", "audit-log", "--subject", "audit:a-1", "--out", file])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain('"record":"erasure"');
    expect((await run(["verify-log", "--file", file], { DATABASE_URL: NO_DATABASE })).code).toBe(0);
    expect((await examiner(file)).stdout).toMatch(/^OK: /);
  });
});
