// HTTPS_PROXY / HTTP_PROXY / NO_PROXY honoured by every outbound call, through a recording CONNECT
// proxy on loopback. The fakes (Slack's Web API and response_url, the Entra token endpoint, the Bot
// Connector) listen on 127.0.0.1 but are addressed by `.test` names that only the proxy resolves:
// a call that skipped the proxy fails. The running service is driven as Slack and Teams would
// (a signed Slack event, a signed Teams installation) and must reach both platforms through the
// proxy, the Bot Framework's signing keys included (the Teams SDK fetches them through Node's global
// agent); the NO_PROXY host (the token endpoint, on 127.0.0.1) must never appear in the proxy's
// record. Then each outbound path alone: Web API, response_url, token, connector, keypost doctor,
// a refused tunnel (not sent), and the configuration's rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responder } from "../../adapters/slack/slack-answer.ts";
import { slackAnswerCall } from "../../adapters/slack/slack-answer-call.ts";
import { slackWebClient } from "../../adapters/slack/slack-app.ts";
import { BotConnectorClient } from "../../adapters/teams/connector/bot-connector.client.ts";
import { ClientCredentialsToken } from "../../adapters/teams/connector/bot-token.ts";
import { ServiceUrlAllowList } from "../../adapters/teams/connector/service-urls.ts";
import { main } from "../../src/cli/main.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { ConfigError, loadConfig } from "../../src/infra/config.ts";
import { outboundFor } from "../../src/infra/http/outbound.ts";
import { silentLogger } from "../../src/infra/logger.ts";
import { startService } from "../../src/main.ts";
import { emptyDatabaseUrl } from "../support/databases.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { FakeSocketMode } from "../support/fake-socket-mode.ts";
import { RecordingProxy } from "../support/recording-proxy.ts";
import { slackFixture } from "../support/slack-fixtures.ts";
import { sendSigned, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";

const TENANT = "5a1c0f3e-7b2d-4c19-9e8a-0d6f4b3a2c10";
const CLIENT_ID = "7e0f3a52-1d4b-4f6e-8a9c-2b5d7e1f0c34";

describe("outbound calls through the bank's proxy", () => {
  let proxy: RecordingProxy;
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  /** The fakes' addresses under names only the proxy knows. */
  let slackApi: string;
  let login: string;
  let serviceUrl: string;
  beforeAll(async () => {
    proxy = await RecordingProxy.start();
    slack = await FakeSlack.start();
    connector = new FakeBotConnector();
    await connector.start();
    slackApi = slack.apiUrl.replace("127.0.0.1", "slack.test");
    login = connector.url.replace("127.0.0.1", "login.test");
    serviceUrl = connector.serviceUrl.replace("127.0.0.1", "connector.test");
  });
  afterAll(async () => {
    await proxy.close();
    await slack.close();
    await connector.stop();
  });

  const proxied = { HTTPS_PROXY: "", HTTP_PROXY: "", NO_PROXY: "127.0.0.1,localhost" };
  const proxyEnv = () => ({ ...proxied, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });

  it("the service reaches Slack and Teams only through the proxy; the NO_PROXY host directly", async () => {
    const { url, remove } = await emptyDatabaseUrl("sqlite");
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: url,
      KEYPOST_SCHEDULER: "off",
      LOG_LEVEL: "silent",
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slackApi,
      TEAMS_CLIENT_ID: CLIENT_ID,
      TEAMS_CLIENT_SECRET: "fake-secret-for-tests",
      TEAMS_TENANT_ID: TENANT,
      TEAMS_ALLOWED_TENANTS: TENANT,
      TEAMS_ALLOWED_SERVICE_URLS: serviceUrl,
      // The token endpoint by an address NO_PROXY names: reached directly.
      TEAMS_LOGIN_URL: connector.url,
      // The Bot Framework's signing keys: the Teams SDK fetches them through Node's global agent.
      TEAMS_OPENID_URL: connector.openIdMetadataUrl.replace("127.0.0.1", "keys.test"),
      ...proxyEnv(),
    });
    const service = await startService(config, { log: silentLogger });
    try {
      proxy.clear();
      slack.clear();
      // Slack: a person opens the app's home; Keypost publishes it through the Web API.
      const opened = await sendSigned(
        `${service.url}/slack/events`,
        { json: slackFixture("app_home_opened", { __USER__: "U0NOBODY01", __EVENT_ID__: "Ev0PROXY01" }) },
        { timestamp: Math.floor(Date.now() / 1000) },
      );
      expect(opened.status).toBe(200);
      await slack.until("views.publish", () => slack.callsOf("views.publish").length > 0);

      // Teams: someone of an allowed tenant installs the app; Keypost answers through the connector.
      const activity = {
        type: "installationUpdate",
        action: "add",
        id: "f:proxy-1",
        channelId: "msteams",
        serviceUrl,
        from: { id: "29:1proxy-user", aadObjectId: "0b6e2f4a-3c1d-4e5f-9a8b-00000000ffff" },
        conversation: { conversationType: "personal", tenantId: TENANT, id: "a:1proxy-conversation" },
        recipient: { id: `28:${CLIENT_ID}`, name: "Keypost" },
        channelData: { tenant: { id: TENANT } },
        locale: "en-US",
      };
      const installed = await fetch(`${service.url}/api/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${connector.sign({ aud: CLIENT_ID, serviceurl: serviceUrl })}`,
        },
        body: JSON.stringify(activity),
      });
      expect(installed.status).toBeLessThan(300);
      for (let i = 0; i < 400 && connector.to("a:1proxy-conversation").length === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(connector.to("a:1proxy-conversation")).toHaveLength(1);
      expect(connector.tokenRequests.length).toBeGreaterThan(0);

      expect(proxy.hosts()).toEqual(["connector.test", "keys.test", "slack.test"]);
      expect(proxy.tunnels.some((t) => t.startsWith("127.0.0.1"))).toBe(false);
      expect(proxy.plain).toEqual([]);
    } finally {
      await service.close();
      await remove();
    }
  });

  it("Socket Mode: apps.connections.open and the WebSocket both go through the proxy", async () => {
    const { url, remove } = await emptyDatabaseUrl("sqlite");
    const socket = await FakeSocketMode.start();
    slack.socketUrl = socket.url.replace("127.0.0.1", "socket.test");
    proxy.clear();
    const service = await startService(
      loadConfig({
        PORT: "0",
        DATABASE_URL: url,
        KEYPOST_SCHEDULER: "off",
        LOG_LEVEL: "silent",
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_APP_TOKEN: "xapp-1-A0KEYPOST-0000-not-a-real-token",
        SLACK_API_URL: slackApi,
        ...proxyEnv(),
      }),
      { log: silentLogger },
    );
    try {
      expect(socket.connections).toBe(1);
      const id = socket.send(
        "events_api",
        slackFixture("app_home_opened", { __USER__: "U0NOBODY02", __EVENT_ID__: "Ev0PROXY02" }),
      );
      expect(await socket.ackOf(id)).toBeDefined();
      expect(proxy.hosts()).toEqual(["slack.test", "socket.test"]);
    } finally {
      await service.close();
      await socket.close();
      slack.socketUrl = undefined;
      await remove();
    }
  });

  it("each outbound path alone: Web API, response_url, token endpoint, Bot Connector", async () => {
    const outbound = outboundFor(loadConfig(proxyEnv()));
    try {
      proxy.clear();
      const web = slackWebClient(TEST_BOT_TOKEN, slackApi, outbound.fetch);
      await web.chat.postMessage({ channel: "D0PROXY", text: "through the proxy" });
      await responder(`${slack.url.replace("127.0.0.1", "hooks.test")}/respond/proxy`, outbound.text)!({
        text: "answer",
      });
      // A press's answer (slack-answer-call.ts) leaves through the proxy too.
      await slackAnswerCall(
        TEST_BOT_TOKEN,
        slackApi,
        outbound.text,
      )("chat.postEphemeral", {
        channel: "D0PROXY",
        user: "U0PROXY",
        text: "through the proxy",
      });
      const token = new ClientCredentialsToken({
        loginUrl: login,
        tenantId: TENANT,
        clientId: CLIENT_ID,
        clientSecret: "fake-secret-for-tests",
        fetch: outbound.fetch,
      });
      const client = new BotConnectorClient({
        allowList: ServiceUrlAllowList.parse(serviceUrl),
        token,
        http: outbound.text,
      });
      const sent = await client.send({ serviceUrl, conversationId: "a:1alone" }, { type: "message", text: "hi" });
      expect(sent.kind).toBe("ok");
      expect(proxy.hosts()).toEqual(["connector.test", "hooks.test", "login.test", "slack.test"]);

      // NO_PROXY: the same fake by its loopback address goes direct.
      proxy.clear();
      const direct = new ClientCredentialsToken({
        loginUrl: connector.url,
        tenantId: TENANT,
        clientId: CLIENT_ID,
        clientSecret: "fake-secret-for-tests",
        fetch: outbound.fetch,
      });
      expect(await direct.get()).toMatch(/^fake-bot-token-/);
      expect(proxy.tunnels).toEqual([]);
    } finally {
      await outbound.close();
    }
  });

  it("a tunnel the proxy refuses is 'not sent' (safe to retry), never 'unknown'", async () => {
    const outbound = outboundFor(loadConfig(proxyEnv()));
    proxy.refused.add("connector.test");
    try {
      const client = new BotConnectorClient({ allowList: ServiceUrlAllowList.parse(serviceUrl), http: outbound.text });
      expect(await client.send({ serviceUrl, conversationId: "a:1refused" }, { type: "message" })).toEqual({
        kind: "not_sent",
        reason: "EPROXYREFUSED",
      });
    } finally {
      proxy.refused.delete("connector.test");
      await outbound.close();
    }
  });

  it("keypost doctor checks the credentials through the proxy", async () => {
    const { url, remove } = await emptyDatabaseUrl("sqlite");
    const out: string[] = [];
    proxy.clear();
    try {
      await main(
        ["doctor"],
        { interactive: false, out: (l) => out.push(l), err: (l) => out.push(l) },
        {
          DATABASE_URL: url,
          LOG_LEVEL: "silent",
          SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          SLACK_API_URL: slackApi,
          TEAMS_CLIENT_ID: CLIENT_ID,
          TEAMS_CLIENT_SECRET: "fake-secret-for-tests",
          TEAMS_TENANT_ID: TENANT,
          TEAMS_LOGIN_URL: login,
          https_proxy: proxy.url,
          http_proxy: proxy.url,
        },
        new FixedClock("2026-12-01T02:00:00Z"),
      );
    } finally {
      await remove();
    }
    expect(out.filter((l) => /auth\.test|bot token/.test(l))).toEqual([
      expect.stringMatching(/✓.*auth\.test ok/),
      expect.stringMatching(/✓.*bot token ok/),
    ]);
    expect(proxy.hosts()).toEqual(["login.test", "slack.test"]);
  });

  it("configuration: both cases read, differing values refused, the proxy URL never printed", () => {
    expect(loadConfig({ https_proxy: "http://proxy.bank.example:8080" }).HTTPS_PROXY).toBe(
      "http://proxy.bank.example:8080",
    );
    expect(() => loadConfig({ https_proxy: "http://a.example:8080", HTTPS_PROXY: "http://b.example:8080" })).toThrow(
      new ConfigError("https_proxy and HTTPS_PROXY are set to different values: set one"),
    );
    let message = "";
    try {
      loadConfig({ HTTPS_PROXY: "http://user:p4ss-not-real@proxy.example:8080/some/path" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^HTTPS_PROXY is not valid: expected a proxy URL/);
    expect(message).not.toContain("p4ss");
    expect(() => loadConfig({ NO_PROXY: "a.example, ; rm" })).toThrow(/NO_PROXY/);
    expect(outboundFor(loadConfig({})).proxied).toBe(false);
  });
});
