// The team's checklist card: a stale button (someone else marked the item first) is STALE_ACTION
// and answers the refreshed card; a long checklist comes five items a page, within Block Kit's
// limits, with previous/next page buttons; forms carry the note and the evidence link.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../../../src/ports/card.ts";
import { ENGINES } from "../../support/databases.ts";
import { button, cardOf, driveTo, makeWorld, ok, seedLongPost, type World } from "./audit-world.ts";

function labels(card: Card): string[] {
  return card.actions.map((a) => a.label.en);
}

describe.each(ENGINES)("the checklist card on %s", (engine) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(engine);
  });
  afterEach(async () => w.close());

  it(
    "refuses a stale item button with STALE_ACTION and the refreshed card; the other items' buttons still work",
    { timeout: 120_000 },
    async () => {
      const { auditId } = await driveTo(w, "fieldwork");
      const mine = await cardOf(w, "member", "audit_fieldwork");
      ok(
        await w.press(button(await cardOf(w, "leader", "audit_fieldwork"), "#1 Exception"), "leader", {
          note: "Till short by 200",
          evidenceUrl: "https://dms.bank.example/till",
        }),
      );

      const stale = await w.press(button(mine, "#1 Pass"), "member");
      expect(stale).toMatchObject({ ok: false, code: "STALE_ACTION" });
      expect(stale.message.en).toMatch(/out of date/);
      expect(stale.card?.table?.rows[0]?.map((c) => c.en)).toEqual([
        "1",
        "Count the cash on hand",
        "Exception",
        "Till short by 200 · https://dms.bank.example/till",
      ]);
      expect(labels(stale.card!).filter((l) => l.startsWith("#1"))).toEqual([]);
      const item = await w.db.prisma.auditChecklistItem.findFirstOrThrow({ where: { auditId, seq: 1 } });
      expect(item).toMatchObject({ result: "exception", markedById: w.ids.leader });
      expect(await w.db.prisma.auditLogEntry.count({ where: { action: "audit.item_marked" } })).toBe(1);

      ok(await w.press(button(mine, "#2 Pass"), "member"));
      // The delivered message was updated in place: its stored card shows both marks.
      const refreshed = await cardOf(w, "member", "audit_fieldwork");
      expect(refreshed.table?.rows.map((r) => r[2]!.en)).toEqual(["Exception", "Pass", "Pending"]);
      expect(labels(refreshed)).toEqual(["#3 Pass", "#3 Exception", "#3 N/A", "Add finding"]);
    },
  );

  it(
    "offers forms: an exception needs a note, every mark takes an https evidence link",
    { timeout: 120_000 },
    async () => {
      await driveTo(w, "fieldwork");
      const card = await cardOf(w, "member", "audit_fieldwork");
      const exception = button(card, "#1 Exception");
      expect(exception.form?.inputs.map((i) => [i.name, i.kind, i.required])).toEqual([
        ["note", "textarea", true],
        ["evidenceUrl", "url", false],
      ]);
      expect(button(card, "#1 N/A").form?.inputs.map((i) => [i.name, i.required])).toEqual([
        ["note", false],
        ["evidenceUrl", false],
      ]);
      expect(await w.press(exception, "member", { note: "", evidenceUrl: "" })).toMatchObject({
        ok: false,
        code: "NOTE_REQUIRED",
      });
      expect(
        await w.press(button(card, "#1 Pass"), "member", { note: "", evidenceUrl: "ftp://files/1" }),
      ).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      ok(await w.press(button(card, "#1 N/A"), "member", { note: "", evidenceUrl: "" }));
    },
  );

  it("pages a long checklist five items at a time, within Block Kit's limits", { timeout: 180_000 }, async () => {
    const postId = await seedLongPost(w, 12);
    const { auditId } = await driveTo(w, "fieldwork", { postId });
    const first = await cardOf(w, "member", "audit_fieldwork");
    expect(first.table?.rows.map((r) => r[0]!.en)).toEqual(["1", "2", "3", "4", "5"]);
    expect(first.footer?.en).toBe("Page 1 of 3");
    expect(first.actions).toHaveLength(5 * 3 + 2);
    expect(labels(first).slice(-2)).toEqual(["Add finding", "Next page"]);

    const second = await w.press(button(first, "Next page"), "member");
    expect(second).toMatchObject({ ok: true });
    expect(second.card?.table?.rows.map((r) => r[0]!.en)).toEqual(["6", "7", "8", "9", "10"]);
    expect(labels(second.card!).slice(-3)).toEqual(["Add finding", "Previous page", "Next page"]);
    const third = await w.press(button(second.card!, "Next page"), "member");
    expect(third.card?.table?.rows.map((r) => r[0]!.en)).toEqual(["11", "12"]);
    expect(labels(third.card!).at(-1)).toBe("Previous page");

    // Once the first page is done, the card opens on the page with work left.
    for (let seq = 1; seq <= 5; seq += 1)
      ok(await w.press(button(await cardOf(w, "member", "audit_fieldwork"), `#${seq} Pass`), "member"));
    const moved = await cardOf(w, "member", "audit_fieldwork");
    expect(moved.footer?.en).toBe("Page 2 of 3");
    for (const card of [first, second.card!, third.card!, moved]) {
      expect(card.actions.length).toBeLessThanOrEqual(25);
      expect(card.table!.rows.length).toBeLessThanOrEqual(5);
    }
    // The leaders get Draft report only once all twelve are marked.
    expect(labels(await cardOf(w, "leader", "audit_fieldwork"))).not.toContain("Draft report");
    expect(await w.db.prisma.auditChecklistItem.count({ where: { auditId, result: "pass" } })).toBe(5);
  });
});
