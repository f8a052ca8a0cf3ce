// One mandatory leave walked through the terminal, as each person sees it: HR plans it (there is no
// planning button: a use case), compliance acknowledges in the chat, nobody else sees anything
// until the start instant, then the holder, the substitute and the manager work their cards by
// number until the handover is complete; after the last day the hand-back closes the leave.
// The off-post audit part joins when the audit area lands in the catalog.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { seedSmallBank, type CastName, type SmallBank } from "../../support/small-bank.ts";
import { testKernel } from "../../support/kernel.ts";
import { envOf, execute } from "../../../src/app/kernel/execute.ts";
import type { ActionRegistry } from "../../../src/app/kernel/press-action.ts";
import type { CardRegistry } from "../../../src/app/kernel/card-registry.ts";
import { noticesCatalog } from "../../../src/app/notices/notices.catalog.ts";
import { leaveCatalog } from "../../../src/app/leave/leave.catalog.ts";
import { handoverCatalog } from "../../../src/app/handover/handover.catalog.ts";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { returnDueLeaves, startDueLeaves } from "../../../src/app/leave/leave-scheduler.ts";
import type { Locale } from "../../../src/app/i18n/locale.ts";
import { chat, numberOf } from "./console-session.ts";

const CARDS: CardRegistry = { ...leaveCatalog.cards, ...handoverCatalog.cards };
const ACTIONS: ActionRegistry = { ...noticesCatalog.actions, ...leaveCatalog.actions, ...handoverCatalog.actions };
// Monday 9 March 2026, 00:00 in Asia/Shanghai; the leave's last day is Friday 13.
const STARTS_AT = "2026-03-08T16:00:00.000Z";
const RETURNS_AT = "2026-03-13T16:00:00.000Z";

describe.each(ENGINES)("a leave walked through the terminal on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  let kernel: ReturnType<typeof testKernel>;
  beforeEach(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
    kernel = testKernel(db, "2026-03-02T10:00:00Z", CARDS);
  });
  afterEach(async () => db.drop());

  /** A session in English, or (lang null) in the person's own language. */
  const session = (as: CastName, typed: readonly string[], lang: Locale | null = "en") => chat(kernel, ACTIONS, bank.ids[as], typed, lang ? { lang } : {});
  /** Opens the chat, finds the button by its label, presses it, and returns both screens. */
  const press = async (as: CastName, label: string, lang: Locale | null = "en") => {
    const before = await session(as, ["q"], lang);
    const after = await session(as, [numberOf(before, label), "q"], lang);
    return { before, after: after.slice(after.indexOf("keypost> ")) };
  };
  const leaveStatus = async () => (await db.prisma.leave.findFirstOrThrow()).status;

  it("plan → compliance acknowledges → sealed until the start → handover confirmed by all three → hand-back → closed", async () => {
    const planned = await execute(kernel, planLeave, { post: "P-TELLER-SB1", startDate: "2026-03-09", endDate: "2026-03-13", kind: "regular", trigger: "periodic", substitute: "E-SU" }, { personId: bank.ids.hr, platform: "console" });
    expect(planned).toMatchObject({ ok: true });

    const compliance = await press("compliance", "Acknowledge");
    expect(compliance.before).toContain("Mandatory leave planned");
    expect(compliance.before).toMatch(/Sealed: +Yes/);
    expect(compliance.after).toMatch(/✓ .+/);
    expect(await leaveStatus()).toBe("compliance_notified");

    // Sealed: the holder, the substitute and the manager see nothing before the start instant.
    kernel.clock.set(new Date(new Date(STARTS_AT).getTime() - 1));
    await kernel.uow.run((tx) => startDueLeaves(tx, envOf(kernel)));
    for (const who of ["holder", "substitute", "manager"] as const) {
      const home = await session(who, ["q"]);
      expect(home).toContain("Nothing to do.");
      expect(home).not.toMatch(/leave|handover/i);
    }

    kernel.clock.set(STARTS_AT);
    expect(await kernel.uow.run((tx) => startDueLeaves(tx, envOf(kernel)))).toMatchObject({ moved: 1 });
    const holderHome = await session("holder", ["q"]);
    expect(holderHome).toContain("Your mandatory leave has started");
    expect(holderHome).toContain("is suspended meanwhile");
    expect(holderHome).toContain("Handover: Teller");
    expect(holderHome).not.toMatch(/Sealed:|Trigger:/);

    expect((await press("holder", "Acknowledge")).after).toMatch(/✓ /);
    expect((await press("holder", "Confirm all")).after).toContain("✓ ");
    expect((await press("substitute", "Confirm all")).after).toContain("✓ ");
    const manager = await press("manager", "Confirm all");
    expect(manager.after).toContain("✓ Confirmed. The handover is complete.");
    expect(await leaveStatus()).toBe("handed_over");

    // Choosing one's language is no act of a role: a holder on leave may; later sessions speak it.
    expect(await session("holder", ["lang zh-CN", "q"])).toContain("✓ Keypost 将使用简体中文与您交流。");

    kernel.clock.set(RETURNS_AT);
    expect(await kernel.uow.run((tx) => returnDueLeaves(tx, envOf(kernel)))).toMatchObject({ moved: 1 });
    expect((await press("substitute", "Confirm all")).after).toContain("✓ ");
    const holderBack = await press("holder", "全部确认", null);
    expect(holderBack.before).toContain("强制休假结束：请接回岗位");
    expect(holderBack.after).toContain("✓ ");
    expect((await press("manager", "Confirm all")).after).toContain("✓ Confirmed. The handover is complete.");
    expect(await leaveStatus()).toBe("closed");
    // About twenty sessions, each with its own transactions: give a loaded machine time.
  }, 120_000);
});
