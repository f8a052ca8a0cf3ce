// Sign-in links and sessions on both engines: the `dashboard` chat command gives a link for a
// person with a reporting role; the database lets it be used once, within 5 minutes (two
// browsers racing get one session between them); sessions end after 30 minutes idle or on
// sign-out; nothing but hashes is stored, and the secret never reaches the audit log.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { routeChatCommand } from "../../../src/app/chat-commands/chat-command.router.ts";
import {
  checkSignInLink,
  LINK_TTL_MS,
  redeemSignInLink,
  SESSION_IDLE_MS,
  sessionPerson,
  signOut,
} from "../../../src/app/dashboard/sign-in-link.ts";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import type { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";
import { seedSmallBank, type SmallBank } from "../../support/small-bank.ts";

describe.each(ENGINES)("dashboard sign-in on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  let kernel: Kernel & { clock: FixedClock };

  beforeEach(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
    kernel = { ...testKernel(db, "2026-03-02T02:00:00Z"), dashboardUrl: () => "https://keypost.bank.example/" };
  });
  afterEach(async () => db.drop());

  async function link(who: keyof SmallBank["ids"]): Promise<{ text: string; token: string | undefined }> {
    const reply = await routeChatCommand({ kernel }, "dashboard", { personId: bank.ids[who], platform: "slack" });
    const text = reply.kind === "text" ? reply.text.en : "";
    const token = /https:\/\/keypost\.bank\.example\/app\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
    return { text, token };
  }

  it("gives a link valid 5 minutes that opens one session, once", async () => {
    const { token, text } = await link("compliance");
    expect(text).toContain("valid 5 minutes");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await checkSignInLink(kernel, token!)).toEqual({ state: "valid", locale: "zh-CN" });
    const first = await redeemSignInLink(kernel, token!);
    expect(first).toMatchObject({ ok: true, personId: bank.ids.compliance });
    const again = await redeemSignInLink(kernel, token!);
    expect(again).toEqual({ ok: false, refusal: "used", locale: "zh-CN" });
    expect(await checkSignInLink(kernel, token!)).toEqual({ state: "used", locale: "zh-CN" });
    // Only hashes are stored; the log has the issue and the sign-in, not the secret.
    const stored = JSON.stringify([
      await db.prisma.dashboardLink.findMany(),
      await db.prisma.dashboardSession.findMany(),
      await db.prisma.auditLogEntry.findMany({ where: { action: { startsWith: "dashboard." } } }),
    ]);
    expect(stored).not.toContain(token);
    expect(first.ok && stored.includes(first.sessionToken)).toBe(false);
    const actions = await db.prisma.auditLogEntry.findMany({
      where: { action: { startsWith: "dashboard." } },
      orderBy: { seq: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["dashboard.link_issued", "dashboard.signed_in"]);
  });

  it("lets exactly one of two racing sign-ins through", async () => {
    const { token } = await link("executive");
    const results = await Promise.all([redeemSignInLink(kernel, token!), redeemSignInLink(kernel, token!)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, refusal: "used", locale: "zh-CN" }]);
    expect(await db.prisma.dashboardSession.count()).toBe(1);
  });

  it("refuses a link after 5 minutes, and an unknown one, in the person's language", async () => {
    await db.prisma.employee.update({ where: { id: bank.ids.hr }, data: { locale: "en" } });
    const { token } = await link("hr");
    kernel.clock.advance(LINK_TTL_MS);
    expect(await redeemSignInLink(kernel, token!)).toEqual({ ok: false, refusal: "expired", locale: "en" });
    expect(await redeemSignInLink(kernel, "x".repeat(43))).toEqual({ ok: false, refusal: "unknown", locale: "zh-CN" });
    expect(await db.prisma.dashboardSession.count()).toBe(0);
  });

  it("refuses a link to someone without a reporting role, and writes nothing", async () => {
    const { text, token } = await link("holder");
    expect(token).toBeUndefined();
    expect(text).toBe("The dashboard is for HR, compliance, managers and executives.");
    expect(await db.prisma.dashboardLink.count()).toBe(0);
  });

  it("keeps a session while it is used, ends it after 30 minutes idle or on sign-out", async () => {
    const { token } = await link("manager");
    const opened = await redeemSignInLink(kernel, token!);
    if (!opened.ok) throw new Error("not signed in");
    kernel.clock.advance(SESSION_IDLE_MS - 1000);
    expect(await sessionPerson(kernel, opened.sessionToken)).toBe(bank.ids.manager);
    kernel.clock.advance(SESSION_IDLE_MS - 1000); // seen just now: still open
    expect(await sessionPerson(kernel, opened.sessionToken)).toBe(bank.ids.manager);
    kernel.clock.advance(SESSION_IDLE_MS);
    expect(await sessionPerson(kernel, opened.sessionToken)).toBeUndefined();

    const second = await redeemSignInLink(kernel, (await link("manager")).token!);
    if (!second.ok) throw new Error("not signed in");
    await signOut(kernel, second.sessionToken);
    expect(await sessionPerson(kernel, second.sessionToken)).toBeUndefined();
    expect(await sessionPerson(kernel, "y".repeat(43))).toBeUndefined();
  });
});
