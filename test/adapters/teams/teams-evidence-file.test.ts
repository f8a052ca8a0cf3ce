// Evidence files from Teams (issue #19), over the real path: a message activity in the personal
// chat carrying a `file.download.info` attachment and "attach <post code> <item>", the file fetched
// from its pre-authenticated download link (the fake connector stands in for OneDrive), kept under
// its SHA-256, shown on the checklist, answered in the person's language. A type not accepted is
// refused before any download, a file larger than the limit while downloading; nothing is stored.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { execute } from "../../../src/app/kernel/execute.ts";
import type { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { BEFORE_START, driveTo, type World } from "../../app/audit/audit-world.ts";
import { ENGINES, type TestDatabase } from "../../support/databases.ts";
import type { Recorded } from "../../support/fake-bot-connector.ts";
import { TeamsWorld } from "../../support/teams-world.ts";

const PHOTO = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...new TextEncoder().encode("vault seal"),
]);

function auditWorld(tw: TeamsWorld): World {
  const kernel = Object.assign(tw.service.kernel, { clock: tw.clock as FixedClock });
  const ids = tw.bank.ids as Record<string, string>;
  return {
    db: { prisma: tw.service.db.prisma } as unknown as TestDatabase,
    bank: tw.bank,
    kernel,
    ids: ids as World["ids"],
    run: (useCase, raw, who, platform = "teams") => execute(kernel, useCase, raw, { personId: ids[who]!, platform }),
    press: () => Promise.reject(new Error("not used")),
    close: async () => undefined,
  };
}

const said = (replies: readonly Recorded[]) => replies.map((r) => String(r.body.text ?? "")).join("\n");

describe.each(ENGINES)("evidence files sent in the Teams personal chat on %s", (engine) => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await TeamsWorld.start(engine, { at: BEFORE_START });
  });
  afterEach(async () => w.close());

  it("keeps the file by its hash and answers in the person's language", { timeout: 180_000 }, async () => {
    const { auditId } = await driveTo(auditWorld(w), "fieldwork", { sealed: false });
    await w.service.db.prisma.employee.updateMany({ where: { code: "E-A1" }, data: { locale: "en" } });
    w.connector.files.set("01ABCDEF", PHOTO);

    const replies = await w.sendFiles("leader", "attach P-TELLER-SB1 3", [{ id: "01ABCDEF", name: "vault-seal.png" }]);
    const sha256 = createHash("sha256").update(PHOTO).digest("hex");
    expect(said(replies)).toBe(
      `"vault-seal.png" is attached to item 3 (${PHOTO.length} B, SHA-256 ${sha256.slice(0, 12)}…).`,
    );
    expect(w.connector.downloads).toEqual(["01ABCDEF"]);
    expect(new Uint8Array(await readFile(join(w.evidenceDir, sha256.slice(0, 2), sha256)))).toEqual(PHOTO);
    const row = await w.service.db.prisma.evidenceFile.findFirstOrThrow({ where: { auditId } });
    expect(row).toMatchObject({
      itemSeq: 3,
      name: "vault-seal.png",
      mediaType: "image/png",
      bytes: PHOTO.length,
      sha256,
    });
  });

  it(
    "refuses a type not accepted and a file too large, in Chinese, storing nothing",
    { timeout: 180_000 },
    async () => {
      const { auditId } = await driveTo(auditWorld(w), "fieldwork", { sealed: false });
      w.connector.files.set("01SCRIPT", PHOTO);
      w.connector.files.set("01HUGE", new Uint8Array(1024 * 1024 + 1));

      const typeReply = await w.sendFiles("member", "attach P-TELLER-SB1 1", [{ id: "01SCRIPT", name: "run.ps1" }]);
      expect(said(typeReply)).toContain("输入有误：不接受这种类型的文件，未保存任何内容。可接受：pdf, png");
      expect(w.connector.downloads).toEqual([]);

      const bigReply = await w.sendFiles("member", "附件 P-TELLER-SB1 1", [{ id: "01HUGE", name: "scan.pdf" }]);
      expect(said(bigReply)).toBe("输入有误：文件太大，未保存任何内容。上限：1.0 MB。");
      expect(w.connector.downloads).toEqual(["01HUGE"]);

      expect(await w.service.db.prisma.evidenceFile.count({ where: { auditId } })).toBe(0);
      expect(await readdir(w.evidenceDir)).toEqual([]);
    },
  );
});
