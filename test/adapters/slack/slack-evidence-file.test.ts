// Evidence files from Slack (issue #19), over the real path: a signed `file_share` message event in
// the DM with the bot ("attach <post code> <item>" typed with the file), files.info on the fake
// Slack, the download from url_private_download with the bot token, the file kept under its
// SHA-256 in the service's evidence directory, and the answer in the person's language. A type not
// accepted or a declared size over the limit is refused before any download; nothing is stored.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { execute } from "../../../src/app/kernel/execute.ts";
import { ENGINES, type TestDatabase } from "../../support/databases.ts";
import { BEFORE_START, driveTo, type World } from "../../app/audit/audit-world.ts";
import type { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { TEST_BOT_TOKEN } from "../../support/slack-requests.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";

const SHEET = new TextEncoder().encode("%PDF-1.4\nTill count, teller SB1: 48 200.00 CNY\n%%EOF\n");

/** The audit tests' helpers driving the running service's own kernel and database. */
function auditWorld(sw: SlackWorld): World {
  const kernel = Object.assign(sw.service.kernel, { clock: sw.clock as FixedClock });
  return {
    db: { prisma: sw.service.db.prisma } as unknown as TestDatabase,
    bank: sw.bank,
    kernel,
    ids: sw.bank.ids as World["ids"],
    run: (useCase, raw, who, platform = "slack") =>
      execute(kernel, useCase, raw, { personId: (sw.bank.ids as Record<string, string>)[who]!, platform }),
    press: () => Promise.reject(new Error("not used")),
    close: async () => undefined,
  };
}

describe.each(ENGINES)("evidence files shared in the Slack DM on %s", (engine) => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await slackWorld(engine, BEFORE_START);
  });
  afterEach(async () => w.close());

  const dm = (who: "member" | "lead") => `D${w.user(who).slice(1)}`;
  async function answerTo(who: "member" | "lead", from: number): Promise<string> {
    const call = await w.fake.until(`the answer in ${who}'s DM`, () =>
      w.fake.calls.slice(from).find((c) => c.method === "chat.postMessage" && c.args.channel === dm(who)),
    );
    return String(call.args.text);
  }

  it("keeps the file by its hash and answers in the person's language", { timeout: 180_000 }, async () => {
    const { auditId } = await driveTo(auditWorld(w), "fieldwork", { sealed: false });
    await w.service.db.prisma.employee.updateMany({ where: { code: "E-A3" }, data: { locale: "en" } });
    w.fake.files.set("F0EVID1", { name: "till-count.pdf", mimetype: "application/pdf", content: SHEET });

    const from = w.fake.calls.length;
    const sent = await w.event("message_file_share", "member", {
      TEXT: "attach P-TELLER-SB1 2",
      FILE_ID: "F0EVID1",
      FILE_NAME: "till-count.pdf",
    });
    expect(sent.status).toBe(200);
    const sha256 = createHash("sha256").update(SHEET).digest("hex");
    expect(await answerTo("member", from)).toBe(
      `"till-count.pdf" is attached to item 2 (${SHEET.length} B, SHA-256 ${sha256.slice(0, 12)}…).`,
    );
    expect(w.fake.callsOf("files.info").map((c) => c.args.file)).toEqual(["F0EVID1"]);
    expect(w.fake.downloads).toEqual([{ id: "F0EVID1", authorization: `Bearer ${TEST_BOT_TOKEN}` }]);
    expect(new Uint8Array(await readFile(join(w.evidenceDir, sha256.slice(0, 2), sha256)))).toEqual(SHEET);
    const row = await w.service.db.prisma.evidenceFile.findFirstOrThrow({ where: { auditId } });
    expect(row).toMatchObject({ itemSeq: 2, name: "till-count.pdf", bytes: SHEET.length, sha256 });
  });

  it(
    "refuses a type not accepted and a file declared too large, in Chinese, downloading nothing",
    { timeout: 180_000 },
    async () => {
      const { auditId } = await driveTo(auditWorld(w), "fieldwork", { sealed: false });
      w.fake.files.set("F0EXE", { name: "macro.exe", mimetype: "application/octet-stream", content: SHEET });
      w.fake.files.set("F0BIG", {
        name: "scan.pdf",
        mimetype: "application/pdf",
        content: SHEET,
        size: 5 * 1024 * 1024,
      });

      let from = w.fake.calls.length;
      await w.event("message_file_share", "lead", {
        TEXT: "attach P-TELLER-SB1 1",
        FILE_ID: "F0EXE",
        FILE_NAME: "macro.exe",
      });
      const typeAnswer = await answerTo("lead", from);
      expect(typeAnswer).toContain("不接受这种类型的文件，未保存任何内容。可接受：pdf, png, jpg");
      expect(typeAnswer).not.toMatch(/[A-Za-z]{4,} (is|are|was) /);

      from = w.fake.calls.length;
      await w.event("message_file_share", "lead", {
        TEXT: "附件 P-TELLER-SB1 1",
        FILE_ID: "F0BIG",
        FILE_NAME: "scan.pdf",
      });
      expect(await answerTo("lead", from)).toBe("输入有误：文件太大，未保存任何内容。上限：1.0 MB。");

      expect(w.fake.downloads).toEqual([]);
      expect(await w.service.db.prisma.evidenceFile.count({ where: { auditId } })).toBe(0);
      expect(await readdir(w.evidenceDir)).toEqual([]);
    },
  );
});
