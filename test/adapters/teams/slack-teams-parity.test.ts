// Parity: one sealed leave and its audit, lived once through Slack (signed requests, the fake Web
// API) and once through Teams (Bot Framework activities, the fake Bot Connector), each on its own
// copy of the small bank, step for step at the same instants. Both must end in the same state —
// leave, handover, audit, checklist, opinion, signature — and with the same audit-log entries
// (action, actor, subject type, platform), Slack's "slack" matching Teams' "teams".
import { afterEach, describe, expect, it } from "vitest";
import type { CastName } from "../../support/small-bank.ts";
import { CAST } from "../../support/small-bank.ts";
import { slackWorld, type SlackWorld } from "../slack/slack-harness.ts";
import { findButton, SlackSession } from "../slack/slack-session.ts";
import {
  TeamsWorld,
  actionsOf,
  cardsIn,
  executeAction,
  taskOn,
  teamsUser,
  textOf,
  type Card,
} from "../../support/teams-world.ts";
import type { Database, Provider } from "../../../src/infra/db/database.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

const PLAN_AT = "2026-03-02T02:00:00Z";
const STARTS_AT = "2026-03-08T16:00:00.000Z";
const PLAN = { ...TELLER_LEAVE, reason: "" };

async function throughSlack(w: SlackWorld): Promise<void> {
  const s = new SlackSession(w);
  await w.slash("hr", "leave");
  const opened = await w.fake.until("views.open", () => w.fake.callsOf("views.open")[0]);
  expect(await s.submitView("hr", opened.args.view as never, Object.values(PLAN))).toMatch(/^✓ /);
  await w.dispatch();
  const dm = s.dmWith("compliance", "Acknowledge")!;
  expect(await s.pressButton("compliance", findButton(dm.blocks, "Acknowledge"), dm)).toMatch(/^✓ /);
  expect(await s.onHome("compliance", "Form team", ["E-A1", "E-A2", "E-A3"])).toMatch(/^✓ /);
  expect(
    await s.onHome("leader", "Draft plan", ["Count the cash, check the vouchers and the authorisations."]),
  ).toMatch(/^✓ /);
  expect(await s.onHome("complianceHead", "Approve")).toMatch(/^✓ /);
  await w.tick(STARTS_AT);
  w.clock.set("2026-03-09T00:30:00Z");
  const holderDm = s.dmWith("holder", "Acknowledge")!;
  expect(await s.pressButton("holder", findButton(holderDm.blocks, "Acknowledge"), holderDm)).toMatch(/^✓ /);
  for (const who of ["holder", "substitute", "manager"] as const)
    expect(await s.onHome(who, "Confirm all")).toMatch(/^✓ /);
  w.clock.set("2026-03-10T01:00:00Z");
  expect(await s.onHome("leader", "Issue audit notice")).toMatch(/^✓ /);
  expect(await s.onHome("member", "#1 Pass", ["", ""])).toMatch(/^✓ /);
  expect(await s.onHome("lead", "#2 Exception", ["Two vouchers missing", "https://dms.bank.example/ev/2"])).toMatch(
    /^✓ /,
  );
  expect(await s.onHome("member", "#3 N/A", ["No authorisations this period", ""])).toMatch(/^✓ /);
  expect(await s.onHome("leader", "Draft report", ["One exception: blank vouchers."])).toMatch(/^✓ /);
  expect(await s.onHome("holder", "Disagree", ["The vouchers were in the vault"])).toMatch(/^✓ /);
  expect(await s.onHome("executive", "Sign")).toMatch(/^✓ /);
}

async function throughTeams(t: TeamsWorld): Promise<void> {
  const press = async (
    who: CastName,
    card: Card,
    title: string,
    values: Record<string, string> = {},
  ): Promise<string> => {
    const action = executeAction(card, title);
    const data = { ...action.data, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`in_${k}`, v])) };
    const answer = await t.invoke(who, data, String(action.data.kp), title);
    return textOf((answer.body as { value: Card }).value);
  };
  const home = async (who: CastName) => cardsIn(await t.say(who, "home"))[0]!;
  const onHome = async (who: CastName, task: string | RegExp, title: string, values: Record<string, string> = {}) =>
    press(who, taskOn(await home(who), task), title, values);
  const delivered = (who: CastName, heading: string) =>
    cardsIn(t.connector.to(teamsUser(who).conversationId).filter((r) => r.body.replyToId === undefined))
      .reverse()
      .find((c) => textOf(c).startsWith(heading))!;

  for (const who of Object.keys(CAST) as CastName[]) await t.install(who);
  const [form] = cardsIn(await t.say("hr", "leave"));
  expect(actionsOf(form).length).toBe(1);
  expect(await press("hr", form!, "Submit", PLAN)).toMatch(/^✓ /);
  await t.dispatch();
  expect(await press("compliance", delivered("compliance", "Mandatory leave planned"), "Acknowledge")).toMatch(/^✓ /);
  expect(await onHome("compliance", /audit/i, "Form team", { leader: "E-A1", lead: "E-A2", members: "E-A3" })).toMatch(
    /^✓ /,
  );
  expect(
    await onHome("leader", /audit/i, "Draft plan", {
      plan: "Count the cash, check the vouchers and the authorisations.",
    }),
  ).toMatch(/^✓ /);
  expect(await onHome("complianceHead", /audit/i, "Approve")).toMatch(/^✓ /);
  await t.tick(STARTS_AT);
  t.clock.set("2026-03-09T00:30:00Z");
  expect(await press("holder", delivered("holder", "Your mandatory leave has started"), "Acknowledge")).toMatch(/^✓ /);
  for (const who of ["holder", "substitute", "manager"] as const)
    expect(await onHome(who, "Handover", "Confirm all")).toMatch(/^✓ /);
  t.clock.set("2026-03-10T01:00:00Z");
  expect(await onHome("leader", /audit/i, "Issue audit notice")).toMatch(/^✓ /);
  expect(await onHome("member", /audit/i, "#1 Pass")).toMatch(/^✓ /);
  expect(
    await onHome("lead", /audit/i, "#2 Exception", {
      note: "Two vouchers missing",
      evidenceUrl: "https://dms.bank.example/ev/2",
    }),
  ).toMatch(/^✓ /);
  expect(await onHome("member", /audit/i, "#3 N/A", { note: "No authorisations this period" })).toMatch(/^✓ /);
  expect(await onHome("leader", /audit/i, "Draft report", { report: "One exception: blank vouchers." })).toMatch(/^✓ /);
  expect(await onHome("holder", /audit/i, "Disagree", { reason: "The vouchers were in the vault" })).toMatch(/^✓ /);
  expect(await onHome("executive", /audit/i, "Sign")).toMatch(/^✓ /);
}

/** The resulting state, with ids replaced by employee codes (the two banks have different ids). */
async function stateOf(db: Database) {
  const p = db.prisma;
  const codes = new Map((await p.employee.findMany()).map((e) => [e.id, e.code]));
  const code = (id: string | null | undefined) => (id ? (codes.get(id) ?? `?${id}`) : null);
  const leave = await p.leave.findFirstOrThrow();
  const handovers = await p.handover.findMany({ include: { confirms: true }, orderBy: { openedAt: "asc" } });
  const audit = await p.audit.findFirstOrThrow({
    include: { items: { orderBy: { seq: "asc" } }, members: true, opinions: true, signatures: true, findings: true },
  });
  const log = await p.auditLogEntry.findMany({ orderBy: { seq: "asc" } });
  return {
    leave: {
      status: leave.status,
      holder: code(leave.holderId),
      substitute: code(leave.substituteId),
      startDate: leave.startDate,
      endDate: leave.endDate,
      sealed: leave.sealed,
      kind: leave.kind,
    },
    handovers: handovers.map((h) => ({
      purpose: h.purpose,
      status: h.status,
      from: code(h.fromId),
      to: code(h.toId),
      witness: code(h.witnessId),
      confirmations: h.confirms
        .map(
          (c) =>
            `${c.itemSeq}:${c.side}:${code(c.employeeId)}:${c.platform === "slack" || c.platform === "teams" ? "chat" : c.platform}`,
        )
        .sort(),
    })),
    audit: {
      status: audit.status,
      plan: audit.planText,
      report: audit.reportText,
      members: audit.members.map((m) => `${m.role}:${code(m.employeeId)}`).sort(),
      items: audit.items.map((i) => [i.seq, i.result, i.note, i.evidenceUrl]),
      findings: audit.findings.length,
      opinions: audit.opinions.map((o) => [code(o.employeeId), o.agrees, o.reason]),
      signatures: audit.signatures.map((s) => code(s.employeeId)),
    },
    log: log
      .map(
        (e) =>
          `${e.action} by ${code(e.actorId) ?? "-"} on ${e.subjectType} via ${e.platform === "slack" || e.platform === "teams" ? "chat" : e.platform}`,
      )
      .sort(),
    chatLogPlatforms: [...new Set(log.map((e) => e.platform))].filter((x) => x === "slack" || x === "teams"),
  };
}

// One engine: each side's flow already runs on both (teams-leave-audit-flow, slack-leave-audit.flow).
describe.each(["sqlite"] as Provider[])("Slack and Teams, one scenario on %s", (engine) => {
  let slack: SlackWorld | undefined;
  let teams: TeamsWorld | undefined;
  afterEach(async () => {
    await slack?.close();
    await teams?.close();
  });

  it("end in the same state with the same audit-log entries", { timeout: 600_000 }, async () => {
    slack = await slackWorld(engine, PLAN_AT);
    await slack.service.db.prisma.employee.updateMany({ data: { locale: "en" } });
    await throughSlack(slack);
    const viaSlack = await stateOf(slack.service.db);

    teams = await TeamsWorld.start(engine, { at: PLAN_AT });
    await teams.db.prisma.employee.updateMany({ data: { locale: "en" } });
    // Teams users only: the small bank's Slack ids would send each notice to the log as well.
    await teams.db.prisma.chatIdentity.deleteMany({ where: { platform: "slack" } });
    await throughTeams(teams);
    const viaTeams = await stateOf(teams.db);

    expect(viaSlack.leave.status).toBe("audit");
    expect(viaSlack.audit.signatures).toEqual(["E-VP"]);
    expect(viaSlack.chatLogPlatforms).toEqual(["slack"]);
    expect(viaSlack.log.length).toBeGreaterThan(20);
    expect(viaSlack.log).toContain("audit.signed by E-VP on audit via chat");
    expect(viaTeams.chatLogPlatforms).toEqual(["teams"]);
    expect(viaTeams.leave).toEqual(viaSlack.leave);
    expect(viaTeams.handovers).toEqual(viaSlack.handovers);
    expect(viaTeams.audit).toEqual(viaSlack.audit);
    expect(viaTeams.log).toEqual(viaSlack.log);
  });
});
