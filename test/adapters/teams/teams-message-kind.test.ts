// A Teams message keeps its own subject and kind. HR gets two notices about one overdue rotation:
// "Mandatory leave required" and "Rotation overdue". When Teams refreshes the first (its
// `refresh` invoke) or HR presses its Acknowledge, the answer is that same notice as it is now —
// never the other notice about the same subject (which would rewrite the chat's history).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import {
  TeamsWorld,
  cardsIn,
  executeAction,
  teamsUser,
  textOf,
  titlesOf,
  type Card,
} from "../../support/teams-world.ts";

describe.each(ENGINES)("a Teams message keeps its kind on %s", (engine) => {
  let world: TeamsWorld;
  beforeEach(async () => {
    // The teller has held the post since 2023-01-09: three years later the rotation is overdue.
    world = await TeamsWorld.start(engine, { at: "2026-01-10T02:00:00Z" });
    await world.install("hr");
    await world.say("hr", "lang en");
    world.connector.clear();
  });
  afterEach(async () => world.close());

  it("refresh and Acknowledge on 'Mandatory leave required' answer that card", async () => {
    await world.tick();
    const sent = cardsIn(world.connector.to(teamsUser("hr").conversationId).filter((r) => !r.body.replyToId));
    const titles = sent.map((c) => textOf(c).split("\n")[0]);
    expect(titles).toEqual(expect.arrayContaining(["Mandatory leave required", "Rotation overdue"]));
    const leaveRequired = sent.find((c) => textOf(c).startsWith("Mandatory leave required"))!;

    const refresh = (leaveRequired.refresh as { action: { data: Record<string, string> } }).action;
    const refreshed = await world.invoke("hr", refresh.data as never, "refresh", "", "automatic");
    expect(refreshed.status).toBe(200);
    expect(textOf((refreshed.body as { value: Card }).value).split("\n")[0]).toBe("Mandatory leave required");

    const action = executeAction(leaveRequired, "Acknowledge");
    const pressed = await world.invoke("hr", action.data, "press", "Acknowledge");
    const answer = (pressed.body as { value: Card }).value;
    expect(textOf(answer).split("\n").slice(0, 2)).toEqual(["✓ Acknowledged.", "Mandatory leave required"]);
    expect(titlesOf(answer)).not.toContain("Cancel");
    // The answered card refreshes as the same notice too.
    expect((answer.refresh as { action: { data: { subject: { kind?: string } } } }).action.data.subject.kind).toBe(
      "leave_required",
    );
  });
});
