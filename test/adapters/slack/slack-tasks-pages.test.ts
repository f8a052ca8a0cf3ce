// `/keypost tasks` pages over Slack's real path never skip a task: with 13 open tasks, pressing
// "Next ▶" on each ephemeral page (answered through its response_url) shows every task exactly
// once, in order, each page whole within Slack's 50 blocks (before, page 1 showed 8 cards — the
// renderer cut the rest — and page 2 began at task 11).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bi } from "../../../src/ports/locale.ts";
import { ENGINES } from "../../support/databases.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { buttonsOf, textOf } from "./slack-session.ts";

describe.each(ENGINES)("Slack /keypost tasks pages on %s", (engine) => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await slackWorld(engine, "2026-03-02T02:00:00Z");
    await w.service.db.prisma.employee.update({ where: { code: "E-CO" }, data: { locale: "en" } });
    // 13 notices to compliance, each with a button to press (a card kind no builder rebuilds).
    await w.service.kernel.uow.run(async (tx) => {
      const compliance = (await tx.people.byCode("E-CO"))!;
      for (let i = 1; i <= 13; i += 1) {
        const n = String(i).padStart(2, "0");
        const token = await tx.tokens.issue({
          action: "notice.acknowledge",
          subjectType: "paging_test",
          subjectId: `t${n}`,
          subjectVersion: 1,
          recipientId: compliance.id,
          args: {},
        });
        await tx.outbox.enqueue(
          {
            dedupeKey: `paging_test:t${n}:${compliance.id}`,
            recipientId: compliance.id,
            kind: "paging_test",
            subjectType: "paging_test",
            subjectId: `t${n}`,
            card: {
              title: bi(`任务 ${n}`, `Task ${n}`),
              text: bi("请处理。", "Please look at this."),
              fields: [
                { label: bi("编号", "Number"), value: bi(n, n) },
                { label: bi("机构", "Unit"), value: bi("总行", "Head office") },
              ],
              actions: [{ token, label: bi("确认收到", "Acknowledge") }],
              footer: bi("测试", "Test"),
            },
          },
          ["slack"],
        );
        w.clock.set(new Date(w.clock.now().getTime() + 60_000).toISOString());
      }
    });
  });
  afterEach(async () => w.close());

  it("shows all 13 tasks once each across the pages, in order", { timeout: 120_000 }, async () => {
    const first = await w.slashAnswer("compliance", "tasks");
    const pages: unknown[][] = [first.blocks ?? []];
    for (;;) {
      const blocks = pages.at(-1)!;
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(textOf(blocks)).not.toMatch(/more blocks/);
      const next = buttonsOf(blocks).find((b) => b.label.startsWith("Next"));
      if (!next) break;
      const from = w.fake.responses.length;
      await w.press("compliance", next.actionId, next.value, { channel: "D0TEST002", ts: "1.000000" });
      const answered = await w.fake.until("the next page on response_url", () => w.fake.responses.slice(from)[0]);
      pages.push(answered.args.blocks as unknown[]);
    }
    const shown = pages.flatMap((blocks) => [...textOf(blocks).matchAll(/Task (\d\d)/g)].map((m) => m[1]));
    expect(shown).toEqual(Array.from({ length: 13 }, (_, i) => String(13 - i).padStart(2, "0")));
    console.log(`13 tasks on ${pages.length} pages: ${pages.map((p) => p.length).join(", ")} blocks`);
  });
});
