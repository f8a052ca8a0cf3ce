import { describe, expect, it } from "vitest";
import { same, type Card } from "../../../src/ports/card.ts";
import { bi } from "../../../src/ports/locale.ts";
import { renderCard } from "../../../adapters/console/console-card.renderer.ts";
import { displayWidth, padEndWidth, truncateWidth, wrapText } from "../../../adapters/console/console-text.ts";

const card: Card = {
  title: bi("强制休假通知", "Mandatory leave notice"),
  text: bi(
    "根据岗位轮换与强制休假制度，您将于下列日期强制休假，期间您的业务权限暂停，由代岗人接替您的岗位。请在休假开始前完成交接，并确认收到本通知。",
    "Under the rotation and mandatory leave policy you are on mandatory leave on the dates below; your authority is suspended and a substitute takes your post. Please hand over and acknowledge this notice.",
  ),
  fields: [
    { label: bi("员工", "Employee"), value: same("张柜员 E-TL") },
    { label: bi("岗位", "Post"), value: bi("柜员（P-TELLER-SB1）", "Teller (P-TELLER-SB1)") },
    { label: bi("休假期间", "Leave period"), value: same("2026-12-01 – 2026-12-07") },
    { label: bi("代岗人", "Substitute"), value: same("李代岗 E-SU") },
  ],
  table: {
    columns: [bi("事项", "Item"), bi("交接人", "From"), bi("状态", "State")],
    rows: [
      [bi("现金", "Cash"), same("张柜员"), bi("待确认", "pending")],
      [bi("重要空白凭证", "Blank vouchers"), same("Tom Teller"), bi("已确认", "confirmed")],
      [bi("印章", "Seal"), same("张柜员"), bi("已确认", "confirmed")],
    ],
  },
  footer: bi("请于 2026-12-01 前确认", "Please acknowledge by 2026-12-01"),
  actions: [
    { token: "t1", label: bi("确认收到", "Acknowledge"), style: "primary" },
    {
      token: "t2",
      label: bi("提出异议", "Object"),
      form: {
        title: bi("异议", "Objection"),
        inputs: [{ name: "reason", kind: "textarea", label: bi("理由", "Reason"), required: true }],
      },
    },
  ],
};

/** The display column where `needle` starts in `line`. */
const columnOf = (line: string, needle: string) => displayWidth(line.slice(0, line.indexOf(needle)));

describe("terminal text", () => {
  it("counts CJK and full-width characters as two columns, combining marks as none", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("张柜员")).toBe(6);
    expect(displayWidth("柜员（P）")).toBe(4 + 2 + 1 + 2);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("한글")).toBe(4);
    expect(padEndWidth("张三", 6)).toBe("张三  ");
    expect(truncateWidth("重要空白凭证", 7)).toBe("重要空…");
    expect(displayWidth(truncateWidth("重要空白凭证", 7))).toBeLessThanOrEqual(7);
  });

  it("wraps Chinese between characters and English between words, within the width, never starting a line with closing punctuation", () => {
    const zh = wrapText(card.text!["zh-CN"], 30);
    expect(zh.length).toBeGreaterThan(2);
    for (const line of zh) {
      expect(displayWidth(line)).toBeLessThanOrEqual(30);
      expect(line).not.toMatch(/^[，。、]/);
    }
    expect(zh.join("")).toBe(card.text!["zh-CN"]);
    const en = wrapText(card.text!.en, 40);
    for (const line of en) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(en.join(" ")).toBe(card.text!.en);
    expect(wrapText("a\nb", 10)).toEqual(["a", "b"]);
    expect(wrapText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });
});

describe("console card renderer", () => {
  it("renders title, text, fields, table, footer and numbered actions in Chinese", () => {
    const { lines, actions } = renderCard(card, "zh-CN", { width: 60 });
    expect(lines[0]).toBe("强制休假通知");
    expect(lines[1]).toBe("=".repeat(12));
    expect(lines).toContain("-- 请于 2026-12-01 前确认");
    expect(lines.at(-1)).toBe("[1] 确认收到  [2] 提出异议…");
    expect(actions.map((a) => a.token)).toEqual(["t1", "t2"]);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });

  it("aligns field values on one column, counting Chinese labels two columns a character", () => {
    const { lines } = renderCard(card, "zh-CN", { width: 60 });
    const fieldLines = ["员工:", "岗位:", "休假期间:", "代岗人:"].map((label) =>
      lines.find((l) => l.startsWith(label))!,
    );
    const columns = fieldLines.map((line, i) =>
      columnOf(line, ["张柜员 E-TL", "柜员（P-TELLER-SB1）", "2026-12-01", "李代岗 E-SU"][i]!),
    );
    expect(new Set(columns)).toEqual(new Set([displayWidth("休假期间:") + 1]));
  });

  it("aligns table columns by display width, with Chinese and Latin cells mixed", () => {
    const { lines } = renderCard(card, "zh-CN", { width: 60 });
    const header = lines.findIndex((l) => l.startsWith("事项"));
    const rows = lines.slice(header, header + 5);
    expect(rows[1]).toMatch(/^-+ {2}-+ {2}-+$/);
    const fromColumn = columnOf(rows[0]!, "交接人");
    const stateColumn = columnOf(rows[0]!, "状态");
    expect(fromColumn).toBe(displayWidth("重要空白凭证") + 2);
    expect(columnOf(rows[2]!, "张柜员")).toBe(fromColumn);
    expect(columnOf(rows[3]!, "Tom Teller")).toBe(fromColumn);
    expect(columnOf(rows[2]!, "待确认")).toBe(stateColumn);
    expect(columnOf(rows[3]!, "已确认")).toBe(stateColumn);
  });

  it("renders the same card in English, aligned the same way", () => {
    const { lines } = renderCard(card, "en", { width: 60 });
    expect(lines[0]).toBe("Mandatory leave notice");
    const valueColumns = ["Employee:", "Post:", "Leave period:", "Substitute:"].map((label) => {
      const line = lines.find((l) => l.startsWith(label))!;
      return columnOf(line, line.slice(line.indexOf(":") + 1).trim());
    });
    expect(new Set(valueColumns)).toEqual(new Set(["Leave period:".length + 1]));
    expect(lines).toContain("-- Please acknowledge by 2026-12-01");
    expect(lines.at(-1)).toBe("[1] Acknowledge  [2] Object…");
    expect(lines.join("\n")).not.toContain("强制休假");
  });

  it("numbers on from a given first number and wraps actions between whole items", () => {
    const { lines } = renderCard(card, "en", { width: 20, firstNumber: 7 });
    const tail = lines.slice(lines.lastIndexOf("") + 1);
    expect(tail).toEqual(["[7] Acknowledge", "[8] Object…"]);
  });

  it("shrinks a too-wide table, cutting cells with an ellipsis", () => {
    const wide: Card = {
      title: same("T"),
      fields: [],
      actions: [],
      table: { columns: [same("A"), same("B")], rows: [[same("很长的内容".repeat(6)), same("x".repeat(40))]] },
    };
    const { lines } = renderCard(wide, "zh-CN", { width: 40 });
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(lines.at(-1)).toContain("…");
  });

  it("leaves out what a card does not have", () => {
    const { lines, actions } = renderCard({ title: same("Only a title"), fields: [], actions: [] }, "en");
    expect(lines).toEqual(["Only a title", "============"]);
    expect(actions).toEqual([]);
  });
});
