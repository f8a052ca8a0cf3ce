// How the Teams endpoint starts: unauthenticated only without credentials and outside production
// (said at start as a warning); in production without credentials every request is refused;
// credentials given in part are a configuration error.
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/infra/config.ts";
import { createLogger } from "../../../src/infra/logger.ts";
import { startService, type Service } from "../../../src/main.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";
import { fixture } from "../../support/teams-world.ts";

describe("the Teams endpoint's authentication mode", () => {
  let db: TestDatabase | undefined;
  let service: Service | undefined;
  afterEach(async () => {
    await service?.close();
    await db?.drop();
    service = undefined;
    db = undefined;
  });

  async function start(env: Record<string, string>): Promise<{ lines: string[] }> {
    db = await testDatabase("sqlite");
    const lines: string[] = [];
    service = await startService(
      loadConfig({ PORT: "0", DATABASE_URL: db.url, KEYPOST_SCHEDULER: "off", KEYPOST_TEAMS: "on", ...env }),
      { log: createLogger("warn", (l) => lines.push(l)) },
    );
    return { lines };
  }

  const activity = () =>
    fixture("message.personal", {
      text: "help",
      activityId: "f:1",
      serviceUrl: "https://smba.trafficmanager.net/apac/",
      userId: "29:1x",
      userName: "X",
      aadObjectId: "0b6e2f4a-3c1d-4e5f-9a8b-ffffffffffff",
      conversationId: "a:1x",
      tenantId: "5a1c0f3e-7b2d-4c19-9e8a-0d6f4b3a2c10",
      botId: "28:bot",
      locale: "en-US",
    });

  it("without credentials outside production: unauthenticated, with a warning at start", async () => {
    const { lines } = await start({ NODE_ENV: "development", TEAMS_ALLOWED_SERVICE_URLS: "http://127.0.0.1:9/" });
    expect(lines.some((l) => l.includes('"level":"warn"') && l.includes("UNAUTHENTICATED"))).toBe(true);
    // Accepted (200) — the unknown user gets no reply, since the service URL is not on the allow-list.
    const answer = await fetch(`${service!.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity()),
    });
    expect(answer.status).toBe(200);
  });

  it("without credentials in production: every request refused, said at start", async () => {
    const { lines } = await start({ NODE_ENV: "production" });
    expect(lines.some((l) => l.includes('"level":"error"') && l.includes("refuses every request"))).toBe(true);
    expect(lines.some((l) => l.includes("UNAUTHENTICATED"))).toBe(false);
    const answer = await fetch(`${service!.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity()),
    });
    expect(answer.status).toBe(401);
  });

  it("credentials in part: refused at start, naming the variables", async () => {
    await expect(start({ TEAMS_CLIENT_ID: "7e0f3a52-1d4b-4f6e-8a9c-2b5d7e1f0c34" })).rejects.toThrow(
      /TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID must be set together: TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID missing/,
    );
  });

  it("bodies that are not activities are refused before the SDK sees them", async () => {
    await start({ NODE_ENV: "development" });
    const notJson = await fetch(`${service!.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    const array = await fetch(`${service!.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "[1,2]",
    });
    expect(array.status).toBe(400);
    const get = await fetch(`${service!.url}/api/messages`);
    expect(get.status).toBe(405);
  });
});
