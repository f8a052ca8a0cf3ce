// Block Kit's limits hold whatever the card: 50 blocks a message, 100 a view, 25 elements an
// actions block, 75-character button text, 2,000-character values, 3,000-character sections,
// 10 fields a section, 24-character modal titles; a button's value is the token and nothing else.
import { describe, expect, it } from "vitest";
import { cardBlocks } from "../../../adapters/slack/blocks/card.blocks.ts";
import { formModal, fullTextModal } from "../../../adapters/slack/blocks/form.view.ts";
import { homeView } from "../../../adapters/slack/blocks/home.view.ts";
import { replyBlocks } from "../../../adapters/slack/blocks/reply.blocks.ts";
import { escapeMrkdwn, LIMITS, withinBlockLimit } from "../../../adapters/slack/blocks/block-kit.ts";
import { same, type Card } from "../../../src/ports/card.ts";
import type { Home, HomeEntry } from "../../../src/app/home/home.ts";
import { bi } from "../../../src/ports/locale.ts";

type B = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type: string; text: { text: string }; value: string; action_id: string }[];
};

const long = (n: number, ch = "字") => ch.repeat(n);

function bigCard(i = 0): Card {
  return {
    title: same(long(200, "标")),
    text: bi(long(7000), "x".repeat(7000)),
    fields: Array.from({ length: 23 }, (_, k) => ({ label: same(`F${k}`), value: same(long(2500)) })),
    table: {
      columns: [same("#"), same("item")],
      rows: Array.from({ length: 300 }, (_, k) => [same(String(k)), same(long(30))]),
    },
    actions: Array.from({ length: 60 }, (_, k) => ({
      token: `tok${i}_${k}_${"a".repeat(20)}`,
      label: same(`${k} ${long(100, "按")}`),
    })),
    footer: same(long(4000)),
  };
}

function checkBlocks(blocks: readonly unknown[]): void {
  const ids = new Set<string>();
  for (const block of blocks as B[]) {
    if (block.type === "header") expect([...block.text!.text].length).toBeLessThanOrEqual(LIMITS.headerText);
    if (block.type === "section" && block.text)
      expect([...block.text.text].length).toBeLessThanOrEqual(LIMITS.sectionText);
    if (block.fields) {
      expect(block.fields.length).toBeLessThanOrEqual(LIMITS.sectionFields);
      for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
    }
    if (block.type === "actions") {
      expect(block.elements!.length).toBeLessThanOrEqual(LIMITS.actionsElements);
      for (const e of block.elements!) {
        expect([...e.text.text].length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect(e.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
        expect(ids.has(e.action_id), `duplicate action_id ${e.action_id}`).toBe(false);
        ids.add(e.action_id);
      }
    }
  }
}

describe("Block Kit rendering", () => {
  it("keeps a huge card within every limit, each button carrying only its token", () => {
    const card = bigCard();
    const blocks = cardBlocks(card, "zh-CN");
    checkBlocks(blocks);
    const values = (blocks as B[]).filter((b) => b.type === "actions").flatMap((b) => b.elements!.map((e) => e.value));
    expect(values).toEqual(card.actions.map((a) => a.token));
    const message = withinBlockLimit(blocks, LIMITS.messageBlocks, (n) => `${n} more`);
    expect(message.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
  });

  it("keeps a chat reply with many cards within a message, with page buttons carrying the command", () => {
    const blocks = replyBlocks(
      {
        kind: "cards",
        text: same("tasks"),
        cards: [bigCard(1), bigCard(2)],
        page: { page: 1, pages: 3, next: "tasks 2" },
      },
      "en",
    );
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    checkBlocks(blocks);
    const pager = (blocks as B[]).filter((b) => b.type === "actions").at(-1)!;
    expect(pager.elements!.map((e) => e.value)).toEqual(["tasks 2"]);
  });

  it("keeps an App Home page of ten big tasks within 100 blocks, with unique action ids", () => {
    const entry = (i: number): HomeEntry => ({
      noticeId: `n${i}`,
      kind: "k",
      subjectType: "audit",
      subjectId: `a${i}`,
      at: new Date(0),
      acknowledgedAt: null,
      card: bigCard(i),
      rebuilt: true,
    });
    const home: Home = {
      person: { id: "p", code: "E-A1", name: "陈组长", nameEn: "Alan Leader", timeZone: "Asia/Shanghai" },
      locale: "en",
      now: new Date(0),
      tasks: Array.from({ length: 10 }, (_, i) => entry(i)),
      notices: [],
      page: 1,
      pages: 2,
      pageSize: 10,
      totalTasks: 14,
      totalNotices: 0,
    };
    const view = homeView(home, "en", [{ label: same("On mandatory leave now"), value: same("None") }]) as {
      blocks: B[];
    };
    expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
    checkBlocks(view.blocks);
    expect(JSON.stringify(view.blocks)).toContain("On mandatory leave now");
    expect(
      view.blocks
        .filter((b) => b.type === "actions")
        .at(-1)!
        .elements!.map((e) => e.value),
    ).toEqual(["2"]);
  });

  it("renders a form as a modal within its limits", () => {
    const modal = formModal(
      {
        title: bi("给审计报告发表意见并说明理由", "Give your opinion on the audit report"),
        inputs: [
          { name: "reason", kind: "textarea", label: same("Reason"), required: true, maxLength: 2000 },
          { name: "due", kind: "date", label: same("Due"), required: false },
          { name: "link", kind: "url", label: same("Link"), required: false },
          {
            name: "sev",
            kind: "select",
            label: same("Severity"),
            required: true,
            options: Array.from({ length: 150 }, (_, k) => ({ value: `v${k}`, label: same(long(100)) })),
          },
        ],
      },
      "en",
      JSON.stringify({ k: "press", t: "tok" }),
    ) as {
      title: { text: string };
      blocks: { block_id: string; optional: boolean; element: { type: string; options?: unknown[] } }[];
    };
    expect([...modal.title.text].length).toBeLessThanOrEqual(LIMITS.modalTitle);
    expect(modal.blocks.map((b) => [b.block_id, b.optional, b.element.type])).toEqual([
      ["reason", false, "plain_text_input"],
      ["due", true, "datepicker"],
      ["link", true, "url_text_input"],
      ["sev", false, "static_select"],
    ]);
    expect(modal.blocks[3]!.element.options!.length).toBe(LIMITS.selectOptions);
  });
});

describe("a card's whole texts in a modal", () => {
  it("splits every text into sections under 3 000 characters, losing nothing, even with no line end or space", () => {
    const noBreaks = "a&b<c>".repeat(2000); // 12 000 characters, escaped to more, no space anywhere
    const prose = Array.from({ length: 900 }, (_, i) => `word${i}`).join(" ");
    const view = fullTextModal(
      { title: bi("标题", "Title"), sections: [{ heading: bi("方案", "Plan"), text: same(`${prose}\n${noBreaks}`) }] },
      "en",
    ) as { blocks: B[] };
    const sections = view.blocks.filter((b) => b.type === "section").map((b) => b.text?.text ?? "");
    expect(sections.every((t) => t.length <= LIMITS.sectionText)).toBe(true);
    const whole = sections.slice(1).join("").replace(/\s+/g, "");
    expect(whole).toBe(escapeMrkdwn(`${prose}${noBreaks}`).replace(/\s+/g, ""));
    expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
  });
});
