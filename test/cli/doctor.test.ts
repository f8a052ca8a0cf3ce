// keypost doctor on both engines: every gap listed by code with the subjects' codes, exit 1 while
// any remains; Slack auth.test against the fake Slack Web API and a Teams token from the fake
// login endpoint, both on loopback; exit 0 once the bank is set up.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";

const NOW = new FixedClock("2026-12-01T02:00:00Z");

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe.each(ENGINES)("keypost doctor on %s", (engine) => {
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  let url: string;
  let remove: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    slack = await FakeSlack.start();
    connector = new FakeBotConnector();
    await connector.start();
  });
  afterAll(async () => {
    await slack.close();
    await connector.stop();
  });
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    dir = mkdtempSync(join(tmpdir(), "keypost-doctor-"));
  });
  afterEach(async () => {
    await remove();
  });

  const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: url, LOG_LEVEL: "silent", ...extra });
  const chat = () =>
    env({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "test-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      TEAMS_CLIENT_ID: "00000000-0000-4000-8000-0000000000b0",
      TEAMS_CLIENT_SECRET: "test-client-secret",
      TEAMS_TENANT_ID: "00000000-0000-4000-8000-0000000000a0",
      TEAMS_LOGIN_URL: connector.url,
    });
  const run = async (environment: Record<string, string>, ...args: string[]) => {
    const io = capture();
    const code = await main(args, io, environment, NOW);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("an empty database: no key post, exit 1", async () => {
    expect(await run(env(), "doctor")).toEqual({
      code: 1,
      stdout: ["✗ NO_KEY_POSTS: the register has no key post (keypost import units.csv employees.csv posts.csv …)"],
      stderr: [],
    });
  });

  it("lists every gap with its subjects, checks credentials for real, and is clean once the bank is set up", async () => {
    const calendar2026 = file("cal-2026.csv", "calendar,date,kind,name\nCN,2026-10-01,holiday,国庆节\n");
    const units = file(
      "units.csv",
      "code,name,kind,parent_code,time_zone,calendar_code\nHO,总行,head_office,,Asia/Shanghai,CN\nBR1,北京分行,branch,HO,Asia/Shanghai,\nHK,香港分行,branch,HO,Asia/Hong_Kong,HK\n",
    );
    const hk = file(
      "cal-hk.csv",
      "calendar,date,kind,name\nHK,2026-12-25,holiday,Christmas\nHK,2027-01-01,holiday,New Year\n",
    );
    const employees = file(
      "employees.csv",
      "code,name,unit_code,slack_user_id,teams_aad_object_id\nE1,甲,BR1,U0E1,\nE2,乙,BR1,,\nE3,丙,HK,,00000000-0000-4000-8000-0000000000e3\n",
    );
    const posts = file(
      "posts.csv",
      "code,name,unit_code,category\nP-1,柜员,BR1,operations\nP-2,会计,BR1,operations\nP-3,行长,HK,authority\n",
    );
    const assignments = file(
      "assignments.csv",
      "employee_code,post_code,start_date\nE1,P-1,2025-01-01\nE2,P-2,2025-01-01\nE3,P-3,2025-01-01\n",
    );
    expect((await run(env(), "import", calendar2026, hk, units, employees, posts, assignments)).code).toBe(0);

    const first = await run(chat(), "doctor");
    expect(first.code).toBe(1);
    expect(first.stdout).toEqual([
      "✗ POST_WITHOUT_POLICY: 3 posts have no policy: P-1, P-2, P-3",
      "✗ CALENDAR_NOT_COVERING: 2 units' calendars do not cover the next 12 months (2026, 2027): BR1 (CN), HO (CN)",
      "✗ HOLDER_UNREACHABLE: 1 key-post holder has no chat account on slack or teams: E2",
      "✓ slack: auth.test ok (team T0FAKE, bot user U0BOT)",
      "✓ teams: bot token ok",
    ]);
    expect(slack.callsOf("auth.test")).toHaveLength(1);
    expect(connector.tokenRequests.at(-1)).toMatchObject({
      tenant: "00000000-0000-4000-8000-0000000000a0",
      grant_type: "client_credentials",
    });

    // Without any chat platform configured, nobody can be reached.
    expect((await run(env(), "doctor")).stdout).toContain(
      "✗ NO_CHAT_PLATFORM: no chat platform is configured (Slack or Teams): no notice can reach a key-post holder",
    );

    slack.fail("auth.test", { error: "invalid_auth" });
    const refused = await run(chat(), "doctor");
    expect(refused.stdout).toContain("✗ slack: auth.test failed: invalid_auth");
    const unreachable = await run({ ...chat(), TEAMS_LOGIN_URL: "http://127.0.0.1:9" }, "doctor");
    expect(unreachable.stdout.at(-1)).toMatch(/^✗ teams: bot token: no answer from the login endpoint/);

    // Set the bank up: a policy, next year's calendar, a chat account for E2.
    expect((await run(env(), "policy", "apply", "cn-bank")).code).toBe(0);
    const calendar2027 = file("cal-2027.csv", "calendar,date,kind,name\nCN,2027-01-01,holiday,元旦\n");
    const e2 = file("employees-e2.csv", "code,name,unit_code,slack_user_id\nE2,乙,BR1,U0E2\n");
    expect((await run(env(), "import", calendar2027, e2)).code).toBe(0);
    expect(await run(chat(), "doctor")).toEqual({
      code: 0,
      stdout: [
        "✓ slack: auth.test ok (team T0FAKE, bot user U0BOT)",
        "✓ teams: bot token ok",
        "✓ no gaps: every key post has a policy, every unit a calendar, every holder a chat account",
      ],
      stderr: [],
    });
  });
});
