// Field-level encryption (issue 19, "Personal data"): with KEYPOST_FIELD_KEY_FILE set, a finding's
// text, the rectification that copies it and a major-event report's text are stored sealed
// (AES-256-GCM, key id beside the ciphertext): the rows read straight from the database hold none of
// the text, nor does the chained log (it carries the text's SHA-256), while every reader given the
// key — the audit, the reports, the evidence pack, the major-event record — gets the text back. A
// rotated key file (new key first) still opens old rows; without the key a sealed value does not
// open; a sealed value moved to another column does not open. The stored cards of notices about
// audits, rectifications and major-event reports are sealed too (they copy the texts). Both engines.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addRectification } from "../../src/app/audit/add-rectification.ts";
import { fileMajorEvent } from "../../src/app/major-event/file-major-event.ts";
import { verifyLog } from "../../src/infra/db/audit-log-verifier.ts";
import type { Database } from "../../src/infra/db/database.ts";
import { PrismaEvidenceReads } from "../../src/infra/db/prisma-evidence-reads.ts";
import { PrismaMajorEventRepository } from "../../src/infra/db/prisma-major-event-repository.ts";
import { PrismaReportQueries } from "../../src/infra/db/prisma-report-queries.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { AesGcmFieldCipher, FieldKeyError, PLAIN_FIELDS, fieldCipherOf } from "../../src/infra/records/field-cipher.ts";
import { ENGINES } from "../support/databases.ts";
import { driveTo, makeWorld, ok, type World } from "../app/audit/audit-world.ts";

const FINDING = "Blank vouchers unaccounted for"; // the text driveTo records as finding 1
const REPORT = "我为亲属的经营贷款提供了担保，金额约 300 万元。";
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("AesGcmFieldCipher", () => {
  it("seals with the first key of the file, opens with any, and binds a value to its column", () => {
    const dir = mkdtempSync(join(tmpdir(), "keypost-field-key-"));
    try {
      const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
      writeFileSync(join(dir, "old.key"), `${oldKey.toString("base64")}\n`);
      writeFileSync(
        join(dir, "rotated.key"),
        `# new key first\n${newKey.toString("base64")}\n${oldKey.toString("base64")}\n`,
      );
      writeFileSync(join(dir, "bad.key"), "not a key\n");
      const before = fieldCipherOf({ KEYPOST_FIELD_KEY_FILE: join(dir, "old.key") });
      const after = fieldCipherOf({ KEYPOST_FIELD_KEY_FILE: join(dir, "rotated.key") });
      const sealed = before.seal("Finding.description", FINDING);
      expect(sealed).toMatch(/^kpf1:[0-9a-f]{16}:[A-Za-z0-9+/=]+$/);
      expect(sealed).not.toContain("unaccounted");
      expect(before.seal("Finding.description", FINDING)).not.toBe(sealed); // a fresh IV each time
      expect(after.open("Finding.description", sealed)).toBe(FINDING);
      expect(after.seal("Finding.description", FINDING).split(":")[1]).toBe((after as AesGcmFieldCipher).keyId);
      expect((after as AesGcmFieldCipher).keyId).not.toBe((before as AesGcmFieldCipher).keyId);
      expect(() => after.open("Rectification.description", sealed)).toThrow(FieldKeyError);
      expect(() => PLAIN_FIELDS.open("Finding.description", sealed)).toThrow(/set KEYPOST_FIELD_KEY_FILE/);
      expect(after.open("Finding.description", "stored before encryption")).toBe("stored before encryption");
      expect(() => fieldCipherOf({ KEYPOST_FIELD_KEY_FILE: join(dir, "bad.key") })).toThrow(/32 random bytes/);
      expect(fieldCipherOf({})).toBe(PLAIN_FIELDS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(ENGINES)("field encryption at rest on %s", (engine) => {
  let w: World;
  let sealedDb: Database;
  const cipher = new AesGcmFieldCipher([randomBytes(32)]);
  beforeEach(async () => {
    w = await makeWorld(engine);
    sealedDb = { ...w.db, fields: cipher };
    Object.assign(w.kernel, { uow: new PrismaUnitOfWork(sealedDb) });
  });
  afterEach(async () => w.close());

  const rawRows = async (table: string) =>
    JSON.stringify(await w.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`), (_k, v: unknown) =>
      typeof v === "bigint" ? Number(v) : v,
    );

  it("keeps the texts out of the stored rows and the log, and gives them back to every reader with the key", async () => {
    ok(await w.run(fileMajorEvent, { kind: "large_debt", description: REPORT, occurredOn: "2026-11-20" }, "holder"));
    const { auditId } = await driveTo(w, "report_drafted");
    ok(await w.run(addRectification, { auditId, findingSeq: 1, owner: "E-SU", dueDate: "2026-12-20" }, "lead"));

    for (const table of ["Finding", "Rectification", "MajorEventReport", "AuditLogEntry", "Notice"]) {
      const stored = await rawRows(table);
      expect(stored.length).toBeGreaterThan(10);
      expect(stored, table).not.toContain("unaccounted");
      expect(stored, table).not.toContain("担保");
    }
    expect((await w.db.prisma.finding.findFirstOrThrow()).description).toMatch(/^kpf1:/);
    expect((await w.db.prisma.rectification.findFirstOrThrow()).description).toMatch(/^kpf1:/);
    expect((await w.db.prisma.majorEventReport.findFirstOrThrow()).description).toMatch(/^kpf1:/);

    // The log carries the digest: the text a reader is shown can be proven against the chain.
    const recorded = await w.db.prisma.auditLogEntry.findFirstOrThrow({ where: { action: "audit.finding_recorded" } });
    expect(JSON.parse(recorded.data)).toMatchObject({ seq: 1, descriptionSha256: sha256(FINDING) });
    const opened = await w.db.prisma.auditLogEntry.findFirstOrThrow({
      where: { action: "audit.rectification_opened" },
    });
    expect(JSON.parse(opened.data)).toMatchObject({ descriptionSha256: sha256(FINDING) });
    expect(await verifyLog(w.db)).toMatchObject({ ok: true });

    // Readers with the key see the text.
    const audit = await w.kernel.uow.read((tx) => tx.audits.byId(auditId));
    expect(audit?.findings.map((f) => f.description)).toEqual([FINDING]);
    expect(audit?.rectifications.map((r) => r.description)).toEqual([FINDING]);
    const queries = new PrismaReportQueries(sealedDb.prisma, sealedDb.provider, cipher);
    expect((await queries.findings([auditId])).map((f) => f.description)).toEqual([FINDING]);
    expect((await queries.rectifications([auditId])).map((r) => r.description)).toEqual([FINDING]);
    const evidence = await new PrismaEvidenceReads(sealedDb).auditEvidence(auditId);
    expect(evidence?.findings.map((f) => f.description)).toEqual([FINDING]);
    expect(evidence?.rectifications.map((r) => r.description)).toEqual([FINDING]);
    const reports = await new PrismaMajorEventRepository(sealedDb.prisma, cipher).byReporter(w.ids.holder);
    expect(reports.map((r) => r.description)).toEqual([REPORT]);

    // The stored cards that show the texts (compliance's report card, the audit's report card) open too.
    const report = await w.db.prisma.majorEventReport.findFirstOrThrow();
    const cards = await w.kernel.uow.read(async (tx) => [
      ...(await tx.outbox.forSubject("major_event", report.id)),
      ...(await tx.outbox.forSubject("audit", auditId)),
    ]);
    const shown = JSON.stringify(cards.map((n) => n.card));
    expect(shown).toContain("担保");
    expect(shown).toContain("unaccounted");
    const stored = await w.db.prisma.notice.findMany({ where: { subjectType: { in: ["audit", "major_event"] } } });
    expect(stored.length).toBeGreaterThan(0);
    for (const n of stored) expect(n.card).toMatch(/^kpf1:/);

    // Without the key the text does not open.
    await expect(new PrismaMajorEventRepository(w.db.prisma).byReporter(w.ids.holder)).rejects.toThrow(
      /MajorEventReport.description is encrypted/,
    );
  });
});
