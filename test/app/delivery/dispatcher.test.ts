// The dispatcher against a fake rate-limited platform on loopback, over virtual time: pacing by the
// platform's limits (no 429 in steady state), Retry-After honoured exactly, backoff, unknown outcomes
// reconciled (found, absent, still unknown), leases of a dispatcher that died, updates in place.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { harness, T0, type Harness } from "./dispatch-harness.ts";
import type { CastName } from "../../support/small-bank.ts";

const at = (ms: number) => new Date(new Date(T0).getTime() + ms);

describe.each(ENGINES)("dispatcher on %s", (engine) => {
  let db: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    db = await testDatabase(engine);
    h = await harness(db);
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it("paces sends by every limit (1/s per conversation, 2/s per tenant): no 429, each notice once, as fast as the limits allow", async () => {
    const people: CastName[] = ["holder", "substitute", "incoming"];
    const keys: string[] = [];
    for (let i = 0; i < 4; i += 1) for (const who of people) keys.push(await h.notice(who, `n${i}`));
    const report = await h.dispatcher.drain(h.kernel);
    expect(report).toMatchObject({ sent: 12, retried: 0, failed: 0, unknown: 0 });
    expect(keys.map((k) => h.platform.count(k))).toEqual(keys.map(() => 1));
    expect(h.platform.stats.limited429).toBe(0);
    for (const who of people) expect(h.platform.maxInWindow("conversation", await h.conversationOf(who), 1000)).toBe(1);
    expect(h.platform.maxInWindow("tenant", "T0TEST", 1000)).toBe(2);
    // 12 notices at 2 per second: the last goes at 5 s, not later.
    expect(Math.max(...h.platform.messages.map((m) => m.at))).toBe(5000);
    for (const key of keys) {
      const row = await h.row(key);
      expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: "" });
      expect(row.messageRef).toBe(h.platform.byKey.get(key)?.[0]?.ref);
    }
  });

  it("honours Retry-After exactly, and pauses that conversation for it", async () => {
    const first = await h.notice("holder", "first");
    h.platform.forced.set(first, { retryAfterS: 7 });
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0, retried: 1 });
    // A 429 is the platform pacing Keypost, not a failed try: the attempt is given back (13.s17-4).
    expect(await h.row(first)).toMatchObject({
      status: "pending",
      attempts: 0,
      nextAttemptAt: at(7000),
      lastError: "rate limited (429)",
    });

    // Another notice to the same conversation waits out the pause; the first goes when it is due again.
    const second = await h.notice("holder", "second");
    const other = await h.notice("substitute", "other");
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 3, retried: 0 });
    const sentAt = (key: string) => h.platform.byKey.get(key)?.[0]?.at;
    expect(sentAt(other)).toBe(0);
    expect(sentAt(second)).toBe(7000);
    expect(sentAt(first)).toBe(8000);
    expect(h.platform.stats.limited429).toBe(1);
    expect(await h.row(first)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("backs off exponentially with jitter when the platform names no time", async () => {
    const key = await h.notice("holder", "flaky");
    h.platform.forced.set(key, "503");
    await h.dispatcher.drain(h.kernel);
    expect(await h.row(key)).toMatchObject({
      status: "pending",
      attempts: 1,
      nextAttemptAt: at(1500),
      lastError: "platform error 503",
    });
    h.time.set(at(1499));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0, retried: 0 });
    h.time.set(at(1500));
    h.platform.forced.set(key, "503");
    await h.dispatcher.drain(h.kernel);
    expect(await h.row(key)).toMatchObject({ status: "pending", attempts: 2, nextAttemptAt: at(1500 + 3000) });
    h.time.set(at(4500));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 1 });
    expect(h.platform.count(key)).toBe(1);
  });

  it("an answer lost after the platform stored the message: unknown, then reconciled as sent — never sent twice", async () => {
    const key = await h.notice("holder", "lost-answer");
    h.platform.forced.set(key, "drop");
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0, unknown: 1 });
    expect(await h.row(key)).toMatchObject({ status: "unknown", attempts: 1, nextAttemptAt: at(1500) });
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0, reconciled: 0 }); // not due yet
    h.time.set(at(1500));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0, reconciled: 1 });
    const row = await h.row(key);
    expect(row).toMatchObject({ status: "sent" });
    expect(row.messageRef).toBe(h.platform.byKey.get(key)?.[0]?.ref);
    expect(h.platform.count(key)).toBe(1);
    expect(h.notifier.calls).toMatchObject({ deliver: 1, reconcile: 1 });
  });

  it("a request lost before the platform stored it: unknown, reconciled as absent, then sent once", async () => {
    const key = await h.notice("holder", "reset");
    h.platform.forced.set(key, "reset");
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ unknown: 1 });
    h.time.set(at(1500));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ reconciled: 1, sent: 1 });
    expect(await h.row(key)).toMatchObject({ status: "sent", attempts: 2 });
    expect(h.platform.count(key)).toBe(1);
    expect(h.notifier.calls).toMatchObject({ deliver: 2, reconcile: 1 });
  });

  it("an outcome that stays unknown is asked about again, then given up and told to compliance — never resent", async () => {
    const key = await h.notice("holder", "unknowable");
    h.platform.forced.set(key, "drop");
    h.platform.lookupFails.add(key);
    await h.dispatcher.drain(h.kernel);
    h.time.set(at(1500));
    await h.dispatcher.drain(h.kernel);
    const second = await h.row(key);
    expect(second).toMatchObject({ status: "unknown", attempts: 2, lastError: "lookup answered 503" });
    h.time.set(second.nextAttemptAt);
    const report = await h.dispatcher.drain(h.kernel);
    expect(report.escalated).toBe(2);
    const row = await h.row(key);
    expect(row).toMatchObject({ status: "unknown", attempts: 2 });
    expect(row.lastError).toBe("outcome unknown: lookup answered 503");
    h.time.advance(24 * 3600_000);
    await h.dispatcher.drain(h.kernel);
    // Three sends: the notice once, and the two escalations; two lookups, none after giving up.
    expect(h.notifier.calls).toMatchObject({ deliver: 3, reconcile: 2 });
    expect(h.platform.count(key)).toBe(1);
    const escalations = await db.prisma.notice.findMany({ where: { kind: "delivery.unknown" } });
    expect(escalations.map((e) => e.recipientId).sort()).toEqual(
      [h.bank.ids.compliance, h.bank.ids.complianceHead].sort(),
    );
    expect(escalations.every((e) => e.subjectType === "notice" && e.subjectId === row.id && e.status === "sent")).toBe(
      true,
    );
  });

  it("a dispatcher that died mid-send leaves a leased row: untouched until the lease runs out, then reconciled first", async () => {
    const key = await h.notice("holder", "orphaned");
    const row = await h.row(key);
    // Another dispatcher took it and died before calling the platform.
    await h.kernel.uow.run((tx) => tx.deliveries.take(row.id, at(0), at(600_000)));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0, expired: 0 });
    h.time.set(at(600_000));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ expired: 1, reconciled: 1, sent: 1 });
    expect(h.notifier.calls).toMatchObject({ reconcile: 1, deliver: 1 });
    expect(await h.row(key)).toMatchObject({ status: "sent", attempts: 2 });
    expect(h.platform.count(key)).toBe(1);
  });

  it("never sends a notice before its visibleFrom", async () => {
    const key = await h.notice("holder", "sealed", { visibleFrom: at(3_600_000) });
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0 });
    h.time.set(at(3_599_999));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 0 });
    expect(h.platform.count(key)).toBe(0);
    h.time.set(at(3_600_000));
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ sent: 1 });
  });

  it("updates a changed card in place, through the same rate limits", async () => {
    const key = await h.notice("holder", "to-update");
    await h.dispatcher.drain(h.kernel);
    const row = await h.row(key);
    await h.kernel.uow.run((tx) =>
      tx.outbox.replaceCard(row.id, { title: { "zh-CN": "已更新", en: "Updated" }, fields: [], actions: [] }),
    );
    expect((await h.row(key)).needsUpdate).toBe(true);
    expect(await h.dispatcher.drain(h.kernel)).toMatchObject({ updated: 1 });
    const message = h.platform.byKey.get(key)?.[0];
    expect(message).toMatchObject({ updates: 1, at: 0 });
    expect(message?.text).toBe("已更新"); // the holder reads Chinese (the organisation's default)
    // The update waited for the conversation's window: sent at 0, updated at 1 s, no 429.
    expect(h.platform.maxInWindow("conversation", await h.conversationOf("holder"), 1000)).toBe(1);
    expect(h.platform.stats.limited429).toBe(0);
    expect(h.time.nowMs()).toBe(1000);
    expect((await h.row(key)).needsUpdate).toBe(false);
    expect(h.platform.count(key)).toBe(1);
  });
});
