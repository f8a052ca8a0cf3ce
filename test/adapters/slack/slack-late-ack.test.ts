// Past the ack budget (Slack waits 3 s) Slack may have given up waiting, so a listener acks empty
// once its change is committed and answers another way: a slash command through its response_url,
// a modal's outcome by DM.
// The budget is made 1 ms here, and the people have no stored Slack id, so every listener first
// looks its user up over HTTP (users.info) and is "late".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp } from "../../../adapters/slack/slack-app.ts";
import { actions, cards } from "../../../src/app/catalog.ts";
import { composeKernel } from "../../../src/app/kernel/compose.ts";
import { PrismaInboxIntake } from "../../../src/infra/db/prisma-inbox.ts";
import { PrismaUnitOfWork } from "../../../src/infra/db/prisma-unit-of-work.ts";
import { startHttpServer, type HttpServer } from "../../../src/infra/http/server.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";
import { FakeSlack } from "../../support/fake-slack.ts";
import { slackFixture, slashCommandForm } from "../../support/slack-fixtures.ts";
import { sendSigned, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../support/slack-requests.ts";
import { seedSmallBank } from "../../support/small-bank.ts";

describe("a listener past the ack budget", () => {
  let db: TestDatabase;
  let fake: FakeSlack;
  let http: HttpServer;
  const clock = new FixedClock("2026-03-02T02:00:00Z");
  beforeAll(async () => {
    db = await testDatabase("sqlite");
    await seedSmallBank(db, { withIdentities: false });
    fake = await FakeSlack.start();
    fake.emails.set("U0TEST006", "e-mg@bank.example");
    fake.emails.set("U0TEST004", "e-tl@bank.example");
    const kernel = { ...composeKernel(new PrismaUnitOfWork(db), clock, "en"), cards };
    const slack = createSlackApp({
      kernel,
      actions,
      botToken: TEST_BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      log: silentLogger,
      ackBudgetMs: 1,
      intake: new PrismaInboxIntake(db),
    });
    http = await startHttpServer(
      [{ method: "POST", path: "/slack/events", handler: slack.handle }],
      0,
      "127.0.0.1",
      silentLogger,
    );
  });
  afterAll(async () => {
    await http?.close();
    await fake?.close();
    await db?.drop();
  });
  const timestamp = () => Math.floor(clock.now().getTime() / 1000);

  it("answers a slash command through its response_url", async () => {
    const res = await sendSigned(
      `${http.url}/slack/events`,
      {
        form: slashCommandForm({
          USER: "U0TEST006",
          TRIGGER: "1.2.3",
          TEXT: "help",
          RESPONSE_URL: fake.responseUrl("late"),
        }),
      },
      { timestamp: timestamp() },
    );
    expect([res.status, res.text]).toEqual([200, ""]);
    const late = await fake.until("response_url post", () => fake.responses.find((r) => r.method === "late"));
    expect(late.args).toMatchObject({ response_type: "ephemeral" });
    expect(String(late.args.text)).toContain("Keypost commands:");
  });

  it("sends a modal's outcome by DM, the change committed all the same", async () => {
    const payload = slackFixture("view_submission", {
      USER: "U0TEST004",
      TRIGGER: "1.2.4",
      VIEW_ID: "V0LATE",
      METADATA: JSON.stringify({ k: "chat", f: "major_event.file" }),
      VALUES: {
        kind: { v: { type: "static_select", selected_option: { value: "large_debt" } } },
        occurredOn: { v: { type: "datepicker", selected_date: "2026-02-20" } },
        description: { v: { type: "plain_text_input", value: "A loan" } },
      },
    });
    const res = await sendSigned(`${http.url}/slack/events`, { payload }, { timestamp: timestamp() });
    expect([res.status, res.text]).toEqual([200, ""]);
    const dm = await fake.until("the outcome DM", () =>
      fake.callsOf("chat.postMessage").find((c) => c.args.channel === "U0TEST004"),
    );
    expect(String(dm.args.text)).toMatch(/^✓ /);
    expect(await db.prisma.majorEventReport.count()).toBe(1);
  });
});
