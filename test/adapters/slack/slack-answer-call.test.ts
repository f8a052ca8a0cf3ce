// A press's answer over the keep-alive client (slack-answer-call.ts, decision 13.s11p-1), against the
// fake Slack Web API on loopback: the request is the one @slack/web-api sends for the same call, and
// Slack's refusals, a 429, an HTTP error and a dead connection come back in @slack/web-api's error
// shapes, so the callers (webApiErrorCode, replacePressed's fall-back to the response_url) read them
// as before. A connection reset on a reused socket is sent once more.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackAnswerCall } from "../../../adapters/slack/slack-answer-call.ts";
import { webApiErrorCode } from "../../../adapters/slack/slack-errors.ts";
import { slackWebClient } from "../../../adapters/slack/slack-web-client.ts";
import { directOutbound } from "../../../src/infra/http/outbound.ts";
import { FakeSlack } from "../../support/fake-slack.ts";
import { TEST_BOT_TOKEN } from "../../support/slack-requests.ts";

describe("a press's answer over the keep-alive client", () => {
  let fake: FakeSlack;
  const call = () => slackAnswerCall(TEST_BOT_TOKEN, fake.apiUrl, directOutbound.text, 2_000);
  const message = {
    channel: "D0TEST001",
    ts: "1772985600.000001",
    text: "已确认 · Acknowledged",
    blocks: [{ type: "section", text: { type: "mrkdwn", text: '*通知* — done & "quoted" + 100%' } }],
  };

  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.clear());

  it("sends what @slack/web-api sends for the same call: method, arguments and token", async () => {
    await slackWebClient(TEST_BOT_TOKEN, fake.apiUrl).chat.postEphemeral({
      channel: "D0TEST001",
      user: "U0TEST001",
      text: "已确认 · Acknowledged",
    });
    const answer = await call()("chat.postEphemeral", {
      channel: "D0TEST001",
      user: "U0TEST001",
      text: "已确认 · Acknowledged",
    });
    expect(answer).toMatchObject({ ok: true });
    const [library, ours] = fake.callsOf("chat.postEphemeral");
    expect(ours!.args).toEqual(library!.args);
    expect(ours!.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    expect(ours!.authorization).toBe(library!.authorization);
  });

  it("a message's blocks arrive as @slack/web-api sends them (JSON in the form body)", async () => {
    const posted = await slackWebClient(TEST_BOT_TOKEN, fake.apiUrl).chat.postMessage({
      channel: "D0TEST001",
      text: "x",
    });
    await slackWebClient(TEST_BOT_TOKEN, fake.apiUrl).chat.update({ ...message, ts: posted.ts! });
    await call()("chat.update", { ...message, ts: posted.ts! });
    const [library, ours] = fake.callsOf("chat.update");
    expect(ours!.args).toEqual(library!.args);
    expect(ours!.args.blocks).toEqual(message.blocks);
  });

  it("Slack's refusal is thrown as @slack/web-api throws it (code and data.error)", async () => {
    fake.fail("chat.update", { error: "message_not_found" });
    const ours = await call()("chat.update", message).catch((e: unknown) => e);
    fake.fail("chat.update", { error: "message_not_found" });
    const library = await slackWebClient(TEST_BOT_TOKEN, fake.apiUrl)
      .chat.update(message)
      .catch((e: unknown) => e);
    expect(webApiErrorCode(ours)).toBe("message_not_found");
    expect(ours).toMatchObject({ code: (library as { code: string }).code, data: { ok: false } });
  });

  it("a 429 carries its Retry-After, an HTTP error its status, as @slack/web-api's errors do", async () => {
    fake.fail("chat.postEphemeral", { status: 429, retryAfter: 7 }, { status: 503 });
    const limited = await call()("chat.postEphemeral", { channel: "D0TEST001", user: "U0TEST001", text: "x" }).catch(
      (e: unknown) => e,
    );
    expect(limited).toMatchObject({ code: "slack_webapi_rate_limited_error", retryAfter: 7 });
    const broken = await call()("chat.postEphemeral", { channel: "D0TEST001", user: "U0TEST001", text: "x" }).catch(
      (e: unknown) => e,
    );
    expect(broken).toMatchObject({ code: "slack_webapi_http_error", statusCode: 503 });
  });

  it("a reset on a kept-alive connection is sent once more and answered; no answer by the deadline fails", async () => {
    const answer = call();
    await answer("chat.postEphemeral", { channel: "D0TEST001", user: "U0TEST001", text: "warm" });
    fake.fail("chat.postEphemeral", { reset: true });
    await expect(
      answer("chat.postEphemeral", { channel: "D0TEST001", user: "U0TEST001", text: "again" }),
    ).resolves.toMatchObject({ ok: true });
    expect(fake.callsOf("chat.postEphemeral").map((c) => c.args.text)).toEqual(["warm", "again", "again"]);
    fake.fail("chat.postEphemeral", { hang: true });
    const late = await slackAnswerCall(
      TEST_BOT_TOKEN,
      fake.apiUrl,
      directOutbound.text,
      200,
    )("chat.postEphemeral", {
      channel: "D0TEST001",
      user: "U0TEST001",
      text: "late",
    }).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: "slack_webapi_request_error", original: { name: "TimeoutError" } });
  });
});
