// One sealed mandatory leave and its off-post audit, lived in Microsoft Teams: every person has
// installed the app (installationUpdate), types in the personal chat, and presses Adaptive Card
// buttons (adaptiveCard/action invokes) — all as real activities over HTTP to /api/messages. What
// the bot sends (replies, proactive notices, updates in place) is read back from the fake Bot
// Connector. HR plans the leave with the typed `leave` command's form; the manager types `status`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import type { CastName } from "../../support/small-bank.ts";
import { TeamsWorld, cardsIn, executeAction, taskOn, teamsUser, textOf, type Card } from "../../support/teams-world.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

const STARTS_AT = "2026-03-08T16:00:00.000Z"; // Monday 9 March 2026, 00:00 in Asia/Shanghai

describe.each(ENGINES)("a sealed leave and its audit in Teams on %s", (engine) => {
  let world: TeamsWorld;
  beforeEach(async () => {
    world = await TeamsWorld.start(engine, { at: "2026-03-02T02:00:00Z" });
  });
  afterEach(async () => world.close());

  const leave = () => world.db.prisma.leave.findFirstOrThrow();
  const audit = () =>
    world.db.prisma.audit.findFirstOrThrow({
      include: { items: { orderBy: { seq: "asc" } }, findings: true, opinions: true },
    });

  /** The home card the bot sends back when the person types "home". */
  const home = async (who: CastName): Promise<Card> => {
    const cards = cardsIn(await world.say(who, "home"));
    expect(cards).toHaveLength(1);
    return cards[0]!;
  };
  /** Presses a button on a card (filling its form's inputs) and answers the card that replaces it. */
  const press = async (
    who: CastName,
    card: Card,
    title: string,
    values: Record<string, string> = {},
  ): Promise<Card> => {
    const action = executeAction(card, title);
    const data = { ...action.data, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`in_${k}`, v])) };
    const answer = await world.invoke(who, data, "press", title);
    expect(answer.status).toBe(200);
    const body = answer.body as { statusCode: number; type: string; value: Card };
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    return body.value;
  };
  /** Presses a button of one task on the person's home (the task whose heading starts with `task`). */
  const done = async (
    who: CastName,
    task: string | RegExp,
    title: string,
    values: Record<string, string> = {},
  ): Promise<Card> => {
    const card = await press(who, taskOn(await home(who), task), title, values);
    expect(textOf(card), `${who} pressing ${title}`).toMatch(/^✓ /);
    return card;
  };
  /** What the bot sent a person on its own (proactive notices and updates, not replies to what they typed). */
  const delivered = (who: CastName) =>
    world.connector.to(teamsUser(who).conversationId).filter((r) => r.body.replyToId === undefined);

  it(
    "from HR's plan to the executive's signature, with the holder's card replaced in place",
    { timeout: 300_000 },
    async () => {
      const people: CastName[] = [
        "hr",
        "compliance",
        "complianceHead",
        "holder",
        "substitute",
        "manager",
        "leader",
        "lead",
        "member",
        "executive",
      ];
      for (const who of people) {
        expect((await world.install(who)).status).toBe(200);
        expect((await world.say(who, "lang en")).map((r) => r.body.text)).toEqual([
          "Keypost now speaks English to you.",
        ]);
      }
      world.connector.clear();

      // HR types `leave`: the form comes as a card; submitting it plans the leave.
      const form = cardsIn(await world.say("hr", "leave"));
      expect(textOf(form[0])).toContain("Plan a mandatory leave");
      const plan = TELLER_LEAVE;
      const planned = await press("hr", form[0]!, "Submit", plan);
      expect(textOf(planned)).toMatch(/^✓ Mandatory leave planned: 2026-03-09 to 2026-03-13/);
      await world.tick();

      // Compliance is told in Teams at once; the holder, the substitute and the manager see nothing.
      const toCompliance = cardsIn(delivered("compliance"));
      expect(toCompliance.map((c) => textOf(c).split("\n")[0])).toContain("Mandatory leave planned");
      for (const who of ["holder", "substitute", "manager"] as const) {
        expect(delivered(who)).toEqual([]);
        expect(textOf(await home(who))).toContain("Nothing to do.");
      }

      await done("compliance", "Mandatory leave planned", "Acknowledge");
      expect((await leave()).status).toBe("compliance_notified");
      await done("compliance", /audit/i, "Form team", { leader: "E-A1", lead: "E-A2", members: "E-A3" });
      await done("leader", /audit/i, "Draft plan", {
        plan: "Count the cash, check the vouchers and the authorisations.",
      });
      await done("complianceHead", /audit/i, "Approve");
      expect((await audit()).status).toBe("plan_approved");

      world.clock.set("2026-03-08T15:58:00Z");
      await world.tick();
      for (const who of ["holder", "substitute", "manager"] as const) expect(delivered(who)).toEqual([]);

      // The leave starts: the holder's card arrives proactively, with an acknowledge button.
      await world.tick(STARTS_AT);
      expect((await leave()).status).toBe("started");
      const holderCards = cardsIn(delivered("holder"));
      const started = holderCards.find((c) => textOf(c).startsWith("Your mandatory leave has started"));
      expect(started, holderCards.map((c) => textOf(c).split("\n")[0]).join(" | ")).toBeDefined();
      expect(started!.refresh).toMatchObject({
        action: { type: "Action.Execute", verb: "refresh" },
        userIds: [teamsUser("holder").userId],
      });
      for (const who of ["substitute", "manager"] as const)
        expect(cardsIn(delivered(who)).some((c) => /handover/i.test(textOf(c)))).toBe(true);

      world.clock.set("2026-03-09T01:00:00Z");
      const replaced = await press("holder", started!, "Acknowledge");
      expect(textOf(replaced)).toMatch(/^✓ /);
      expect(() => executeAction(replaced, "Acknowledge")).toThrow(/no action/);
      // Pressing the old card again changes nothing and answers the current card with the reason.
      const again = await press("holder", started!, "Acknowledge");
      expect(textOf(again)).toMatch(/^✗ /);

      // Others' delivered cards are brought up to date in place (PUT) by the next dispatch.
      const before = world.connector.sent.length;
      await world.tick();
      const updates = world.connector.sent.slice(before).filter((r) => r.method === "PUT");
      expect(updates.length).toBeGreaterThan(0);
      expect(updates.every((u) => u.activityId?.startsWith("1:activity-"))).toBe(true);

      // On leave, the holder may acknowledge and hand over, nothing else: planning a leave is refused.
      const holderForm = cardsIn(await world.say("holder", "leave"))[0]!;
      const refused = await press("holder", holderForm, "Submit", {
        ...plan,
        startDate: "2026-04-06",
        endDate: "2026-04-10",
      });
      expect(textOf(refused)).toMatch(/^✗ You are on mandatory leave and your authority is suspended/);

      for (const who of ["holder", "substitute", "manager"] as const) await done(who, "Handover", "Confirm all");
      // The manager's typed `status`: their unit's summary, the holder now on leave.
      const status = cardsIn(await world.say("manager", "status"));
      expect(status.length).toBeGreaterThan(0);
      expect(textOf(status[0])).toMatch(/Tom Teller|E-TL|on leave/i);
      expect((await leave()).status).toBe("handed_over");

      await done("leader", /audit/i, "Issue audit notice");
      expect((await audit()).status).toBe("fieldwork");
      await done("member", /audit/i, "#1 Pass");
      await done("lead", /audit/i, "#2 Exception", {
        note: "Two vouchers missing",
        evidenceUrl: "https://dms.bank.example/ev/2",
      });
      await done("member", /audit/i, "#3 N/A", { note: "No authorisations this period" });
      expect((await audit()).items.map((i) => i.result)).toEqual(["pass", "exception", "not_applicable"]);
      await done("leader", /audit/i, "Draft report", { report: "One high finding: blank vouchers." });
      await done("holder", /audit/i, "Disagree", { reason: "The vouchers were in the vault" });
      await done("executive", /audit/i, "Sign");
      const signed = await audit();
      expect(signed.opinions.map((o) => [o.employeeId, o.agrees, o.reason])).toEqual([
        [world.bank.ids.holder, false, "The vouchers were in the vault"],
      ]);
      expect(signed.items[1]).toMatchObject({
        note: "Two vouchers missing",
        evidenceUrl: "https://dms.bank.example/ev/2",
      });
      expect(await world.db.prisma.auditLogEntry.count({ where: { platform: "teams" } })).toBeGreaterThan(15);
    },
  );
});
