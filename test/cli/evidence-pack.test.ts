// The evidence pack of a completed off-post audit (issue 19): the audit is driven through the use
// cases to closed (with a rectification), its leave's hand-over seeded beside it; `keypost evidence
// audit` makes the zip; the test checks every part, the manifest's SHA-256s, the log proof with no
// database (Keypost's verifier and the examiner's script from docs/audit-log.md), and renders the
// report in both languages in Debian's Chromium to PNG, with no missing-glyph boxes.
import { execFile } from "node:child_process";
import { createHash, generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRectification } from "../../src/app/audit/add-rectification.ts";
import { closeAudit } from "../../src/app/audit/close-audit.ts";
import { closeRectification } from "../../src/app/audit/close-rectification.ts";
import { signReport } from "../../src/app/audit/sign-report.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { attachFromChat } from "../../src/app/chat-commands/attach-reply.ts";
import { DirectoryEvidenceStore } from "../../src/infra/records/directory-evidence-store.ts";
import { keyIdOf } from "../../src/infra/audit-log/checkpoint-signing.ts";
import { ENGINES } from "../support/databases.ts";
import { driveTo, makeWorld, ok, type World } from "../app/audit/audit-world.ts";

const run$ = promisify(execFile);
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

const PHOTO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...new TextEncoder().encode(" till count photo")]);
const PHOTO_SHA = createHash("sha256").update(PHOTO).digest("hex");
const PHOTO_PATH = `files/item-1/${PHOTO_SHA.slice(0, 12)}-cash_count_1.png`;

/**
 * Runs in the page (a string: the test is typed for Node, not the DOM). Draws each distinct character
 * of the page's text in the body's font stack and compares it with a character no font has.
 */
const TOFU_CHECK = `(() => {
  const family = getComputedStyle(document.body).fontFamily;
  const canvas = document.createElement("canvas");
  canvas.width = 48;
  canvas.height = 48;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const draw = (c) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.font = "32px " + family;
    ctx.fillStyle = "#000";
    ctx.fillText(c, 4, 36);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(",");
  };
  const tofu = draw("\\u0378");
  const chars = [...new Set([...document.body.innerText].filter((c) => c.trim() !== ""))];
  return { missing: chars.filter((c) => draw(c) === tofu), probe: draw("\\u0379") === tofu };
})()`;

/** Characters of the page that draw exactly like a character no font has (U+0378, unassigned): tofu. */
async function missingGlyphs(
  browser: Browser,
  html: string,
  png: string,
): Promise<{ missing: string[]; probe: boolean }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  try {
    await page.setContent(html, { waitUntil: "load" });
    await page.screenshot({ path: png, fullPage: true });
    return (await page.evaluate(TOFU_CHECK)) as { missing: string[]; probe: boolean };
  } finally {
    await page.close();
  }
}

describe.each(ENGINES)("keypost evidence audit on %s", (engine) => {
  let w: World;
  let dir: string;
  let env: Record<string, string>;
  let keyId: string;
  let auditId: string;
  let leaveId: string;
  let browser: Browser;

  beforeAll(async () => {
    w = await makeWorld(engine);
    dir = mkdtempSync(join(tmpdir(), "keypost-evidence-"));
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    writeFileSync(join(dir, "key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    keyId = keyIdOf(publicKey.export({ type: "spki", format: "pem" }).toString());
    env = {
      DATABASE_URL: w.db.url,
      LOG_LEVEL: "silent",
      KEYPOST_SCHEDULER: "off",
      KEYPOST_LOG_SIGNING_KEY_FILE: join(dir, "key.pem"),
      KEYPOST_LOG_CHECKPOINT_DIR: join(dir, "checkpoints"),
      KEYPOST_EVIDENCE_DIR: join(dir, "evidence"),
    };
    // A photo attached to item 1 during fieldwork, as a chat would (attachFromChat → audit.attach_file).
    const store = new DirectoryEvidenceStore(join(dir, "evidence"));
    const kernel = { ...w.kernel, evidence: { store, rules: { maxBytes: 1 << 20, types: ["png"] } } };
    ({ auditId, leaveId } = await driveTo(w, "opinion_given", {
      duringFieldwork: async () => {
        const reply = await attachFromChat(
          kernel,
          { personId: w.ids.member, platform: "teams" },
          "attach P-TELLER-SB1 1",
          [{ name: "cash count #1.png", mediaType: "image/png", read: async () => PHOTO }],
        );
        expect(reply.refused).toBeUndefined();
      },
    }));
    ok(await w.run(addRectification, { auditId, findingSeq: 1, owner: "E-MG", dueDate: "2026-12-31" }, "lead"));
    ok(await w.run(signReport, { auditId }, "executive"));
    const rect = await w.db.prisma.rectification.findFirstOrThrow({ where: { auditId } });
    ok(await w.run(closeRectification, { rectificationId: rect.id, note: "Vouchers reconciled" }, "manager"));
    ok(await w.run(closeAudit, { auditId }, "compliance"));
    // The leave's hand-over, as the leave area records it (the audit tests seed the leave directly).
    const handoverId = randomUUID();
    await w.db.prisma.handover.create({
      data: {
        id: handoverId,
        postId: w.bank.post.id,
        fromId: w.ids.holder,
        toId: w.ids.substitute,
        purpose: "leave_start",
        leaveId,
        status: "confirmed",
        openedAt: new Date("2026-12-06T16:00:00Z"),
        completedAt: new Date("2026-12-07T00:40:00Z"),
        items: { create: [{ id: randomUUID(), seq: 1, kind: "key", description: "Cash drawer key", quantity: "1" }] },
        confirms: {
          create: [
            {
              id: randomUUID(),
              itemSeq: 0,
              side: "from",
              employeeId: w.ids.holder,
              platform: "slack",
              at: new Date("2026-12-07T00:30:00Z"),
            },
            {
              id: randomUUID(),
              itemSeq: 0,
              side: "to",
              employeeId: w.ids.substitute,
              platform: "teams",
              at: new Date("2026-12-07T00:40:00Z"),
            },
          ],
        },
      },
    });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let packs = 0;
  const evidence = async (lang: "en" | "zh-CN") => {
    const out = join(dir, `pack-${lang}-${++packs}.zip`);
    const io = capture();
    const code = await main(["evidence", "audit", auditId, "--lang", lang, "--out", out], io, env);
    expect({ code, stderr: io.stderr }).toEqual({ code: 0, stderr: [] });
    expect(io.stdout).toEqual([`evidence pack of audit ${auditId}: 6 files → ${out}`]);
    return unzipSync(new Uint8Array(readFileSync(out)));
  };

  it("holds every part, with a manifest whose SHA-256s match and a log proof that verifies with no database", async () => {
    const files = await evidence("en");
    expect(Object.keys(files).sort()).toEqual([
      PHOTO_PATH,
      "log/audit-log.jsonl",
      "log/verification.json",
      "manifest.json",
      "records/audit.json",
      "report.en.html",
    ]);
    const manifest = JSON.parse(text(files["manifest.json"])) as {
      auditId: string;
      lang: string;
      checkpoint: { keyId: string; reason: string };
      files: { path: string; bytes: number; sha256: string }[];
    };
    expect(manifest).toMatchObject({
      auditId,
      lang: "en",
      checkpoint: { keyId, reason: "evidence" },
      missingFiles: [],
    });
    expect(files[PHOTO_PATH]).toEqual(PHOTO);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      Object.keys(files)
        .filter((p) => p !== "manifest.json")
        .sort(),
    );
    for (const f of manifest.files) {
      expect(f.bytes).toBe(files[f.path]!.length);
      expect(f.sha256).toBe(createHash("sha256").update(files[f.path]!).digest("hex"));
    }

    const records = JSON.parse(text(files["records/audit.json"])) as Record<string, unknown> & {
      audit: { status: string; reportText: string };
      items: { seq: number; result: string; markedById: string; markedAt: string }[];
      findings: { severity: string; description: string }[];
      opinions: { employeeId: string; agrees: boolean }[];
      signatures: { employeeId: string; at: string }[];
      rectifications: { status: string; closingNote: string; closedById: string }[];
      leave: { id: string };
      handovers: { purpose: string; items: unknown[]; confirms: { side: string }[] }[];
      files: { itemSeq: number; sha256: string; bytes: number; uploadedById: string }[];
    };
    expect(records.files).toEqual([
      expect.objectContaining({ itemSeq: 1, sha256: PHOTO_SHA, bytes: PHOTO.length, uploadedById: w.ids.member }),
    ]);
    expect(records.audit).toMatchObject({ status: "closed", reportText: "One high finding: blank vouchers." });
    expect(records.items.map((i) => [i.seq, i.result, i.markedById])).toEqual([
      [1, "pass", w.ids.member],
      [2, "exception", w.ids.lead],
      [3, "not_applicable", w.ids.member],
    ]);
    expect(records.items.every((i) => typeof i.markedAt === "string")).toBe(true);
    expect(records.findings).toMatchObject([{ severity: "high", description: "Blank vouchers unaccounted for" }]);
    expect(records.opinions).toMatchObject([{ employeeId: w.ids.holder, agrees: true }]);
    expect(records.signatures).toMatchObject([{ employeeId: w.ids.executive }]);
    expect(records.rectifications).toMatchObject([
      { status: "closed", closingNote: "Vouchers reconciled", closedById: w.ids.manager },
    ]);
    expect(records.leave.id).toBe(leaveId);
    expect(records.handovers).toMatchObject([{ purpose: "leave_start", confirms: [{ side: "from" }, { side: "to" }] }]);

    const log = text(files["log/audit-log.jsonl"]);
    const actions = log
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { record: string; action?: string; subjectId?: string })
      .filter((r) => r.record === "entry" && r.subjectId === auditId)
      .map((r) => r.action);
    expect(actions).toContain("audit.closed");
    expect(actions).toContain("audit.file_attached");
    expect(actions).toContain("audit.signed");
    // The finding's text in the pack matches the digest its log entry carries (the log holds no text).
    expect(JSON.parse(text(files["log/verification.json"]))).toMatchObject({
      ok: true,
      problems: [],
      findingTexts: [{ finding: 1, logSeq: expect.any(Number), matches: true }],
    });
    const jsonl = join(dir, "pack-log.jsonl");
    writeFileSync(jsonl, log);
    const io = capture();
    expect(await main(["verify-log", "--file", jsonl], io, { DATABASE_URL: "postgres://127.0.0.1:9/nowhere" })).toBe(0);
    expect(io.stdout[0]).toMatch(/^export ok: /);
    const doc = readFileSync(join(import.meta.dirname, "../../docs/audit-log.md"), "utf8");
    const script = /<!-- examiner-script:start -->\n```js\n([\s\S]*?)```/.exec(doc)![1]!;
    writeFileSync(join(dir, "verify.mjs"), script);
    expect((await run$(process.execPath, [join(dir, "verify.mjs"), jsonl, keyId])).stdout).toMatch(/^OK: /);

    const html = text(files["report.en.html"]);
    for (const part of [
      "Off-post audit report",
      "Checklist",
      "Count the cash on hand",
      "Exception",
      "Two vouchers missing",
      "Lily Lead (E-A2)",
      "Blank vouchers unaccounted for",
      "The holder&#39;s opinion",
      "Agrees",
      "Victor VP (E-VP)",
      "Vouchers reconciled — Mark Manager (E-MG)",
      "Hand-over at leave start",
      "Cash drawer key",
      "Sue Substitute (E-SU)",
      PHOTO_PATH,
      PHOTO_SHA,
      keyId,
    ])
      expect(html).toContain(part);
    expect(html).not.toMatch(/[\u3400-\u9fff]/); // nothing of the other language
    expect(html).not.toMatch(/<script|src=|href=/); // self-contained
  });

  it("renders the printable report in English and Chinese in Chromium with no missing glyphs", async () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const html = text((await evidence(lang))[`report.${lang}.html`]);
      if (lang === "zh-CN") {
        expect(html).toContain("离岗审计报告");
        expect(html).toContain("检查重要空白凭证");
        expect(html).toContain("刘主审 (E-A2)");
        expect(html).not.toContain("Off-post audit report");
      }
      const png = join(dir, `report-${lang}.png`);
      const { missing, probe } = await missingGlyphs(browser, html, png);
      expect(probe).toBe(true); // the detector sees a character no font has
      expect(missing).toEqual([]);
      const image = readFileSync(png);
      expect(image.subarray(1, 4).toString()).toBe("PNG");
      expect(image.length).toBeGreaterThan(20_000);
    }
  });

  it("refuses an unknown audit and a pack without a signing key", async () => {
    const io = capture();
    expect(await main(["evidence", "audit", "no-such-audit"], io, env)).toBe(2);
    expect(io.stderr).toEqual(['keypost evidence: no audit "no-such-audit"']);
    const io2 = capture();
    expect(await main(["evidence", "audit", auditId], io2, { ...env, KEYPOST_LOG_SIGNING_KEY_FILE: "" })).toBe(2);
    expect(io2.stderr[0]).toMatch(/needs KEYPOST_LOG_SIGNING_KEY_FILE/);
  });
});
