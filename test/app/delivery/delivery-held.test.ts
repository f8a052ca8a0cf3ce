// A revoked or bad Slack token (`invalid_auth`, `token_revoked`) holds delivery instead of failing
// it: the real Slack notifier against the fake Slack Web API on loopback, the dispatcher over
// virtual time. While the token is refused no notice fails, none is escalated, the attempts are
// not used up, Slack is not hammered (the app-wide key is paused), and an administrator is told
// once; once the token works again every notice is delivered, once.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackWebClient } from "../../../adapters/slack/slack-app.ts";
import { SlackNotifier } from "../../../adapters/slack/slack-notifier.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { FakeSlack } from "../../support/fake-slack.ts";
import { TEST_BOT_TOKEN } from "../../support/slack-requests.ts";
import type { CastName } from "../../support/small-bank.ts";
import { harness, type Harness } from "./dispatch-harness.ts";

const PEOPLE: CastName[] = ["holder", "substitute", "manager", "hr", "member", "lead", "incoming", "leader"];

describe.each(ENGINES)("a refused Slack token on %s", (engine) => {
  let db: TestDatabase;
  let fake: FakeSlack;
  let h: Harness;
  beforeEach(async () => {
    db = await testDatabase(engine);
    fake = await FakeSlack.start();
    h = await harness(db, {
      notifier: () => new SlackNotifier(slackWebClient(TEST_BOT_TOKEN, fake.apiUrl), { log: silentLogger }),
      dispatcher: { concurrency: 4 },
    });
    // The executive is also the bank's administrator.
    await db.prisma.roleGrant.create({
      data: { id: randomUUID(), employeeId: h.bank.ids.executive, role: "admin", unitId: h.bank.units.HO.id },
    });
  });
  afterEach(async () => {
    await h?.close();
    await fake?.close();
    await db?.drop();
  });

  const byStatus = async () =>
    Object.fromEntries(
      (await db.prisma.notice.groupBy({ by: ["status"], _count: true, where: { kind: "test_notice" } })).map((g) => [
        g.status,
        g._count,
      ]),
    );

  it.each(["invalid_auth", "token_revoked"])(
    "%s holds every notice, tells an administrator once, and delivery resumes when the token is fixed",
    async (error) => {
      for (const n of [1, 2, 3]) for (const who of PEOPLE) await h.notice(who, `held-${n}`);
      const total = PEOPLE.length * 3;
      fake.tokenRefused = error;
      const first = await h.dispatcher.drain(h.kernel);
      expect(first).toMatchObject({ failed: 0, escalated: 0, sent: 0 });
      expect(first.held).toBeGreaterThan(0);
      expect(await byStatus()).toEqual({ pending: total });
      expect(await db.prisma.notice.count({ where: { kind: "test_notice", attempts: { gt: 0 } } })).toBe(0);
      // The app-wide pause: Slack was asked a few times (the requests already on the wire), not once per notice.
      expect(fake.calls.length).toBeLessThanOrEqual(8);
      const told = await db.prisma.notice.findMany({ where: { kind: "delivery.held" } });
      expect(told.map((n) => n.recipientId)).toEqual([h.bank.ids.executive]);
      // In words (the code is the log's and the subject's, not the reader's).
      expect(told[0]!.card).toContain("refused Keypost's credentials");
      expect(told[0]!.card).not.toContain(`slack_${error}`);

      // Still refused a minute later: still held, the administrator not told again within the hour.
      h.time.advance(61_000);
      expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ failed: 0, escalated: 0, sent: 0 });
      expect(await db.prisma.notice.count({ where: { kind: "delivery.held" } })).toBe(1);
      expect(await db.prisma.notice.count({ where: { kind: { startsWith: "delivery.f" } } })).toBe(0);

      // The token is fixed: everything goes out, once, the administrator's notice too.
      fake.tokenRefused = undefined;
      h.time.advance(61_000);
      const resumed = await h.dispatcher.drain(h.kernel);
      expect(resumed).toMatchObject({ failed: 0, escalated: 0 });
      expect(await byStatus()).toEqual({ sent: total });
      const posts = fake.callsOf("chat.postMessage");
      const ids = posts.map(
        (p) => (p.args.metadata as { event_payload: { notice_id: string } }).event_payload.notice_id,
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(total + 1);
    },
  );
});
