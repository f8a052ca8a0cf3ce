// Requests to POST /slack/events that must change nothing: forged, stale (> 5 min), future-dated
// (> 5 min ahead), unsigned and replayed ones are refused with 401 before Bolt sees them; Slack's
// URL check is answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { encode, post, signedHeaders } from "../../support/slack-requests.ts";
import { slashCommandForm } from "../../support/slack-fixtures.ts";
import { slackFixture } from "../../support/slack-fixtures.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";

describe.each(ENGINES)("Slack request security on %s", (engine) => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await slackWorld(engine, "2026-03-02T02:00:00Z");
  });
  afterAll(async () => w?.close());

  const now = () => Math.floor(w.clock.now().getTime() / 1000);
  const langCommand = () =>
    encode({
      form: slashCommandForm({ USER: w.user("holder"), TEXT: "lang en", RESPONSE_URL: w.fake.responseUrl("x") }),
    });
  const holderLocale = async () =>
    (await w.service.db.prisma.employee.findFirstOrThrow({ where: { code: "E-TL" } })).locale;

  it("answers Slack's URL verification with the challenge", async () => {
    const res = await w.send({ json: slackFixture("url_verification", {}) });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("refuses a forged signature, a wrong secret and missing headers; nothing changes", async () => {
    const { raw, contentType } = langCommand();
    const forged = await post(
      w.events,
      raw,
      signedHeaders(raw, contentType, { timestamp: now(), signature: "v0=" + "0".repeat(64) }),
    );
    expect([forged.status, forged.json()]).toEqual([401, { error: "bad_signature" }]);
    const wrongSecret = await post(
      w.events,
      raw,
      signedHeaders(raw, contentType, { timestamp: now(), secret: "another-secret" }),
    );
    expect(wrongSecret.status).toBe(401);
    const unsigned = await post(w.events, raw, { "content-type": contentType });
    expect([unsigned.status, unsigned.json()]).toEqual([401, { error: "missing_headers" }]);
    const tampered = await post(
      w.events,
      raw.replace("lang+en", "lang+zh"),
      signedHeaders(raw, contentType, { timestamp: now() }),
    );
    expect(tampered.status).toBe(401);
    expect(await holderLocale()).toBeNull();
    expect(w.fake.calls).toEqual([]);
  });

  it("refuses a request signed more than 5 minutes ago or ahead, and accepts one within", async () => {
    const { raw, contentType } = langCommand();
    const stale = await post(w.events, raw, signedHeaders(raw, contentType, { timestamp: now() - 301 }));
    expect([stale.status, stale.json()]).toEqual([401, { error: "stale" }]);
    const future = await post(w.events, raw, signedHeaders(raw, contentType, { timestamp: now() + 301 }));
    expect([future.status, future.json()]).toEqual([401, { error: "future" }]);
    expect(await holderLocale()).toBeNull();
    const within = await post(w.events, raw, signedHeaders(raw, contentType, { timestamp: now() + 240 }));
    expect(within.status).toBe(200);
    expect(await holderLocale()).toBe("en");
  });

  it("refuses the same signed request sent again (a replay)", async () => {
    const { raw, contentType } = encode({
      form: slashCommandForm({ USER: w.user("manager"), TEXT: "lang en", RESPONSE_URL: w.fake.responseUrl("x") }),
    });
    const headers = signedHeaders(raw, contentType, { timestamp: now() });
    const first = await post(w.events, raw, headers);
    expect(first.status).toBe(200);
    const replay = await post(w.events, raw, headers);
    expect([replay.status, replay.json()]).toEqual([401, { error: "replayed" }]);
    const entries = await w.service.db.prisma.auditLogEntry.count({ where: { action: "profile.locale_set" } });
    expect(entries).toBe(2);
  });
});
