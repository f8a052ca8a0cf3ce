// A person with both a Slack and a Teams account gets each notice once, on their preferred platform
// (issue #14), on both engines: one service with Slack (fake Web API) and Teams (fake Bot Connector)
// on loopback. Compliance has both accounts; each major event the teller files through the Slack
// modal tells compliance once — on Slack first (no choice yet, nothing acknowledged: the fixed
// order), on Teams after `platform teams` typed in Slack, on Slack again after `平台 slack` typed in
// Teams. Someone with a Slack account only is refused `platform teams`, in their language, and
// keeps getting their notices on Slack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../support/databases.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import { TENANT, BOT_ID, fixture, teamsUser, textOf as teamsText, cardsIn } from "../support/teams-world.ts";
import { slackWorld, type SlackWorld, dateValue, selectValue, textValue } from "./slack/slack-harness.ts";
import { textOf as slackText } from "./slack/slack-session.ts";

const NOW = "2026-03-02T02:00:00Z";

describe.each(ENGINES)("notices on the preferred platform, on %s", (engine) => {
  let slack: SlackWorld;
  let connector: FakeBotConnector;
  let activities = 0;

  beforeAll(async () => {
    connector = new FakeBotConnector();
    await connector.start();
    slack = await slackWorld(engine, NOW, {
      env: {
        KEYPOST_TEAMS: "on",
        TEAMS_ALLOWED_SERVICE_URLS: connector.url,
        TEAMS_ALLOWED_TENANTS: TENANT,
      },
    });
    // Compliance also has a Teams account, and the Keypost app installed there.
    await slack.service.db.prisma.chatIdentity.create({
      data: {
        id: "teams-compliance",
        employeeId: slack.bank.ids.compliance,
        platform: "teams",
        externalId: teamsUser("compliance").aadObjectId,
        tenantId: "",
      },
    });
    expect((await teams(fixture("installation-update.add", vars()))).status).toBe(200);
  });
  afterAll(async () => {
    await slack?.close();
    await connector?.stop();
  });

  function vars(text = "") {
    return {
      ...teamsUser("compliance"),
      activityId: `f:pp${++activities}`,
      serviceUrl: connector.serviceUrl,
      tenantId: TENANT,
      botId: BOT_ID,
      locale: "zh-CN",
      text,
    };
  }
  async function teams(activity: Record<string, unknown>) {
    const response = await fetch(`${slack.service.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    await response.text();
    return response;
  }
  /** Compliance types in their Teams chat; the text of the bot's reply. */
  async function sayInTeams(text: string): Promise<string> {
    const activity = fixture("message.personal", vars(text));
    expect((await teams(activity)).status).toBe(200);
    const replies = connector
      .to(teamsUser("compliance").conversationId)
      .filter((r) => r.body.replyToId === activity.id);
    return replies.map((r) => `${String(r.body.text ?? "")}\n${cardsIn([r]).map(teamsText).join("\n")}`).join("\n");
  }

  let filed = 0;
  /** The teller files a major event through the Slack modal; what reached compliance where, after delivery. */
  async function fileEventAndDeliver(): Promise<{ slack: number; teams: number }> {
    const slackBefore = toComplianceInSlack().length;
    const teamsBefore = toComplianceInTeams().length;
    filed += 1;
    const sent = await slack.submit(
      "holder",
      { k: "chat", f: "major_event.file" },
      {
        kind: selectValue("large_debt"),
        occurredOn: dateValue("2026-02-20"),
        description: textValue(`A loan, number ${filed}`),
      },
    );
    expect(sent.status).toBe(200);
    // The service's own dispatcher: it has both platforms' notifiers (the harness's has Slack's only).
    await slack.service.dispatcher.drain(slack.service.kernel);
    return { slack: toComplianceInSlack().length - slackBefore, teams: toComplianceInTeams().length - teamsBefore };
  }
  const toComplianceInSlack = () =>
    slack.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === `D${slack.user("compliance").slice(1)}`); // the fake's DM channel
  const toComplianceInTeams = () =>
    connector.to(teamsUser("compliance").conversationId).filter((r) => r.body.replyToId === undefined);

  it("each notice once: Slack by default, Teams once chosen there, Slack again when switched back", async () => {
    expect(await fileEventAndDeliver()).toEqual({ slack: 1, teams: 0 });
    expect(
      String(toComplianceInSlack().at(-1)!.args.text ?? "") +
        slackText(toComplianceInSlack().at(-1)!.args.blocks as never),
    ).toContain("重大事项");

    const chosen = await slack.slashAnswer("compliance", "platform teams");
    expect(chosen.text + slackText(chosen.blocks ?? [])).toContain("Keypost 的通知将只发到 Microsoft Teams。");
    expect(await fileEventAndDeliver()).toEqual({ slack: 0, teams: 1 });
    expect(teamsText(cardsIn([toComplianceInTeams().at(-1)!])[0])).toContain("重大事项");

    expect(await sayInTeams("平台 slack")).toContain("Keypost 的通知将只发到 Slack。");
    expect(await fileEventAndDeliver()).toEqual({ slack: 1, teams: 0 });

    const notices = await slack.service.db.prisma.notice.findMany({
      where: { recipientId: slack.bank.ids.compliance, kind: { startsWith: "major_event" } },
      select: { platform: true },
      orderBy: { createdAt: "asc" },
    });
    expect(notices.map((n) => n.platform)).toEqual(["slack", "teams", "slack"]);
    const log = await slack.service.db.prisma.auditLogEntry.findMany({ where: { action: "profile.platform_set" } });
    expect(log.map((e) => JSON.parse(e.data) as unknown)).toEqual([
      { from: null, to: "teams" },
      { from: "teams", to: "slack" },
    ]);
  });

  it("a platform without an account is refused, naming it, and nothing changes", async () => {
    await slack.slashAnswer("manager", "lang en");
    const refused = await slack.slashAnswer("manager", "platform teams");
    const text = refused.text + slackText(refused.blocks ?? []);
    expect(text).toContain("You have no account on that chat platform");
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    const manager = await slack.service.db.prisma.employee.findUniqueOrThrow({ where: { id: slack.bank.ids.manager } });
    expect(manager.preferredPlatform).toBeNull();
    expect((await slack.slashAnswer("manager", "platform")).text).toContain("Usage: platform slack or platform teams");
  });
});
