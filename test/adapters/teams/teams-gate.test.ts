// Who may talk to the bot, and where it may answer: tenants on the allow-list only; service URLs
// on the allow-list only; a user is known by their Entra object id, or linked by the e-mail
// address Teams gives for them on first contact (a logged fact); installing stores the
// conversation reference, removing forgets it — and a notice for someone without it is a
// recorded failure, not a silent drop.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { BOT_ID, TeamsWorld, actionsOf, cardsIn, fixture, teamsUser, textOf } from "../../support/teams-world.ts";

describe.each(ENGINES)("the Teams gate on %s", (engine) => {
  let world: TeamsWorld;
  beforeEach(async () => {
    world = await TeamsWorld.start(engine, { at: "2026-03-02T02:00:00Z", unlinked: ["executive", "stranger"] });
  });
  afterEach(async () => world.close());

  const identity = (who: "holder" | "executive") =>
    world.db.prisma.chatIdentity.findFirst({ where: { platform: "teams", employeeId: world.bank.ids[who] } });

  it("installing stores the conversation reference and the time, and greets with the home card", async () => {
    expect((await world.install("holder")).status).toBe(200);
    const stored = await identity("holder");
    expect(stored?.installedAt?.toISOString()).toBe("2026-03-02T02:00:00.000Z");
    expect(stored?.tenantId).toBe("5a1c0f3e-7b2d-4c19-9e8a-0d6f4b3a2c10");
    expect(JSON.parse(stored!.conversationRef!)).toEqual({
      serviceUrl: world.connector.serviceUrl,
      conversationId: teamsUser("holder").conversationId,
      tenantId: "5a1c0f3e-7b2d-4c19-9e8a-0d6f4b3a2c10",
      botId: BOT_ID,
      userId: teamsUser("holder").userId,
      aadObjectId: teamsUser("holder").aadObjectId,
    });
    const [greeting] = world.connector.to(teamsUser("holder").conversationId);
    expect(greeting!.body.text).toContain("我是 Keypost");
    expect(textOf(cardsIn([greeting!])[0])).toContain("Keypost · 张柜员 (E-TL)");
  });

  it("someone not linked yet is matched by the e-mail address Teams gives, once, and it is logged", async () => {
    world.connector.members.set(teamsUser("executive").userId, { email: "E-VP@bank.example", name: "Victor VP" });
    const answer = await world.post(fixture("conversation-update.bot-added", world.vars("executive")));
    expect(answer.status).toBe(200);
    const linked = await identity("executive");
    expect(linked).toMatchObject({
      externalId: teamsUser("executive").aadObjectId,
      tenantId: "5a1c0f3e-7b2d-4c19-9e8a-0d6f4b3a2c10",
    });
    expect(linked?.conversationRef).toContain(teamsUser("executive").conversationId);
    const logged = await world.db.prisma.auditLogEntry.findMany({ where: { action: "employee.chat_identity_linked" } });
    expect(logged.map((l) => [l.subjectId, l.platform])).toEqual([[world.bank.ids.executive, "teams"]]);
    // conversationUpdate stores the reference but does not greet (installationUpdate does).
    expect(world.connector.to(teamsUser("executive").conversationId)).toEqual([]);
  });

  it("someone the register does not know is told so, and nothing is linked", async () => {
    const replies = await world.say("stranger", "status");
    expect(replies.map((r) => r.body.text)).toEqual([
      "Keypost does not know your account. Ask an administrator to add you to the register.",
    ]);
    expect(
      await world.db.prisma.chatIdentity.count({ where: { platform: "teams", employeeId: world.bank.ids.stranger } }),
    ).toBe(0);
  });

  it("a tenant not on the allow-list gets no answer and changes nothing", async () => {
    const other = "99999999-8888-4777-8666-555555555555";
    const answer = await world.post(
      fixture("message.personal", world.vars("holder", { text: "status", tenantId: other })),
    );
    expect(answer.status).toBe(200);
    const invoke = await world.post(
      fixture(
        "invoke.adaptive-card-action",
        world.vars("holder", { tenantId: other, data: { kp: "home" }, verb: "home", title: "", trigger: "manual" }),
      ),
    );
    expect(invoke.body).toEqual({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
      value: "Your organisation is not allowed to use Keypost.",
    });
    expect(world.connector.sent).toEqual([]);
    expect((await identity("holder"))?.conversationRef).toBeNull();
  });

  it("an activity naming a service URL off the allow-list is never answered there", async () => {
    const evil = "https://collector.evil.example/teams/";
    const answer = await world.post(
      fixture("message.personal", world.vars("holder", { text: "home", serviceUrl: evil })),
    );
    expect(answer.status).toBe(200);
    expect(world.connector.sent).toEqual([]);
    expect((await identity("holder"))?.conversationRef).toBeNull();
  });

  it("after removal, a notice is a recorded failure naming the reason, not a silent drop", async () => {
    await world.install("compliance");
    await world.install("hr");
    await world.install("complianceHead");
    expect((await world.post(fixture("installation-update.remove", world.vars("compliance")))).status).toBe(200);
    const compliance = await world.db.prisma.chatIdentity.findFirst({
      where: { platform: "teams", employeeId: world.bank.ids.compliance },
    });
    expect(compliance).toMatchObject({ conversationRef: null, installedAt: null });
    // HR plans a leave through Teams; compliance's Teams notice cannot be delivered, and says why.
    const [form] = cardsIn(await world.say("hr", "leave"));
    const submit = actionsOf(form).find((a) => a.type === "Action.Execute")!;
    const values = {
      in_post: "P-TELLER-SB1",
      in_startDate: "2026-03-09",
      in_endDate: "2026-03-13",
      in_kind: "regular",
      in_substitute: "E-SU",
    };
    const planned = await world.invoke(
      "hr",
      { ...(submit.data as Record<string, string>), ...values },
      "form",
      "Submit",
    );
    expect(textOf((planned.body as { value: unknown }).value)).toMatch(/^✓ /);
    await world.tick();
    const notices = await world.db.prisma.notice.findMany({
      where: { recipientId: world.bank.ids.compliance, platform: "teams" },
    });
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) {
      expect(n.status).toBe("failed");
      expect(n.lastError).toMatch(/^teams_not_installed/);
    }
    expect(
      world.connector.to(teamsUser("compliance").conversationId).filter((r) => r.body.replyToId === undefined),
    ).toEqual([]);
    // The compliance head is told once that compliance cannot be reached — not once per failed notice.
    await world.tick();
    expect(await world.db.prisma.notice.count({ where: { kind: "delivery.failed" } })).toBe(0);
    const findings = await world.db.prisma.notice.findMany({
      where: { kind: "delivery.unreachable.teams", recipientId: world.bank.ids.complianceHead, platform: "teams" },
    });
    // One per person who cannot be reached (compliance, and whoever else has no Teams app here).
    expect(findings.filter((n) => n.subjectId === world.bank.ids.compliance)).toHaveLength(1);
    expect(new Set(findings.map((n) => n.subjectId)).size).toBe(findings.length);
    const toHead = world.connector
      .to(teamsUser("complianceHead").conversationId)
      .map((r) => JSON.stringify(r.body))
      .filter((b) => b.includes("cannot be reached") || b.includes("无法通过"));
    expect(toHead).toHaveLength(findings.length);
  });
});
