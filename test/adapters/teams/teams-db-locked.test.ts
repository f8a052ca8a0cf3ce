// The database away under Teams (the SQLite file locked by another process): the Teams SDK answers
// any error of a handler with a bare 500, so a message that must write used to get a 500 (seen in
// the chaos suite when PostgreSQL restarted). Now it is a 503 with Retry-After within about a
// second, nothing is half-written, and the same message goes through once the lock goes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockSqliteFile } from "../../support/sqlite-locker.ts";
import { CLIENT_ID, fixture, TeamsWorld } from "../../support/teams-world.ts";

describe("Teams with the database locked by another process", () => {
  let world: TeamsWorld;
  beforeAll(async () => {
    world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z", credentials: true });
    await world.install("manager");
  });
  afterAll(async () => world?.close());

  it("answers a message that must write 503 with Retry-After, not 500, and recovers", async () => {
    const manager = () => world.db.prisma.employee.findFirstOrThrow({ where: { code: "E-MG" } });
    const before = (await manager()).locale;
    const locker = await lockSqliteFile(world.db.url.replace(/^file:/, ""));
    let answer: Response;
    let took: number;
    try {
      const started = Date.now();
      answer = await fetch(`${world.service.url}/api/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${world.connector.sign({ aud: CLIENT_ID, serviceurl: world.connector.serviceUrl })}`,
        },
        body: JSON.stringify(fixture("message.personal", world.vars("manager", { text: "lang en" }))),
      });
      await answer.text();
      took = Date.now() - started;
    } finally {
      locker.stdin!.end();
      await new Promise((resolve) => locker.on("exit", resolve));
    }
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("5");
    expect(took).toBeLessThan(2_500);
    expect((await manager()).locale).toBe(before);
    await world.say("manager", "lang en");
    expect((await manager()).locale).toBe("en");
  });
});
