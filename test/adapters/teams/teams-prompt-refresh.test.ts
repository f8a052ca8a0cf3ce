// Every copy of a card is brought up to date within 2 s of the press that changed it, even when
// the press writes no new notice: HR names another substitute on a planned leave; compliance's
// delivered "Mandatory leave planned" card (which shows the substitute) is updated in place by
// the running service's dispatcher at once — not at its next idle poll a minute later.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { TeamsWorld, cardsIn, executeAction, teamsUser, textOf, type Card } from "../../support/teams-world.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

describe.each(ENGINES)("other copies refreshed promptly in Teams on %s", (engine) => {
  let world: TeamsWorld;
  beforeEach(async () => {
    world = await TeamsWorld.start(engine, { at: "2026-03-02T02:00:00Z", dispatchAfterChange: true });
    for (const who of ["hr", "compliance"] as const) {
      await world.install(who);
      await world.say(who, "lang en");
    }
  });
  afterEach(async () => world.close());

  const press = async (card: Card, title: string, values: Record<string, string>): Promise<Card> => {
    const action = executeAction(card, title);
    const data = { ...action.data, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`in_${k}`, v])) };
    const answer = await world.invoke("hr", data, "press", title);
    expect(answer.status).toBe(200);
    return (answer.body as { value: Card }).value;
  };
  const toCompliance = () => world.connector.to(teamsUser("compliance").conversationId);

  it("HR's new substitute shows on compliance's delivered card within 2 s", { timeout: 60_000 }, async () => {
    const form = cardsIn(await world.say("hr", "leave"))[0]!;
    const planned = await press(form, "Submit", TELLER_LEAVE);
    expect(textOf(planned)).toMatch(/^✓ /);
    const delivered = await waitFor(() =>
      toCompliance().find((r) => r.method === "POST" && textOf(cardsIn([r])[0]).includes("Sue Substitute")),
    );
    expect(delivered).toBeDefined();

    const before = toCompliance().length;
    const started = Date.now();
    const changed = await press(planned, "Assign substitute", { substitute: "E-IN" });
    expect(textOf(changed)).toMatch(/^✓ /);
    const answered = Date.now();
    const updated = await waitFor(
      () =>
        toCompliance()
          .slice(before)
          .find((r) => r.method === "PUT" && textOf(cardsIn([r])[0]).includes("Ivy Incoming")),
      2_000,
    );
    if (!updated) {
      await new Promise((r) => setTimeout(r, 8000));
      console.log(
        toCompliance()
          .slice(before)
          .map((r) => `${Date.now() - started} ${r.method} ${textOf(cardsIn([r])[0]).slice(0, 300)}`),
      );
    }
    expect(updated, "compliance's card updated in place").toBeDefined();
    console.log(
      `compliance's copy updated ${Date.now() - started} ms after HR pressed, ${Date.now() - answered} ms after HR's answer`,
    );
  });
});

async function waitFor<T>(probe: () => T | undefined, ms = 10_000): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined || Date.now() > until) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
}
