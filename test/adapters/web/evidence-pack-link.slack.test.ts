// The evidence pack from chat (issue #19), end to end over HTTP: `/keypost pack <post code>` in
// Slack answers compliance a one-time link; the link's page posts once, lands on the download, and
// the zip is the audit's pack in the reader's language. Refused before the report is signed, for
// people neither in compliance over the unit nor on the team, and at the download for a signed-in
// person who is not entitled; a used link is refused.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signReport } from "../../../src/app/audit/sign-report.ts";
import { execute } from "../../../src/app/kernel/execute.ts";
import type { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { BEFORE_START, driveTo, ok, type World } from "../../app/audit/audit-world.ts";
import { ENGINES, type TestDatabase } from "../../support/databases.ts";
import { slackWorld, type SlackWorld } from "../slack/slack-harness.ts";
import { findButton, SlackSession } from "../slack/slack-session.ts";

function auditWorld(sw: SlackWorld): World {
  const kernel = Object.assign(sw.service.kernel, { clock: sw.clock as FixedClock });
  const ids = sw.bank.ids as Record<string, string>;
  return {
    db: { prisma: sw.service.db.prisma } as unknown as TestDatabase,
    bank: sw.bank,
    kernel,
    ids: ids as World["ids"],
    run: (useCase, raw, who, platform = "slack") => execute(kernel, useCase, raw, { personId: ids[who]!, platform }),
    press: () => Promise.reject(new Error("not used")),
    close: async () => undefined,
  };
}

const form = (fields: Record<string, string>, cookie?: string) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
  redirect: "manual" as const,
});

describe.each(ENGINES)("the evidence pack link from Slack on %s", (engine) => {
  let w: SlackWorld;
  let dir: string;
  let auditId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keypost-pack-link-"));
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(join(dir, "key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    w = await slackWorld(engine, BEFORE_START, {
      env: {
        KEYPOST_LOG_SIGNING_KEY_FILE: join(dir, "key.pem"),
        KEYPOST_LOG_CHECKPOINT_DIR: join(dir, "checkpoints"),
      },
    });
    ({ auditId } = await driveTo(auditWorld(w), "opinion_given"));
  }, 180_000);
  afterAll(async () => {
    await w?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    "is refused before the report is signed, then answers compliance a one-time link to the zip",
    { timeout: 180_000 },
    async () => {
      const early = await w.slashAnswer("compliance", "pack P-TELLER-SB1");
      expect(early.text).toBe("证据包只在审计报告签署后提供（已签署、整改中或已结束）。");
      ok(await auditWorld(w).run(signReport, { auditId }, "executive"));

      const answer = await w.slashAnswer("compliance", "pack P-TELLER-SB1");
      expect(answer.response_type).toBe("ephemeral");
      expect(answer.text).toContain("离岗审计证据包（5 分钟内有效，仅可使用一次，请勿转发）");
      const url = new RegExp(`${w.service.url}/app/sign-in\\?token=[A-Za-z0-9_-]{43}&next=\\S+`).exec(answer.text)?.[0];
      expect(url, answer.text).toBeDefined();
      const link = new URL(url!);
      expect(link.searchParams.get("next")).toBe(`/app/evidence/${auditId}`);

      const page = await (await fetch(url!)).text();
      expect(page).toContain(`name="next"`);
      expect(page).toContain(`value="/app/evidence/${auditId}"`);
      const token = link.searchParams.get("token")!;
      const signedIn = await fetch(`${w.service.url}/app/sign-in`, form({ token, next: `/app/evidence/${auditId}` }));
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get("location")).toBe(`/app/evidence/${auditId}`);
      const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
      const zip = await fetch(`${w.service.url}/app/evidence/${auditId}`, { headers: { cookie } });
      expect(zip.status).toBe(200);
      expect(zip.headers.get("content-type")).toBe("application/zip");
      expect(zip.headers.get("content-disposition")).toBe(`attachment; filename="evidence-audit-${auditId}.zip"`);
      const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
      expect(Object.keys(files)).toContain("report.zh-CN.html");
      const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as { auditId: string };
      expect(manifest.auditId).toBe(auditId);

      const again = await fetch(`${w.service.url}/app/sign-in`, form({ token, next: `/app/evidence/${auditId}` }));
      expect(again.status).toBe(410);
      const issued = await w.service.db.prisma.auditLogEntry.count({ where: { action: "audit.evidence_link_issued" } });
      expect(issued).toBe(1);
    },
  );

  it("refuses people not entitled, in chat and at the download", { timeout: 180_000 }, async () => {
    const stranger = await w.slashAnswer("stranger", "pack P-TELLER-SB1");
    expect(stranger.text).not.toContain("/app/");
    const manager = await w.slashAnswer("manager", `pack ${auditId}`);
    expect(manager.text).not.toContain("/app/");
    expect(manager.text).toMatch(/权限|无权/);

    // The manager holds a dashboard session, but the pack is not theirs: refused at the download too.
    const dashboard = await w.slashAnswer("manager", "dashboard");
    const token = /token=([A-Za-z0-9_-]{43})/.exec(dashboard.text)![1]!;
    const signedIn = await fetch(`${w.service.url}/app/sign-in`, form({ token, next: `/app/evidence/${auditId}` }));
    expect(signedIn.headers.get("location")).toBe(`/app/evidence/${auditId}`);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    const refused = await fetch(`${w.service.url}/app/evidence/${auditId}`, { headers: { cookie } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("text/html");
    const refusals = await w.service.db.prisma.auditLogEntry.count({
      where: { action: "audit.evidence_pack.refused" },
    });
    expect(refusals).toBeGreaterThanOrEqual(3);
  });

  it(
    "offers compliance an Evidence pack button on the signed audit's card, answering the link",
    { timeout: 180_000 },
    async () => {
      await w.dispatch();
      const s = new SlackSession(w);
      const dm = s.dmWith("compliance", "证据包");
      expect(dm, "compliance's audit_signed DM with the button").toBeDefined();
      // Slack's mrkdwn escapes "&" as "&amp;" (Slack shows and opens it as "&").
      expect(w.fake.uploads.size).toBe(0);
      const answer = (await s.pressButton("compliance", findButton(dm!.blocks, "证据包"), dm!)).replaceAll(
        "&amp;",
        "&",
      );
      const url = new RegExp(`${w.service.url}/app/sign-in\\?token=[A-Za-z0-9_-]{43}&next=[^\\s*]+`).exec(answer)?.[0];
      expect(url, answer).toBeDefined();
      const token = new URL(url!).searchParams.get("token")!;
      const signedIn = await fetch(`${w.service.url}/app/sign-in`, form({ token, next: `/app/evidence/${auditId}` }));
      const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
      const zip = await fetch(`${w.service.url}/app/evidence/${auditId}`, { headers: { cookie } });
      expect([zip.status, zip.headers.get("content-type")]).toEqual([200, "application/zip"]);
      // The pack itself is posted into compliance's DM too (Slack's external upload), in their language.
      const uploads = [...w.fake.uploads.values()];
      expect(uploads.map((u) => [u.name, u.channel, u.comment])).toEqual([
        [`evidence-pack-${auditId}.zip`, dm!.channel, "离岗审计证据包（请勿转发）。"],
      ]);
      const posted = unzipSync(uploads[0]!.bytes!);
      expect(Object.keys(posted)).toContain("report.zh-CN.html");
      expect((JSON.parse(new TextDecoder().decode(posted["manifest.json"])) as { auditId: string }).auditId).toBe(
        auditId,
      );
      // The holder is told of the signature too, with no such button.
      expect(s.dmWith("holder", "证据包")).toBeUndefined();
    },
  );
});
