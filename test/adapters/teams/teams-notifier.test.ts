// The Teams notifier against the fake Bot Connector over real HTTP: what it posts, and how each of
// Teams' answers maps onto the notifier port — sent, retry (Retry-After honoured, else a jittered
// backoff), failed (never retried), unknown (a timeout: the message may have arrived).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { same, type Card } from "../../../src/ports/card.ts";
import { bi } from "../../../src/ports/locale.ts";
import type { Delivery } from "../../../src/ports/notifier.ts";
import { canReadBack } from "../../../src/app/delivery/dispatch-pump.ts";
import type { StoredNotice } from "../../../src/ports/outbox.ts";
import type { Person } from "../../../src/ports/people-repository.ts";
import { BotConnectorClient } from "../../../adapters/teams/connector/bot-connector.client.ts";
import { ServiceUrlAllowList } from "../../../adapters/teams/connector/service-urls.ts";
import { NOT_INSTALLED, TeamsNotifier } from "../../../adapters/teams/teams-notifier.ts";
import { FakeBotConnector } from "../../support/fake-bot-connector.ts";

const card: Card = {
  title: bi("您的强制休假已开始", "Your mandatory leave has started"),
  fields: [{ label: bi("岗位", "Post"), value: same("P-TELLER-SB1") }],
  actions: [{ token: "tok-acknowledge-0001", label: bi("确认收到", "Acknowledge"), style: "primary" }],
  subject: { type: "leave", id: "leave-1", version: 3 },
};

const person: Person = {
  id: "p1",
  code: "E-TL",
  name: "张柜员",
  nameEn: "Tom Teller",
  email: null,
  unitId: "u",
  unitPath: "/HO/",
  unitTimeZone: "Asia/Shanghai",
  status: "active",
  locale: "en",
  grants: [],
};

function notice(messageRef: string | null = null): StoredNotice {
  return {
    id: "n1",
    dedupeKey: "k",
    recipientId: "p1",
    platform: "teams",
    kind: "leave_started",
    subjectType: "leave",
    subjectId: "leave-1",
    card,
    status: "sending",
    visibleFrom: null,
    createdAt: new Date(),
    sentAt: null,
    acknowledgedAt: null,
    messageRef,
  };
}

describe("the Teams notifier", () => {
  const connector = new FakeBotConnector();
  let notifier: TeamsNotifier;
  let delivery: (messageRef?: string | null, serviceUrl?: string) => Delivery;

  beforeAll(async () => {
    await connector.start();
    const client = new BotConnectorClient({ allowList: new ServiceUrlAllowList([connector.url]), timeoutMs: 500 });
    notifier = new TeamsNotifier(client, { tenantPerSecond: 50, random: () => 0.5 });
    delivery = (messageRef = null, serviceUrl = connector.serviceUrl) => ({
      notice: notice(messageRef),
      recipient: person,
      locale: "en",
      identity: {
        platform: "teams",
        externalId: "aad-1",
        tenantId: "t-1",
        conversationRef: JSON.stringify({
          serviceUrl,
          conversationId: "a:1conv",
          tenantId: "t-1",
          botId: "28:bot",
          userId: "29:1user",
          aadObjectId: "aad-1",
        }),
      },
    });
  });
  afterAll(async () => connector.stop());
  beforeEach(() => connector.clear());

  it("posts the card into the personal conversation, with refresh for the recipient", async () => {
    const result = await notifier.deliver(delivery());
    expect(result).toEqual({ kind: "sent", messageRef: connector.sent[0]!.activityId });
    const posted = connector.sent[0]!;
    expect(posted).toMatchObject({ method: "POST", conversationId: "a:1conv" });
    expect(posted.body).toMatchObject({ type: "message", summary: "Your mandatory leave has started" });
    const content = (posted.body.attachments as { contentType: string; content: Record<string, unknown> }[])[0]!;
    expect(content.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(content.content).toMatchObject({
      version: "1.5",
      actions: [
        {
          type: "Action.Execute",
          title: "Acknowledge",
          verb: "press",
          data: { kp: "press", token: "tok-acknowledge-0001" },
          style: "positive",
        },
      ],
      refresh: {
        action: {
          type: "Action.Execute",
          verb: "refresh",
          data: { kp: "refresh", subject: { type: "leave", id: "leave-1" } },
        },
        userIds: ["29:1user"],
      },
    });
  });

  it("updates a delivered message in place (PUT)", async () => {
    const result = await notifier.update(delivery("1:activity-42"));
    expect(result).toEqual({ kind: "sent", messageRef: "1:activity-42" });
    expect(connector.sent[0]).toMatchObject({ method: "PUT", activityId: "1:activity-42" });
  });

  it("429 with Retry-After: retried no sooner than Teams asks", async () => {
    connector.failNext({ status: 429, headers: { "retry-after": "7" }, body: { error: { code: "Throttled" } } });
    const result = await notifier.deliver(delivery());
    expect(result).toMatchObject({ kind: "retry", afterMs: 7_500, reason: "teams 429 Throttled" });
    expect(connector.sent).toEqual([]);
  });

  it.each([412, 502, 503, 504])("%i without Retry-After: retried after a jittered backoff", async (status) => {
    connector.failNext({ status });
    const result = await notifier.deliver(delivery());
    expect(result).toMatchObject({ kind: "retry", afterMs: 3_000 });
  });

  it.each([
    [403, "BotNotInConversationRoster"],
    [403, "ConversationBlockedByUser"],
    [404, "ConversationNotFound"],
  ])("%i %s: failed, never retried", async (status, code) => {
    connector.failNext({ status, body: { error: { code, message: "…" } } });
    const result = await notifier.deliver(delivery());
    expect(result.kind).toBe("failed");
    expect(result.kind === "failed" && result.reason).toContain(code);
    // About the person: the escalation reads this first word and makes it one finding.
    expect(result.kind === "failed" && result.reason).toMatch(/^teams_unreachable: /);
  });

  it("403 BotDisabledByAdmin: the bot is refused for the whole tenant, so delivery is held", async () => {
    connector.failNext({ status: 403, body: { error: { code: "BotDisabledByAdmin", message: "…" } } });
    const result = await notifier.deliver(delivery());
    expect(result).toMatchObject({ kind: "held", limitKey: "teams:tenant:t-1" });
  });

  it("a timeout is an unknown outcome, which Teams gives no way to reconcile", async () => {
    connector.failNext({ status: 0, hang: true });
    const result = await notifier.deliver(delivery());
    expect(result).toEqual({ kind: "unknown", reason: "teams: timeout" });
    // It cannot be asked: no reconcile, so the dispatcher gives an unknown outcome up at once (17.s10f-4).
    expect(canReadBack(notifier)).toBe(false);
  });

  it("no conversation reference (the app is not installed): failed with the reason", async () => {
    const result = await notifier.deliver({ ...delivery(), identity: undefined });
    expect(result).toEqual({ kind: "failed", reason: NOT_INSTALLED });
    expect(notifier.limitsFor({ ...delivery(), identity: undefined })).toEqual([]);
  });

  it("a stored service URL off the allow-list: failed, nothing sent", async () => {
    const result = await notifier.deliver(delivery(null, "https://collector.evil.example/"));
    expect(result).toMatchObject({ kind: "failed", reason: expect.stringMatching(/^teams_service_url_not_allowed/) });
    expect(connector.sent).toEqual([]);
  });

  it("nothing listening: not sent, so retried", async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, "127.0.0.1", resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const closed = new BotConnectorClient({ allowList: new ServiceUrlAllowList([`http://127.0.0.1:${port}/`]) });
    const offline = new TeamsNotifier(closed, { tenantPerSecond: 50, random: () => 0 });
    const result = await offline.deliver(delivery(null, `http://127.0.0.1:${port}/teams/`));
    expect(result).toMatchObject({ kind: "retry", reason: "teams: ECONNREFUSED" });
  });

  it("counts against 7 per second and 60 per 30 seconds in the conversation, and the tenant's cap", () => {
    expect(notifier.limitsFor(delivery())).toEqual([
      { key: "teams:conv:a:1conv", limit: 7, windowMs: 1_000 },
      { key: "teams:conv:a:1conv", limit: 60, windowMs: 30_000 },
      { key: "teams:tenant:t-1", limit: 50, windowMs: 1_000 },
    ]);
  });
});
