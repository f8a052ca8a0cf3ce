// `/keypost dashboard` from Slack, end to end over HTTP: a signed slash command answers an
// ephemeral link to this service's /app; the link's page posts once, sets the session cookie and
// the dashboard opens in the person's language; a holder without a reporting role gets no link; a
// session of someone whose own mandatory leave has started opens nothing (SUSPENDED, recorded, and
// compliance told).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackWorld, type SlackWorld } from "../slack/slack-harness.ts";

describe("the dashboard link from Slack", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await slackWorld("sqlite", "2026-03-02T02:00:00Z");
  }, 60_000);
  afterAll(async () => w?.close());

  it("answers an ephemeral one-time link that opens a session", async () => {
    const answer = await w.slashAnswer("compliance", "dashboard");
    expect(answer.response_type).toBe("ephemeral");
    const url = new RegExp(`${w.service.url}/app/sign-in\\?token=[A-Za-z0-9_-]{43}`).exec(answer.text)?.[0];
    expect(url, answer.text).toBeDefined();
    expect(answer.text).toContain("5 分钟内有效");

    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/<button[^>]*>\s*登录\s*<\/button>/);

    const token = new URL(url!).searchParams.get("token")!;
    const signedIn = await fetch(`${w.service.url}/app/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ token }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^keypost_session=[A-Za-z0-9_-]{43}; Path=\/app; HttpOnly; SameSite=Lax$/);
    const app = await fetch(`${w.service.url}/app`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(app.status).toBe(200);
    expect(await app.text()).toMatch(/<h1>\s*全行概览\s*<\/h1>/);

    const again = await fetch(`${w.service.url}/app/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ token }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("此登录链接已使用过");
    expect((await fetch(`${w.service.url}/app`)).status).toBe(401);
  });

  it("gives a holder no link", async () => {
    const answer = await w.slashAnswer("holder", "dashboard");
    expect(answer.text).not.toContain("/app/sign-in");
    expect(answer.text).toContain("仪表盘只对人力资源、内控合规、管理人员和高管开放");
  });

  it("opens nothing to a session whose person has gone on leave since: SUSPENDED, recorded, compliance told", async () => {
    const answer = await w.slashAnswer("hr", "dashboard");
    const token = new URL(/http\S+token=[A-Za-z0-9_-]{43}/.exec(answer.text)![0]).searchParams.get("token")!;
    const signedIn = await fetch(`${w.service.url}/app/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ token }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect((await fetch(`${w.service.url}/app`, { headers: { cookie } })).status).toBe(200);
    const p = w.service.db.prisma;
    await p.leave.create({
      data: {
        id: randomUUID(),
        kind: "triggered",
        trigger: "tip_off",
        holderId: w.bank.ids.hr,
        postId: w.bank.post.id,
        unitId: w.bank.units.SB1.id,
        startDate: "2026-03-02",
        endDate: "2026-03-06",
        status: "started",
        plannedById: w.bank.ids.compliance,
      },
    });
    const page = await fetch(`${w.service.url}/app`, { headers: { cookie } });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("强制休假");
    expect(await p.auditLogEntry.count({ where: { action: "dashboard.view.refused", actorId: w.bank.ids.hr } })).toBe(
      1,
    );
    expect(await p.notice.count({ where: { kind: "suspended_attempt" } })).toBeGreaterThan(0);
  });
});
