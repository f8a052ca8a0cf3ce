// No reminder about a closed subject, over Slack's real path. The holder and the manager are sent
// the audit notice and never acknowledge it; the audit runs to its signature and compliance closes
// it. Ticks over the next working days (the ladder's reminder and escalation rungs) send nobody a
// reminder or an escalation about it — before, a reminder went out two days after the close.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { findButton, SlackSession, textOf } from "./slack-session.ts";

const PLAN_AT = "2026-03-02T02:00:00Z"; // Monday 10:00 in Shanghai
const STARTS_AT = "2026-03-08T16:00:00.000Z"; // Monday 9 March, 00:00 in Shanghai

describe("a closed audit", () => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld("sqlite", PLAN_AT);
    s = new SlackSession(w);
    await w.service.db.prisma.employee.updateMany({ data: { locale: "en" } });
  });
  afterEach(async () => w.close());

  it("is reminded of to nobody", { timeout: 180_000 }, async () => {
    const db = w.service.db.prisma;
    await s.planLeave();
    await w.dispatch();
    const dm = s.dmWith("compliance", "Acknowledge")!;
    await s.pressButton("compliance", findButton(dm.blocks, "Acknowledge"), dm);
    await s.onHome("compliance", "Form team", ["E-A1", "E-A2", "E-A3"]);
    await s.onHome("leader", "Draft plan", ["Count the cash."]);
    await s.onHome("complianceHead", "Approve");
    await w.tick(STARTS_AT);
    await w.dispatch();
    w.clock.set("2026-03-09T01:00:00Z");
    const holderDm = s.dmWith("holder", "Acknowledge")!;
    await s.pressButton("holder", findButton(holderDm.blocks, "Acknowledge"), holderDm);
    for (const who of ["holder", "substitute", "manager"] as const) await s.onHome(who, "Confirm all");
    await s.onHome("leader", "Issue audit notice");
    await w.dispatch();
    await s.onHome("member", "#1 Pass", ["", ""]);
    await s.onHome("member", "#2 Pass", ["", ""]);
    await s.onHome("member", "#3 Pass", ["", ""]);
    await s.onHome("leader", "Draft report", ["Nothing found."]);
    await s.onHome("holder", "Agree");
    await s.onHome("executive", "Sign");
    await s.onHome("compliance", "Close audit");
    expect((await db.audit.findFirstOrThrow()).status).toBe("closed");
    await w.dispatch();

    const before = w.fake.callsOf("chat.postMessage").length;
    for (const at of ["2026-03-11T02:00:00Z", "2026-03-12T02:00:00Z", "2026-03-13T02:00:00Z", "2026-03-16T02:00:00Z"])
      await w.tick(at);
    await w.dispatch();
    const after = w.fake
      .callsOf("chat.postMessage")
      .slice(before)
      .map((c) => textOf((c.args.blocks as unknown[]) ?? []));
    // Other subjects (the rotation, the leave itself) may still be awaited; the closed audit is not.
    // Reminders and escalations are lines of a daily digest (decisions 15.18, 15.21): no line of any
    // digest sent names the audit.
    const digests = after.filter((text) => /^Daily (reminders|follow-up digest)/u.test(text));
    expect(
      digests.flatMap((text) => text.split("\n").filter((line) => /off-post audit/iu.test(line))),
      "reminders about the closed audit",
    ).toEqual([]);
    // No line about the audit was ever written, to anybody.
    expect(await db.digestLine.count({ where: { subjectType: "audit" } })).toBe(0);
  });
});
