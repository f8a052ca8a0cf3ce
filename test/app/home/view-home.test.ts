import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { seedSmallBank, type SmallBank } from "../../support/small-bank.ts";
import { testKernel } from "../../support/kernel.ts";
import { ask } from "../../../src/app/home/query.ts";
import { viewHome } from "../../../src/app/home/view-home.ts";
import { setLocale } from "../../../src/app/home/set-locale.ts";
import { HOME_PAGE_SIZE } from "../../../src/app/home/home.ts";
import { execute } from "../../../src/app/kernel/execute.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";
import { acknowledgeNotice } from "../../../src/app/notices/acknowledge-notice.ts";
import type { CardRegistry } from "../../../src/app/kernel/card-registry.ts";
import { counterCards, sendCounterNotice, sendStoredNotice, testActions } from "./counter-area.ts";

const NOW = "2026-12-01T02:00:00Z";

describe.each(ENGINES)("home.view on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  beforeEach(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
  });
  afterEach(async () => db.drop());

  const homeOf = async (personId: string, raw: unknown = {}, cards: CardRegistry = counterCards, at = NOW) => {
    const answer = await ask(testKernel(db, at, cards), viewHome, raw, { personId, platform: "console" });
    if (!answer.ok) throw new Error(`refused: ${answer.code}`);
    return answer.value;
  };
  const titles = (entries: readonly { card: { title: { en: string } } }[]) => entries.map((e) => e.card.title.en);

  it("lists a rebuilt card with buttons and an unacknowledged stored card as tasks; an acknowledged or buttonless one as a notice", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    await sendStoredNotice(kernel, bank.ids.holder, { subjectId: "m1", title: "Memo one", acknowledgeable: true });
    await sendStoredNotice(kernel, bank.ids.holder, { subjectId: "m2", title: "Memo two" });
    await sendCounterNotice(kernel, bank.ids.holder);

    const home = await homeOf(bank.ids.holder);
    expect(titles(home.tasks)).toEqual(["Counter v1", "Memo one"]);
    expect(titles(home.notices)).toEqual(["Memo two"]);
    expect(home.tasks[0]).toMatchObject({ subjectType: "counter", rebuilt: true, acknowledgedAt: null });
    expect(home.tasks[1]).toMatchObject({ subjectType: "memo", rebuilt: false });
    expect(home).toMatchObject({
      totalTasks: 2,
      totalNotices: 1,
      page: 1,
      pages: 1,
      locale: "zh-CN",
      person: { code: "E-TL", timeZone: "Asia/Shanghai" },
    });

    await execute(
      kernel,
      acknowledgeNotice,
      { subjectType: "memo", subjectId: "m1" },
      { personId: bank.ids.holder, platform: "console" },
    );
    const after = await homeOf(bank.ids.holder);
    expect(titles(after.tasks)).toEqual(["Counter v1"]);
    expect(titles(after.notices).sort()).toEqual(["Memo one", "Memo two"]);
    expect(after.notices.find((n) => n.subjectId === "m1")?.acknowledgedAt).toEqual(new Date(NOW));
  });

  it("shows the card as its subject is now, and a subject whose card has no buttons left is no longer a task", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    await sendCounterNotice(kernel, bank.ids.holder);
    await db.prisma.setting.create({ data: { key: "counter", value: "3" } });
    expect(titles((await homeOf(bank.ids.holder)).tasks)).toEqual(["Counter v3"]);
    await db.prisma.setting.update({ where: { key: "counter" }, data: { value: "4" } });
    const done = await homeOf(bank.ids.holder);
    expect(done.tasks).toEqual([]);
    expect(done.notices.map((n) => [n.card.title.en, n.card.footer?.en])).toEqual([["Counter v4", "Done"]]);
  });

  it("never shows a notice before its visibleFrom, and shows it from that instant", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    const start = new Date("2026-12-03T00:00:00Z");
    await sendStoredNotice(kernel, bank.ids.holder, {
      subjectId: "sealed",
      subjectType: "leave_test",
      title: "Your mandatory leave starts",
      acknowledgeable: true,
      visibleFrom: start,
    });
    await sendStoredNotice(kernel, bank.ids.holder, { subjectId: "m1", title: "Memo one" });
    const before = await homeOf(bank.ids.holder);
    expect([...titles(before.tasks), ...titles(before.notices)]).toEqual(["Memo one"]);
    expect(JSON.stringify(before)).not.toContain("leave");
    expect((await homeOf(bank.ids.holder, { subject: { type: "leave_test", id: "sealed" } })).totalTasks).toBe(0);

    const after = await homeOf(bank.ids.holder, {}, counterCards, start.toISOString());
    expect(titles(after.tasks)).toEqual(["Your mandatory leave starts"]);
    expect(after.tasks[0]?.at).toEqual(start);
  });

  it("shows one entry per notice whatever the platforms, one per subject when a builder rebuilds it, and nobody else's", async () => {
    await db.prisma.chatIdentity.create({
      data: { id: randomUUID(), employeeId: bank.ids.holder, platform: "teams", externalId: "aad-tl", tenantId: "t" },
    });
    const kernel = testKernel(db, NOW, counterCards);
    await sendStoredNotice(kernel, bank.ids.holder, { subjectId: "m1", title: "Memo one", acknowledgeable: true });
    await sendCounterNotice(kernel, bank.ids.holder, "counter_opened", 1);
    await sendCounterNotice(kernel, bank.ids.holder, "counter_changed", 2);
    await sendStoredNotice(kernel, bank.ids.substitute, { subjectId: "m9", title: "Not yours" });
    // Each notice is one copy even with two accounts (decision 14.15); older ones may have two.
    expect(await db.prisma.notice.count({ where: { recipientId: bank.ids.holder } })).toBe(3);
    const [first] = await db.prisma.notice.findMany({ where: { recipientId: bank.ids.holder }, take: 1 });
    await db.prisma.notice.create({
      data: { ...first!, id: randomUUID(), dedupeKey: `${first!.dedupeKey}#teams`, platform: "teams" },
    });

    const home = await homeOf(bank.ids.holder);
    expect(home.tasks.map((t) => [t.subjectType, t.kind])).toEqual([
      ["counter", "counter_changed"],
      ["memo", "memo_sent"],
    ]);
    expect(home.notices).toEqual([]);
    expect(titles((await homeOf(bank.ids.substitute)).notices)).toEqual(["Not yours"]);
  });

  it("hides an entry whose builder has nothing to show the person", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    await sendCounterNotice(kernel, bank.ids.holder);
    const home = await homeOf(bank.ids.holder, {}, { counter: async () => undefined });
    expect(home).toMatchObject({ tasks: [], notices: [], totalTasks: 0, totalNotices: 0 });
  });

  it("pages ten entries at a time, tasks first, most recent first", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    for (let i = 1; i <= 23; i++) {
      await sendStoredNotice(kernel, bank.ids.holder, {
        subjectId: `m${i}`,
        title: `Memo ${i}`,
        acknowledgeable: i % 2 === 0,
      });
      await db.prisma.notice.updateMany({
        where: { subjectId: `m${i}` },
        data: { createdAt: new Date(Date.UTC(2026, 10, i)) },
      });
    }
    const first = await homeOf(bank.ids.holder, { page: 1 });
    expect(first).toMatchObject({ page: 1, pages: 3, pageSize: HOME_PAGE_SIZE, totalTasks: 11, totalNotices: 12 });
    expect(titles(first.tasks)).toEqual([22, 20, 18, 16, 14, 12, 10, 8, 6, 4].map((i) => `Memo ${i}`));
    const second = await homeOf(bank.ids.holder, { page: 2 });
    expect(titles(second.tasks)).toEqual(["Memo 2"]);
    expect(titles(second.notices)).toEqual([23, 21, 19, 17, 15, 13, 11, 9, 7].map((i) => `Memo ${i}`));
    const beyond = await homeOf(bank.ids.holder, { page: 9 });
    expect(beyond.page).toBe(3);
    expect(titles(beyond.notices)).toEqual(["Memo 5", "Memo 3", "Memo 1"]);
  });

  it("refuses bad input and unknown people, changing nothing", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    expect(await ask(kernel, viewHome, { page: 0 }, { personId: bank.ids.holder, platform: "console" })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect(await ask(kernel, viewHome, {}, { personId: randomUUID(), platform: "console" })).toMatchObject({
      ok: false,
      code: "UNKNOWN_USER",
    });
    expect(await db.prisma.auditLogEntry.count()).toBe(0);
  });

  it("buttons on the home's cards can be pressed (fresh tokens, the person's own)", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    await sendCounterNotice(kernel, bank.ids.holder);
    const token = (await homeOf(bank.ids.holder)).tasks[0]!.card.actions[0]!.token;
    const outcome = await pressAction(
      kernel,
      testActions,
      { token },
      { personId: bank.ids.holder, platform: "console" },
    );
    expect(outcome).toMatchObject({ ok: true, card: { title: { en: "Counter v2" } } });
  });
});

describe.each(ENGINES)("profile.set_locale on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  beforeEach(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
  });
  afterEach(async () => db.drop());

  it("stores the person's language, logs the change once, and the home speaks it", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    const who = { personId: bank.ids.holder, platform: "console" as const };
    const outcome = await execute(kernel, setLocale, { locale: "en" }, who);
    expect(outcome).toMatchObject({ ok: true, message: { en: "Keypost now speaks English to you." } });
    expect(await db.prisma.employee.findUniqueOrThrow({ where: { id: bank.ids.holder } })).toMatchObject({
      locale: "en",
    });
    expect(await execute(kernel, setLocale, { locale: "en" }, who)).toMatchObject({ ok: true });
    const log = await db.prisma.auditLogEntry.findMany({ where: { action: "profile.locale_set" } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actorId: bank.ids.holder,
      platform: "console",
      subjectType: "employee",
      subjectId: bank.ids.holder,
    });
    const answer = await ask(kernel, viewHome, {}, who);
    expect(answer).toMatchObject({ ok: true, value: { locale: "en" } });
  });

  it("refuses a language Keypost does not speak", async () => {
    const kernel = testKernel(db, NOW, counterCards);
    const outcome = await execute(
      kernel,
      setLocale,
      { locale: "fr" },
      { personId: bank.ids.holder, platform: "console" },
    );
    expect(outcome).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await db.prisma.employee.findUniqueOrThrow({ where: { id: bank.ids.holder } })).toMatchObject({
      locale: null,
    });
  });

  it("a holder on leave may not change their language (settings are not exempt: issue #17)", async () => {
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
    const outcome = await execute(
      testKernel(db, NOW),
      setLocale,
      { locale: "en" },
      { personId: bank.ids.holder, platform: "console" },
    );
    expect(outcome).toMatchObject({ ok: false, code: "SUSPENDED" });
  });
});
