// With Bot Framework credentials set, /api/messages accepts only requests carrying a JWT signed by
// a key from the OpenID metadata (here the fake connector's, on loopback), for this bot, naming
// the activity's service URL. Everything else is refused with 401 and changes nothing. Replies
// carry the bot's own token, fetched with the client-credentials grant.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ID, TeamsWorld, fixture, teamsUser } from "../../support/teams-world.ts";

describe("Teams requests with credentials set", () => {
  let world: TeamsWorld;
  beforeAll(async () => {
    world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z", credentials: true });
  });
  afterAll(async () => world.close());

  const message = () => fixture("message.personal", world.vars("holder", { text: "help" }));
  const repliesToHolder = () => world.connector.to(teamsUser("holder").conversationId).length;

  it("accepts a correctly signed request and replies with the bot's own token", async () => {
    const before = repliesToHolder();
    const answer = await world.post(message());
    expect(answer.status).toBe(200);
    const sent = world.connector.to(teamsUser("holder").conversationId).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.authorization).toMatch(/^Bearer fake-bot-token-\d+$/);
    expect(world.connector.tokenRequests.at(-1)).toMatchObject({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      scope: "https://api.botframework.com/.default",
    });
  });

  it.each([
    ["no Authorization header", () => null],
    ["a token that is not a JWT", () => "Bearer not-a-jwt"],
    [
      "a token signed with another key",
      (w: TeamsWorld, serviceUrl: string) =>
        `Bearer ${w.connector.sign({ aud: CLIENT_ID, serviceurl: serviceUrl }, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey)}`,
    ],
    [
      "a token for another bot",
      (w: TeamsWorld, serviceUrl: string) =>
        `Bearer ${w.connector.sign({ aud: "00000000-1111-4222-8333-444444444444", serviceurl: serviceUrl })}`,
    ],
    [
      "a token from another issuer",
      (w: TeamsWorld, serviceUrl: string) =>
        `Bearer ${w.connector.sign({ aud: CLIENT_ID, serviceurl: serviceUrl, iss: "https://evil.example" })}`,
    ],
    [
      "an expired token",
      (w: TeamsWorld, serviceUrl: string) =>
        `Bearer ${w.connector.sign({ aud: CLIENT_ID, serviceurl: serviceUrl, exp: Math.floor(Date.now() / 1000) - 3600 })}`,
    ],
    [
      "a token naming another service URL",
      (w: TeamsWorld) =>
        `Bearer ${w.connector.sign({ aud: CLIENT_ID, serviceurl: "https://smba.trafficmanager.net/emea/" })}`,
    ],
  ])("refuses %s with 401, and nothing is sent or changed", async (_, auth) => {
    const before = repliesToHolder();
    const logBefore = await world.db.prisma.auditLogEntry.count();
    const activity = message();
    const answer = await world.post(activity, auth(world, String(activity.serviceUrl)));
    expect(answer.status).toBe(401);
    expect(repliesToHolder()).toBe(before);
    expect(await world.db.prisma.auditLogEntry.count()).toBe(logBefore);
  });

  it("refuses an unsigned card action invoke: nothing is pressed", async () => {
    const answer = await world.post(
      fixture(
        "invoke.adaptive-card-action",
        world.vars("holder", { data: { kp: "home" }, verb: "home", title: "", trigger: "manual" }),
      ),
      null,
    );
    expect(answer.status).toBe(401);
  });
});
