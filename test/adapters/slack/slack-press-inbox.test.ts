// A press is acknowledged once it is a row in the inbox, and acted on after. Here the service
// "dies" right after its ack (its press worker never runs): nothing has happened yet, nothing is
// lost; the next service on the same database acts on the press exactly once, and the same signed
// request sent again is refused as a replay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp } from "../../../adapters/slack/slack-app.ts";
import { same } from "../../../src/ports/card.ts";
import { actions, cards } from "../../../src/app/catalog.ts";
import { composeKernel } from "../../../src/app/kernel/compose.ts";
import { offer, sendNotice } from "../../../src/app/kernel/notify.ts";
import { PrismaInboxIntake } from "../../../src/infra/db/prisma-inbox.ts";
import { PrismaUnitOfWork } from "../../../src/infra/db/prisma-unit-of-work.ts";
import { startHttpServer, type HttpServer } from "../../../src/infra/http/server.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { FakeSlack } from "../../support/fake-slack.ts";
import { slackFixture } from "../../support/slack-fixtures.ts";
import { encode, signedHeaders, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../support/slack-requests.ts";
import { seedSmallBank, type SmallBank } from "../../support/small-bank.ts";

describe.each(ENGINES)("a press survives the service stopping after its ack (%s)", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  let fake: FakeSlack;
  const clock = new FixedClock("2026-03-02T02:00:00Z");
  const kernel = () => ({ ...composeKernel(new PrismaUnitOfWork(db), clock, "en"), cards });
  const serve = async (): Promise<{ slack: SlackApp; http: HttpServer }> => {
    const slack = createSlackApp({
      kernel: kernel(),
      actions,
      botToken: TEST_BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      log: silentLogger,
      intake: new PrismaInboxIntake(db),
    });
    const http = await startHttpServer(
      [{ method: "POST", path: "/slack/events", handler: slack.handle }],
      0,
      "127.0.0.1",
      silentLogger,
    );
    return { slack, http };
  };

  beforeAll(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake?.close();
    await db?.drop();
  });

  it("is acted on once by the next service, and its replay is refused", async () => {
    const token = await kernel().uow.run(async (tx) => {
      const person = (await tx.people.byId(bank.ids.hr))!;
      const action = await offer(
        tx,
        {
          action: "notice.acknowledge",
          subjectType: "bench",
          subjectId: "inbox-1",
          version: 1,
          recipientId: person.id,
        },
        same("Acknowledge"),
      );
      await sendNotice(
        tx,
        { kind: "bench", subjectType: "bench", subjectId: "inbox-1", version: 1 },
        [person],
        async () => ({ title: same("A notice"), fields: [], actions: [action] }),
      );
      return action.token;
    });
    const { raw, contentType } = encode({
      payload: slackFixture("block_actions", {
        USER: "U0TEST001",
        TRIGGER: "1.2.3",
        ACTION_ID: "kp.press.1",
        VALUE: token,
        RESPONSE_URL: fake.responseUrl("press"),
        CHANNEL: "D0TEST001",
        TS: "1772985600.000100",
      }),
    });
    const headers = signedHeaders(raw, contentType, { timestamp: Math.floor(clock.now().getTime() / 1000) });
    const post = (url: string) => fetch(`${url}/slack/events`, { method: "POST", headers, body: raw });

    const dying = await serve(); // its press worker is never started: it stops right after the ack
    const ack = await post(dying.http.url);
    expect([ack.status, await ack.text()]).toEqual([200, ""]);
    await dying.http.close();
    expect(await db.prisma.actionToken.count({ where: { id: token, usedAt: { not: null } } })).toBe(0);
    expect(await db.prisma.inboundRequest.count({ where: { doneAt: null } })).toBe(1);
    // What the inbox holds is the press typed at the edge — token, who, where to answer — not
    // Slack's body to be parsed again (no trigger id, no blocks, no Bolt on the way back).
    const stored = await db.prisma.inboundRequest.findFirstOrThrow();
    expect(JSON.parse(stored.payload)).toEqual({
      token,
      user: "U0TEST001",
      team: expect.any(String),
      channel: "D0TEST001",
      ts: "1772985600.000100",
      onHome: false,
      responseUrl: fake.responseUrl("press"),
    });
    const answers = () => [...fake.callsOf("chat.update"), ...fake.callsOf("chat.postEphemeral")];
    expect(answers()).toHaveLength(0);

    const next = await serve();
    next.slack.presses.start();
    await next.slack.presses.idle();
    expect(await db.prisma.actionToken.count({ where: { id: token, usedAt: { not: null } } })).toBe(1);
    expect(
      await db.prisma.auditLogEntry.count({ where: { action: "notice.acknowledged", actorId: bank.ids.hr } }),
    ).toBe(1);
    expect(await db.prisma.inboundRequest.count({ where: { doneAt: null } })).toBe(0);
    // The person is told (this subject has no card to redraw, so in a sentence beside the message).
    expect(answers()).toHaveLength(1);
    expect(answers()[0]!.args).toMatchObject({ channel: "D0TEST001", user: "U0TEST001" });

    const replay = await post(next.http.url);
    expect(replay.status).toBe(401);

    // A button that opens a modal is not queued: its trigger is valid for 3 s only, so it is acted
    // on before the ack (here: an unknown token, so the person is told so at once).
    const form = encode({
      payload: slackFixture("block_actions", {
        USER: "U0TEST001",
        TRIGGER: "1.2.4",
        ACTION_ID: "kp.form.1",
        VALUE: "no-such-token",
        RESPONSE_URL: fake.responseUrl("press"),
        CHANNEL: "D0TEST001",
        TS: "1772985600.000101",
      }),
    });
    const formAck = await fetch(`${next.http.url}/slack/events`, {
      method: "POST",
      headers: signedHeaders(form.raw, form.contentType, { timestamp: Math.floor(clock.now().getTime() / 1000) }),
      body: form.raw,
    });
    expect(formAck.status).toBe(200);
    expect(await db.prisma.inboundRequest.count()).toBe(1);
    await fake.until("the refusal of the form button", () => answers().length === 2);
    await next.slack.presses.idle();
    await next.slack.presses.stop();
    await next.http.close();
    expect(
      await db.prisma.auditLogEntry.count({ where: { action: "notice.acknowledged", actorId: bank.ids.hr } }),
    ).toBe(1);
  });
});
