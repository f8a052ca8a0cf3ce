// Audit cards say where the audit is now, over Slack's real path. Compliance's "audit requested"
// message must not still ask for a team once the audit is in fieldwork; the team leader's "plan
// approved" message, sent while the leave was sealed, must not still say the leave has not started
// once it has (the leave's start refreshes the audit's cards, not only the leave's).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { findButton, SlackSession, textOf } from "./slack-session.ts";

const PLAN_AT = "2026-03-02T02:00:00Z"; // Monday 10:00 in Shanghai
const STARTS_AT = "2026-03-08T16:00:00.000Z"; // Monday 9 March, 00:00 in Shanghai

describe("audit cards are current", () => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld("sqlite", PLAN_AT);
    s = new SlackSession(w);
    await w.service.db.prisma.employee.updateMany({ data: { locale: "en" } });
  });
  afterEach(async () => w.close());

  /** The text of the latest version of a DM (posted, then maybe updated in place). */
  const current = (channel: string, ts: string) => {
    const m = w.fake.messages.find((x) => x.channel === channel && x.ts === ts);
    return textOf((m?.blocks as unknown[]) ?? []);
  };

  it("no team asked for in fieldwork; no 'not started' once it has", { timeout: 180_000 }, async () => {
    await s.planLeave();
    await w.dispatch();
    const leaveDm = s.dmWith("compliance", "Acknowledge")!;
    await s.pressButton("compliance", findButton(leaveDm.blocks, "Acknowledge"), leaveDm);
    await w.dispatch();
    const requested = s.dmWith("compliance", "Form team");
    expect(requested, "compliance's 'audit requested' DM").toBeDefined();
    await s.onHome("compliance", "Form team", ["E-A1", "E-A2", "E-A3"]);
    await s.onHome("leader", "Draft plan", ["Count the cash."]);
    await s.onHome("complianceHead", "Approve");
    await w.dispatch();
    const approved = s.dms("leader").find((m) => textOf(m.blocks).includes("The audit plan is approved"));
    expect(approved, "the leader's 'plan approved' DM").toBeDefined();
    const leaderDm = `D${w.user("leader").slice(1)}`;
    expect(current(leaderDm, approved!.ts)).toContain("The leave has not started");

    await w.tick(STARTS_AT);
    await w.dispatch();
    expect(current(leaderDm, approved!.ts)).not.toContain("has not started");

    w.clock.set("2026-03-10T01:00:00Z");
    for (const who of ["holder", "substitute", "manager"] as const) await s.onHome(who, "Confirm all");
    await s.onHome("leader", "Issue audit notice");
    await w.dispatch();
    const now = current(requested!.channel, requested!.ts);
    expect(now).not.toContain("team is needed");
    expect(now).toContain("Fieldwork");
  });
});
