// One sealed leave and its off-post audit, end to end over Slack's real path: signed HTTP requests
// to the running service, the bot's calls recorded by a fake Slack Web API. HR plans from
// `/keypost leave` (a modal); compliance acknowledges in its DM and forms the team; the plan is
// drafted and approved — the holder, substitute and manager see nothing. The tick starts the leave
// on its day: the holder's DM offers the acknowledge button; the press updates that message in
// place, and compliance and the substitute are notified (at the start). Both sides (and the witness) confirm the
// handover, the auditors mark every checklist item, the holder disagrees, the executive signs; the
// manager's `/keypost status` names who is on leave.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { buttonsOf, findButton, SlackSession, textOf } from "./slack-session.ts";

const PLAN_AT = "2026-03-02T02:00:00Z"; // Monday 10:00 in Shanghai
const STARTS_AT = "2026-03-08T16:00:00.000Z"; // Monday 9 March, 00:00 in Shanghai

describe.each(ENGINES)("a sealed leave and its audit through Slack on %s", (engine) => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld(engine, PLAN_AT);
    s = new SlackSession(w);
    // Everyone reads English but the holder, who keeps the bank's Chinese.
    await w.service.db.prisma.employee.updateMany({ where: { code: { not: "E-TL" } }, data: { locale: "en" } });
  });
  afterEach(async () => w.close());

  const db = () => w.service.db.prisma;
  const leave = () => db().leave.findFirstOrThrow();
  const audit = () =>
    db().audit.findFirstOrThrow({ include: { items: { orderBy: { seq: "asc" } }, opinions: true, signatures: true } });

  it("from /keypost leave to the executive's signature", { timeout: 300_000 }, async () => {
    // HR: /keypost leave opens the modal; its submission plans the leave.
    const planned = await s.planLeave();
    expect(planned).toContain("✓ Mandatory leave planned: 2026-03-09 to 2026-03-13");
    expect((await leave()).sealed).toBe(true);

    // Compliance is told by DM and acknowledges there; the message is updated in place.
    await w.dispatch();
    const complianceDm = s.dmWith("compliance", "Acknowledge");
    expect(complianceDm, "compliance's DM").toBeDefined();
    const ack = await s.pressButton("compliance", findButton(complianceDm!.blocks, "Acknowledge"), complianceDm!);
    expect(ack).toMatch(/^✓ /);
    expect(w.fake.callsOf("chat.update").some((c) => c.args.ts === complianceDm!.ts)).toBe(true);
    expect((await leave()).status).toBe("compliance_notified");

    expect(await s.onHome("compliance", "Form team", ["E-A1", "E-A2", "E-A3"])).toMatch(/^✓ /);
    expect(
      await s.onHome("leader", "Draft plan", ["Count the cash, check the vouchers and the authorisations."]),
    ).toMatch(/^✓ /);
    expect(await s.onHome("complianceHead", "Approve")).toMatch(/^✓ /);
    expect((await audit()).status).toBe("plan_approved");

    // Sealed: a minute before the start nobody else has a DM or a home entry about it.
    w.clock.set("2026-03-08T15:59:00Z");
    await w.dispatch();
    for (const who of ["holder", "substitute", "manager"] as const) expect(s.dms(who), `${who}'s DMs`).toEqual([]);
    for (const who of ["holder", "substitute"] as const)
      expect(textOf(await s.home(who))).not.toMatch(/leave|handover|audit|休假|交接|审计/i);
    const managerHome = textOf(await s.home("manager"));
    expect(managerHome).toContain("My tasks (0)");
    expect(managerHome).toContain("*On mandatory leave now*: None");
    expect(managerHome).toContain("*Open off-post audits*: 0");

    const complianceBeforeStart = s.dms("compliance").length;
    // The tick starts the leave on its day; the holder's DM (in Chinese) offers the acknowledge button.
    await w.tick(STARTS_AT);
    expect((await leave()).status).toBe("started");
    const holderDm = s.dmWith("holder", "确认收到");
    expect(holderDm, "the holder's leave DM").toBeDefined();
    expect(textOf(holderDm!.blocks)).toContain("您的强制休假已开始");
    // Compliance and the substitute are told at the same start instant.
    expect(textOf(s.dms("substitute").flatMap((m) => m.blocks))).toMatch(/substitute|take over|handover/i);
    expect(s.dms("compliance").length).toBeGreaterThan(complianceBeforeStart);

    // The holder presses it: the same message is updated in place; compliance and the substitute are told.
    w.clock.set("2026-03-09T00:30:00Z");
    const pressed = await s.pressButton("holder", findButton(holderDm!.blocks, "确认收到"), holderDm!);
    expect(pressed).toMatch(/^✓ /);
    const update = w.fake.callsOf("chat.update").find((c) => c.args.ts === holderDm!.ts);
    expect(update, "chat.update of the holder's DM").toBeDefined();
    expect(buttonsOf(update!.args.blocks as unknown[]).map((b) => b.label)).not.toContain("确认收到");
    // The dispatcher then brings the stored notice up to date on the same message (no new post).
    const posts = w.fake.callsOf("chat.postMessage").length;
    const updates = w.fake.callsOf("chat.update").length;
    await w.dispatch();
    expect(
      w.fake
        .callsOf("chat.update")
        .slice(updates)
        .map((c) => [c.args.channel, c.args.ts]),
    ).toContainEqual([holderDm!.channel, holderDm!.ts]);
    expect(w.fake.callsOf("chat.postMessage").length).toBe(posts);

    // Both sides and the witness confirm the handover.
    for (const who of ["holder", "substitute", "manager"] as const) {
      const label = who === "holder" ? "全部确认" : "Confirm all";
      expect(await s.onHome(who, label), `${who} confirming`).toMatch(/^✓ /);
    }
    expect((await leave()).status).toBe("handed_over");

    // Fieldwork: the notice, every checklist item, the report.
    w.clock.set("2026-03-10T01:00:00Z");
    expect(await s.onHome("leader", "Issue audit notice")).toMatch(/^✓ /);
    expect(await s.onHome("member", "#1 Pass", ["", ""])).toMatch(/^✓ /);
    expect(await s.onHome("lead", "#2 Exception", ["Two vouchers missing", "https://dms.bank.example/ev/2"])).toMatch(
      /^✓ /,
    );
    expect(await s.onHome("member", "#3 N/A", ["No authorisations this period", ""])).toMatch(/^✓ /);
    expect((await audit()).items.map((i) => i.result)).toEqual(["pass", "exception", "not_applicable"]);
    expect(await s.onHome("leader", "Draft report", ["One exception: blank vouchers."])).toMatch(/^✓ /);

    // The holder (on leave: only this and acknowledging are allowed) disagrees; the executive signs.
    expect(await s.onHome("holder", "不同意", ["凭证在金库中"])).toMatch(/^✓ /);
    expect(await s.onHome("executive", "Sign")).toMatch(/^✓ /);
    const signed = await audit();
    expect(signed.opinions.map((o) => [o.agrees, o.reason])).toEqual([[false, "凭证在金库中"]]);
    expect(signed.signatures.length).toBe(1);

    // The manager's /keypost status names who is on leave in the unit.
    const answer = (await w.slashAnswer("manager", "status")) as { response_type: string; blocks: unknown[] };
    expect(answer.response_type).toBe("ephemeral");
    expect(textOf(answer.blocks)).toContain("Tom Teller (E-TL, P-TELLER-SB1)");

    // Everything done in Slack is in the audit log as done from Slack.
    expect(await db().auditLogEntry.count({ where: { platform: "slack" } })).toBeGreaterThan(15);
  });
});
