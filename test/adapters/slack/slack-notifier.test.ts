// The Slack notifier against the fake Web API on loopback: a DM with the notice's metadata, the
// same message updated in place, 1 per second per DM channel, 429 → retry after Retry-After,
// unreachable people → failed, a post that timed out → unknown, and reconciling it by history.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SlackNotifier, NOTICE_EVENT_TYPE } from "../../../adapters/slack/slack-notifier.ts";
import { slackWebClient } from "../../../adapters/slack/slack-app.ts";
import { same, type Card } from "../../../src/ports/card.ts";
import { bi } from "../../../src/ports/locale.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import type { Delivery } from "../../../src/ports/notifier.ts";
import { FakeSlack } from "../../support/fake-slack.ts";

const card: Card = {
  title: bi("您的强制休假已开始", "Your mandatory leave has started"),
  fields: [{ label: bi("岗位", "Post"), value: same("P-TELLER-SB1") }],
  actions: [{ token: "tok_abcdefghijklmnop", label: bi("确认收到", "Acknowledge"), style: "primary" }],
};

function delivery(user: string | undefined, overrides: Partial<Delivery["notice"]> = {}): Delivery {
  return {
    notice: {
      id: "notice-1",
      dedupeKey: "leave:L1:leave_started:v3:E1",
      recipientId: "E1",
      platform: "slack",
      kind: "leave_started",
      subjectType: "leave",
      subjectId: "L1",
      card,
      status: "sending",
      visibleFrom: null,
      createdAt: new Date(Date.now() - 60_000),
      sentAt: null,
      acknowledgedAt: null,
      messageRef: null,
      ...overrides,
    },
    recipient: {
      id: "E1",
      code: "E-TL",
      name: "张柜员",
      nameEn: "Tom Teller",
      email: "e-tl@bank.example",
      unitId: "u",
      unitPath: "/HO/",
      unitTimeZone: "Asia/Shanghai",
      status: "active",
      locale: null,
      grants: [],
    },
    identity: user ? { platform: "slack", externalId: user, tenantId: "T0TEST", conversationRef: null } : undefined,
    locale: "zh-CN",
  };
}

describe("the Slack notifier", () => {
  let fake: FakeSlack;
  let notifier: SlackNotifier;
  const delivered: string[] = [];
  beforeAll(async () => {
    fake = await FakeSlack.start();
    notifier = new SlackNotifier(slackWebClient("xoxb-test-not-a-real-token", fake.apiUrl), {
      log: silentLogger,
      onDelivered: (id) => delivered.push(id),
    });
  });
  afterAll(async () => fake.close());
  beforeEach(() => {
    fake.clear();
    delivered.length = 0;
  });

  it("opens the DM and posts the card with the notice id in the message metadata", async () => {
    const result = await notifier.deliver(delivery("U0TEST004"));
    expect(result).toEqual({ kind: "sent", messageRef: expect.stringMatching(/^D0TEST004:\d+\.\d+$/) });
    expect(fake.calls.map((c) => c.method)).toEqual(["conversations.open", "chat.postMessage"]);
    const post = fake.calls[1]!.args;
    expect(post.metadata).toEqual({ event_type: NOTICE_EVENT_TYPE, event_payload: { notice_id: "notice-1" } });
    expect(post.text).toBe("您的强制休假已开始");
    const actions = (post.blocks as { type: string; elements?: { value: string; text: { text: string } }[] }[]).find(
      (b) => b.type === "actions",
    );
    expect(actions?.elements?.map((e) => [e.text.text, e.value])).toEqual([["确认收到", "tok_abcdefghijklmnop"]]);
    expect(delivered).toEqual(["E1"]);
  });

  it("updates the delivered message in place", async () => {
    const sent = await notifier.deliver(delivery("U0TEST004"));
    if (sent.kind !== "sent") throw new Error("not sent");
    const updated = await notifier.update(
      delivery("U0TEST004", {
        messageRef: sent.messageRef,
        card: { ...card, actions: [], footer: bi("已确认", "Acknowledged") },
      }),
    );
    expect(updated).toEqual(sent);
    const call = fake.callsOf("chat.update")[0]!.args;
    expect(`${String(call.channel)}:${String(call.ts)}`).toBe(sent.messageRef);
    expect(JSON.stringify(call.blocks)).toContain("已确认");
  });

  it("counts against 1 message per second in the person's DM, and the app-wide key a refused token pauses", () => {
    expect(notifier.limitsFor(delivery("U0TEST004"))).toEqual([
      { key: "slack:channel:U0TEST004", limit: 1, windowMs: 1000 },
      { key: "slack:app", limit: 10_000, windowMs: 1000 },
    ]);
  });

  it("counts against SLACK_CHANNEL_RATE messages per second in a DM when it is set", () => {
    const paced = new SlackNotifier(slackWebClient("xoxb-test-not-a-real-token", fake.apiUrl), {
      log: silentLogger,
      channelPerSecond: 1000,
    });
    expect(paced.limitsFor(delivery("U0TEST004"))[0]).toEqual({
      key: "slack:channel:U0TEST004",
      limit: 1000,
      windowMs: 1000,
    });
  });

  it.each(["invalid_auth", "token_revoked", "not_authed"])(
    "answers held (not failed) when Slack says %s",
    async (error) => {
      fake.fail("conversations.open", { error });
      expect(await notifier.deliver(delivery("U0TEST004"))).toEqual({
        kind: "held",
        afterMs: 60_000,
        reason: `slack_${error}`,
        limitKey: "slack:app",
      });
      fake.fail("chat.postMessage", { error });
      expect(await notifier.deliver(delivery("U0TEST004"))).toMatchObject({ kind: "held", reason: `slack_${error}` });
    },
  );

  it("answers retry after Retry-After on a 429 (paced: not a failed try), without retrying by itself", async () => {
    fake.fail("chat.postMessage", { status: 429, retryAfter: 7 });
    expect(await notifier.deliver(delivery("U0TEST004"))).toEqual({
      kind: "retry",
      afterMs: 7000,
      reason: "rate_limited",
      paced: true,
    });
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    fake.fail("conversations.open", { status: 429, retryAfter: 3 });
    expect(await notifier.deliver(delivery("U0TEST004"))).toEqual({
      kind: "retry",
      afterMs: 3000,
      reason: "rate_limited",
      paced: true,
    });
  });

  it("an internal_error on a post may have posted it: unknown (reconciled), never retried blindly", async () => {
    fake.fail(
      "chat.postMessage",
      { error: "internal_error" },
      { error: "fatal_error" },
      { error: "service_unavailable" },
    );
    expect(await notifier.deliver(delivery("U0TEST004"))).toEqual({ kind: "unknown", reason: "internal_error" });
    expect(await notifier.deliver(delivery("U0TEST004"))).toEqual({ kind: "unknown", reason: "fatal_error" });
    // Slack says nothing was done: safe to send again.
    expect(await notifier.deliver(delivery("U0TEST004"))).toMatchObject({
      kind: "retry",
      reason: "service_unavailable",
    });
  });

  it("fails for people Slack cannot reach, and finds by e-mail someone with no stored id", async () => {
    fake.fail("conversations.open", { error: "user_not_found" });
    expect(await notifier.deliver(delivery("U0GONE"))).toEqual({ kind: "failed", reason: "user_not_found" });
    fake.fail("chat.postMessage", { error: "account_inactive" });
    expect(await notifier.deliver(delivery("U0TEST004"))).toEqual({ kind: "failed", reason: "account_inactive" });
    fake.fail("chat.postMessage", { error: "channel_not_found" });
    expect(await notifier.deliver(delivery("U0TEST004"))).toEqual({ kind: "failed", reason: "channel_not_found" });
    expect(await notifier.deliver(delivery(undefined))).toEqual({ kind: "failed", reason: "users_not_found" });
    fake.emails.set("U0TEST004", "e-tl@bank.example");
    expect(await notifier.deliver(delivery(undefined))).toMatchObject({ kind: "sent" });
  });

  it("a post whose answer never came is unknown; reconcile finds it (or says it is absent) instead of posting again", async () => {
    const slow = new SlackNotifier(slackWebClient("xoxb-test-not-a-real-token", fake.apiUrl), { log: silentLogger });
    (slow as unknown as { web: { timeout: number } }).web.timeout = 300;
    fake.fail("chat.postMessage", { hang: true });
    expect(await slow.deliver(delivery("U0TEST005", { id: "notice-lost" }))).toMatchObject({ kind: "unknown" });
    expect(await notifier.reconcile(delivery("U0TEST005", { id: "notice-lost" }))).toEqual({ kind: "absent" });

    const sent = await notifier.deliver(delivery("U0TEST005", { id: "notice-found" }));
    expect(await notifier.reconcile(delivery("U0TEST005", { id: "notice-found" }))).toEqual({
      kind: "found",
      messageRef: (sent as { messageRef: string }).messageRef,
    });
    fake.fail("conversations.history", { error: "internal_error" });
    expect(await notifier.reconcile(delivery("U0TEST005", { id: "notice-found" }))).toEqual({
      kind: "unknown",
      reason: "internal_error",
    });
  });

  it("reconciles many notices with one history read per conversation, however many are unknown", async () => {
    const posted = [];
    for (let i = 0; i < 3; i++) posted.push(await notifier.deliver(delivery("U0TEST006", { id: `batch-sent-${i}` })));
    await notifier.deliver(delivery("U0TEST007", { id: "batch-other-sent" }));
    fake.clear();
    const asked = [
      ...[0, 1, 2].map((i) => delivery("U0TEST006", { id: `batch-sent-${i}` })),
      ...[0, 1, 2, 3].map((i) => delivery("U0TEST006", { id: `batch-lost-${i}` })),
      delivery("U0TEST007", { id: "batch-other-sent" }),
      delivery("U0TEST007", { id: "batch-other-lost" }),
    ];
    const found = await notifier.reconcileMany(asked);
    expect(fake.callsOf("conversations.history")).toHaveLength(2);
    expect(fake.callsOf("conversations.open")).toHaveLength(2);
    for (let i = 0; i < 3; i++)
      expect(found.get(`batch-sent-${i}`)).toEqual({
        kind: "found",
        messageRef: (posted[i] as { messageRef: string }).messageRef,
      });
    for (let i = 0; i < 4; i++) expect(found.get(`batch-lost-${i}`)).toEqual({ kind: "absent" });
    expect(found.get("batch-other-sent")).toMatchObject({ kind: "found" });
    expect(found.get("batch-other-lost")).toEqual({ kind: "absent" });
  });
  it("hands each conversation's answers over before the next conversation is read (17.s9c-3)", async () => {
    await notifier.deliver(delivery("U0TEST008", { id: "settled-first" }));
    fake.clear();
    // The second paced read waits until released: what the caller learnt by then is what a sender
    // killed at that moment would have written.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const settledBeforeSecondRead: string[] = [];
    const settled: string[] = [];
    const paced = async <T>(_: unknown, call: () => Promise<T>): Promise<T> => {
      reads += 1;
      if (reads === 2) {
        settledBeforeSecondRead.push(...settled);
        await held;
      }
      return call();
    };
    const done = notifier.reconcileMany(
      [delivery("U0TEST008", { id: "settled-first" }), delivery("U0TEST009", { id: "settled-second" })],
      paced,
      async (results) => {
        for (const [id, result] of results) settled.push(`${id} ${result.kind}`);
      },
    );
    await fake.until("the second history read", () => reads === 2);
    expect(settledBeforeSecondRead).toEqual(["settled-first found"]);
    release();
    await done;
    expect(settled).toEqual(["settled-first found", "settled-second absent"]);
  });
});
