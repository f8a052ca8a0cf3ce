import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { seedSmallBank, type SmallBank } from "../../support/small-bank.ts";
import { testKernel } from "../../support/kernel.ts";
import type { ConsoleChatOptions } from "../../../adapters/console/console-chat.ts";
import { chat as typeIn } from "./console-session.ts";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import { bump, counterCards, sendCounterNotice, sendStoredNotice, testActions } from "../../app/home/counter-area.ts";
import { setLocale } from "../../../src/app/home/set-locale.ts";
import type { UseCase } from "../../../src/app/kernel/use-case.ts";

const NOW = "2026-12-01T02:00:00Z";

const chat = (kernel: Kernel, personId: string, typed: readonly string[], options: Partial<ConsoleChatOptions> = {}) =>
  typeIn(kernel, testActions, personId, typed, options);

describe.each(ENGINES)("console chat on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  let kernel: Kernel;
  beforeEach(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
    kernel = testKernel(db, NOW, counterCards);
    await sendCounterNotice(kernel, bank.ids.holder);
  });
  afterEach(async () => db.drop());

  const counter = async () => (await db.prisma.setting.findUnique({ where: { key: "counter" } }))?.value ?? "1";

  it("shows the home, presses an action by its number and shows the sentence and the refreshed card", async () => {
    const out = await chat(kernel, bank.ids.holder, ["1", "q"]);
    expect(out).toContain("Keypost · 张柜员 (E-TL) · 2026-12-01 10:00 Asia/Shanghai");
    expect(out).toContain("待办事项（1）");
    expect(out).toContain("计数器 第1版");
    expect(out).toContain("[1] 加一  [2] 添加备注…");
    expect(out).toContain("keypost> 1\n");
    const after = out.slice(out.indexOf("keypost> 1\n"));
    expect(after).toContain("✓ 计数器已加一。");
    expect(after).toContain("计数器 第2版");
    expect(after.trimEnd().endsWith("再见。")).toBe(true);
    expect(await counter()).toBe("2");
    expect(await db.prisma.auditLogEntry.findFirst({ where: { action: "test.bumped" } })).toMatchObject({
      actorId: bank.ids.holder,
      platform: "console",
    });
  });

  it("asks a form's inputs one by one, re-asks what is not valid, and the card shows what was sent", async () => {
    const out = await chat(kernel, bank.ids.holder, [
      "2",
      "",
      "现金已核对",
      "2026-13-01",
      "2026-12-10",
      "dms.bank.example",
      "",
      "3",
      "2",
      "q",
    ]);
    expect(out).toContain("添加备注  （输入 /cancel 放弃）");
    expect(out).toContain("备注 *: \n  此项必填。\n备注 *: 现金已核对");
    expect(out).toContain("到期日 *（格式 YYYY-MM-DD）: 2026-13-01\n  请按 YYYY-MM-DD 输入一个有效日期。");
    expect(out).toContain(
      "证据链接（https:// 开头的网址）（可选，直接回车跳过）: dms.bank.example\n  请输入以 https:// 开头的有效网址。",
    );
    expect(out).toContain("  1) 红色\n  2) 绿色\n颜色 *（输入 1–2）: 3\n  请输入 1 到 2 之间的数字。");
    expect(out).toContain("✓ 备注已保存。");
    expect(out).toMatch(/备注: +现金已核对 · 2026-12-10 · green/);
    expect(await counter()).toBe("2");
  });

  it("a refusal shows its sentence in the person's language and changes nothing; the button stays usable", async () => {
    const form = ["2", "现金已核对", "2026-11-01", "https://dms.bank.example/e/1", "1"];
    const zh = await chat(kernel, bank.ids.holder, [...form, "q"]);
    expect(zh).toContain("✗ 距离休假开始的工作日不足，未达到通知合规部门的提前期要求。");
    expect(await counter()).toBe("1");
    expect(
      await db.prisma.auditLogEntry.count({ where: { action: "test.annotate.refused", actorId: bank.ids.holder } }),
    ).toBe(1);

    const en = await chat(kernel, bank.ids.holder, [...form, "q"], { lang: "en" });
    expect(en).toContain(
      "✗ Too few working days before the start: compliance must be told earlier, as the policy requires.",
    );
    expect(en).toContain("Counter v1");
    const ok = await chat(kernel, bank.ids.holder, ["2", "ok", "2026-12-02", "", "2", "q"]);
    expect(ok).toContain("✓ 备注已保存。");
  });

  it("a holder on leave who presses is told they are suspended", async () => {
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
    const out = await chat(kernel, bank.ids.holder, ["1"]);
    expect(out).toContain("✗ 您正在强制休假，期间权限已暂停");
    expect(await counter()).toBe("1");
  });

  it("never shows a notice whose visibleFrom is still ahead", async () => {
    await sendStoredNotice(kernel, bank.ids.holder, {
      subjectId: "L1",
      subjectType: "leave_test",
      title: "强制休假开始：请交接",
      acknowledgeable: true,
      visibleFrom: new Date("2026-12-03T00:00:00Z"),
    });
    await sendStoredNotice(kernel, bank.ids.holder, { subjectId: "m1", title: "Memo one" });
    const out = await chat(kernel, bank.ids.holder, ["h", "n", "r", "q"]);
    expect(out).not.toContain("强制休假开始");
    expect(out).toContain("Memo one");
    const later = await chat(testKernel(db, "2026-12-03T00:00:00Z", counterCards), bank.ids.holder, ["q"]);
    expect(later).toContain("强制休假开始：请交接");
  });

  it("acknowledging a stored notice moves it from the tasks to the recent notices", async () => {
    await sendStoredNotice(kernel, bank.ids.holder, { subjectId: "m1", title: "Memo one", acknowledgeable: true });
    const out = await chat(kernel, bank.ids.holder, ["1", "v 1", "q"], { lang: "en" });
    expect(out).toContain("Your tasks (2)");
    expect(out).toMatch(
      /Memo one\n=+\n\n-- Please acknowledge\n\n\[1\] Acknowledge\n\nCounter v1\n=+\n[^]*\[2\] Bump {2}\[3\] Annotate…/,
    );
    const after = out.slice(out.indexOf("keypost> 1\n"));
    expect(after).toContain("✓ Acknowledged.");
    expect(after).toContain("Your tasks (1)");
    expect(after).toMatch(
      /Recent notices \(1\)\n1\. \d{4}-\d\d-\d\d \d\d:\d\d {2}Memo one \(acknowledged\) — Please acknowledge/,
    );
    expect(after.slice(after.indexOf("keypost> v 1"))).toContain("Memo one\n========");
    expect(
      await db.prisma.notice.count({ where: { recipientId: bank.ids.holder, acknowledgedAt: { not: null } } }),
    ).toBe(1);
  });

  it("lang switches the language, saves it to the profile, and the next session speaks it", async () => {
    const out = await chat(kernel, bank.ids.holder, ["lang fr", "lang en", "1", "q"]);
    expect(out).toContain("当前语言：zh-CN。用法：lang en 或 lang zh-CN");
    expect(out).toContain("✓ Keypost now speaks English to you.");
    expect(out).toContain("✓ The counter went up by one.");
    expect(out.trimEnd().endsWith("Bye.")).toBe(true);
    expect(await db.prisma.employee.findUniqueOrThrow({ where: { id: bank.ids.holder } })).toMatchObject({
      locale: "en",
    });
    expect(await chat(kernel, bank.ids.holder, ["q"])).toContain("Your tasks (1)");
  });

  it("a cancelled form sends nothing; lines that are no command are questions; missing numbers, pages and help are answered", async () => {
    for (let i = 1; i <= 12; i++)
      await sendStoredNotice(kernel, bank.ids.holder, { subjectId: `m${i}`, title: `Memo ${i}` });
    const out = await chat(
      kernel,
      bank.ids.holder,
      ["2", "备注", "/cancel", "9", "?", "p", "n", "n", "p", "v 10", "v x", "dance"],
      { lang: "en" },
    );
    expect(out).toContain("Cancelled: nothing was sent.");
    expect(out).toContain("There is no action [9] on screen.");
    expect(out).toContain("I did not understand that");
    expect(out).toContain("anything else   a question in words");
    expect(out).toContain("lang en | lang zh-CN   switch language");
    expect(out).toContain("This is the first page.");
    expect(out).toContain("Page 2 of 2 · n next · p previous");
    expect(out).toContain("This is the last page.");
    expect(out).toContain("There is no notice 10 on this page (usage: v <n>).");
    expect(out).toContain("There is no notice x on this page (usage: v <n>).");
    expect(out.trimEnd().endsWith("Bye.")).toBe(true);
    expect(await counter()).toBe("1");
  });

  it("do runs a use case by name with the person's rights, and lists them", async () => {
    const useCases = new Map([
      ["test.bump", bump as UseCase<unknown>],
      ["profile.set_locale", setLocale as UseCase<unknown>],
    ]);
    const out = await chat(
      kernel,
      bank.ids.holder,
      [
        "do",
        'do test.bump {"expectedVersion": 1}',
        "do test.bump expectedVersion=2",
        "do nope",
        "do test.bump {x",
        "do profile.set_locale locale=en",
        "q",
      ],
      { useCases },
    );
    expect(out).toContain("可执行的用例：profile.set_locale, test.bump");
    expect(out).toContain("✓ 计数器已加一。");
    expect(out).toContain("✗ 输入有误：请填写一个有效的数字。");
    expect(out).toContain("没有名为“nope”的用例。输入 do 查看列表。");
    expect(out).toContain("无法解析 JSON 对象：{x");
    expect(out).toContain("✓ 界面语言已设为 English。");
    expect(out.trimEnd().endsWith("Bye.")).toBe(true);
    expect(await counter()).toBe("2");
    expect(await db.prisma.auditLogEntry.findFirst({ where: { action: "test.bumped" } })).toMatchObject({
      platform: "console",
      actorId: bank.ids.holder,
    });
  });

  it("someone unknown is told so and the session ends", async () => {
    const out = await chat(kernel, randomUUID(), ["1"]);
    expect(out).toContain("✗ Keypost 不认识您的账号");
    expect(out).not.toContain("keypost>");
  });
});
