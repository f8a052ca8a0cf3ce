// An unreachable person is one finding per platform (decision 15.12) — per spell, not for ever
// (issue #15): Slack cannot open a DM with the holder, their manager and compliance are told once
// however many notices fail; the account is fixed and a notice reaches them; it breaks again and the
// next failure is told again. Over the real Slack path: the fake Slack answers conversations.open
// with user_not_found while the account is broken, and the findings are read from the DMs it got.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bi } from "../../../src/ports/locale.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { SlackSession, textOf } from "./slack-session.ts";
import type { CastName } from "../../support/small-bank.ts";

describe("an unreachable person, fixed, then unreachable again", () => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld("sqlite", "2026-03-02T02:00:00Z");
    s = new SlackSession(w);
    await w.service.db.prisma.employee.updateMany({ data: { locale: "en" } });
  });
  afterEach(async () => w.close());

  /** A notice to the holder, as any use case writes one (the outbox row, in a transaction). */
  const noticeToHolder = async (n: number) => {
    await w.service.kernel.uow.run((tx) =>
      tx.outbox.enqueue(
        {
          dedupeKey: `test:${n}:holder`,
          recipientId: w.bank.ids.holder,
          kind: "test_notice",
          subjectType: "test",
          subjectId: `t${n}`,
          card: { title: bi(`测试通知 ${n}`, `Test notice ${n}`), fields: [], actions: [] },
        },
        ["slack"],
      ),
    );
    await w.dispatch();
    w.clock.advance(60_000);
  };
  const findings = (who: CastName) =>
    s.dms(who).filter((m) => textOf(m.blocks).includes("Tom Teller (E-TL) cannot be reached on Slack")).length;
  const readers = ["manager", "compliance", "complianceHead"] as const;

  it("is told once per spell of unreachability", { timeout: 120_000 }, async () => {
    w.fake.unreachable.set(w.user("holder"), "user_not_found");
    await noticeToHolder(1);
    await noticeToHolder(2);
    for (const who of readers) expect(findings(who), who).toBe(1);

    // Fixed: the next notice reaches the holder, and nobody is told anything.
    w.fake.unreachable.delete(w.user("holder"));
    await noticeToHolder(3);
    expect(s.dms("holder").map((m) => m.text)).toEqual(["Test notice 3"]);
    for (const who of readers) expect(findings(who), who).toBe(1);

    // Broken again: told again, once.
    w.fake.unreachable.set(w.user("holder"), "user_not_found");
    await noticeToHolder(4);
    await noticeToHolder(5);
    for (const who of readers) expect(findings(who), who).toBe(2);
  });
});
