// The Slack surface over signed HTTP against the running service: slash commands (ephemeral, in
// the person's language), accounts mapped by stored id or e-mail (unknown ones told so, nothing
// done), App Home on app_home_opened, DMs and a retried event, a press by the wrong person and a
// double click, and the secrecy of a sealed leave and the suspension of a holder on leave in every
// answer: DMs, homes, slash commands.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { findButton, SlackSession, textOf } from "./slack-session.ts";

const PLAN_AT = "2026-03-02T02:00:00Z";
const STARTS_AT = "2026-03-08T16:00:00.000Z";

describe.each(ENGINES)("the Slack surface on %s", (engine) => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld(engine, PLAN_AT);
    s = new SlackSession(w);
    await w.service.db.prisma.employee.updateMany({ where: { code: { not: "E-TL" } }, data: { locale: "en" } });
  });
  afterEach(async () => w.close());

  const db = () => w.service.db.prisma;
  const ephemeral = async (who: Parameters<SlackWorld["slash"]>[0], text: string) => {
    const body = await w.slashAnswer(who, text);
    expect(body.response_type).toBe("ephemeral");
    return `${body.text}\n${textOf(body.blocks ?? [])}`;
  };
  const planLeave = async () => {
    const done = await s.planLeave();
    expect(done).toMatch(/^✓ /);
    await w.dispatch();
  };

  it("/keypost answers ephemerally in the person's language; lang changes it", async () => {
    expect(await ephemeral("holder", "help")).toContain("Keypost 命令：");
    expect(await ephemeral("manager", "")).toContain("Keypost commands:");
    expect(await ephemeral("holder", "lang en")).toContain("Keypost now speaks English to you.");
    expect(await ephemeral("holder", "help")).toContain("Keypost commands:");
    expect((await db().employee.findFirstOrThrow({ where: { code: "E-TL" } })).locale).toBe("en");
  });

  it("an account nobody maps to is told so and nothing happens; one found by e-mail is linked", async () => {
    const before = await db().auditLogEntry.count();
    const unknown = await ephemeral("U0NOBODY1", "lang en");
    expect(unknown).toContain("Keypost does not know your account.");
    expect(unknown).toContain("Keypost 不认识您的账号");
    expect(await db().auditLogEntry.count()).toBe(before);

    await db().chatIdentity.deleteMany({ where: { employee: { code: "E-XX" } } });
    w.fake.emails.set("U0NEWXX01", "e-xx@bank.example");
    expect(await ephemeral("U0NEWXX01", "help")).toContain("Keypost commands:");
    const linked = await db().chatIdentity.findMany({ where: { employee: { code: "E-XX" } } });
    expect(linked.map((i) => [i.platform, i.externalId])).toEqual([["slack", "U0NEWXX01"]]);
    expect(await db().auditLogEntry.count({ where: { action: "employee.chat_identity_linked" } })).toBe(1);
  });

  it("App Home: published on app_home_opened with the person's tasks and buttons", async () => {
    await planLeave();
    const home = await s.home("compliance");
    expect(textOf(home)).toContain("My tasks (");
    expect(findButton(home, "Acknowledge").value).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(textOf(await s.home("holder"))).toContain("没有待办事项。");
  });

  it("DMs are answered in the DM; a retried event changes nothing twice", async () => {
    const channel = `D${w.user("manager").slice(1)}`;
    const first = await w.event("message_im", "manager", { TEXT: "lang zh-CN", EVENT_ID: "Ev0RETRY01" });
    expect(first.status).toBe(200);
    const posted = await w.fake.until("the DM answer", () =>
      w.fake.callsOf("chat.postMessage").find((c) => c.args.channel === channel),
    );
    expect(String(posted.args.text)).toContain("Keypost 将使用简体中文与您交流。");
    const retry = await w.event("message_im", "manager", { TEXT: "lang zh-CN", EVENT_ID: "Ev0RETRY01" }, 1);
    expect(retry.status).toBe(200);
    expect(w.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel)).toHaveLength(1);
    expect(await db().auditLogEntry.count({ where: { action: "profile.locale_set" } })).toBe(1);

    await w.event("message_im", "hr", { TEXT: "leave" });
    const formOffer = await w.fake.until("the form button", () =>
      w.fake.callsOf("chat.postMessage").find((c) => c.args.channel === `D${w.user("hr").slice(1)}`),
    );
    expect(findButton(formOffer.args.blocks as unknown[], "Plan a mandatory leave").value).toBe("leave.plan");
  });

  it("a press by someone else is refused and logged; a double click acknowledges once", async () => {
    await planLeave();
    const dm = s.dmWith("compliance", "Acknowledge")!;
    const button = findButton(dm.blocks, "Acknowledge");
    const wrong = await s.pressButton("manager", button, dm);
    expect(wrong).toContain("✗");
    const refused = await db().auditLogEntry.findMany({
      where: { action: { endsWith: ".refused" }, actorId: w.bank.ids.manager },
    });
    expect(refused.map((r) => JSON.parse(r.data).code)).toEqual(["NOT_AUTHORISED"]);
    expect((await db().leave.findFirstOrThrow()).status).toBe("planned");

    const now = Math.floor(w.clock.now().getTime() / 1000);
    const [a, b] = await Promise.all([
      w.press("compliance", button.actionId, button.value, dm),
      w.press("compliance", button.actionId, button.value, dm, { timestamp: now + 1 }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await db().leave.findFirstOrThrow()).status).toBe("compliance_notified");
    expect(await db().auditLogEntry.count({ where: { action: "leave.compliance_notified" } })).toBe(1);
  });

  it("secrecy: before the start the holder, substitute and manager learn nothing from DMs, homes or /keypost", async () => {
    await planLeave();
    for (const who of ["holder", "substitute", "manager"] as const) {
      expect(s.dms(who)).toEqual([]);
      for (const command of ["tasks", "audit", "status"]) {
        const answer = await ephemeral(who, command);
        expect(answer, `${who}: /keypost ${command}`).not.toMatch(
          /E-TL,|Mandatory leave planned|强制休假安排|off-post audit request|离岗审计申请/i,
        );
      }
      expect(textOf(await s.home(who))).not.toMatch(/Mandatory leave planned|强制休假安排|handover|交接|E-TL,/);
    }
    expect(await ephemeral("manager", "status")).toContain("*On mandatory leave now*\nNone");
    expect(await ephemeral("compliance", "tasks")).toMatch(/Mandatory leave/);
  });

  it("suspension: once on leave the holder may acknowledge but nothing else; the refusal is logged and compliance told", async () => {
    await planLeave();
    await s.pressButton(
      "compliance",
      findButton(s.dmWith("compliance", "Acknowledge")!.blocks, "Acknowledge"),
      s.dmWith("compliance", "Acknowledge")!,
    );
    await w.tick(STARTS_AT);
    w.clock.set("2026-03-09T01:00:00Z");
    await w.slash("holder", "event");
    const opened = await w.fake.until("views.open", () => w.fake.callsOf("views.open").at(-1));
    await w.slash("holder", "leave");
    const leaveForm = await w.fake.until("second views.open", () =>
      w.fake
        .callsOf("views.open")
        .filter((c) => c !== opened)
        .at(-1),
    );
    const refused = await s.submitView("holder", leaveForm.args.view as never, [
      "P-TELLER-SB1",
      "2026-04-06",
      "2026-04-10",
      "regular",
      "",
      "",
      "",
    ]);
    expect(refused).toContain("✗");
    expect(refused).toMatch(/暂停|suspended/);
    expect(await db().notice.count({ where: { kind: "suspended_attempt" } })).toBeGreaterThan(0);
    const dm = s.dmWith("holder", "确认收到")!;
    expect(await s.pressButton("holder", findButton(dm.blocks, "确认收到"), dm)).toMatch(/^✓ /);
  });
});
