// Slack over Socket Mode (SLACK_APP_TOKEN, no inbound address), against a fake Socket Mode
// WebSocket server on loopback whose URL the fake Web API's apps.connections.open hands out. The
// same behaviour as over HTTP: a slash command answered in its ack, a form submitted, a card's
// button pressed twice acted on once (the typed press, the inbox), an event acted on once when
// Slack delivers it again, and a `disconnect` from Slack followed by a reconnection that keeps
// working. /slack/events is not served. Configuration: an app token without a bot token exits 2;
// one Slack refuses stops the start.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.ts";
import { ConfigError, loadConfig } from "../../../src/infra/config.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { startService } from "../../../src/main.ts";
import { emptyDatabaseUrl, ENGINES } from "../../support/databases.ts";
import { FakeSlack } from "../../support/fake-slack.ts";
import { slackFixture } from "../../support/slack-fixtures.ts";
import { TEST_BOT_TOKEN } from "../../support/slack-requests.ts";
import { slackWorld, TEST_APP_TOKEN, type SlackWorld } from "./slack-harness.ts";
import { findButton, SlackSession, textOf } from "./slack-session.ts";

const PLAN_AT = "2026-03-02T02:00:00Z";

describe.each(ENGINES)("Slack over Socket Mode on %s", (engine) => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld(engine, PLAN_AT, { socketMode: true });
    s = new SlackSession(w);
    await w.service.db.prisma.employee.updateMany({ data: { locale: "en" } });
  });
  afterEach(async () => w.close());

  const db = () => w.service.db.prisma;

  it("a slash command, a form, a button pressed twice acted on once, App Home — as over HTTP", async () => {
    expect(w.fake.connectionTokens).toEqual([`Bearer ${TEST_APP_TOKEN}`]);
    const help = await w.slashAnswer("manager", "help");
    expect(help.response_type).toBe("ephemeral");
    expect(help.text).toContain("Keypost commands:");

    const done = await s.planLeave();
    expect(done).toMatch(/^✓ /);
    await w.dispatch();

    const dm = s.dmWith("compliance", "Acknowledge")!;
    const button = findButton(dm.blocks, "Acknowledge");
    const [a, b] = await Promise.all([
      w.press("compliance", button.actionId, button.value, dm),
      w.press("compliance", button.actionId, button.value, dm),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await db().leave.findFirstOrThrow()).status).toBe("compliance_notified");
    expect(await db().auditLogEntry.count({ where: { action: "leave.compliance_notified" } })).toBe(1);

    expect(textOf(await s.home("compliance"))).toContain("My tasks (");
    const http = await fetch(`${w.service.url}/slack/events`, { method: "POST", body: "{}" });
    expect(http.status).toBe(404);
  });

  it("an envelope delivered again is acted on once and acknowledged both times", async () => {
    const socket = w.socket!;
    const body = slackFixture("message_im", {
      USER: w.user("manager"),
      EVENT_ID: "Ev0SOCKET01",
      CHANNEL: `D${w.user("manager").slice(1)}`,
      TEXT: "lang zh-CN",
    });
    const first = socket.send("events_api", body);
    expect(await socket.ackOf(first)).toBeDefined();
    const again = socket.send("events_api", body, { retryAttempt: 1 });
    expect(await socket.ackOf(again)).toBeDefined();
    await w.service.settled();
    const channel = `D${w.user("manager").slice(1)}`;
    await w.fake.until("the DM answer", () =>
      w.fake.callsOf("chat.postMessage").find((c) => c.args.channel === channel),
    );
    expect(w.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel)).toHaveLength(1);
    expect(await db().auditLogEntry.count({ where: { action: "profile.locale_set" } })).toBe(1);
  });

  it("reconnects when Slack says disconnect, and keeps acting on what comes over the new connection", async () => {
    const socket = w.socket!;
    expect(socket.connections).toBe(1);
    socket.disconnect("refresh_requested");
    await socket.connected(2);
    expect(w.fake.callsOf("apps.connections.open")).toHaveLength(2);
    const help = await w.slashAnswer("holder", "help");
    expect(help.text).toContain("Keypost commands:");
  });
});

describe("Socket Mode configuration", () => {
  it("a refused app token stops the start with Slack's error", async () => {
    const fake = await FakeSlack.start();
    fake.tokenRefused = "invalid_auth";
    const { url, remove } = await emptyDatabaseUrl("sqlite");
    try {
      await expect(
        startService(
          loadConfig({
            PORT: "0",
            DATABASE_URL: url,
            KEYPOST_SCHEDULER: "off",
            LOG_LEVEL: "silent",
            SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
            SLACK_APP_TOKEN: TEST_APP_TOKEN,
            SLACK_API_URL: fake.apiUrl,
          }),
          { log: silentLogger },
        ),
      ).rejects.toThrow(/invalid_auth/);
      expect(fake.connectionTokens).toEqual([`Bearer ${TEST_APP_TOKEN}`]);
    } finally {
      await fake.close();
      await remove();
    }
  });

  it("an app token needs the bot token: exit 2 naming it; with it, no signing secret is needed", async () => {
    expect(() => loadConfig({ SLACK_APP_TOKEN: TEST_APP_TOKEN })).toThrow(
      new ConfigError("SLACK_APP_TOKEN needs SLACK_BOT_TOKEN: SLACK_BOT_TOKEN missing"),
    );
    const err: string[] = [];
    const code = await main(
      ["serve"],
      { interactive: false, out: () => undefined, err: (l) => err.push(l) },
      { SLACK_APP_TOKEN: TEST_APP_TOKEN, LOG_LEVEL: "silent" },
      new FixedClock(PLAN_AT),
    );
    expect(code).toBe(2);
    expect(err.join("\n")).toContain("SLACK_APP_TOKEN needs SLACK_BOT_TOKEN");
    expect(err.join("\n")).not.toContain(TEST_APP_TOKEN);
    expect(loadConfig({ SLACK_APP_TOKEN: TEST_APP_TOKEN, SLACK_BOT_TOKEN: TEST_BOT_TOKEN }).SLACK_APP_TOKEN).toBe(
      TEST_APP_TOKEN,
    );
    expect(() => loadConfig({ SLACK_APP_TOKEN: "xoxb-not-an-app-token", SLACK_BOT_TOKEN: TEST_BOT_TOKEN })).toThrow(
      /^SLACK_APP_TOKEN is not valid: expected an app-level token starting xapp-$/,
    );
  });
});
