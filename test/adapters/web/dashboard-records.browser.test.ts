// The dashboard's record pages in Debian's Chromium (issue 20): a post's history, an audit's page
// with its evidence pack, and an audit's log with its verification result. The small bank's teller
// has a closed audit (driven through the use cases, with a finding, the holder's opinion, a
// signature and a closed rectification) and a second, sealed mandatory leave planned for January
// with its audit requested. Compliance (over the whole bank) sees both; the sub-branch's manager
// sees the closed audit but neither the sealed leave nor its audit — in no page, table or CSV —
// and gets neither the evidence pack nor the log. What the pages show is compared with the records.
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRectification } from "../../../src/app/audit/add-rectification.ts";
import { closeAudit } from "../../../src/app/audit/close-audit.ts";
import { closeRectification } from "../../../src/app/audit/close-rectification.ts";
import { requestAudit } from "../../../src/app/audit/request-audit.ts";
import { signReport } from "../../../src/app/audit/sign-report.ts";
import { routeChatCommand } from "../../../src/app/chat-commands/chat-command.router.ts";
import { envOf } from "../../../src/app/kernel/execute.ts";
import { loadConfig } from "../../../src/infra/config.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { startService, type Service } from "../../../src/main.ts";
import { AFTER_START, driveTo, makeWorld, ok, seedLeave, type World } from "../../app/audit/audit-world.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(import.meta.dirname, "..", "..", "..", "docs", "screenshots");
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** The sealed leave's first day: compliance sees it, the manager nowhere. */
const SEALED_START = "2027-01-11";

let w: World;
let dir: string;
let service: Service;
let browser: Browser;
let auditId: string;
let leaveId: string;
let sealedLeaveId: string;
let sealedAuditId: string;
const clock = new FixedClock(AFTER_START);

async function signIn(code: string, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const person = await service.kernel.uow.read((tx) => tx.people.byCode(code));
  const reply = await routeChatCommand({ kernel: service.kernel }, "dashboard", {
    personId: person!.id,
    platform: "slack",
  });
  const link = /https?:\/\/\S+/.exec(reply.kind === "text" ? reply.text.en : "")?.[0];
  expect(link).toBeDefined();
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(link!);
  await page.getByRole("button").first().click();
  await page.waitForURL(/\/app$/);
  return context;
}

/** A table's body cells as text, row by row. */
async function cells(page: Page, table: string): Promise<string[][]> {
  return page
    .locator(`table[data-table="${table}"] tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
}

/** Every page and CSV reachable from the post page by its links (audits, logs), as text. */
async function everything(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  const seen = new Set<string>();
  const queue = ["/app/post?code=P-TELLER-SB1"];
  let all = "";
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await page.goto(`${service.url}${path}`);
    expect(response?.status(), path).toBe(200);
    all += await page.content();
    for (const href of await page.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
      if (href.includes("csv=")) all += await (await context.request.get(`${service.url}${href}`)).text();
      else if (/^\/app\/(audit|log)\?/.test(href)) queue.push(href);
    }
  }
  await page.close();
  return all;
}

describe("the dashboard's record pages in Chromium", () => {
  beforeAll(async () => {
    w = await makeWorld("sqlite");
    ({ auditId, leaveId } = await driveTo(w, "opinion_given", { sealed: true }));
    ok(await w.run(addRectification, { auditId, findingSeq: 1, owner: "E-MG", dueDate: "2026-12-31" }, "lead"));
    ok(await w.run(signReport, { auditId }, "executive"));
    const rect = await w.db.prisma.rectification.findFirstOrThrow({ where: { auditId } });
    ok(await w.run(closeRectification, { rectificationId: rect.id, note: "Vouchers reconciled" }, "manager"));
    ok(await w.run(closeAudit, { auditId }, "compliance"));
    // HR's next unannounced leave for the teller, sealed until it starts, and its audit requested.
    sealedLeaveId = await seedLeave(w, { startDate: SEALED_START, sealed: true });
    await w.db.prisma.leave.update({ where: { id: sealedLeaveId }, data: { endDate: "2027-01-22" } });
    ({ auditId: sealedAuditId } = await w.kernel.uow.run((tx) =>
      requestAudit(tx, envOf(w.kernel), {
        leaveId: sealedLeaveId,
        postId: w.bank.post.id,
        holderId: w.ids.holder,
        unitId: w.bank.units.SB1.id,
        unitPath: w.bank.units.SB1.path,
        sealedUntil: new Date("2027-01-10T16:00:00Z"),
      }),
    ));
    dir = mkdtempSync(join(tmpdir(), "keypost-web-records-"));
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(join(dir, "key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    service = await startService(
      loadConfig({
        PORT: "0",
        DATABASE_URL: w.db.url,
        KEYPOST_SCHEDULER: "off",
        LOG_LEVEL: "silent",
        KEYPOST_LOG_SIGNING_KEY_FILE: join(dir, "key.pem"),
        KEYPOST_LOG_CHECKPOINT_DIR: join(dir, "checkpoints"),
      }),
      { clock, log: silentLogger },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await w?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows a post's holders, leaves and audits as recorded, and each table as CSV", async () => {
    const context = await signIn("E-CO");
    const page = context.pages()[0]!;
    await page.goto(`${service.url}/app/post?code=P-TELLER-SB1`);
    const assignments = await w.db.prisma.assignment.findMany({
      where: { postId: w.bank.post.id, kind: "holder" },
      include: { employee: true },
      orderBy: { startDate: "desc" },
    });
    expect((await cells(page, "holders")).map((r) => [r[0], r[2]])).toEqual(
      assignments.map((a) => [a.employee.code, a.startDate]),
    );
    await page.screenshot({ path: join(SHOTS, "post-zh-CN.png"), fullPage: true });
    const leaves = await cells(page, "leaves");
    expect(leaves.map((r) => [r[0], r[6]])).toEqual([
      [SEALED_START, sealedLeaveId],
      ["2026-12-07", leaveId],
    ]);
    const audits = await cells(page, "audits");
    expect(audits.map((r) => r[0]).sort()).toEqual([auditId, sealedAuditId].sort());
    const csv = await context.request.get(`${service.url}/app/post?code=P-TELLER-SB1&csv=leaves`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("start_date,end_date,kind,status,holder,substitute,leave_id");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([SEALED_START, "2026-12-07"]);
    // Another bank's post, or one that does not exist: the same 404.
    expect((await context.request.get(`${service.url}/app/post?code=NOPE`)).status()).toBe(404);
    await context.close();
  }, 120_000);

  it("shows an audit's checklist, findings, opinion and signatures as recorded, and serves its evidence pack", async () => {
    const context = await signIn("E-CO");
    const page = context.pages()[0]!;
    await page.goto(`${service.url}/app/post?code=P-TELLER-SB1`);
    await page.getByRole("link", { name: auditId }).click();
    await page.waitForURL(/\/app\/audit\?id=/);
    const audit = await w.db.prisma.audit.findUniqueOrThrow({
      where: { id: auditId },
      include: { items: { orderBy: { seq: "asc" } }, findings: true, opinions: true, signatures: true },
    });
    await expect(page.locator("[data-status]").getAttribute("data-status")).resolves.toBe("closed");
    await page.screenshot({ path: join(SHOTS, "audit-zh-CN.png"), fullPage: true });
    const checklist = await cells(page, "checklist");
    expect(checklist.map((r) => [Number(r[0]), r[3], r[4]])).toEqual(
      audit.items.map((i) => [i.seq, i.note, i.evidenceUrl]),
    );
    // Results in the reader's language (compliance reads Chinese, the organisation's default).
    const results: Record<string, string> = {
      pass: "通过",
      exception: "异常",
      not_applicable: "不适用",
      pending: "未检查",
    };
    expect(checklist.map((r) => r[2])).toEqual(audit.items.map((i) => results[i.result]));
    expect((await cells(page, "findings")).map((r) => [Number(r[0]), r[3]])).toEqual(
      audit.findings.map((f) => [f.seq, f.description]),
    );
    expect(await cells(page, "opinions")).toHaveLength(audit.opinions.length);
    expect((await cells(page, "opinions"))[0]![0]).toBe("张柜员（E-TL）");
    expect((await cells(page, "signatures")).map((r) => r[0])).toEqual(["周副行长（E-VP）"]);
    const rect = await w.db.prisma.rectification.findFirstOrThrow({ where: { auditId } });
    expect((await cells(page, "rectifications")).map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
      [rect.description, "王行长（E-MG）", rect.dueDate, "Vouchers reconciled"],
    ]);

    const href = await page.locator("a.evidence").getAttribute("href");
    const zip = await context.request.get(`${service.url}${href}`);
    expect(zip.status()).toBe(200);
    expect(zip.headers()["content-type"]).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zip.body()));
    expect(Object.keys(files).sort()).toEqual([
      "log/audit-log.jsonl",
      "log/verification.json",
      "manifest.json",
      "records/audit.json",
      "report.zh-CN.html",
    ]);
    const verification = JSON.parse(new TextDecoder().decode(files["log/verification.json"])) as { ok: boolean };
    expect(verification.ok).toBe(true);
    // The CSV of the checklist has every item.
    const csv = await context.request.get(`${service.url}/app/audit?id=${auditId}&csv=checklist`);
    expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(audit.items.length + 1);
    await context.close();
  }, 120_000);

  it("shows an audit's log with its verification result, in English when the reader switches", async () => {
    const context = await signIn("E-CO");
    const page = context.pages()[0]!;
    await page.goto(`${service.url}/app/audit?id=${auditId}`);
    await page.getByRole("button", { name: /English/ }).click();
    await page.waitForURL(/\/app\/audit\?id=/);
    await page.getByRole("link", { name: "This audit's log" }).click();
    await page.waitForURL(/\/app\/log\?subject=audit/);
    await expect(page.locator("[data-verdict]").getAttribute("data-verdict")).resolves.toBe("ok");
    await expect(page.locator("[data-verdict]").textContent()).resolves.toContain("Verified");
    await page.screenshot({ path: join(SHOTS, "log-en.png"), fullPage: true });
    const entries = await w.db.prisma.auditLogEntry.findMany({
      where: { subjectType: "audit", subjectId: auditId },
      orderBy: { seq: "asc" },
    });
    expect(entries.length).toBeGreaterThan(5);
    const rows = await cells(page, "entries");
    expect(rows.map((r) => [Number(r[0]), r[4], r[5]])).toEqual(entries.map((e) => [e.seq, e.action, e.hash]));
    const proven = Number(await page.locator("[data-proven]").getAttribute("data-proven"));
    expect(proven).toBeGreaterThanOrEqual(entries.length);
    // Nothing of Chinese on the English page: people without an English name are their code.
    expect(await page.locator("main").innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    await context.close();
  }, 120_000);

  it("says when a log entry was changed behind Keypost's back", async () => {
    const context = await signIn("E-CO");
    const page = context.pages()[0]!;
    const first = await w.db.prisma.auditLogEntry.findFirstOrThrow({
      where: { subjectType: "audit", subjectId: auditId },
      orderBy: { seq: "asc" },
    });
    await w.db.prisma.auditLogEntry.update({ where: { seq: first.seq }, data: { action: "audit.forged" } });
    try {
      await page.goto(`${service.url}/app/log?subject=audit:${auditId}`);
      await expect(page.locator("[data-verdict]").getAttribute("data-verdict")).resolves.toBe("failed");
      await expect(page.locator("[data-verdict] li").first().textContent()).resolves.toContain(`#${first.seq}`);
    } finally {
      await w.db.prisma.auditLogEntry.update({ where: { seq: first.seq }, data: { action: first.action } });
    }
    await context.close();
  }, 120_000);

  it("shows the manager the closed audit, but the sealed leave and its audit nowhere, and no pack or log", async () => {
    const insider = await signIn("E-CO");
    const seen = await everything(insider);
    expect(seen).toContain(SEALED_START);
    expect(seen).toContain(sealedAuditId);
    await insider.close();

    const manager = await signIn("E-MG");
    const text = await everything(manager);
    expect(text).toContain(auditId);
    expect(text).toContain("2026-12-07");
    for (const secret of [SEALED_START, "2027-01-22", sealedLeaveId, sealedAuditId]) expect(text).not.toContain(secret);
    const get = (path: string) => manager.request.get(`${service.url}${path}`);
    expect((await get(`/app/audit?id=${sealedAuditId}`)).status()).toBe(404);
    expect((await get(`/app/log?subject=leave:${sealedLeaveId}`)).status()).toBe(404);
    expect((await get(`/app/log?subject=audit:${auditId}`)).status()).toBe(404);
    expect((await get(`/app/evidence/${auditId}`)).status()).toBe(403);
    const page = manager.pages()[0]!;
    await page.goto(`${service.url}/app/audit?id=${auditId}`);
    await expect(page.locator("a.evidence").count()).resolves.toBe(0);
    await manager.close();
  }, 180_000);

  it("is readable on a phone: no page is wider than the screen, tables scroll in their own box", async () => {
    const context = await signIn("E-CO", { width: 390, height: 844 });
    const page = context.pages()[0]!;
    for (const path of [
      `/app/post?code=P-TELLER-SB1`,
      `/app/audit?id=${auditId}`,
      `/app/log?subject=audit:${auditId}`,
    ]) {
      await page.goto(`${service.url}${path}`);
      const width = Number(await page.evaluate("document.documentElement.scrollWidth"));
      expect(width, path).toBeLessThanOrEqual(390);
      // Every table has a caption and column headers (screen readers).
      const bare = await page
        .locator("table")
        .evaluateAll((ts) => ts.filter((t) => !t.querySelector("caption") || !t.querySelector("th[scope=col]")).length);
      expect(bare, path).toBe(0);
    }
    await context.close();
  }, 120_000);
});
