// Long texts in Teams, read in full (issue #15): a plan and a report of 8 000 Chinese characters, a
// checklist of five items with 2 000-character notes, a long finding and a long disagreement. The fake Bot
// Connector refuses an activity over 28 KB (413 MessageSizeTooBig, as the real one), so every card
// below was accepted; each shows the start of its texts, and "Read in full" (an Action.Submit that
// opens a dialog: task/fetch) answers a card with all of it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { CastName } from "../../support/small-bank.ts";
import {
  TeamsWorld,
  cardsIn,
  executeAction,
  submitData,
  taskOn,
  teamsUser,
  textOf,
  type Card,
} from "../../support/teams-world.ts";
import { MAX_ACTIVITY_BYTES } from "../../support/fake-bot-connector.ts";
import { longChinese, longText } from "../../support/long-text.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

const STARTS_AT = "2026-03-08T16:00:00.000Z"; // Monday 9 March 2026, 00:00 in Asia/Shanghai
const norm = (s: string) => s.replace(/\s+/g, " ").trim();

describe("long texts in Teams", () => {
  let world: TeamsWorld;
  beforeEach(async () => {
    world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z" });
    const p = world.db.prisma;
    const template = await p.checklistTemplate.findFirstOrThrow({ where: { code: "CL-TELLER" } });
    await p.checklistTemplateItem.createMany({
      data: [
        { id: randomUUID(), templateId: template.id, seq: 4, text: "核对印章", textEn: "Check the seals" },
        { id: randomUUID(), templateId: template.id, seq: 5, text: "核对密码器", textEn: "Check the PIN devices" },
      ],
    });
  });
  afterEach(async () => world.close());

  const home = async (who: CastName): Promise<Card> => cardsIn(await world.say(who, "home"))[0]!;
  const done = async (who: CastName, task: string | RegExp, title: string, values: Record<string, string> = {}) => {
    const action = executeAction(taskOn(await home(who), task), title);
    const data = { ...action.data, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`in_${k}`, v])) };
    const answer = await world.invoke(who, data, "press", title);
    const card = (answer.body as { value: Card }).value;
    expect(textOf(card), `${who} pressing ${title}`).toMatch(/^✓ /);
    return card;
  };
  /** Presses "Read in full" on a card: the text of the dialog Teams would open. */
  const readInFull = async (who: CastName, card: Card): Promise<string> => {
    const answer = await world.fetchTask(who, submitData(card, "Read in full"));
    expect(answer.status).toBe(200);
    const body = answer.body as { task: { type: string; value: { card: { content: Card } } } };
    expect(body.task.type).toBe("continue");
    return textOf(body.task.value.card.content);
  };
  /** The latest card delivered to a person (not a reply) whose text starts with `title`. */
  const deliveredCard = (who: CastName, title: string): Card => {
    const cards = cardsIn(
      world.connector.to(teamsUser(who).conversationId).filter((r) => r.body.replyToId === undefined),
    );
    const found = cards.reverse().find((c) => textOf(c).startsWith(title));
    if (!found) throw new Error(`no "${title}" delivered to ${who}: ${cards.map((c) => textOf(c).split("\n")[0])}`);
    return found;
  };

  it("every card under 28 KB, every text reachable by Read in full", { timeout: 300_000 }, async () => {
    // Chinese, as the bank writes them: 8 000 characters are 24 KB in UTF-8.
    const plan = longChinese("plan", 8000);
    const notes = [1, 2, 3, 4, 5].map((i) => longChinese(`note${i}`, 2000));
    const finding = longText("finding", 2000);
    const report = longChinese("report", 8000);
    const reason = longText("reason", 2000);
    const people: CastName[] = ["hr", "compliance", "complianceHead", "holder", "substitute", "manager"];
    for (const who of [...people, "leader", "lead", "member", "executive"] as CastName[]) {
      await world.install(who);
      await world.say(who, "lang en");
    }

    const form = cardsIn(await world.say("hr", "leave"))[0]!;
    const submit = executeAction(form, "Submit");
    const plan0 = TELLER_LEAVE;
    await world.invoke("hr", {
      ...submit.data,
      ...Object.fromEntries(Object.entries(plan0).map(([k, v]) => [`in_${k}`, v])),
    });
    await world.tick();
    await done("compliance", "Mandatory leave planned", "Acknowledge");
    await done("compliance", /audit/i, "Form team", { leader: "E-A1", lead: "E-A2", members: "E-A3" });
    await done("leader", /audit/i, "Draft plan", { plan });
    await world.tick();

    const toApprove = deliveredCard("complianceHead", "Audit plan for approval");
    expect(textOf(toApprove)).not.toContain("END-plan");
    expect(norm(await readInFull("complianceHead", toApprove))).toContain(norm(plan));
    await done("complianceHead", /audit/i, "Approve");

    await world.tick(STARTS_AT);
    world.clock.set("2026-03-10T01:00:00Z");
    for (const who of ["holder", "substitute", "manager"] as const) await done(who, "Handover", "Confirm all");
    await done("leader", /audit/i, "Issue audit notice");

    for (const [i, note] of notes.entries()) await done("lead", /checklist/i, `#${i + 1} Exception`, { note });
    await done("lead", /checklist/i, "Add finding", { severity: "high", itemSeq: "2", description: finding });
    const checklist = taskOn(await home("lead"), /checklist/i);
    for (const note of notes) expect(textOf(checklist)).not.toContain(note);
    const fullChecklist = norm(await readInFull("lead", checklist));
    for (const note of notes) expect(fullChecklist).toContain(norm(note));

    await done("leader", /checklist/i, "Draft report", { report });
    await world.tick();
    const toOpine = deliveredCard("holder", "Audit report: your opinion");
    const holderReads = norm(await readInFull("holder", toOpine));
    expect(holderReads).toContain(norm(report));
    expect(holderReads).toContain(norm(finding));
    await done("holder", /Audit report/, "Disagree", { reason });
    await world.tick();

    const toSign = deliveredCard("executive", "Audit report to sign");
    const executiveReads = norm(await readInFull("executive", toSign));
    for (const text of [report, finding, reason]) expect(executiveReads).toContain(norm(text));

    // Someone who was never told of the audit reads nothing of it.
    const stranger = await world.fetchTask("substitute", submitData(toSign, "Read in full"));
    expect(JSON.stringify(stranger.body)).not.toContain("END-report");

    // Nothing the bot sent was over the connector's 28 KB, and every card was accepted.
    expect(world.connector.tooBig).toEqual([]);
    for (const r of world.connector.sent)
      expect(Buffer.byteLength(JSON.stringify(r.body))).toBeLessThanOrEqual(MAX_ACTIVITY_BYTES);
  });
});
