// A notice that cannot be delivered is recorded and told, once, to the recipient's manager and to
// compliance (a person who cannot be reached at all: one finding about them, not one per notice) (an unknown outcome to compliance alone), on their own platforms; an escalation that
// fails is not escalated again; whoever may not see a sealed leave is not told about its notices.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Dispatcher } from "../../../src/app/delivery/dispatcher.ts";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { createLogger } from "../../../src/infra/logger.ts";
import { LogNotifier } from "../../../src/infra/notifiers/log-notifier.ts";
import type { Card } from "../../../src/ports/card.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { FakePlatform } from "../../support/fake-platform.ts";
import { FakePlatformNotifier } from "../../support/fake-platform-notifier.ts";
import { VirtualTime } from "../../support/virtual-time.ts";
import { makeWorld } from "../leave/leave-world.ts";
import { harness, POLICY, SLACK_LIKE, T0, type Harness } from "./dispatch-harness.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

const at = (ms: number) => new Date(new Date(T0).getTime() + ms);

describe.each(ENGINES)("delivery escalation on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => db.drop());

  const escalations = (kind = "delivery.failed") =>
    db.prisma.notice.findMany({ where: { kind }, orderBy: { recipientId: "asc" } });

  describe("with the small bank", () => {
    let h: Harness;
    beforeEach(async () => {
      h = await harness(db);
    });
    afterEach(async () => h.close());

    it("a person who cannot be reached is one finding for the manager and compliance, not one card per notice", async () => {
      h.platform.unknownUsers.add(await h.conversationOf("holder"));
      const keys = [
        await h.notice("holder", "to-nobody"),
        await h.notice("holder", "to-nobody-2"),
        await h.notice("holder", "to-nobody-3"),
      ];
      const report = await h.dispatcher.drain(h.kernel);
      expect(report).toMatchObject({ failed: 3, sent: 3 });
      for (const key of keys)
        expect(await h.row(key)).toMatchObject({ status: "failed", attempts: 1, lastError: "user_not_found" });
      expect(await escalations()).toHaveLength(0);
      const told = await escalations("delivery.unreachable.slack");
      expect(told.map((n) => n.recipientId).sort()).toEqual(
        [h.bank.ids.manager, h.bank.ids.compliance, h.bank.ids.complianceHead].sort(),
      );
      expect(
        told.every(
          (n) =>
            n.subjectType === "employee" &&
            n.subjectId === h.bank.ids.holder &&
            n.status === "sent" &&
            n.platform === "slack",
        ),
      ).toBe(true);
      const card = JSON.parse(told[0]?.card ?? "{}") as Card;
      expect(card.title).toEqual({
        "zh-CN": "无法通过Slack联系张柜员（E-TL）",
        en: "Tom Teller (E-TL) cannot be reached on Slack",
      });
      expect(card.fields.map((f) => f.value.en)).toEqual([
        "Tom Teller (E-TL)",
        "Slack",
        "The chat account was not found.",
      ]);
      expect(card.fields.map((f) => f.value["zh-CN"])).toEqual(["张柜员（E-TL）", "Slack", "聊天平台上找不到该账号。"]);
      // It names no notice (one of them may be about a sealed leave).
      expect(JSON.stringify(card)).not.toMatch(/to-nobody/);
      // The manager reads the card in Chinese (the organisation's language) on the fake platform.
      const managerKey = told.find((n) => n.recipientId === h.bank.ids.manager)?.dedupeKey ?? "";
      expect(h.platform.byKey.get(managerKey)?.[0]?.text).toContain("无法通过Slack联系");
      // A fourth notice an hour later fails too, and tells nobody anything new.
      h.time.advance(3600_000);
      await h.notice("holder", "to-nobody-4");
      expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ failed: 1, escalated: 0, sent: 0 });
      expect(await escalations("delivery.unreachable.slack")).toHaveLength(3);
    });

    it("after the attempt cap a notice fails for good, with the reason, and is escalated once", async () => {
      const key = await h.notice("holder", "always-503");
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        h.platform.forced.set(key, "503");
        await h.dispatcher.drain(h.kernel);
        const row = await h.row(key);
        expect(row.attempts).toBe(attempt);
        h.time.set(row.nextAttemptAt);
      }
      const row = await h.row(key);
      expect(row).toMatchObject({
        status: "failed",
        attempts: 3,
        lastError: "gave up after 3 attempts: platform error 503",
      });
      expect(await escalations()).toHaveLength(3);
      expect(h.platform.count(key)).toBe(0);
    });

    it("a notice the platform paces (429) past the attempt cap is not given up, and is sent once let", async () => {
      const key = await h.notice("holder", "paced-429");
      for (let round = 1; round <= 5; round += 1) {
        h.platform.forced.set(key, "429");
        await h.dispatcher.drain(h.kernel);
        const row = await h.row(key);
        expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: "rate limited (429)" });
        h.time.set(row.nextAttemptAt);
      }
      await h.dispatcher.drain(h.kernel);
      expect(await h.row(key)).toMatchObject({ status: "sent", attempts: 1 });
      expect(h.platform.count(key)).toBe(1);
      expect(await escalations()).toHaveLength(0);
    });

    it("an escalation that fails is recorded but not escalated again", async () => {
      h.platform.unknownUsers.add(await h.conversationOf("holder"));
      h.platform.unknownUsers.add(await h.conversationOf("manager"));
      await h.notice("holder", "nobody-home");
      await h.dispatcher.drain(h.kernel);
      h.time.advance(3600_000);
      await h.dispatcher.drain(h.kernel);
      const told = await escalations("delivery.unreachable.slack");
      expect(told).toHaveLength(3);
      expect(told.find((n) => n.recipientId === h.bank.ids.manager)).toMatchObject({
        status: "failed",
        lastError: "user_not_found",
      });
      expect(
        await db.prisma.notice.count({ where: { subjectType: "notice", subjectId: { in: told.map((n) => n.id) } } }),
      ).toBe(0);
    });
  });

  it("a notifier that cannot reconcile: the unknown outcome is given up at once and told to compliance, never resent", async () => {
    let sends = 0;
    const h = await harness(db, {
      notifier: (base) => ({
        platform: "slack",
        limitsFor: (d) => base.limitsFor(d),
        deliver: async () => {
          sends += 1;
          return { kind: "unknown", reason: "timed out" };
        },
      }),
    });
    try {
      const key = await h.notice("holder", "timeout");
      expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ unknown: 1 });
      h.time.set(at(1500));
      // The two escalations go out through the same notifier, time out too, and stay unknown unescalated.
      expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ escalated: 2, unknown: 2 });
      h.time.advance(3600_000);
      await h.dispatcher.drain(h.kernel);
      expect(await h.row(key)).toMatchObject({
        status: "unknown",
        lastError: "outcome unknown: this platform cannot be asked whether the message arrived",
      });
      expect((await escalations("delivery.unknown")).map((n) => n.recipientId).sort()).toEqual(
        [h.bank.ids.compliance, h.bank.ids.complianceHead].sort(),
      );
      expect(sends).toBe(3);
    } finally {
      await h.close();
    }
  });

  it("secrecy: a failed notice about a sealed leave is not told to a manager who may not see the leave", async () => {
    const w = await makeWorld(db, "Asia/Shanghai", "2026-03-02T10:00:00Z");
    // Mia manages the head office, where compliance sits: she is their nearest manager.
    await db.prisma.roleGrant.create({
      data: { id: randomUUID(), employeeId: w.bank.ids.otherManager, role: "manager", unitId: w.bank.units.HO.id },
    });
    const time = new VirtualTime("2026-03-02T10:00:00Z");
    const platform = await new FakePlatform({ now: () => time.nowMs(), limits: SLACK_LIKE }).start();
    const notifier = new FakePlatformNotifier({ platform: "slack", url: platform.url, limits: SLACK_LIKE });
    const dispatcher = new Dispatcher(
      { byPlatform: new Map([["slack", notifier]]), fallback: new LogNotifier(createLogger("silent")) },
      { timer: time, guardMs: 0, policy: POLICY },
    );
    time.whenIdle(() => dispatcher.inFlight === 0);
    try {
      const compliance = await db.prisma.chatIdentity.findFirstOrThrow({
        where: { employeeId: w.bank.ids.compliance },
      });
      platform.unknownUsers.add(compliance.externalId);
      expect(await w.run(planLeave, TELLER_LEAVE, "hr")).toMatchObject({ ok: true });
      await dispatcher.drain(w.kernel);
      const failed = await db.prisma.notice.findFirstOrThrow({
        where: { recipientId: w.bank.ids.compliance, kind: "leave_planned" },
      });
      expect(failed).toMatchObject({ status: "failed", lastError: "user_not_found" });
      // Every notice compliance was sent about the sealed leave (its plan, its audit) failed; only the
      // compliance head (who may see the leave) is told; Mia is not, nor anyone in the holder's unit.
      // An unknown account is one finding about compliance's officer, told once.
      const told = await escalations("delivery.unreachable.slack");
      expect(told.map((n) => [n.subjectId, n.recipientId])).toEqual([
        [w.bank.ids.compliance, w.bank.ids.complianceHead],
      ]);
      expect(
        await db.prisma.notice.count({
          where: { recipientId: { in: [w.bank.ids.otherManager, w.bank.ids.manager, w.bank.ids.holder] } },
        }),
      ).toBe(0);

      // The same failure about something that is no secret reaches Mia too (the compliance head has
      // been told already).
      await w.kernel.uow.run((tx) =>
        tx.outbox.enqueue(
          {
            dedupeKey: "plain",
            recipientId: w.bank.ids.compliance,
            kind: "test_notice",
            subjectType: "test",
            subjectId: "t",
            card: { title: { "zh-CN": "测试", en: "Test" }, fields: [], actions: [] },
          },
          ["slack"],
        ),
      );
      await dispatcher.drain(w.kernel);
      const plain = await db.prisma.notice.findFirstOrThrow({ where: { dedupeKey: "plain@slack" } });
      expect(plain).toMatchObject({ status: "failed" });
      const toldNow = await escalations("delivery.unreachable.slack");
      expect(toldNow.map((n) => n.recipientId).sort()).toEqual(
        [w.bank.ids.otherManager, w.bank.ids.complianceHead].sort(),
      );
    } finally {
      await dispatcher.stop();
      await platform.stop();
    }
  });
});
