import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { seedSmallBank, type SmallBank } from "../support/small-bank.ts";
import { testKernel } from "../support/kernel.ts";
import { execute } from "../../src/app/kernel/execute.ts";
import { bind, pressAction } from "../../src/app/kernel/press-action.ts";
import { offer, sendNotice } from "../../src/app/kernel/notify.ts";
import { useCase } from "../../src/app/kernel/use-case.ts";
import { acknowledgeNotice } from "../../src/app/notices/acknowledge-notice.ts";
import { bi } from "../../src/ports/locale.ts";
import { same, type Card } from "../../src/ports/card.ts";
import type { CardRegistry } from "../../src/app/kernel/card-registry.ts";
import { DomainError } from "../../src/domain/errors.ts";
import { suspensionCheck } from "../../src/domain/access/suspension.ts";

// A subject of the tests' own: a counter stored as a Setting, with a version.
const bump = useCase({
  name: "test.bump",
  input: z.object({ expectedVersion: z.number().int() }),
  async run(input, who, tx, env) {
    const refused = suspensionCheck(who.actor, { name: "test.bump" });
    if (refused) throw new DomainError(refused);
    const version = Number((await tx.settings.get("counter")) ?? "1");
    if (version !== input.expectedVersion) throw new DomainError("STALE_ACTION");
    await tx.settings.set("counter", String(version + 1));
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: "test.bumped",
      subjectType: "counter",
      subjectId: "c",
      data: { version: version + 1 },
    });
    return { message: bi("好", "ok"), touched: [{ type: "counter", id: "c" }] };
  },
});

const cards: CardRegistry = {
  counter: async (tx, ref) => {
    const version = Number((await tx.settings.get("counter")) ?? "1");
    const button = await offer(
      tx,
      { action: "test.bump", subjectType: "counter", subjectId: "c", version, recipientId: ref.recipient.id },
      bi("加一", "Bump"),
    );
    return { title: same(`counter v${version}`), fields: [], actions: [button] } satisfies Card;
  },
};
const actions = { "test.bump": bind(bump, (token) => ({ expectedVersion: token.subjectVersion })) };

describe.each(ENGINES)("application kernel on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  beforeEach(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
  });
  afterEach(async () => db.drop());

  async function noticeCard(personId: string) {
    const kernel = testKernel(db, "2026-12-01T02:00:00Z", cards);
    await kernel.uow.run(async (tx) => {
      const person = (await tx.people.byId(personId))!;
      await sendNotice(
        tx,
        { kind: "counter_changed", subjectType: "counter", subjectId: "c", version: 1 },
        [person],
        (r) =>
          cards.counter!(
            tx,
            { subjectId: "c", kind: "counter_changed", recipient: r },
            { now: kernel.clock.now() },
          ).then((c) => c!),
      );
    });
    const [notice] = await db.prisma.notice.findMany({ where: { recipientId: personId } });
    return { kernel, card: JSON.parse(notice!.card) as Card };
  }

  it("a press changes state once, refreshes the card, and a second press of the same button is ALREADY_DONE", async () => {
    const { kernel, card } = await noticeCard(bank.ids.manager);
    const who = { personId: bank.ids.manager, platform: "slack" as const };
    const first = await pressAction(kernel, actions, { token: card.actions[0]!.token }, who);
    expect(first).toMatchObject({ ok: true, card: { title: { en: "counter v2" } } });
    const again = await pressAction(kernel, actions, { token: card.actions[0]!.token }, who);
    expect(again).toMatchObject({ ok: false, code: "ALREADY_DONE", card: { title: { en: "counter v2" } } });
    expect(await db.prisma.setting.findUnique({ where: { key: "counter" } })).toMatchObject({ value: "2" });
    const stored = await db.prisma.notice.findFirstOrThrow({ where: { recipientId: bank.ids.manager } });
    expect(JSON.parse(stored.card).title.en).toBe("counter v2");
  });

  it("someone else pressing a person's button is refused, changes nothing and is logged", async () => {
    const { kernel, card } = await noticeCard(bank.ids.manager);
    const outcome = await pressAction(
      kernel,
      actions,
      { token: card.actions[0]!.token },
      { personId: bank.ids.stranger, platform: "teams" },
    );
    expect(outcome).toMatchObject({ ok: false, code: "NOT_AUTHORISED" });
    expect(await db.prisma.setting.findUnique({ where: { key: "counter" } })).toBeNull();
    const refused = await db.prisma.auditLogEntry.findMany({ where: { action: "test.bump.refused" } });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorId: bank.ids.stranger, platform: "teams" });
  });

  it("an outdated card's button is STALE_ACTION and the answer carries the current card", async () => {
    const { kernel, card } = await noticeCard(bank.ids.manager);
    await db.prisma.setting.create({ data: { key: "counter", value: "5" } });
    const outcome = await pressAction(
      kernel,
      actions,
      { token: card.actions[0]!.token },
      { personId: bank.ids.manager, platform: "slack" },
    );
    expect(outcome).toMatchObject({ ok: false, code: "STALE_ACTION", card: { title: { en: "counter v5" } } });
    expect(outcome.message.en).toMatch(/out of date/);
  });

  it("a holder on leave is refused, the attempt is logged and compliance is told; acknowledging stays possible", async () => {
    await db.prisma.leave.create({
      data: {
        id: randomUUID(),
        kind: "regular",
        holderId: bank.ids.holder,
        postId: bank.post.id,
        unitId: bank.units.SB1.id,
        startDate: "2026-11-30",
        endDate: "2026-12-04",
        status: "started",
        plannedById: bank.ids.hr,
      },
    });
    const { kernel } = await noticeCard(bank.ids.holder);
    const outcome = await execute(
      kernel,
      bump,
      { expectedVersion: 1 },
      { personId: bank.ids.holder, platform: "slack" },
    );
    expect(outcome).toMatchObject({ ok: false, code: "SUSPENDED" });
    const told = await db.prisma.notice.findMany({
      where: { kind: "suspended_attempt" },
      orderBy: { recipientId: "asc" },
    });
    expect(told.map((n) => n.recipientId).sort()).toEqual([bank.ids.compliance, bank.ids.complianceHead].sort());
    expect(
      await db.prisma.auditLogEntry.count({ where: { action: "test.bump.refused", actorId: bank.ids.holder } }),
    ).toBe(1);

    const ack = await execute(
      kernel,
      acknowledgeNotice,
      { subjectType: "counter", subjectId: "c" },
      { personId: bank.ids.holder, platform: "slack" },
    );
    expect(ack).toMatchObject({ ok: true });
    const again = await execute(
      kernel,
      acknowledgeNotice,
      { subjectType: "counter", subjectId: "c" },
      { personId: bank.ids.holder, platform: "slack" },
    );
    expect(again).toMatchObject({ ok: false, code: "ALREADY_DONE" });
  });

  it("bad input is refused with the reason and changes nothing", async () => {
    const kernel = testKernel(db, "2026-12-01T02:00:00Z", cards);
    const outcome = await execute(
      kernel,
      bump,
      { expectedVersion: "x" },
      { personId: bank.ids.manager, platform: "console" },
    );
    // The field is named in the detail (a form shows the sentence next to it); the sentence is the
    // reader's, never the schema's English.
    expect(outcome).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      detail: { field: "expectedVersion", problem: "number" },
    });
    expect(outcome.message.en).toMatch(/Give a valid number/);
    expect(outcome.message["zh-CN"]).toMatch(/请填写一个有效的数字/);
    expect(await db.prisma.auditLogEntry.count()).toBe(0);
  });

  it("an unknown person is UNKNOWN_USER", async () => {
    const kernel = testKernel(db, "2026-12-01T02:00:00Z", cards);
    const outcome = await execute(kernel, bump, { expectedVersion: 1 }, { personId: randomUUID(), platform: "slack" });
    expect(outcome).toMatchObject({ ok: false, code: "UNKNOWN_USER" });
  });
});
