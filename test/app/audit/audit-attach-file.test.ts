// Evidence files on checklist items (issue #19): a team member attaches a file with
// "attach <post code> <item>"; its bytes go to the content-addressed store, its SHA-256 and size to
// the row and the log, and the checklist card shows it. A file of a type not accepted, too large by
// its declared size or by its real size, or sent by someone off the team is refused with a sentence
// naming the limit, and nothing is stored (no row, no log line, no bytes in the store).
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attachFromChat, type IncomingFile } from "../../../src/app/chat-commands/attach-reply.ts";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import { DirectoryEvidenceStore } from "../../../src/infra/records/directory-evidence-store.ts";
import { ENGINES } from "../../support/databases.ts";
import { cardOf, driveTo, makeWorld, type Who, type World } from "./audit-world.ts";

const PDF = new TextEncoder().encode("%PDF-1.4 cash count sheet, teller SB1, 2026-12-07\n");

/** `declared`: the size the platform says (null: it says none). */
function file(name: string, content: Uint8Array, declared: number | null = content.length) {
  const reads: number[] = [];
  const incoming: IncomingFile & { reads: number[] } = {
    name,
    mediaType: "application/pdf",
    ...(declared === null ? {} : { declaredBytes: declared }),
    reads,
    async read(max) {
      reads.push(max);
      return content.length > max ? "too_large" : content;
    },
  };
  return incoming;
}

describe.each(ENGINES)("evidence files on checklist items on %s", (engine) => {
  let w: World;
  let dir: string;
  let kernel: Kernel;
  beforeEach(async () => {
    w = await makeWorld(engine);
    dir = await mkdtemp(join(tmpdir(), "keypost-evidence-"));
    kernel = {
      ...w.kernel,
      evidence: { store: new DirectoryEvidenceStore(dir), rules: { maxBytes: 1024, types: ["pdf", "png"] } },
    };
  });
  afterEach(async () => {
    await w.close();
    await rm(dir, { recursive: true, force: true });
  });

  const attach = (who: Who, text: string, files: IncomingFile[]) =>
    attachFromChat(kernel, { personId: w.ids[who], platform: "slack" }, text, files);

  async function nothingStored(auditId: string) {
    expect(await w.db.prisma.evidenceFile.count({ where: { auditId } })).toBe(0);
    expect(await w.db.prisma.auditLogEntry.count({ where: { action: "audit.file_attached" } })).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  }

  it("stores the file by its SHA-256, logs hash and size, and shows it on the item", { timeout: 120_000 }, async () => {
    const { auditId } = await driveTo(w, "fieldwork");
    const sha256 = createHash("sha256").update(PDF).digest("hex");
    const reply = await attach("member", "attach p-teller-sb1 1", [file("盘点表.pdf", PDF)]);
    expect(reply).toMatchObject({ kind: "text" });
    expect(reply.kind === "text" && reply.refused).toBeFalsy();
    expect(reply.kind === "text" && reply.text.en).toContain(`"盘点表.pdf" is attached to item 1`);
    expect(reply.kind === "text" && reply.text["zh-CN"]).toContain("已附在第 1 项");

    const row = await w.db.prisma.evidenceFile.findFirstOrThrow({ where: { auditId } });
    expect(row).toMatchObject({
      itemSeq: 1,
      name: "盘点表.pdf",
      bytes: PDF.length,
      sha256,
      uploadedById: w.ids.member,
    });
    expect(await new DirectoryEvidenceStore(dir).get(sha256)).toEqual(PDF);
    const logged = await w.db.prisma.auditLogEntry.findFirstOrThrow({ where: { action: "audit.file_attached" } });
    expect(JSON.parse(logged.data)).toMatchObject({ seq: 1, bytes: PDF.length, sha256, name: "盘点表.pdf" });
    expect(logged).toMatchObject({ subjectType: "audit", subjectId: auditId, actorId: w.ids.member });

    const card = await cardOf(w, "leader", "audit_fieldwork");
    expect(card.table?.rows[0]?.[3]?.en).toBe(`📎 盘点表.pdf (${PDF.length} B, ${sha256.slice(0, 8)})`);
  });

  it(
    "refuses a type not accepted and a file too large, declared or real, naming the limit",
    { timeout: 120_000 },
    async () => {
      const { auditId } = await driveTo(w, "fieldwork");
      const exe = file("tool.exe", PDF);
      const typeReply = await attach("member", "attach P-TELLER-SB1 1", [exe]);
      expect(typeReply).toMatchObject({ kind: "text", refused: "INVALID_INPUT" });
      expect(typeReply.kind === "text" && typeReply.text.en).toBe(
        "The input is not valid: That type of file is not accepted; nothing was stored. Accepted: pdf, png.",
      );
      expect(typeReply.kind === "text" && typeReply.text["zh-CN"]).toBe(
        "输入有误：不接受这种类型的文件，未保存任何内容。可接受：pdf, png。",
      );
      expect(exe.reads).toEqual([]);

      const declared = file("big.pdf", PDF, 5000);
      const big = await attach("member", "attach P-TELLER-SB1 1", [declared]);
      expect(big.kind === "text" && big.text.en).toBe(
        "The input is not valid: The file is too large; nothing was stored. The limit is 1.0 KB.",
      );
      expect(declared.reads).toEqual([]);

      const undeclared = file("big.pdf", new Uint8Array(2000), null);
      const real = await attach("member", "attach P-TELLER-SB1 1", [undeclared]);
      expect(real.kind === "text" && real.text["zh-CN"]).toBe("输入有误：文件太大，未保存任何内容。上限：1.0 KB。");
      expect(undeclared.reads).toEqual([1024]);
      await nothingStored(auditId);
    },
  );

  it(
    "refuses someone off the team, an unknown post and a bad command, storing nothing",
    { timeout: 120_000 },
    async () => {
      const { auditId } = await driveTo(w, "fieldwork");
      const stranger = await attach("complianceBr2", `attach ${auditId} 1`, [file("a.pdf", PDF)]);
      expect(stranger).toMatchObject({ kind: "text", refused: "NOT_A_PARTY" });
      const unknown = await attach("member", "attach P-NOPE 1", [file("a.pdf", PDF)]);
      expect(unknown.kind === "text" && unknown.text.en).toContain('No off-post audit "P-NOPE" that you can act on');
      const noItem = await attach("member", "attach P-TELLER-SB1 99", [file("a.pdf", PDF)]);
      expect(noItem).toMatchObject({ kind: "text", refused: "NOT_FOUND" });
      const usage = await attach("member", "attach", [file("a.pdf", PDF)]);
      expect(usage.kind === "text" && usage.text.en).toContain('"attach <post code or audit id> <item number>"');
      await nothingStored(auditId);
    },
  );
});
