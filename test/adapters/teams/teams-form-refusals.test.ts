// Typed input is never lost in Teams: a refused form (HR's typed `leave`, compliance's "Form team"
// on a card) comes back as the same form, every value filled in again, the reason in red under
// the input it is about and in the person's language; once corrected, the same card goes through.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import type { CastName } from "../../support/small-bank.ts";
import { TeamsWorld, cardsIn, executeAction, taskOn, textOf, type Card } from "../../support/teams-world.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

describe.each(ENGINES)("refused Teams forms come back filled in on %s", (engine) => {
  let world: TeamsWorld;
  beforeEach(async () => {
    world = await TeamsWorld.start(engine, { at: "2026-03-02T02:00:00Z" });
    for (const who of ["hr", "compliance"] as const) await world.install(who);
  });
  afterEach(async () => world.close());

  /** Presses `title` on `card` with `values` by input name; the card Teams shows instead. */
  const press = async (who: CastName, card: Card, title: string, values: Record<string, string>): Promise<Card> => {
    const action = executeAction(card, title);
    const data = { ...action.data, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`in_${k}`, v])) };
    const answer = await world.invoke(who, data, "press", title);
    expect(answer.status).toBe(200);
    return (answer.body as { value: Card }).value;
  };
  const inputs = (card: Card) =>
    Object.fromEntries(
      (card.body ?? []).filter((e) => String(e.type).startsWith("Input.")).map((e) => [String(e.id), e.value]),
    );
  const plan = { ...TELLER_LEAVE, reason: "Yearly leave" };

  it("keeps HR's leave form and names an unknown substitute, then an end before the start", async () => {
    await world.say("hr", "lang en");
    const form = cardsIn(await world.say("hr", "leave"))[0]!;
    const refused = await press("hr", form, "Submit", { ...plan, substitute: "E999" });
    expect(inputs(refused)).toEqual({
      in_post: "P-TELLER-SB1",
      in_startDate: "2026-03-09",
      in_endDate: "2026-03-13",
      in_kind: "regular",
      in_trigger: "periodic",
      in_substitute: "E999",
      in_reason: "Yearly leave",
    });
    const lines = textOf(refused).split("\n");
    expect(lines[0]).toBe('✗ No current employee has the code "E999".');
    // The reason sits right under the substitute's input.
    const body = refused.body ?? [];
    const at = body.findIndex((e) => e.id === "in_substitute");
    expect(body[at + 1]).toMatchObject({ type: "TextBlock", text: '✗ No current employee has the code "E999".' });
    expect(textOf(refused)).not.toContain("could not be found");

    const reversed = await press("hr", refused, "Submit", { ...plan, endDate: "2026-03-06" });
    expect(textOf(reversed)).toContain("✗ The end date is before the start date.");
    expect(inputs(reversed).in_endDate).toBe("2026-03-06");
    expect(await world.db.prisma.leave.count()).toBe(0);

    const planned = await press("hr", reversed, "Submit", plan);
    expect(textOf(planned)).toMatch(/^✓ Mandatory leave planned: 2026-03-09 to 2026-03-13/);
    expect(await world.db.prisma.leave.count()).toBe(1);
  });

  it("keeps a card button's form, in Chinese, and the same card goes through once corrected", async () => {
    const form = cardsIn(await world.say("hr", "leave"))[0]!;
    expect(textOf(await press("hr", form, "提交", plan))).toMatch(/^✓ /);
    await world.tick();
    const home = async () => cardsIn(await world.say("compliance", "home"))[0]!;
    expect(textOf(await press("compliance", taskOn(await home(), "强制休假安排"), "确认收到", {}))).toMatch(/^✓ /);

    const task = taskOn(await home(), /审计/);
    const refused = await press("compliance", task, "组建审计组", { leader: "E-A1", lead: "E999", members: "E-A3" });
    expect(inputs(refused)).toEqual({ in_leader: "E-A1", in_lead: "E999", in_members: "E-A3" });
    const body = refused.body ?? [];
    const at = body.findIndex((e) => e.id === "in_lead");
    expect(body[at + 1]).toMatchObject({ type: "TextBlock", text: "✗ 找不到员工编号为“E999”的在职员工。" });
    expect(textOf(refused)).not.toMatch(/[A-Za-z]{5,}/);

    const formed = await press("compliance", refused, "提交", { leader: "E-A1", lead: "E-A2", members: "E-A3" });
    expect(textOf(formed)).toMatch(/^✓ /);
    expect((await world.db.prisma.audit.findFirstOrThrow()).status).toBe("team_formed");
  });
});
