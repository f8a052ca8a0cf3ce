// Purging leaves, audits and findings past retention (issue 19): each purge removes the records
// with their dependants (handovers, checklist answers, evidence files and their bytes, findings,
// opinions, signatures, rectifications, notices and tokens), keeps what is still under way or still
// referred to, refuses inside retention and under a hold (a purge of audits also honours the
// findings' hold), logs what went, leaves a signed checkpoint at its records.purged entry, and
// verify-log passes on the database and on an export read with no database. Both engines.
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { DirectoryCheckpointStore } from "../../src/infra/audit-log/directory-checkpoint-store.ts";
import { DirectoryEvidenceStore } from "../../src/infra/records/directory-evidence-store.ts";
import { recordsEnv } from "../support/records-env.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const ONLY_A1 = new TextEncoder().encode("%PDF-1.4 cash count of audit a1");
const SHARED = new TextEncoder().encode("%PDF-1.4 vault register, attached to a2 and a3");
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function seed(db: TestDatabase): Promise<void> {
  const p = db.prisma;
  const leave = (id: string, status: string, endDate: string, closedAt: Date | null) =>
    p.leave.create({
      data: {
        id,
        kind: "regular",
        holderId: "emp-teller",
        postId: "post-1",
        unitId: "unit-1",
        startDate: "2010-01-01",
        endDate,
        status,
        plannedById: "emp-hr",
        closedAt,
      },
    });
  await leave("l-old", "closed", "2010-01-10", at("2010-01-12"));
  await leave("l-audited", "closed", "2010-03-10", at("2010-03-12"));
  await leave("l-under-way", "started", "2010-05-10", null);
  await leave("l-recent", "closed", "2025-05-10", at("2025-05-12"));
  await p.handover.create({
    data: {
      id: "h-old",
      postId: "post-1",
      fromId: "emp-teller",
      toId: "emp-sub",
      purpose: "leave_start",
      leaveId: "l-old",
      status: "confirmed",
      items: { create: [{ id: "hi-1", seq: 1, kind: "key", description: "vault key" }] },
      confirms: {
        create: [
          { id: "hc-1", itemSeq: 0, side: "to", employeeId: "emp-sub", platform: "slack", at: at("2010-01-01") },
        ],
      },
    },
  });
  const audit = (id: string, status: string, leaveId: string | null, closedAt: Date | null) =>
    p.audit.create({
      data: {
        id,
        leaveId,
        postId: "post-1",
        holderId: "emp-teller",
        unitId: "unit-1",
        status,
        requestedAt: at("2010-03-01"),
        closedAt,
      },
    });
  await audit("a1", "closed", "l-audited", at("2011-03-01"));
  await audit("a2", "closed", null, at("2012-03-01"));
  await audit("a3", "fieldwork", null, null);
  for (const id of ["a1", "a2", "a3"]) {
    await p.auditMember.create({
      data: { id: `m-${id}`, auditId: id, employeeId: "emp-auditor", role: "team_leader" },
    });
    await p.auditChecklistItem.create({
      data: { id: `i-${id}`, auditId: id, seq: 1, text: "清点现金", result: "exception", markedById: "emp-auditor" },
    });
    await p.finding.create({
      data: { id: `f-${id}`, auditId: id, seq: 1, severity: "high", description: `short cash ${id}`, createdById: "x" },
    });
    await p.rectification.create({
      data: {
        id: `r-${id}`,
        auditId: id,
        findingSeq: 1,
        description: "recount",
        ownerId: "emp-teller",
        dueDate: "2011-01-01",
      },
    });
    await p.rectification.create({
      data: {
        id: `r0-${id}`,
        auditId: id,
        description: "train the team",
        ownerId: "emp-teller",
        dueDate: "2011-01-01",
      },
    });
    await p.notice.create({
      data: {
        id: `n-${id}`,
        dedupeKey: `audit:${id}`,
        recipientId: "emp-teller",
        platform: "log",
        kind: "audit_notice",
        subjectType: "audit",
        subjectId: id,
        card: "{}",
      },
    });
    await p.notice.create({
      data: {
        id: `nr-${id}`,
        dedupeKey: `rectification:r-${id}`,
        recipientId: "emp-teller",
        platform: "log",
        kind: "rectification_due",
        subjectType: "rectification",
        subjectId: `r-${id}`,
        card: "{}",
      },
    });
  }
  await p.auditOpinion.create({
    data: { id: "o-a1", auditId: "a1", employeeId: "emp-teller", agrees: true, at: at("2011-02-01") },
  });
  await p.auditSignature.create({
    data: { id: "s-a1", auditId: "a1", employeeId: "emp-auditor", at: at("2011-02-02") },
  });
  const file = (id: string, auditId: string, bytes: Uint8Array) =>
    p.evidenceFile.create({
      data: {
        id,
        auditId,
        itemSeq: 1,
        name: `${id}.pdf`,
        mediaType: "application/pdf",
        bytes: bytes.length,
        sha256: sha(bytes),
        uploadedById: "emp-auditor",
        uploadedAt: at("2011-01-01"),
      },
    });
  await file("e-a1", "a1", ONLY_A1);
  await file("e-a2", "a2", SHARED);
  await file("e-a3", "a3", SHARED);
  for (const [id, type, subject] of [
    ["n-leave", "leave", "l-old"],
    ["n-handover", "handover", "h-old"],
    ["n-kept", "leave", "l-recent"],
  ] as const) {
    await p.notice.create({
      data: {
        id,
        dedupeKey: id,
        recipientId: "emp-sub",
        platform: "log",
        kind: "k",
        subjectType: type,
        subjectId: subject,
        card: "{}",
      },
    });
    await p.actionToken.create({
      data: {
        id: `t-${id}`,
        action: "ack",
        subjectType: type,
        subjectId: subject,
        subjectVersion: 1,
        recipientId: "emp-sub",
      },
    });
  }
}

describe.each(ENGINES)("keypost purge leaves, audits and findings on %s", (engine) => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    db = await testDatabase(engine);
    ({ dir, env } = recordsEnv(db.url, "keypost-record-purge-", { KEYPOST_RETENTION: "finra" }));
    env.KEYPOST_EVIDENCE_DIR = join(dir, "evidence");
    await seed(db);
    const store = new DirectoryEvidenceStore(join(dir, "evidence"));
    await store.put(ONLY_A1);
    await store.put(SHARED);
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
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id).sort();
  const evidencePath = (b: Uint8Array) => join(dir, "evidence", sha(b).slice(0, 2), sha(b));

  it("refuses inside retention and under a hold (audits honour the findings' hold) and removes nothing", async () => {
    expect(await run(["purge", "leaves", "--before", "2020-01-01"], { KEYPOST_RETENTION: "cn-bank" })).toEqual({
      code: 1,
      stdout: [],
      stderr: [
        "refused: leaves is kept 10 years under cn-bank; records dated before 2020-01-01 may go from 2030-01-01; nothing removed",
      ],
    });
    expect((await run(["legal-hold", "set", "findings", "--reason", "NFRA inspection 2026-12"])).code).toBe(0);
    expect(await run(["purge", "audits", "--before", "2015-01-01"])).toEqual({
      code: 1,
      stdout: [],
      stderr: ["refused: findings is under a legal hold (NFRA inspection 2026-12); nothing removed"],
    });
    expect((await run(["purge", "findings", "--before", "2015-01-01"])).code).toBe(1);
    expect(await run(["purge", "leaves", "--before", "2015-01-01"], { KEYPOST_LOG_SIGNING_KEY_FILE: "" })).toEqual({
      code: 1,
      stdout: [],
      stderr: [
        "refused: purging leaves needs KEYPOST_LOG_SIGNING_KEY_FILE: the purge leaves a signed checkpoint as its tombstone",
      ],
    });
    expect(await db.prisma.audit.count()).toBe(3);
    expect(await db.prisma.finding.count()).toBe(3);
    expect(await db.prisma.leave.count()).toBe(4);
    expect(await db.prisma.auditLogEntry.count({ where: { action: "records.purged" } })).toBe(0);
  });

  it("purges findings, then audits, then leaves, with their dependants; each leaves a signed tombstone; the log verifies", async () => {
    expect((await run(["purge", "leaves", "--before", "2015-01-01", "--dry-run"])).stdout).toEqual([
      "would remove 1 leaves; 1 still under way kept; 1 referred to by an audit kept",
    ]);
    expect(await run(["purge", "leaves", "--before", "2015-01-01"])).toEqual({
      code: 0,
      stdout: [
        "removed 1 leaves with 1 handovers and their notices; the purge is logged and checkpointed; 1 still under way kept; 1 referred to by an audit kept",
      ],
      stderr: [],
    });
    expect(await ids(db.prisma.leave.findMany())).toEqual(["l-audited", "l-recent", "l-under-way"]);
    expect(await db.prisma.handover.count()).toBe(0);
    expect(await db.prisma.handoverItem.count()).toBe(0);
    expect(await db.prisma.handoverConfirmation.count()).toBe(0);
    expect(await ids(db.prisma.notice.findMany({ where: { subjectType: { in: ["leave", "handover"] } } }))).toEqual([
      "n-kept",
    ]);
    expect(await ids(db.prisma.actionToken.findMany())).toEqual(["t-n-kept"]);

    // Findings of audits closed before mid-2011: a1's finding and the rectification raised for it.
    expect((await run(["purge", "findings", "--before", "2011-06-01", "--dry-run"])).stdout).toEqual([
      "would remove 1 findings of 1 closed audits; 1 not closed kept",
    ]);
    expect((await run(["purge", "findings", "--before", "2011-06-01"])).stdout).toEqual([
      "removed 1 findings with 1 rectifications; the purge is logged and checkpointed; 1 not closed kept",
    ]);
    expect(await ids(db.prisma.finding.findMany())).toEqual(["f-a2", "f-a3"]);
    expect(await ids(db.prisma.rectification.findMany())).toEqual(["r-a2", "r-a3", "r0-a1", "r0-a2", "r0-a3"]);
    expect(await db.prisma.notice.count({ where: { subjectId: "r-a1" } })).toBe(0);
    expect(await db.prisma.audit.count()).toBe(3);

    expect(await run(["purge", "audits", "--before", "2015-01-01"])).toEqual({
      code: 0,
      stdout: [
        "removed 2 audits with 1 findings, 3 rectifications and 2 evidence files; the purge is logged and checkpointed; 1 not closed kept",
      ],
      stderr: [],
    });
    expect(await ids(db.prisma.audit.findMany())).toEqual(["a3"]);
    for (const rows of [
      db.prisma.auditMember.findMany(),
      db.prisma.auditChecklistItem.findMany(),
      db.prisma.finding.findMany(),
      db.prisma.evidenceFile.findMany(),
    ])
      expect(await ids(rows)).toEqual([expect.stringMatching(/a3$/)]);
    expect(await db.prisma.auditOpinion.count()).toBe(0);
    expect(await db.prisma.auditSignature.count()).toBe(0);
    expect(await ids(db.prisma.rectification.findMany())).toEqual(["r-a3", "r0-a3"]);
    expect(
      await ids(db.prisma.notice.findMany({ where: { subjectType: { in: ["audit", "rectification"] } } })),
    ).toEqual(["n-a3", "nr-a3"]);
    // a1's bytes went; the bytes a2 shared with a3 stay, since a3 still names them.
    expect(existsSync(evidencePath(ONLY_A1))).toBe(false);
    expect(existsSync(evidencePath(SHARED))).toBe(true);

    // With a1 gone, the leave it referred to may go too.
    expect((await run(["purge", "leaves", "--before", "2015-01-01"])).stdout).toEqual([
      "removed 1 leaves with 0 handovers and their notices; the purge is logged and checkpointed; 1 still under way kept",
    ]);
    expect((await run(["purge", "leaves", "--before", "2015-01-01"])).stdout).toEqual([
      "nothing to remove; 1 still under way kept",
    ]);

    const purged = await db.prisma.auditLogEntry.findMany({
      where: { action: "records.purged" },
      orderBy: { seq: "asc" },
    });
    expect(purged.map((e) => [e.subjectId, JSON.parse(e.data) as unknown])).toEqual([
      [
        "leaves",
        {
          recordClass: "leaves",
          before: "2015-01-01",
          removed: 1,
          ids: ["l-old"],
          handovers: 1,
          notices: 2,
          keptOpen: 1,
          keptForAudits: 1,
        },
      ],
      [
        "findings",
        {
          recordClass: "findings",
          before: "2011-06-01",
          removed: 1,
          audits: ["a1"],
          rectifications: 1,
          notices: 1,
          keptOpen: 1,
        },
      ],
      [
        "audits",
        {
          recordClass: "audits",
          before: "2015-01-01",
          removed: 2,
          ids: ["a1", "a2"],
          findings: 1,
          rectifications: 3,
          evidenceFiles: 2,
          evidenceBytesRemoved: [sha(ONLY_A1)],
          notices: 3,
          keptOpen: 1,
        },
      ],
      [
        "leaves",
        {
          recordClass: "leaves",
          before: "2015-01-01",
          removed: 1,
          ids: ["l-audited"],
          handovers: 0,
          notices: 0,
          keptOpen: 1,
          keptForAudits: 0,
        },
      ],
    ]);
    // Every records.purged entry is the head a purge checkpoint signed: the tombstone.
    const signed = (await new DirectoryCheckpointStore(join(dir, "checkpoints")).list()).filter(
      (c) => c.reason === "purge",
    );
    expect(signed.map((c) => [c.seq, c.hash])).toEqual(purged.map((e) => [e.seq, e.hash]));

    const verified = await run(["verify-log"]);
    expect(verified.code).toBe(0);
    expect(verified.stdout[0]).toBe("log ok: 4 entries");
    const file = join(dir, "after-purges.jsonl");
    expect((await run(["export", "audit-log", "--out", file])).code).toBe(0);
    expect((await run(["verify-log", "--file", file], { DATABASE_URL: "postgres://127.0.0.1:9/nowhere" })).code).toBe(
      0,
    );
  });
});

// SQLite binds at most 32,766 values per statement: a purge of years of records slices its id lists
// (this failed with "too many SQL variables" before). PostgreSQL's limit is twice that; the slicing
// is the same code on both, exercised above.
describe("keypost purge of more leaves than one SQLite statement may name", () => {
  let db: TestDatabase;
  let dir: string;
  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  it("removes 33,000 leaves in slices, and the log verifies", { timeout: 180_000 }, async () => {
    db = await testDatabase("sqlite");
    const made = recordsEnv(db.url, "keypost-record-purge-bulk-", { KEYPOST_RETENTION: "finra" });
    dir = made.dir;
    const env = made.env;
    const run = async (args: string[]) => {
      const io = capture();
      const code = await main(args, io, env);
      return { code, stdout: io.stdout, stderr: io.stderr };
    };
    const many = Array.from({ length: 33_000 }, (_, i) => ({
      id: `bulk-${String(i).padStart(5, "0")}`,
      kind: "regular",
      holderId: "emp-teller",
      postId: "post-1",
      unitId: "unit-1",
      startDate: "2009-01-01",
      endDate: "2009-01-10",
      status: "closed",
      plannedById: "emp-hr",
      closedAt: at("2009-01-12"),
    }));
    for (let i = 0; i < many.length; i += 5_000) await db.prisma.leave.createMany({ data: many.slice(i, i + 5_000) });
    expect(await run(["purge", "leaves", "--before", "2015-01-01"])).toEqual({
      code: 0,
      stdout: ["removed 33000 leaves with 0 handovers and their notices; the purge is logged and checkpointed"],
      stderr: [],
    });
    expect(await db.prisma.leave.count()).toBe(0);
    expect((await run(["verify-log"])).code).toBe(0);
  });
});
