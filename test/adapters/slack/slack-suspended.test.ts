// A holder on mandatory leave, through Slack over real HTTP: changing their language and asking a
// question are refused in their language (the organisation's, Chinese), nothing changes, each
// refusal is in the audit log, and compliance is told — as the refusal's sentence says.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";

describe.each(ENGINES)("a holder on leave in Slack on %s", (engine) => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await slackWorld(engine, "2026-12-01T02:00:00Z");
    await w.service.db.prisma.leave.create({
      data: {
        id: randomUUID(),
        kind: "regular",
        holderId: w.bank.ids.holder,
        postId: w.bank.post.id,
        unitId: w.bank.units.SB1.id,
        startDate: "2026-11-30",
        endDate: "2026-12-04",
        status: "started",
        plannedById: w.bank.ids.hr,
      },
    });
  });
  afterAll(async () => w?.close());

  const refusals = (action: string) =>
    w.service.db.prisma.auditLogEntry.count({ where: { action, actorId: w.bank.ids.holder } });
  const told = () => w.service.db.prisma.notice.count({ where: { kind: "suspended_attempt" } });

  it("cannot change their language: refused in Chinese, logged, compliance told", async () => {
    const answer = await w.slashAnswer("holder", "lang en");
    expect(answer.text).toContain("强制休假");
    expect(answer.text).not.toMatch(/[A-Za-z]{6,}/);
    const holder = await w.service.db.prisma.employee.findUniqueOrThrow({ where: { id: w.bank.ids.holder } });
    expect(holder.locale).toBeNull();
    expect(await refusals("profile.set_locale.refused")).toBe(1);
    expect(await told()).toBe(2);
  });

  it("a question is refused, logged, and compliance told", async () => {
    w.clock.set("2026-12-01T02:05:00Z"); // another attempt, another moment
    const before = await told();
    const answer = await w.slashAnswer("holder", "谁在休假");
    expect(JSON.stringify(answer)).toContain("强制休假");
    expect(await refusals("question.ask.refused")).toBe(1);
    expect(await told()).toBe(before + 2);
  });
});
