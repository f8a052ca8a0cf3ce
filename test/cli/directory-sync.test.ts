// keypost directory sync --slack against the fake Slack Web API on loopback, on both engines: chat
// accounts linked to employees by e-mail (any case), paged through users.list; bots, deactivated
// members and accounts without an e-mail left out; someone who has left, an account already
// another's and a second account of a linked person refused; the report names accounts matching
// no employee and staff nobody can reach. --dry-run writes nothing; the same sync again changes
// nothing; a refused token changes nothing and says why. The same for Teams against a fake
// Microsoft identity platform and Graph on loopback.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/infra/db/database.ts";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";
import { FakeGraph } from "../support/fake-graph.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";

const FILES: Record<string, string> = {
  "units.csv": ["code,name,kind,parent_code,time_zone", "HO,总行,head_office,,Asia/Shanghai"].join("\n"),
  "employees.csv": [
    "code,name,email,unit_code,status,slack_user_id,teams_aad_object_id",
    "E1,甲,a@bank.example,HO,active,,",
    "E2,乙,b@bank.example,HO,active,U0000002,",
    "E3,丙,c@bank.example,HO,left,,",
    "E4,丁,d@bank.example,HO,active,,",
    "E5,戊,e@bank.example,HO,active,,00000000-0000-4000-8000-000000000005",
    "E6,己,,HO,active,,",
  ].join("\n"),
};

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe.each(ENGINES)("keypost directory sync --slack on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  let fake: FakeSlack;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    fake = await FakeSlack.start();
    const dir = mkdtempSync(join(tmpdir(), "keypost-directory-"));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text + "\n");
    expect(
      await main(["import", ...Object.keys(FILES).map((f) => join(dir, f))], capture(), {
        DATABASE_URL: url,
        LOG_LEVEL: "silent",
      }),
    ).toBe(0);
    fake.emails.set("U0000001", "A@Bank.Example"); // E1, in another case
    fake.emails.set("U0000002", "b@bank.example"); // E2's own, already linked
    fake.emails.set("U0000003", "c@bank.example"); // E3 has left
    fake.emails.set("U0000008", "b@bank.example"); // a second account for E2
    fake.emails.set("U0000009", "ghost@elsewhere.example");
    fake.members.push({ id: "B0000001", email: "d@bank.example", is_bot: true });
    fake.members.push({ id: "U0000010", email: "d@bank.example", deleted: true });
    fake.members.push({ id: "U0000011" });
    fake.pageSize = 3;
  });
  afterEach(async () => {
    await fake.close();
    await remove();
  });

  const sync = async (...extra: string[]) => {
    const io = capture();
    const code = await main(["directory", "sync", "--slack", ...extra], io, {
      DATABASE_URL: url,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "silent",
    });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const identities = async () => {
    const db = openDatabase(url);
    try {
      const rows = await db.prisma.chatIdentity.findMany({ where: { platform: "slack" }, include: { employee: true } });
      const linked = await db.prisma.auditLogEntry.count({ where: { action: "employee.chat_identity_linked" } });
      return { slack: rows.map((r) => `${r.employee.code}=${r.externalId}`).sort(), linked };
    } finally {
      await db.close();
    }
  };

  it("links by e-mail, reports the rest, and the same sync again changes nothing", async () => {
    const report = [
      "slack: 5 accounts: 1 linked, 1 unchanged, 2 refused, 1 matching no employee",
      "  + E1 ← U0000001",
      "  ! U0000003 (c@bank.example): E3 has left",
      "  ! U0000008 (b@bank.example): E2 already has another slack account (a second one is the register's to correct)",
      "  ? U0000009 (ghost@elsewhere.example) matches no employee",
      "staff nobody can reach (no chat account on any platform): 2",
      "  - E4",
      "  - E6",
    ];
    const dry = await sync("--dry-run");
    expect(dry).toEqual({ code: 0, stdout: ["dry run: nothing was written", ...report], stderr: [] });
    expect(await identities()).toEqual({ slack: ["E2=U0000002"], linked: 0 });
    expect(fake.calls.filter((c) => c.method === "users.list").length).toBe(3); // 8 members, 3 a page

    expect(await sync()).toEqual({ code: 0, stdout: report, stderr: [] });
    expect(await identities()).toEqual({ slack: ["E1=U0000001", "E2=U0000002"], linked: 1 });
    const again = await sync();
    expect(again.stdout[0]).toBe("slack: 5 accounts: 0 linked, 2 unchanged, 2 refused, 1 matching no employee");
    expect(await identities()).toEqual({ slack: ["E1=U0000001", "E2=U0000002"], linked: 1 });
  });

  it("a refused token: exit 1, the reason, nothing changed", async () => {
    fake.tokenRefused = "invalid_auth";
    expect(await sync()).toEqual({
      code: 1,
      stdout: [],
      stderr: ["slack: the directory could not be read (invalid_auth); nothing was changed"],
    });
    expect(await identities()).toEqual({ slack: ["E2=U0000002"], linked: 0 });
  });

  it("Teams: Microsoft Graph users by mail or UPN, paged; a refused secret changes nothing", async () => {
    const graph = await FakeGraph.start();
    try {
      graph.users.push(
        { id: "00000000-0000-4000-8000-00000000000a", mail: "A@bank.example", userPrincipalName: "a@bank.example" },
        { id: "00000000-0000-4000-8000-00000000000b", mail: null, userPrincipalName: "B@bank.example" }, // by UPN
        { id: "00000000-0000-4000-8000-000000000005", mail: "e@bank.example", userPrincipalName: "e@bank.example" },
        { id: "00000000-0000-4000-8000-00000000000d", mail: "d@bank.example", accountEnabled: false },
        {
          id: "00000000-0000-4000-8000-00000000000f",
          mail: "room@bank.example",
          userPrincipalName: "room@bank.example",
        },
      );
      graph.pageSize = 2;
      const teams = async (...extra: string[]) => {
        const io = capture();
        const code = await main(["directory", "sync", "--teams", ...extra], io, {
          DATABASE_URL: url,
          TEAMS_CLIENT_ID: "11111111-1111-4111-8111-111111111111",
          TEAMS_CLIENT_SECRET: "fake-client-secret-not-real",
          TEAMS_TENANT_ID: "22222222-2222-4222-8222-222222222222",
          TEAMS_LOGIN_URL: graph.url,
          TEAMS_GRAPH_URL: graph.url,
          KEYPOST_TEAMS: "off",
          LOG_LEVEL: "silent",
        });
        return { code, stdout: io.stdout, stderr: io.stderr };
      };
      const done = await teams();
      expect(done.stderr).toEqual([]);
      expect(done.stdout).toEqual([
        "teams: 4 accounts: 2 linked, 1 unchanged, 0 refused, 1 matching no employee",
        "  + E1 ← 00000000-0000-4000-8000-00000000000a",
        "  + E2 ← 00000000-0000-4000-8000-00000000000b",
        "  ? 00000000-0000-4000-8000-00000000000f (room@bank.example) matches no employee",
        "staff nobody can reach (no chat account on any platform): 2",
        "  - E4",
        "  - E6",
      ]);
      expect(graph.calls.filter((c) => c.path === "/v1.0/users")).toHaveLength(3); // 5 users, 2 a page
      const db = openDatabase(url);
      try {
        const rows = await db.prisma.chatIdentity.findMany({
          where: { platform: "teams" },
          include: { employee: true },
        });
        expect(rows.map((r) => `${r.employee.code}=${r.tenantId}`).sort()).toEqual([
          "E1=22222222-2222-4222-8222-222222222222",
          "E2=22222222-2222-4222-8222-222222222222",
          "E5=",
        ]);
      } finally {
        await db.close();
      }
      expect((await teams()).stdout[0]).toBe(
        "teams: 4 accounts: 0 linked, 3 unchanged, 0 refused, 1 matching no employee",
      );
      graph.secret = "another";
      expect(await teams()).toEqual({
        code: 1,
        stdout: [],
        stderr: ["teams: the directory could not be read (invalid_client); nothing was changed"],
      });
    } finally {
      await graph.close();
    }
  });

  it("names one directory, and needs its credentials", async () => {
    expect((await sync("--teams")).code).toBe(2);
    const io = capture();
    expect(await main(["directory", "sync"], io, { DATABASE_URL: url, LOG_LEVEL: "silent" })).toBe(2);
  });
});
