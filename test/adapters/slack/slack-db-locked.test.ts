// The SQLite file locked by another process (a write transaction held open), over real HTTP: a
// request that needs no database (a forged signature) is answered at once, one that must write is
// a clear 503 within about a second (not a 500, not a 19 s stall), nothing is half-written, and the
// service recovers by itself once the lock goes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockSqliteFile } from "../../support/sqlite-locker.ts";
import { encode, post, signedHeaders } from "../../support/slack-requests.ts";
import { slashCommandForm } from "../../support/slack-fixtures.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";

describe("the SQLite file locked by another process", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await slackWorld("sqlite", "2026-03-02T02:00:00Z");
  });
  afterAll(async () => w?.close());

  const now = () => Math.floor(w.clock.now().getTime() / 1000);
  const lang = (t: number) => {
    const { raw, contentType } = encode({
      form: slashCommandForm({ USER: w.user("manager"), TEXT: "lang en", RESPONSE_URL: w.fake.responseUrl("x") }),
    });
    return post(w.events, raw, signedHeaders(raw, contentType, { timestamp: t }));
  };

  it("answers at once what needs no database, 503 within a second or so what does, and recovers", async () => {
    const path = w.service.db.url.replace(/^file:/, "");
    const locker = await lockSqliteFile(path);
    try {
      let started = Date.now();
      const forged = await post(w.events, "x=1", {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(now()),
        "x-slack-signature": "v0=" + "0".repeat(64),
      });
      expect(forged.status).toBe(401);
      expect(Date.now() - started).toBeLessThan(500);
      started = Date.now();
      const refused = await lang(now());
      const took = Date.now() - started;
      console.log(`database locked: a write answered ${refused.status} in ${took} ms`);
      expect(refused.status).toBe(503);
      expect(took).toBeLessThan(2_500);
    } finally {
      locker.stdin!.end();
      await new Promise((resolve) => locker.on("exit", resolve));
    }
    const manager = () => w.service.db.prisma.employee.findFirstOrThrow({ where: { code: "E-MG" } });
    expect((await manager()).locale).toBeNull();
    const again = await lang(now() + 1);
    expect(again.status).toBe(200);
    expect((await manager()).locale).toBe("en");
  });
});
