// A three-party handover over Slack's real path: the holder, the substitute and the witness each
// press "Confirm all" on the DM the bot sent them, in every order, with no dispatch in between (so
// each presses the card as first delivered). Every confirmation is accepted; nobody is told the
// card is out of date; the leave is handed over after the third.
import { afterEach, describe, expect, it } from "vitest";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { findButton, SlackSession } from "./slack-session.ts";

const PLAN_AT = "2026-03-02T02:00:00Z"; // Monday 10:00 in Shanghai
const STARTS_AT = "2026-03-08T16:00:00.000Z"; // Monday 9 March, 00:00 in Shanghai
const PARTIES = ["holder", "substitute", "manager"] as const;
type Party = (typeof PARTIES)[number];

const ORDERS: readonly (readonly Party[])[] = [
  ["holder", "substitute", "manager"],
  ["holder", "manager", "substitute"],
  ["substitute", "holder", "manager"],
  ["substitute", "manager", "holder"],
  ["manager", "holder", "substitute"],
  ["manager", "substitute", "holder"],
];

describe("a three-party handover confirmed in any order", () => {
  let w: SlackWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it.each(ORDERS)("%s, %s, %s", { timeout: 120_000 }, async (...order: Party[]) => {
    w = await slackWorld("sqlite", PLAN_AT);
    const s = new SlackSession(w);
    const db = w.service.db.prisma;
    await db.employee.updateMany({ data: { locale: "en" } });
    await s.planLeave();
    await w.dispatch();
    const dm = s.dmWith("compliance", "Acknowledge")!;
    await s.pressButton("compliance", findButton(dm.blocks, "Acknowledge"), dm);
    await w.tick(STARTS_AT);
    await w.dispatch();
    w.clock.set("2026-03-09T01:00:00Z");

    const dms = Object.fromEntries(PARTIES.map((p) => [p, s.dmWith(p, "Confirm all")])) as Record<
      Party,
      ReturnType<SlackSession["dmWith"]>
    >;
    for (const p of PARTIES) expect(dms[p], `${p}'s handover DM`).toBeDefined();
    const answers: string[] = [];
    for (const p of order) {
      const d = dms[p]!;
      answers.push(await s.pressButton(p, findButton(d.blocks, "Confirm all"), d));
    }
    expect(
      answers.filter((a) => !a.startsWith("✓")),
      "refused confirmations",
    ).toEqual([]);
    expect(answers.join("\n")).not.toMatch(/out of date/i);
    expect((await db.leave.findFirstOrThrow()).status).toBe("handed_over");
  });
});
