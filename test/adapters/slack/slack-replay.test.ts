// Replays and retries at POST /slack/events, over real HTTP to the running service: a captured
// signed request sent again with other values of the unsigned X-Slack-Retry-Num header is the same
// request (refused, nothing runs twice); an Events API delivery and its retry arriving together
// are acted on once; signed bodies of the wrong shape are a 400, never a 500; oversized bodies are
// a 413 (the status arrives: it used to be a reset connection).
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { slackFixture, slashCommandForm } from "../../support/slack-fixtures.ts";
import { encode, post, signedHeaders, type SlackBody } from "../../support/slack-requests.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";

/** A raw POST with node:http (fetch cannot send a lying Content-Length or stream a body slowly). */
function rawPost(
  url: string,
  headers: Record<string, string | number>,
  chunks: readonly Buffer[],
): Promise<{ status: number; text: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString("utf8") }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("error", (e) => resolve({ error: e.message }));
    const write = (i: number): void => {
      if (i === chunks.length) {
        req.end();
        return;
      }
      if (req.destroyed) return;
      req.write(chunks[i]!, () => setImmediate(() => write(i + 1)));
    };
    write(0);
  });
}

describe.each(ENGINES)("Slack replays, retries and bad bodies on %s", (engine) => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await slackWorld(engine, "2026-03-02T02:00:00Z");
  });
  afterAll(async () => w?.close());

  const now = () => Math.floor(w.clock.now().getTime() / 1000);
  const postsTo = (channel: string) =>
    w.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel).length;

  it("refuses a captured request replayed 20 times with other X-Slack-Retry-Num values: it runs once", async () => {
    const { raw, contentType } = encode({
      form: slashCommandForm({ USER: w.user("manager"), TEXT: "lang zh", RESPONSE_URL: w.fake.responseUrl("x") }),
    });
    const headers = signedHeaders(raw, contentType, { timestamp: now() });
    const first = await post(w.events, raw, headers);
    expect(first.status).toBe(200);
    const statuses: number[] = [];
    for (let n = 1; n <= 20; n += 1) {
      const replay = await post(w.events, raw, { ...headers, "x-slack-retry-num": String(n) });
      statuses.push(replay.status);
    }
    expect(statuses).toEqual(Array(20).fill(401));
    expect(
      await w.service.db.prisma.auditLogEntry.count({
        where: { action: "profile.locale_set", actorId: w.bank.ids.manager },
      }),
    ).toBe(1);
  });

  it("takes a replayed button press into the inbox once, whatever its retry header says", async () => {
    const payload = slackFixture("block_actions", {
      USER: w.user("holder"),
      TRIGGER: "9.9.9",
      ACTION_ID: "kp.press.1",
      VALUE: "no-such-token",
      RESPONSE_URL: w.fake.responseUrl("press"),
      CHANNEL: "D0TEST002",
      TS: "1772985600.000900",
    });
    const { raw, contentType } = encode({ payload });
    const headers = signedHeaders(raw, contentType, { timestamp: now() });
    const before = await w.service.db.prisma.inboundRequest.count();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        post(w.events, raw, n === 0 ? headers : { ...headers, "x-slack-retry-num": String(n) }),
      ),
    );
    await w.service.settled();
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(19);
    expect(await w.service.db.prisma.inboundRequest.count()).toBe(before + 1);
  });

  it("acts once on an Events API delivery and its retry arriving at the same moment", async () => {
    const channel = `D${w.user("member").slice(1)}`;
    const body = (eventId: string): SlackBody => ({
      json: slackFixture("message_im", { USER: w.user("member"), EVENT_ID: eventId, CHANNEL: channel, TEXT: "help" }),
    });
    for (const [i, eventId] of ["EvRETRY0001", "EvRETRY0002", "EvRETRY0003"].entries()) {
      const before = postsTo(channel);
      const { raw, contentType } = encode(body(eventId));
      // Slack signs each attempt anew: the retry has its own timestamp and signature.
      const [first, retry] = await Promise.all([
        post(w.events, raw, signedHeaders(raw, contentType, { timestamp: now() })),
        post(w.events, raw, signedHeaders(raw, contentType, { timestamp: now() + 1 + i, retryNum: 1 })),
      ]);
      expect([first.status, retry.status]).toEqual([200, 200]);
      await w.fake.until("the answer", () => postsTo(channel) > before);
      // A later retry changes nothing either.
      const late = await post(w.events, raw, signedHeaders(raw, contentType, { timestamp: now() + 5, retryNum: 2 }));
      expect(late.status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      expect(postsTo(channel)).toBe(before + 1);
    }
  });

  it.each([
    ["event: null", { json: { ...slackFixture("message_im", {}), event: null } }],
    ["event: a string", { json: { ...slackFixture("message_im", {}), event: "x" } }],
    ["no event_id", { json: { ...slackFixture("message_im", {}), event_id: undefined } }],
    ["actions: a string", { payload: { ...slackFixture("block_actions", {}), actions: "x" } }],
    ["actions: empty", { payload: { ...slackFixture("block_actions", {}), actions: [] } }],
    ["actions: [null]", { payload: { ...slackFixture("block_actions", {}), actions: [null] } }],
    ["user: null", { payload: { ...slackFixture("block_actions", {}), user: null } }],
    ["view: null", { payload: { ...slackFixture("view_submission", {}), view: null } }],
    ["type: a number", { json: { type: 7 } }],
    ["a JSON array", { json: [1, 2, 3] }],
    ["a slash command without a user", { form: { command: "/keypost", text: "help" } }],
    ["url_verification without a challenge", { json: { type: "url_verification" } }],
  ] as [string, SlackBody][])("answers a signed body with %s: 400, nothing changes", async (_, body) => {
    const calls = w.fake.calls.length;
    const log = await w.service.db.prisma.auditLogEntry.count();
    const { raw, contentType } = encode(body);
    const answer = await post(w.events, raw, signedHeaders(raw, contentType, { timestamp: now() }));
    expect(answer.status).toBe(400);
    expect(w.fake.calls.length).toBe(calls);
    expect(await w.service.db.prisma.auditLogEntry.count()).toBe(log);
  });

  it("answers a body nested 10,000 deep with 400 (signed or not: 401 first when unsigned)", async () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const raw = `{"type":"event_callback","x":${deep}}`;
    const signed = await post(w.events, raw, signedHeaders(raw, "application/json", { timestamp: now() }));
    expect(signed.status).toBe(400);
    const unsigned = await post(w.events, raw, { "content-type": "application/json" });
    expect(unsigned.status).toBe(401);
  });

  it("answers 413 to a 1.1 MB body, declared or streamed, and keeps serving", async () => {
    const big = Buffer.alloc(1_100_000, "a");
    const declared = await rawPost(w.events, { "content-type": "application/json", "content-length": big.length }, [
      big.subarray(0, 64 * 1024),
      big.subarray(64 * 1024),
    ]);
    expect(declared).toMatchObject({ status: 413 });
    const chunks = Array.from({ length: 20 }, (_, i) => big.subarray(i * 55_000, (i + 1) * 55_000));
    const streamed = await rawPost(w.events, { "content-type": "application/json" }, chunks);
    expect(streamed).toMatchObject({ status: 413 });
    const tenMb = await rawPost(w.events, { "content-type": "application/json", "content-length": 10_000_000 }, [
      Buffer.alloc(64 * 1024, "a"),
    ]);
    expect(tenMb).toMatchObject({ status: 413 });
    const health = await fetch(`${w.service.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
