// People are picked, not typed (issue #15), over Teams' real path: HR's leave form asks for the
// substitute with an Input.ChoiceSet whose choices come from a Data.Query; as HR types, Teams sends
// an application/search invoke and the bot answers the people HR may choose (the units HR holds a
// role over), named in HR's language. The chosen value is the code, and the form goes through.
// The audit team's members are several people chosen at once (a multi-select ChoiceSet on the same
// query, decision 15.23); Teams submits their codes joined by commas, as codes were typed before.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CastName } from "../../support/small-bank.ts";
import {
  TeamsWorld,
  actionsOf,
  cardsIn,
  executeAction,
  taskOn,
  textOf,
  type Card,
  type Element,
} from "../../support/teams-world.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

describe("people picked in Teams", () => {
  let world: TeamsWorld;
  beforeEach(async () => {
    world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z" });
  });
  afterEach(async () => world.close());

  const search = async (who: CastName, dataset: string, text: string) => {
    const answer = await world.search(who, dataset, text);
    expect(answer.status).toBe(200);
    const body = answer.body as {
      statusCode: number;
      type: string;
      value: { results: { title: string; value: string }[] };
    };
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.search.searchResponse" });
    return body.value.results;
  };

  it(
    "offers the people in the user's scope as they type, and the choice goes through",
    { timeout: 120_000 },
    async () => {
      for (const who of ["hr", "holder"] as const) {
        await world.install(who);
        await world.say(who, "lang en");
      }
      const form = cardsIn(await world.say("hr", "leave"))[0]!;
      const input = (form.body ?? []).find((e: Element) => e.id === "in_substitute");
      expect(input).toMatchObject({
        type: "Input.ChoiceSet",
        "choices.data": { type: "Data.Query", dataset: "keypost.people" },
      });
      const dataset = String((input!["choices.data"] as { dataset: string }).dataset);

      expect(await search("hr", dataset, "sue")).toEqual([{ title: "Sue Substitute (E-SU)", value: "E-SU" }]);
      expect((await search("hr", dataset, "")).map((r) => r.value)).toEqual(["E-HR", "E-IN", "E-MG", "E-SU", "E-TL"]);
      expect(await search("hr", dataset, "xavier")).toEqual([]);
      expect(await search("holder", dataset, "")).toEqual([]);
      expect(await search("hr", "another.dataset", "sue")).toEqual([]);
      // The post is picked the same way, from its own dataset.
      expect((form.body ?? []).find((e: Element) => e.id === "in_post")).toMatchObject({
        type: "Input.ChoiceSet",
        "choices.data": { type: "Data.Query", dataset: "keypost.posts" },
      });
      expect(await search("hr", "keypost.posts", "tell")).toEqual([
        { title: "P-TELLER-SB1 Teller", value: "P-TELLER-SB1" },
      ]);
      expect(await search("holder", "keypost.posts", "")).toEqual([]);
      await world.say("hr", "lang zh-CN");
      expect(await search("hr", dataset, "李")).toEqual([{ title: "李代岗（E-SU）", value: "E-SU" }]);

      const submit = executeAction(form, "Submit");
      const values = TELLER_LEAVE;
      const answer = await world.invoke("hr", {
        ...submit.data,
        ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`in_${k}`, v])),
      });
      expect(textOf((answer.body as { value: Card }).value)).toMatch(/^✓ 已安排强制休假/);
      const leave = await world.db.prisma.leave.findFirstOrThrow();
      expect(leave.substituteId).toBe(world.bank.ids.substitute);
    },
  );

  it("chooses the audit team's members several at once, in the user's scope", { timeout: 120_000 }, async () => {
    for (const who of ["hr", "compliance"] as const) {
      await world.install(who);
      await world.say(who, "lang en");
    }
    const press = async (who: CastName, card: Card, title: string, values: Record<string, string>) => {
      const action = executeAction(card, title);
      const data = { ...action.data, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`in_${k}`, v])) };
      const answer = await world.invoke(who, data, "press", title);
      expect(answer.status).toBe(200);
      return (answer.body as { value: Card }).value;
    };
    const form = cardsIn(await world.say("hr", "leave"))[0]!;
    const plan = TELLER_LEAVE;
    expect(textOf(await press("hr", form, "Submit", plan))).toMatch(/^✓ /);
    await world.tick();
    const home = async () => cardsIn(await world.say("compliance", "home"))[0]!;
    expect(textOf(await press("compliance", taskOn(await home(), "Mandatory leave"), "Acknowledge", {}))).toMatch(
      /^✓ /,
    );
    const task = taskOn(await home(), /audit/i);
    const show = actionsOf(task).find((a) => a.type === "Action.ShowCard" && String(a.title).startsWith("Form team"));
    const members = ((show!.card as Card).body ?? []).find((e: Element) => e.id === "in_members");
    expect(members).toMatchObject({
      type: "Input.ChoiceSet",
      isMultiSelect: true,
      "choices.data": { type: "Data.Query", dataset: "keypost.people" },
    });
    expect((await search("compliance", "keypost.people", "E-A")).map((r) => r.value)).toEqual(["E-A1", "E-A2", "E-A3"]);
    expect(await search("hr", "keypost.people", "sam")).toEqual([]);

    // Teams submits a multi-select's values joined by commas.
    const formed = await press("compliance", task, "Form team", { leader: "E-A1", lead: "E-A2", members: "E-A3,E-XX" });
    expect(textOf(formed)).toMatch(/^✓ /);
    const audit = await world.db.prisma.audit.findFirstOrThrow({ include: { members: true } });
    expect(audit.status).toBe("team_formed");
    const ids = world.bank.ids;
    expect(
      audit.members
        .filter((m) => m.role === "member")
        .map((m) => m.employeeId)
        .sort(),
    ).toEqual([ids.member, ids.stranger].sort());
  });
});
