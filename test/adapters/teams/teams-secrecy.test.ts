// Secrecy and suspension across the Teams surface. Before a sealed leave starts, the holder, the
// substitute and the manager get nothing from Teams about it: no proactive message, nothing on
// their home, no answer to a typed command, and a refresh or a press naming it shows them nothing.
// A button belongs to the person it was offered to; a forged or replayed one changes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import type { CastName } from "../../support/small-bank.ts";
import { TeamsWorld, actionsOf, cardsIn, taskOn, teamsUser, textOf, type Card } from "../../support/teams-world.ts";

describe.each(ENGINES)("a sealed leave in Teams on %s", (engine) => {
  let world: TeamsWorld;
  let leaveId: string;
  beforeEach(async () => {
    world = await TeamsWorld.start(engine, { at: "2026-03-02T02:00:00Z" });
    for (const who of ["hr", "compliance", "holder", "substitute", "manager"] as const) {
      await world.install(who);
      await world.say(who, "lang en");
    }
    const [form] = cardsIn(await world.say("hr", "leave"));
    const submit = actionsOf(form).find((a) => a.type === "Action.Execute")!;
    const values = {
      in_post: "P-TELLER-SB1",
      in_startDate: "2026-03-09",
      in_endDate: "2026-03-13",
      in_kind: "regular",
      in_substitute: "E-SU",
    };
    await world.invoke("hr", { ...(submit.data as Record<string, string>), ...values }, "form", "Submit");
    await world.tick();
    leaveId = (await world.db.prisma.leave.findFirstOrThrow()).id;
  });
  afterEach(async () => world.close());

  const answerCard = (body: unknown): Card => (body as { value: Card }).value;
  const unwitting: CastName[] = ["holder", "substitute", "manager"];

  it("is invisible to the holder, the substitute and the manager until it starts", async () => {
    await world.tick("2026-03-08T15:59:00Z"); // a minute before 00:00 on 9 March there
    for (const who of unwitting) {
      const proactive = world.connector.to(teamsUser(who).conversationId).filter((r) => r.body.replyToId === undefined);
      expect(proactive, who).toEqual([]);
      for (const typed of ["home", "tasks", "audit", "status"]) {
        const shown = (await world.say(who, typed))
          .map((r) => `${String(r.body.text ?? "")}\n${cardsIn([r]).map(textOf).join("\n")}`)
          .join("\n");
        expect(shown, `${who} typing ${typed}`).not.toMatch(
          /mandatory leave planned|2026-03-09|audit requested|handover/i,
        );
      }
      // A refresh naming the leave (as a forged card would) shows nothing about it.
      const refreshed = await world.invoke(
        who,
        { kp: "refresh", subject: { type: "leave", id: leaveId } },
        "refresh",
        "",
        "automatic",
      );
      expect(textOf(answerCard(refreshed.body))).toBe("That matter is no longer among your tasks and notices.");
    }
  });

  it("a button pressed by someone it was not offered to, forged or replayed, changes nothing", async () => {
    const home = cardsIn(await world.say("compliance", "home"))[0]!;
    const acknowledge = actionsOf(taskOn(home, "Mandatory leave planned")).find((a) => a.title === "Acknowledge")!;
    const logBefore = await world.db.prisma.auditLogEntry.count({
      where: { action: { not: { endsWith: ".refused" } } },
    });
    const statusBefore = (await world.db.prisma.leave.findFirstOrThrow()).status;
    const acknowledged = () =>
      world.db.prisma.notice.count({
        where: { recipientId: world.bank.ids.compliance, subjectType: "leave", acknowledgedAt: { not: null } },
      });
    expect(await acknowledged()).toBe(0);

    const stolen = await world.invoke("holder", acknowledge.data as Record<string, string>);
    expect(textOf(answerCard(stolen.body))).toMatch(/^✗ /);
    expect(textOf(answerCard(stolen.body))).not.toMatch(/Mandatory leave|2026-03-09/);
    const forged = await world.invoke("compliance", { kp: "press", token: "AAAAAAAAAAAAAAAAAAAAAA" });
    expect(textOf(answerCard(forged.body))).toBe("✗ That button is no longer valid.");
    const garbage = await world.invoke("compliance", { kp: "launch-missiles" });
    expect(textOf(answerCard(garbage.body))).toBe("That button is no longer valid.");
    expect((await world.db.prisma.leave.findFirstOrThrow()).status).toBe(statusBefore);
    expect(await acknowledged()).toBe(0);
    expect(await world.db.prisma.auditLogEntry.count({ where: { action: { not: { endsWith: ".refused" } } } })).toBe(
      logBefore,
    );

    const pressed = await world.invoke("compliance", acknowledge.data as Record<string, string>);
    expect(textOf(answerCard(pressed.body))).toMatch(/^✓ /);
    const replayed = await world.invoke("compliance", acknowledge.data as Record<string, string>);
    expect(textOf(answerCard(replayed.body))).toMatch(/^✗ /);
    expect((await world.db.prisma.leave.findFirstOrThrow()).status).toBe("compliance_notified");
    expect(await acknowledged()).toBeGreaterThan(0);
  });
});
