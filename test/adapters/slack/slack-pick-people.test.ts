// People and posts are picked, not typed (issue #15), over Slack's real path: HR's leave form asks
// for the post and the substitute with external_selects; as HR types, Slack asks the options load URL (a signed
// block_suggestion to the request URL) and the bot answers the people HR may choose — the units HR
// holds a role over (BR1 and under), by code, name or English name, nobody from another branch or
// the head office; someone with no role is offered nobody. The picked option's value is the code,
// and the form goes through with it. The audit team's members are several people picked at once
// (a multi_external_select, decision 15.23), offered in the same scope; the codes still read as typed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { PLANNED_LEAVE, SlackSession } from "./slack-session.ts";
import type { CastName } from "../../support/small-bank.ts";
import { ENGINES } from "../../support/databases.ts";

// Both engines: the search is the repository's (PostgreSQL compares case, SQLite's LIKE does not).
describe.each(ENGINES)("people picked in Slack on %s", (engine) => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld(engine, "2026-03-02T02:00:00Z");
    s = new SlackSession(w);
    await w.service.db.prisma.employee.updateMany({ data: { locale: "en" } });
  });
  afterEach(async () => w.close());

  const offered = async (who: CastName, typed: string, kind: "person" | "post" = "person") => {
    const res = await w.suggest(who, kind === "person" ? "substitute" : "post", typed, `v.${kind}`);
    expect(res.status).toBe(200);
    return (res.json() as { options: { text: { text: string }; value: string }[] }).options;
  };

  it(
    "offers the people in the user's scope as they type, and the pick goes through",
    { timeout: 120_000 },
    async () => {
      const view = await s.openModal("hr", "leave");
      expect(view.blocks.find((b) => b.block_id === "substitute")?.element?.type).toBe("external_select");
      expect(view.blocks.find((b) => b.block_id === "post")?.element?.type).toBe("external_select");
      // Posts too: HR's branch's teller post, by code or name; nothing for someone with no role.
      expect(await offered("hr", "tell", "post")).toEqual([
        { text: { type: "plain_text", text: "P-TELLER-SB1 Teller", emoji: true }, value: "P-TELLER-SB1" },
      ]);
      expect((await offered("hr", "p-tel", "post")).map((o) => o.value)).toEqual(["P-TELLER-SB1"]);
      expect(await offered("holder", "", "post")).toEqual([]);
      expect(await offered("otherManager", "", "post")).toEqual([]);

      expect((await offered("hr", "")).map((o) => o.value)).toEqual(["E-HR", "E-IN", "E-MG", "E-SU", "E-TL"]);
      expect(await offered("hr", "sue")).toEqual([
        { text: { type: "plain_text", text: "Sue Substitute (E-SU)", emoji: true }, value: "E-SU" },
      ]);
      expect((await offered("hr", "e-s")).map((o) => o.value)).toEqual(["E-SU"]);
      expect((await offered("hr", "李")).map((o) => o.value)).toEqual(["E-SU"]);
      // Nobody outside HR's branch: not the other branch's people, not the head office.
      expect(await offered("hr", "xavier")).toEqual([]);
      expect(await offered("hr", "E-A1")).toEqual([]);
      // Someone with no role picks nobody; compliance (head office) may pick anyone.
      expect(await offered("holder", "")).toEqual([]);
      expect((await offered("compliance", "xavier")).map((o) => o.value)).toEqual(["E-XX"]);

      const answer = await s.submitView("hr", view, PLANNED_LEAVE);
      expect(answer).toMatch(/Mandatory leave planned/);
      const leave = await w.service.db.prisma.leave.findFirstOrThrow();
      expect(leave.substituteId).toBe(w.bank.ids.substitute);
    },
  );

  it("picks the audit team's members, several at once, in the user's scope", { timeout: 120_000 }, async () => {
    expect(await s.planLeave()).toMatch(/Mandatory leave planned/);
    expect(await s.acknowledgeDm("compliance")).toMatch(/^✓ /);
    const view = await s.openFormOnHome("compliance", "Form team");
    expect(view.blocks.find((b) => b.block_id === "members")?.element).toMatchObject({
      type: "multi_external_select",
      action_id: "v.people",
    });
    // Offered as a single person input offers them: compliance (head office) anyone, HR its branch only.
    const offered = async (who: CastName, typed: string) => {
      const res = await w.suggest(who, "members", typed, "v.people");
      expect(res.status).toBe(200);
      return (res.json() as { options: { value: string }[] }).options.map((o) => o.value);
    };
    expect(await offered("compliance", "sam")).toEqual(["E-A3"]);
    expect(await offered("compliance", "E-A")).toEqual(["E-A1", "E-A2", "E-A3"]);
    expect(await offered("hr", "sam")).toEqual([]);
    expect(await offered("holder", "")).toEqual([]);

    // Two picked: both are members.
    expect(await s.submitView("compliance", view, ["E-A1", "E-A2", "E-A3,E-XX"])).toMatch(/^✓ /);
    const audit = await w.service.db.prisma.audit.findFirstOrThrow({ include: { members: true } });
    expect(audit.status).toBe("team_formed");
    const codeOf = new Map(Object.entries(w.bank.ids).map(([k, id]) => [id, k]));
    expect(
      audit.members
        .filter((m) => m.role === "member")
        .map((m) => codeOf.get(m.employeeId))
        .sort(),
    ).toEqual(["member", "stranger"]);
  });
});
