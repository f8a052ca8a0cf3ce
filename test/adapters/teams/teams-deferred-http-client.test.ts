// The HTTP client Keypost hands the Teams SDK (decision 13.s10p-1): the SDK's per-activity clients
// are clones of it and build nothing until something is sent through them; what is sent leaves as
// the SDK's own client would send it (headers, token, body), over real HTTP to a fake Bot Connector.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, type IActivityContext } from "@microsoft/teams.apps";
import { Client } from "@microsoft/teams.common";
import { DeferredHttpClient } from "../../../adapters/teams/deferred-http-client.ts";
import { sdkLogger } from "../../../adapters/teams/sdk-logger.ts";
import { RouteAdapter } from "../../../adapters/teams/teams-route.ts";
import { createTeamsAdapter } from "../../../adapters/teams/teams-app.ts";
import { teamsSettings } from "../../../adapters/teams/teams-settings.ts";
import { actions } from "../../../src/app/catalog.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { testDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";
import { fixture } from "../../support/teams-world.ts";

const TENANT = "5a1c0f3e-7b2d-4c19-9e8a-0d6f4b3a2c10";

describe("the Teams SDK's HTTP client, built when used", () => {
  const connector = new FakeBotConnector();
  beforeAll(() => connector.start());
  afterAll(() => connector.stop());

  const press = (conversationId: string) =>
    fixture("invoke.adaptive-card-action", {
      activityId: "f:deferred-1",
      serviceUrl: connector.serviceUrl,
      userId: "29:1deferred-user",
      userName: "Deferred",
      aadObjectId: "0b6e2f4a-3c1d-4e5f-9a8b-00000000d0d0",
      conversationId,
      tenantId: TENANT,
      botId: "28:bot",
      locale: "en-US",
      title: "Acknowledge",
      verb: "press",
      data: { kp: "press", token: "fake-token" },
      trigger: "manual",
    });

  it("a clone sends what the SDK's own clone sends, and builds its client only then", async () => {
    const token = () => "fake-bearer-for-tests";
    const own = new Client({ headers: { "User-Agent": "keypost-test/1" } })
      .clone({ headers: { "User-Agent": "teams.ts[apps]/2" } })
      .clone({ token, baseUrl: connector.url });
    const deferred = DeferredHttpClient.of({ headers: { "User-Agent": "keypost-test/1" } })
      .clone({ headers: { "User-Agent": "teams.ts[apps]/2" } })
      .clone({ token, baseUrl: connector.url });
    expect(deferred.built).toBe(false);
    const body = { type: "message", text: "ping" };
    await own.post("/teams/v3/conversations/a:1own/activities", body);
    await deferred.post("/teams/v3/conversations/a:1deferred/activities", body);
    expect(deferred.built).toBe(true);
    const [a] = connector.to("a:1own");
    const [b] = connector.to("a:1deferred");
    expect(b).toBeDefined();
    expect({ ...b, conversationId: "", path: "", activityId: "" }).toEqual({
      ...a,
      conversationId: "",
      path: "",
      activityId: "",
    });
    expect(b!.authorization).toBe("Bearer fake-bearer-for-tests");
  });

  it("an activity's context gets unbuilt clients, which send through the SDK as its own would", async () => {
    const adapter = new RouteAdapter();
    const app = new App({
      dangerouslyAllowUnauthenticatedRequests: true,
      httpServerAdapter: adapter,
      client: () => DeferredHttpClient.of().asSdkClient(),
      logger: sdkLogger(silentLogger),
    });
    let seen: IActivityContext | undefined;
    app.on("card.action", async (ctx) => {
      seen = ctx as unknown as IActivityContext;
      return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "ok" };
    });
    await app.initialize();
    const answer = await adapter.registered!({ body: press("a:1ctx"), headers: {} });
    expect(answer.status).toBe(200);
    const clients = [seen!.api.http, seen!.userGraph.http, seen!.appGraph.http] as unknown[];
    for (const client of clients) {
      expect(client).toBeInstanceOf(DeferredHttpClient);
      expect((client as DeferredHttpClient).built).toBe(false);
    }
    await seen!.api.conversations.activities("a:1ctx").create({ type: "message", text: "sent by the SDK" });
    expect((seen!.api.http as unknown as DeferredHttpClient).built).toBe(true);
    expect(connector.to("a:1ctx").map((r) => r.body.text)).toEqual(["sent by the SDK"]);
  });

  it("Keypost's Teams app is given it", async () => {
    const db = await testDatabase("sqlite");
    try {
      const teams = await createTeamsAdapter({
        kernel: testKernel(db, "2026-03-09T02:00:00Z"),
        actions,
        settings: teamsSettings({ NODE_ENV: "development", TEAMS_ALLOWED_TENANTS: TENANT, TEAMS_TENANT_RATE: 50 }),
        log: silentLogger,
      });
      expect(teams.app.client).toBeInstanceOf(DeferredHttpClient);
      expect((teams.app.client as unknown as DeferredHttpClient).built).toBe(false);
    } finally {
      await db.drop();
    }
  });
});
