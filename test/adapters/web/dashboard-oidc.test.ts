// OpenID Connect sign-in to the dashboard, over real HTTP against a fake identity provider on
// loopback (test/support/fake-oidc-issuer.ts: discovery, JWKS, code flow with PKCE, RS256 ID
// tokens). The service is configured as an operator would (issuer URL, client id, the secret in a
// file). Signs in by e-mail and lands on the overview with the session a chat link opens; refuses a
// callback with another state or without the browser's attempt, an ID token with another nonce or
// signed by a key the issuer does not publish, and a person the register does not know; maps an
// Entra object id to the person's Teams identity; the session idles out as a link's does.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openOidcSession } from "../../../src/app/dashboard/oidc-sign-in.ts";
import { SESSION_IDLE_MS } from "../../../src/app/dashboard/sign-in-link.ts";
import { loadConfig } from "../../../src/infra/config.ts";
import { loadDemoBank } from "../../../src/cli/load-demo-bank.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { startService, type Service } from "../../../src/main.ts";
import { startFakeIssuer, type FakeIssuer } from "../../support/fake-oidc-issuer.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";

const CLIENT = { id: "keypost-dashboard", secret: "fake-client-secret-not-real" };
const E006 = "tao.yang.e006@demo-bank.example"; // compliance over the bank, zh-CN

let db: TestDatabase;
let service: Service;
let issuer: FakeIssuer;
let dir: string;
const clock = new FixedClock("2026-12-04T02:00:00Z");

const cookieOf = (response: Response, name: string): string | undefined =>
  response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

/** The browser's part: start, the provider's answer, the callback (optionally altered) with the flow cookie. */
async function signIn(alter: (callback: URL) => void = () => undefined, withFlowCookie = true) {
  const start = await fetch(`${service.url}/app/oidc/start`, { redirect: "manual" });
  expect(start.status).toBe(303);
  const flow = cookieOf(start, "keypost_oidc")!;
  expect(flow).toMatch(/HttpOnly; SameSite=Lax; Max-Age=600/);
  const authorize = new URL(start.headers.get("location")!);
  const back = await fetch(authorize, { redirect: "manual" });
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get("location")!);
  alter(callback);
  const done = await fetch(callback, {
    redirect: "manual",
    headers: withFlowCookie ? { cookie: flow.split(";")[0]! } : {},
  });
  return { authorize, done, session: cookieOf(done, "keypost_session") };
}

describe("dashboard sign-in with OpenID Connect (fake issuer on loopback)", () => {
  beforeAll(async () => {
    issuer = await startFakeIssuer(CLIENT);
    dir = mkdtempSync(join(tmpdir(), "keypost-oidc-"));
    writeFileSync(join(dir, "client-secret"), `${CLIENT.secret}\n`);
    db = await testDatabase("sqlite");
    await loadDemoBank(db, clock);
    service = await startService(
      loadConfig({
        PORT: "0",
        DATABASE_URL: db.url,
        KEYPOST_SCHEDULER: "off",
        LOG_LEVEL: "silent",
        KEYPOST_OIDC_ISSUER: issuer.url,
        KEYPOST_OIDC_CLIENT_ID: CLIENT.id,
        KEYPOST_OIDC_CLIENT_SECRET_FILE: join(dir, "client-secret"),
      }),
      { clock, log: silentLogger },
    );
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await issuer?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("offers the sign-in on the page a signed-out person sees", async () => {
    const page = await fetch(`${service.url}/app`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('href="/app/oidc/start"');
  });

  it("signs in by e-mail with PKCE, state and nonce, and opens the session a link opens", async () => {
    issuer.signInAs = { sub: "entra-sub-e006", email: E006 };
    const { authorize, done, session } = await signIn();
    expect(authorize.origin).toBe(issuer.url);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    for (const p of ["code_challenge", "state", "nonce"]) expect(authorize.searchParams.get(p)).toMatch(/^.{20,}$/);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${service.url}/app/oidc/callback`);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/app");
    expect(session).toMatch(/^keypost_session=[\w-]{20,}; Path=\/app; HttpOnly; SameSite=Lax$/);
    expect(cookieOf(done, "keypost_oidc")).toMatch(/Max-Age=0/);
    const overview = await fetch(`${service.url}/app`, { headers: { cookie: session!.split(";")[0]! } });
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain("<h1>全行概览</h1>");
    const person = await service.kernel.uow.read((tx) => tx.people.byEmail(E006));
    const entries = await db.prisma.auditLogEntry.findMany({
      where: { action: "dashboard.signed_in", subjectId: person!.id },
    });
    expect(entries.map((e) => JSON.parse(e.data) as unknown)).toContainEqual({ via: "oidc" });
  });

  it("refuses a callback whose state is not the browser's, or without the browser's attempt", async () => {
    issuer.signInAs = { email: E006 };
    const forged = await signIn((callback) => callback.searchParams.set("state", "forged-state-value-0000"));
    expect(forged.done.status).toBe(400);
    expect(forged.session).toBeUndefined();
    expect(await forged.done.text()).toContain('data-refusal="oidc"');
    const stray = await signIn(() => undefined, false);
    expect(stray.done.status).toBe(400);
    expect(stray.session).toBeUndefined();
  });

  it("refuses an ID token with another nonce, or signed by a key the issuer does not publish", async () => {
    issuer.signInAs = { email: E006 };
    issuer.wrongNonce = "another-nonce-0000000000";
    try {
      const replayed = await signIn();
      expect(replayed.done.status).toBe(400);
      expect(replayed.session).toBeUndefined();
    } finally {
      issuer.wrongNonce = undefined;
    }
    issuer.foreignKey = true;
    try {
      const forged = await signIn();
      expect(forged.done.status).toBe(400);
      expect(forged.session).toBeUndefined();
    } finally {
      issuer.foreignKey = false;
    }
  });

  it("refuses a person the register does not know, in the organisation's language", async () => {
    issuer.signInAs = { email: "someone.else@other-bank.example" };
    const { done, session } = await signIn();
    expect(done.status).toBe(403);
    expect(session).toBeUndefined();
    const text = await done.text();
    expect(text).toContain('data-refusal="unknown_person"');
    expect(text).toContain("找不到对应员工");
  });

  it("maps an Entra object id (oid) to the person's Teams identity", async () => {
    const e025 = await service.kernel.uow.read((tx) => tx.people.byCode("E025"));
    const opened = await openOidcSession(service.kernel, "oid", "00000000-0000-4000-8000-000000000025");
    expect(opened).toMatchObject({ ok: true, personId: e025!.id });
    expect(await openOidcSession(service.kernel, "oid", "00000000-0000-4000-8000-00000000ffff")).toMatchObject({
      ok: false,
      refusal: "unknown_person",
    });
  });

  it("ends the session after 30 minutes without a page view, as a link's", async () => {
    issuer.signInAs = { email: E006 };
    const { session } = await signIn();
    const cookie = { cookie: session!.split(";")[0]! };
    expect((await fetch(`${service.url}/app/warnings`, { headers: cookie })).status).toBe(200);
    clock.advance(SESSION_IDLE_MS + 1000);
    expect((await fetch(`${service.url}/app/warnings`, { headers: cookie })).status).toBe(401);
  });
});
