// Long texts in Slack, read in full (issue #15): a plan and a report of thousands of characters, a
// checklist of five items with 2 000-character notes, a long finding and a long disagreement. The
// fake Slack refuses blocks as Slack does (invalid_blocks: over 50 blocks, a section over 3 000
// characters; invalid_arguments: a modal over 100 blocks), so every message, home and modal below was
// accepted; each card shows the start of its texts and "Read in full" opens a modal with all of it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { cardOnHome, findButton, SlackSession, textOf } from "./slack-session.ts";
import { longText } from "../../support/long-text.ts";

const PLAN_AT = "2026-03-02T02:00:00Z"; // Monday 10:00 in Shanghai
const STARTS_AT = "2026-03-08T16:00:00.000Z"; // Monday 9 March, 00:00 in Shanghai

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

describe("long texts in Slack", () => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld("sqlite", PLAN_AT);
    s = new SlackSession(w);
    const p = w.service.db.prisma;
    await p.employee.updateMany({ data: { locale: "en" } });
    // The teller checklist gets five items (the small bank has three).
    const template = await p.checklistTemplate.findFirstOrThrow({ where: { code: "CL-TELLER" } });
    await p.checklistTemplateItem.createMany({
      data: [
        { id: randomUUID(), templateId: template.id, seq: 4, text: "核对印章", textEn: "Check the seals" },
        { id: randomUUID(), templateId: template.id, seq: 5, text: "核对密码器", textEn: "Check the PIN devices" },
      ],
    });
  });
  afterEach(async () => w.close());

  it("every card accepted, every text reachable by Read in full", { timeout: 300_000 }, async () => {
    const plan = longText("plan", 2990);
    const notes = [1, 2, 3, 4, 5].map((i) => longText(`note${i}`, 2000));
    const finding = longText("finding", 2000);
    const report = longText("report", 2990);
    const reason = longText("reason", 2000);

    await s.planLeave();
    await w.dispatch();
    const leaveDm = s.dmWith("compliance", "Acknowledge")!;
    await s.pressButton("compliance", findButton(leaveDm.blocks, "Acknowledge"), leaveDm);
    await s.onHome("compliance", "Form team", ["E-A1", "E-A2", "E-A3"]);
    await s.onHome("leader", "Draft plan", [plan]);
    await w.dispatch();

    // The compliance head's DM shows the plan's start, and the whole plan in the modal.
    const toApprove = s.dmWith("complianceHead", "Approve")!;
    expect(textOf(toApprove.blocks)).not.toContain("END-plan");
    expect(norm(await s.readInFull("complianceHead", toApprove.blocks, toApprove))).toContain(norm(plan));
    await s.onHome("complianceHead", "Approve");

    await w.tick(STARTS_AT);
    await w.dispatch();
    w.clock.set("2026-03-10T01:00:00Z");
    for (const who of ["holder", "substitute", "manager"] as const) await s.onHome(who, "Confirm all");
    await s.onHome("leader", "Issue audit notice");

    // Five items, each an exception with a 2 000-character note, and a long finding.
    for (const [i, note] of notes.entries()) await s.onHome("leader", `#${i + 1} Exception`, [note, ""]);
    await s.onHome("leader", "Add finding", ["high", "2", finding, ""]);
    const checklist = cardOnHome(await s.home("leader"), "Off-post audit checklist");
    const checklistText = textOf(checklist);
    for (const note of notes) expect(checklistText).not.toContain(note);
    const fullChecklist = norm(await s.readInFull("leader", checklist, "home"));
    for (const note of notes) expect(fullChecklist).toContain(norm(note));

    await s.onHome("leader", "Draft report", [report]);
    await w.dispatch();
    // The holder reads the whole report and finding before giving an opinion.
    const toOpine = s.dmWith("holder", "Disagree")!;
    const holderReads = norm(await s.readInFull("holder", toOpine.blocks, toOpine));
    expect(holderReads).toContain(norm(report));
    expect(holderReads).toContain(norm(finding));
    expect(holderReads).not.toContain("END-plan");
    await s.pressButton("holder", findButton(toOpine.blocks, "Disagree"), toOpine, [reason]);
    await w.dispatch();

    // The executive reads the report, the finding and the holder's reasons whole before signing.
    const toSign = s.dmWith("executive", "Sign")!;
    const executiveReads = norm(await s.readInFull("executive", toSign.blocks, toSign));
    for (const text of [report, finding, reason]) expect(executiveReads).toContain(norm(text));

    // Nothing the bot sent was refused for its size or shape.
    expect(w.fake.refused).toEqual([]);
  });
});
