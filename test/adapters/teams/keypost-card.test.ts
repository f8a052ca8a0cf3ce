// The neutral card as an Adaptive Card 1.5: facts, table, footer; Action.Execute buttons with the
// opaque token only; forms as ShowCard inputs named apart from the token; at most six actions
// visible, the rest in the overflow menu; both languages.
import { describe, expect, it } from "vitest";
import { same, type Card, type CardAction } from "../../../src/ports/card.ts";
import { bi } from "../../../src/ports/locale.ts";
import { renderCard } from "../../../adapters/teams/cards/keypost.card.ts";
import { actionData, formValues } from "../../../adapters/teams/cards/card-data.ts";

const button = (n: number, extra: Partial<CardAction> = {}): CardAction => ({
  token: `token-${n}-abcdefgh`,
  label: bi(`确认 ${n}`, `Confirm ${n}`),
  ...extra,
});

const base: Card = {
  title: bi("岗位交接：柜员", "Handover: Teller"),
  text: bi("请逐项确认。", "Confirm item by item."),
  fields: [{ label: bi("岗位", "Post"), value: same("P-TELLER-SB1") }],
  table: { columns: [bi("事项", "Item"), bi("数量", "Count")], rows: [[bi("钥匙", "Keys"), same("3")]] },
  footer: bi("已确认 1/3", "Confirmed 1 of 3"),
  actions: [button(1, { style: "primary" }), button(2, { style: "danger" })],
};

describe("the Adaptive Card renderer", () => {
  it("renders title, text, facts, table and footer in the person's language", () => {
    const zh = renderCard(base, "zh-CN");
    expect(zh).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(zh.body.map((e) => e.type)).toEqual(["TextBlock", "TextBlock", "FactSet", "Table", "TextBlock"]);
    expect(zh.body[0]).toMatchObject({ text: "岗位交接：柜员", weight: "Bolder" });
    expect(zh.body[2]).toEqual({ type: "FactSet", facts: [{ title: "岗位", value: "P-TELLER-SB1" }] });
    const en = renderCard(base, "en");
    expect(JSON.stringify(en.body[3])).toContain("Keys");
    expect(en.body[4]).toMatchObject({ text: "Confirmed 1 of 3", isSubtle: true });
    expect(en.actions).toEqual([
      {
        type: "Action.Execute",
        title: "Confirm 1",
        verb: "press",
        data: { kp: "press", token: "token-1-abcdefgh" },
        style: "positive",
      },
      {
        type: "Action.Execute",
        title: "Confirm 2",
        verb: "press",
        data: { kp: "press", token: "token-2-abcdefgh" },
        style: "destructive",
      },
    ]);
    expect(en.refresh).toBeUndefined();
  });

  it("up to six actions show; beyond six, five stay and the rest go to the overflow", () => {
    const six = renderCard({ ...base, actions: [1, 2, 3, 4, 5, 6].map((n) => button(n)) }, "en");
    expect(six.actions!.every((a) => a.mode === undefined)).toBe(true);
    const eight = renderCard({ ...base, actions: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => button(n)) }, "en");
    expect(eight.actions!.map((a) => a.mode ?? "primary")).toEqual([
      "primary",
      "primary",
      "primary",
      "primary",
      "primary",
      "secondary",
      "secondary",
      "secondary",
    ]);
  });

  it("a form opens inside the card; its inputs cannot overwrite the token or the verb", () => {
    const withForm = renderCard(
      {
        ...base,
        actions: [
          button(1, {
            form: {
              title: bi("异常", "Exception"),
              inputs: [
                { name: "note", kind: "textarea", label: bi("说明", "What is wrong"), required: true, maxLength: 2000 },
                { name: "evidenceUrl", kind: "url", label: bi("证据", "Evidence"), required: false },
                { name: "due", kind: "date", label: bi("期限", "Due"), required: true },
                {
                  name: "severity",
                  kind: "select",
                  label: bi("严重程度", "Severity"),
                  required: true,
                  options: [{ value: "high", label: bi("高", "High") }],
                },
                { name: "token", kind: "text", label: bi("伪造", "Forged"), required: false },
              ],
            },
          }),
        ],
      },
      "en",
    );
    const show = withForm.actions![0]!;
    expect(show).toMatchObject({ type: "Action.ShowCard", title: "Confirm 1…" });
    const inner = show.card as { body: Record<string, unknown>[]; actions: Record<string, unknown>[] };
    expect(inner.body.slice(1).map((i) => [i.type, i.id, i.isRequired])).toEqual([
      ["Input.Text", "in_note", true],
      ["Input.Text", "in_evidenceUrl", false],
      ["Input.Date", "in_due", true],
      ["Input.ChoiceSet", "in_severity", true],
      ["Input.Text", "in_token", false],
    ]);
    expect(inner.body[1]).toMatchObject({ isMultiline: true, maxLength: 2000 });
    expect(inner.body[2]).toMatchObject({ style: "Url" });
    expect(inner.actions[0]).toMatchObject({
      type: "Action.Execute",
      verb: "press",
      data: { kp: "press", token: "token-1-abcdefgh" },
    });
    // What Teams sends back: the action's data with the inputs merged in.
    const sent = {
      kp: "press",
      token: "token-1-abcdefgh",
      in_note: " Two missing ",
      in_token: "forged-token",
      in_evidenceUrl: "",
    };
    const parsed = actionData.parse(sent);
    expect(parsed).toMatchObject({ kp: "press", token: "token-1-abcdefgh" });
    expect(formValues(parsed)).toEqual({ note: "Two missing", token: "forged-token" });
  });

  it("a card about a subject asks Teams to refresh it for the recipient", () => {
    const card = renderCard({ ...base, subject: { type: "handover", id: "h-1", version: 2 } }, "en", {
      refreshFor: ["29:1user"],
    });
    expect(card.refresh).toEqual({
      action: {
        type: "Action.Execute",
        verb: "refresh",
        data: { kp: "refresh", subject: { type: "handover", id: "h-1" } },
      },
      userIds: ["29:1user"],
    });
  });

  it("refuses action data it does not know", () => {
    expect(actionData.safeParse({ kp: "delete", token: "x" }).success).toBe(false);
    expect(actionData.safeParse({ kp: "press" }).success).toBe(false);
    expect(actionData.safeParse({ kp: "refresh", subject: { type: "leave" } }).success).toBe(false);
  });
});
