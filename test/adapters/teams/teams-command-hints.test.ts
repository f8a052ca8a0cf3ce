// A hint names the command as it is typed where it is read: in the Teams chat `tasks` and
// `report <name>` (there is no slash command there), in Slack `/keypost tasks`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { TeamsWorld, cardsIn, textOf } from "../../support/teams-world.ts";

describe.each(ENGINES)("command hints in Teams on %s", (engine) => {
  let world: TeamsWorld;
  beforeEach(async () => {
    world = await TeamsWorld.start(engine, { at: "2026-03-02T02:00:00Z" });
    await world.install("manager");
  });
  afterEach(async () => world.close());

  it("status and report say what to type in Teams, in both languages", async () => {
    const zhStatus = textOf(cardsIn(await world.say("manager", "status"))[0]);
    expect(zhStatus).toContain("输入 tasks 查看并处理待办。");
    await world.say("manager", "lang en");
    const status = textOf(cardsIn(await world.say("manager", "status"))[0]);
    expect(status).toContain("Type tasks to see and act on your tasks.");
    const reports = textOf(cardsIn(await world.say("manager", "report"))[0]);
    expect(reports).toContain("Type report <name> to see one.");
    expect(`${zhStatus}\n${status}\n${reports}`).not.toContain("/keypost");
  });
});
