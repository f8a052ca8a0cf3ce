// The audit log as an examiner gets it (issue 19): an export verified with no database (by Keypost
// and by the script in docs/audit-log.md), signed checkpoints outside the database that catch a
// whole-log rewrite and a cut tail done with plain SQL, the hourly checkpoint job, and who may
// export what while a leave is sealed. Every test runs on SQLite and PostgreSQL.
import { execFile } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { appendLogEntry, entryHash, LOG_HEAD_KEY } from "../../src/infra/db/audit-log-writer.ts";
import { verifyLog } from "../../src/infra/db/audit-log-verifier.ts";
import { keyIdOf } from "../../src/infra/audit-log/checkpoint-signing.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { documentedScript } from "../support/examiner-script.ts";
import { seedSmallBank } from "../support/small-bank.ts";

const run$ = promisify(execFile);
const NO_DATABASE = "postgres://127.0.0.1:9/nowhere";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

function newKey(dir: string, name: string): { file: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const file = join(dir, name);
  writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }).toString(), { mode: 0o600 });
  const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  writeFileSync(join(dir, `${name}.pub`), publicPem);
  return { file, publicPem, keyId: keyIdOf(publicPem) };
}

describe.each(ENGINES)("audit log records on %s", (engine) => {
  let db: TestDatabase;
  let dir: string;
  let key: ReturnType<typeof newKey>;
  let env: Record<string, string>;
  beforeEach(async () => {
    db = await testDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), "keypost-records-"));
    key = newKey(dir, "log-key.pem");
    env = {
      DATABASE_URL: db.url,
      LOG_LEVEL: "silent",
      KEYPOST_SCHEDULER: "off",
      KEYPOST_LOG_SIGNING_KEY_FILE: key.file,
      KEYPOST_LOG_CHECKPOINT_DIR: join(dir, "checkpoints"),
    };
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
  /** Verification with no database at all: the URL points nowhere and nothing may try it. */
  const verifyFile = (file: string, ...more: string[]) =>
    run(["verify-log", "--file", file, ...more], { DATABASE_URL: NO_DATABASE });

  let at = Date.parse("2026-12-01T01:00:00Z");
  const append = (subjectId: string, over: { sealedUntil?: Date; data?: Record<string, unknown> } = {}) =>
    db.prisma.$transaction((tx) =>
      appendLogEntry(tx, db.provider, {
        at: new Date((at += 60_000)),
        actorId: "emp-1",
        platform: "slack",
        action: "leave.planned",
        subjectType: "leave",
        subjectId,
        sealedUntil: over.sealedUntil ?? null,
        data: over.data ?? { 岗位: "柜员", n: at % 7 },
      }),
    );
  const seed = async (n: number) => {
    for (let i = 1; i <= n; i++) await append(`leave-${i}`);
  };
  const lines = (file: string) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it("exports JSON Lines and CSV with every hash, and verify-log --file proves both with no database", async () => {
    await seed(6);
    const jsonl = join(dir, "log.jsonl");
    const exported = await run(["export", "audit-log", "--out", jsonl]);
    expect(exported).toEqual({ code: 0, stdout: [`audit log: 6 entries up to #6 → ${jsonl}`], stderr: [] });
    const records = lines(jsonl);
    expect(records.map((r) => r.record)).toEqual(["header", ...Array<string>(6).fill("entry"), "checkpoint"]);
    expect(records[1]).toMatchObject({ seq: 1, subjectId: "leave-1", data: { 岗位: "柜员" } });
    expect(records[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const summary = `6 entries in full, 0 hash-only, 6 proven by 1 signed checkpoints (key ${key.keyId})`;
    expect(await verifyFile(jsonl)).toEqual({ code: 0, stdout: [`export ok: ${summary}`], stderr: [] });
    expect((await verifyFile(jsonl, "--public-key", `${key.file}.pub`)).code).toBe(0);

    const csv = join(dir, "log.csv");
    expect((await run(["export", "audit-log", "--format", "csv", "--out", csv])).code).toBe(0);
    expect(readFileSync(csv, "utf8").split("\n")[0]).toBe(
      "record,seq,at,actorId,platform,action,subjectType,subjectId,sealedUntil,data,personal,prevHash,hash",
    );
    // The second export signed a second checkpoint of the same head: both are in the file.
    expect(await verifyFile(csv)).toEqual({
      code: 0,
      stdout: [`export ok: 6 entries in full, 0 hash-only, 6 proven by 2 signed checkpoints (key ${key.keyId})`],
      stderr: [],
    });

    // A key the reader does not trust proves nothing.
    const other = newKey(dir, "other.pem");
    const pinnedOther = await verifyFile(jsonl, "--public-key", `${other.file}.pub`);
    expect(pinnedOther.code).toBe(1);
    expect(pinnedOther.stdout).toContain(
      `- the checkpoint of #6 at ${(records[7]!.checkpoint as { at: string }).at} is not signed by a pinned key`,
    );
  });

  it("finds a changed entry in an export, and the documented examiner's script agrees", async () => {
    await seed(5);
    const file = join(dir, "log.jsonl");
    expect((await run(["export", "audit-log", "--out", file])).code).toBe(0);
    const script = join(dir, "verify-keypost-export.mjs");
    writeFileSync(script, documentedScript());
    const ok = await run$(process.execPath, [script, file, key.keyId]);
    expect(ok.stdout).toBe("OK: 5 lines, 1 signed checkpoints, every entry proven\n");

    const tampered = join(dir, "tampered.jsonl");
    writeFileSync(tampered, readFileSync(file, "utf8").replace('"岗位":"柜员"', '"岗位":"金库"'));
    const broken = await verifyFile(tampered);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("- entry #1: its hash does not match its content");
    const scripted = await run$(process.execPath, [script, tampered, key.keyId]).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(scripted).toMatchObject({ code: 1, stdout: "FAILED: #1: its hash does not match its content\n" });
    // The script refuses a key that is not the bank's published one.
    const wrongKey = await run$(process.execPath, [script, file, "0000000000000000"]).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(wrongKey).toMatchObject({ code: 1, stdout: "FAILED: checkpoint #5: not the bank's key\n" });
  });

  it("--subject shows that subject in full up to the next checkpoint and the rest as hashes only", async () => {
    await append("s1");
    await append("s1");
    await append("s2");
    expect((await run(["tick", "--at", "2026-12-01T02:00:00Z"])).code).toBe(0); // the hourly checkpoint, at #3
    await append("s2");
    await append("s2");
    await append("s1");
    await append("s2");
    await append("s2");
    const file = join(dir, "s1.jsonl");
    expect((await run(["export", "audit-log", "--subject", "leave:s1", "--out", file])).code).toBe(0);
    const records = lines(file).filter((r) => r.record === "entry" || r.record === "omitted");
    expect(records.map((r) => `${String(r.record)}#${String(r.seq)}`)).toEqual([
      "entry#1",
      "entry#2",
      "entry#3",
      "omitted#4",
      "omitted#5",
      "entry#6",
      "entry#7",
      "entry#8",
    ]);
    expect(Object.keys(records[3]!).sort()).toEqual(["hash", "prevHash", "record", "seq"]);
    expect((await verifyFile(file)).stdout).toEqual([
      `export ok: 6 entries in full, 2 hash-only, 6 proven by 2 signed checkpoints (key ${key.keyId})`,
    ]);
    const script = join(dir, "verify.mjs");
    writeFileSync(script, documentedScript());
    expect((await run$(process.execPath, [script, file, key.keyId])).stdout).toMatch(/^OK: 8 lines/);
  });

  it("--from and --to select a stretch of time; the run ends at the first signed checkpoint after it", async () => {
    at = Date.parse("2026-12-01T01:00:00Z");
    await seed(6); // 01:01 … 01:06
    expect((await run(["tick", "--at", "2026-12-01T02:00:00Z"])).code).toBe(0); // checkpoint at #6
    await seed(3); // #7 … #9
    const file = join(dir, "stretch.jsonl");
    const args = ["export", "audit-log", "--from", "2026-12-01T01:03:00Z", "--to", "2026-12-01T01:05:00Z"];
    expect((await run([...args, "--out", file])).code).toBe(0);
    const records = lines(file);
    expect(records[0]).toMatchObject({ from: "2026-12-01T01:03:00.000Z", to: "2026-12-01T01:05:00.000Z" });
    expect(records.map((r) => `${String(r.record)}${r.seq === undefined ? "" : `#${String(r.seq)}`}`)).toEqual([
      "header",
      "entry#3",
      "entry#4",
      "entry#5",
      "entry#6",
      "checkpoint",
    ]);
    expect((await verifyFile(file)).stdout).toEqual([
      `export ok: 4 entries in full, 0 hash-only, 4 proven by 1 signed checkpoints (key ${key.keyId})`,
    ]);
    expect((await run(["export", "audit-log", "--from", "yesterday"])).stderr).toEqual([
      'keypost export: --from must be a date (YYYY-MM-DD, UTC) or an ISO instant with offset (got "yesterday")',
    ]);
  });

  it("refuses an export to anyone but compliance, and keeps a sealed leave out of a branch officer's file", async () => {
    const bank = await seedSmallBank(db);
    await db.prisma.roleGrant.create({
      data: { id: randomUUID(), employeeId: bank.ids.stranger, role: "compliance", unitId: bank.units.BR2.id },
    });
    await append("open-1");
    await append("secret-leave", {
      sealedUntil: new Date(Date.now() + 10 * 86_400_000),
      data: { 岗位: "金库保管员", holder: "E-TL" },
    });
    await append("open-2");

    const manager = await run(["export", "audit-log", "--as", "E-MG"]);
    expect(manager).toEqual({
      code: 2,
      stdout: [],
      stderr: ["keypost export: E-MG may not export the audit log: only compliance may (docs/audit-log.md)"],
    });

    const branch = join(dir, "branch.jsonl");
    expect((await run(["export", "audit-log", "--as", "E-XX", "--out", branch])).code).toBe(0);
    const text = readFileSync(branch, "utf8");
    expect(text).not.toContain("secret-leave");
    expect(text).not.toContain("金库保管员");
    expect(lines(branch).map((r) => r.record)).toEqual(["header", "entry", "omitted", "entry", "checkpoint"]);
    const verdict = await verifyFile(branch);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toContain("- 1 of 2 entries are not proven: no signed checkpoint follows them in full");

    const bankWide = join(dir, "bank.jsonl");
    expect((await run(["export", "audit-log", "--as", "E-CO", "--out", bankWide])).code).toBe(0);
    expect(readFileSync(bankWide, "utf8")).toContain("金库保管员");
    expect((await verifyFile(bankWide)).code).toBe(0);
  });

  /** Plain SQL with $n placeholders; SQLite's driver wants "?". */
  const sql = (text: string, ...values: unknown[]) =>
    db.prisma.$executeRawUnsafe(engine === "sqlite" ? text.replace(/\$\d+/g, "?") : text, ...values);

  /** Rewrites entries #from… with plain SQL, recomputing every hash and the head, as a database administrator could. */
  async function rewriteFrom(from: number, data: string): Promise<void> {
    const rows = await db.prisma.auditLogEntry.findMany({ orderBy: { seq: "asc" } });
    let prevHash = rows[from - 2]?.hash ?? "0".repeat(64);
    for (const row of rows.filter((r) => r.seq >= from)) {
      const changed = { ...row, data: row.seq === from ? data : row.data, prevHash };
      const hash = entryHash(prevHash, changed);
      await sql(
        `UPDATE "AuditLogEntry" SET "data" = $1, "prevHash" = $2, "hash" = $3 WHERE "seq" = $4`,
        changed.data,
        prevHash,
        hash,
        row.seq,
      );
      prevHash = hash;
    }
    await sql(`UPDATE "Setting" SET "value" = $1 WHERE "key" = $2`, `${rows.at(-1)!.seq}:${prevHash}`, LOG_HEAD_KEY);
  }

  it("verify-log catches a whole-log rewrite (hashes and head recomputed) that the database alone cannot", async () => {
    await seed(5);
    expect((await run(["tick", "--at", "2026-12-01T02:00:00Z"])).stdout).toContain(
      'ran log.checkpoint [2026-12-01T02Z] {"signed":1,"seq":5}',
    );
    expect(await run(["verify-log"])).toEqual({
      code: 0,
      stdout: ["log ok: 5 entries", "1 signed checkpoints match"],
      stderr: [],
    });
    await rewriteFrom(2, '{"n":0,"岗位":"会计"}');
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 5, checkpoints: 0 }); // the chain alone is sound
    const result = await run(["verify-log"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toEqual([
      expect.stringMatching(
        /^log broken at entry #5: entry #5 is not the one the signed checkpoint of 2026-12-01T02:00:00.000Z recorded: the log was rewritten$/,
      ),
    ]);
  });

  it("verify-log catches a cut tail with the head rewritten; the hourly job refuses to sign it", async () => {
    await seed(10);
    expect((await run(["tick", "--at", "2026-12-01T02:00:00Z"])).code).toBe(0);
    const seventh = await db.prisma.auditLogEntry.findUniqueOrThrow({ where: { seq: 7 } });
    await sql(`DELETE FROM "AuditLogEntry" WHERE "seq" > 7`);
    await sql(`UPDATE "Setting" SET "value" = $1 WHERE "key" = $2`, `7:${seventh.hash}`, LOG_HEAD_KEY);
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 7, checkpoints: 0 }); // the chain alone is sound
    expect(await run(["verify-log"])).toEqual({
      code: 1,
      stdout: [
        "log broken at entry #8: entries #8 to #10 are missing: the signed checkpoint of 2026-12-01T02:00:00.000Z records #10 but the log ends at #7",
      ],
      stderr: [],
    });
    const next = await run(["tick", "--at", "2026-12-01T03:00:00Z"]);
    expect(next.stdout).toContain('ran log.checkpoint [2026-12-01T03Z] {"signed":0,"broken":1}');
    expect(next.stderr).toEqual([
      "audit log checkpoint refused: the audit log ends at #7 but the checkpoint of 2026-12-01T02:00:00.000Z records #10: entries were removed",
    ]);
  });

  it("runs the checkpoint job once an hour and trusts only pinned keys when asked", async () => {
    await seed(2);
    expect((await run(["tick", "--at", "2026-12-01T02:00:00Z"])).stdout).toContain(
      'ran log.checkpoint [2026-12-01T02Z] {"signed":1,"seq":2}',
    );
    expect((await run(["tick", "--at", "2026-12-01T02:30:00Z"])).stdout).toContain(
      "skipped log.checkpoint [2026-12-01T02Z]: already run",
    );
    // Rotation: a new key signs from now on; both keys are pinned by the examiner.
    const rotated = newKey(dir, "log-key-2027.pem");
    await append("after-rotation");
    expect(
      (await run(["tick", "--at", "2026-12-01T03:00:00Z"], { KEYPOST_LOG_SIGNING_KEY_FILE: rotated.file })).code,
    ).toBe(0);
    expect(
      (await run(["verify-log", "--public-key", `${key.file}.pub`, "--public-key", `${rotated.file}.pub`])).stdout,
    ).toEqual(["log ok: 3 entries", "2 signed checkpoints match"]);
    const onlyOld = await run(["verify-log", "--public-key", `${key.file}.pub`]);
    expect(onlyOld.code).toBe(1);
    expect(onlyOld.stdout).toEqual([
      "log not proven: the checkpoint of #3 at 2026-12-01T03:00:00.000Z is not signed by a pinned key",
    ]);
  });

  it("log-key prints the key id and creates new keys without overwriting", async () => {
    expect((await run(["log-key"])).stdout[0]).toBe(`key id ${key.keyId}`);
    const fresh = join(dir, "fresh.pem");
    const made = await run(["log-key", "--new", fresh]);
    expect(made.code).toBe(0);
    expect(made.stdout[0]).toMatch(/^new key [0-9a-f]{16} written/);
    expect((await run(["log-key", "--new", fresh])).code).toBe(2);
    expect((await run(["export", "audit-log"], { KEYPOST_LOG_SIGNING_KEY_FILE: "" })).stderr).toEqual([
      "keypost export: export audit-log needs KEYPOST_LOG_SIGNING_KEY_FILE: an export is proven by the checkpoint signed for it",
    ]);
  });
});
