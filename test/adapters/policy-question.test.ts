// Compliance asks a post's policy in words, in Slack (`/keypost status …`, real HTTP, fake Web API)
// and in Teams (personal chat, fake Bot Connector), on both engines: the same numbers and source on
// both platforms, in the reader's language ("what is the rotation limit for tellers", "柜员的轮岗期限
// 是多少", "policy of P-TELLER-SB1"), and a post without a policy said so, not a zero. The small
// bank's teller post takes its category's default TEST-OPS (36 months, leave every 12, 5 days).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../support/databases.ts";
import { TeamsWorld, cardsIn, textOf as teamsText } from "../support/teams-world.ts";
import { slackWorld, type SlackWorld } from "./slack/slack-harness.ts";
import { textOf as slackText } from "./slack/slack-session.ts";

const ZH = ["P-TELLER-SB1", "36 个月", "每 12 个月", "5 个工作日", "类别默认 TEST-OPS（本行制度）"];
const EN = [
  "P-TELLER-SB1",
  "36 months",
  "every 12 months",
  "5 working days",
  "category default TEST-OPS (the bank's own)",
];

describe.each(ENGINES)("a post's policy asked in chat on %s", (engine) => {
  let slack: SlackWorld;
  let teams: TeamsWorld;
  beforeAll(async () => {
    slack = await slackWorld(engine, "2026-12-01T02:00:00Z");
    teams = await TeamsWorld.start(engine, { at: "2026-12-01T02:00:00Z" });
    await teams.install("compliance");
  });
  afterAll(async () => {
    await slack?.close();
    await teams?.close();
  });

  const inSlack = async (text: string) => {
    const answer = await slack.slashAnswer("compliance", `status ${text}`);
    return slackText(answer.blocks ?? []);
  };
  const inTeams = async (text: string) => teamsText(cardsIn(await teams.say("compliance", text))[0]);

  it("answers the numbers and their source on both platforms, in Chinese then in English", async () => {
    for (const ask of [inSlack, inTeams]) {
      const zh = await ask("柜员的轮岗期限是多少");
      for (const part of ZH) expect(zh).toContain(part);
      expect(zh).toContain("轮岗与强制休假制度参数");
      expect(zh).not.toMatch(/months|category default/);
    }
    await slack.slashAnswer("compliance", "lang en");
    await teams.say("compliance", "lang en");
    for (const ask of [inSlack, inTeams]) {
      for (const question of ["what is the rotation limit for tellers", "policy of P-TELLER-SB1"]) {
        const en = await ask(question);
        for (const part of EN) expect(en).toContain(part);
        expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it("a post without a policy is named, not counted as zero", async () => {
    for (const world of [slack.service.db, teams.db]) {
      const unit = await world.prisma.orgUnit.findUniqueOrThrow({ where: { code: "SB1" } });
      await world.prisma.keyPost.create({
        data: {
          id: randomUUID(),
          code: "P-HEAD-SB1",
          name: "行长",
          nameEn: "Head",
          unitId: unit.id,
          category: "authority",
        },
      });
    }
    for (const ask of [inSlack, inTeams]) {
      const text = await ask("policy of P-HEAD-SB1");
      expect(text).toContain("1 post has no policy: P-HEAD-SB1");
      expect(text).not.toContain("36 months");
    }
  });

  it("who is over the limit is still the rotation question, not the policy one", async () => {
    const text = await inTeams("who is past the rotation limit");
    expect(text).not.toContain("Rotation and leave policy");
  });
});
