// `dashboard` typed in the Teams personal chat: the reply carries a one-time link to this
// service's /app that opens a session (the same router as Slack's /keypost and the terminal).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TeamsWorld } from "../../support/teams-world.ts";

describe("the dashboard link from Teams", () => {
  let world: TeamsWorld;
  beforeAll(async () => {
    world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z" });
  }, 60_000);
  afterAll(async () => world?.close());

  it("answers a link that signs the person in once", async () => {
    const replies = await world.say("executive", "dashboard");
    const text = replies.map((r) => String(r.body.text ?? "")).join("\n");
    const url = new RegExp(`${world.service.url}/app/sign-in\\?token=[A-Za-z0-9_-]{43}`).exec(text)?.[0];
    expect(url, text).toBeDefined();
    const token = new URL(url!).searchParams.get("token")!;
    const post = () =>
      fetch(`${world.service.url}/app/sign-in`, {
        method: "POST",
        body: new URLSearchParams({ token }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      });
    const first = await post();
    expect(first.status).toBe(303);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect((await fetch(`${world.service.url}/app/warnings`, { headers: { cookie } })).status).toBe(200);
    expect((await post()).status).toBe(410);
  });
});
