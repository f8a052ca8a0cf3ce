// Typed input is never lost over Slack's real path: a refused modal submission is answered with
// `response_action: "errors"` naming the input it is about (the modal stays open with everything
// typed), and the sentence names the real reason in the person's language — an unknown substitute
// is "no employee E999", not "item not found"; an end date before the start says so. A card
// button's form (compliance's "Form team") keeps its inputs the same way.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { SlackSession, viewValues, type ModalView } from "./slack-session.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

const PLAN_AT = "2026-03-02T02:00:00Z"; // Monday 10:00 in Shanghai
type Answer = { response_action: string; errors?: Record<string, string>; view?: { blocks: unknown[] } };

describe.each(ENGINES)("refused Slack forms keep what was typed on %s", (engine) => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld(engine, PLAN_AT);
    s = new SlackSession(w);
    await w.service.db.prisma.employee.updateMany({
      where: { code: { in: ["E-HR", "E-CO"] } },
      data: { locale: "en" },
    });
  });
  afterEach(async () => w.close());

  /** Submits `view` with answers by input name; the raw HTTP answer to the view_submission. */
  const submit = async (
    who: "hr" | "compliance",
    view: ModalView,
    answers: Record<string, string>,
  ): Promise<Answer> => {
    const values = viewValues(view.blocks, (id) => answers[id] ?? "");
    const res = await w.submit(who, JSON.parse(view.private_metadata), values);
    expect(res.status).toBe(200);
    // Past the ack budget (a busy machine) the modal closed and the outcome went by DM instead.
    return res.text === "" ? { response_action: "late" } : (res.json() as Answer);
  };
  const leaveModal = (who: "hr"): Promise<ModalView> => s.openModal(who, "leave");
  const plan = TELLER_LEAVE;

  it("answers errors next to the field, in English and in Chinese, and plans once corrected", async () => {
    const view = await leaveModal("hr");
    const unknown = await submit("hr", view, { ...plan, substitute: "E999" });
    expect(unknown).toEqual({
      response_action: "errors",
      errors: { substitute: 'No current employee has the code "E999".' },
    });
    const reversed = await submit("hr", view, { ...plan, endDate: "2026-03-06" });
    expect(reversed).toEqual({
      response_action: "errors",
      errors: { endDate: "The end date is before the start date." },
    });
    const short = await submit("hr", view, { ...plan, endDate: "2026-03-10" });
    expect(short.errors).toEqual({ endDate: "The leave has 2 working days; the policy asks for at least 5 in a row." });
    const noPost = await submit("hr", view, { ...plan, post: "P-NOPE" });
    expect(noPost.errors).toEqual({ post: 'No post has the code "P-NOPE".' });
    expect(await w.service.db.prisma.leave.count()).toBe(0);

    // The same person in Chinese: the same reasons, nothing in English.
    await w.service.db.prisma.employee.update({ where: { code: "E-HR" }, data: { locale: "zh-CN" } });
    const zh = await submit("hr", await leaveModal("hr"), { ...plan, substitute: "E999" });
    expect(zh).toEqual({ response_action: "errors", errors: { substitute: "找不到员工编号为“E999”的在职员工。" } });
    const zhReversed = await submit("hr", await leaveModal("hr"), { ...plan, endDate: "2026-03-06" });
    expect(zhReversed.errors).toEqual({ endDate: "结束日期早于开始日期。" });

    // Corrected, the same modal plans the leave.
    const done = await submit("hr", view, plan);
    if (done.response_action !== "late") {
      expect(done.response_action).toBe("update");
      expect(JSON.stringify(done.view)).toContain("✓ 已安排强制休假");
    }
    expect(await w.service.db.prisma.leave.count()).toBe(1);
  });

  it("keeps a card button's form open when a code typed is unknown", { timeout: 120_000 }, async () => {
    const view = await leaveModal("hr");
    expect(["update", "late"]).toContain((await submit("hr", view, plan)).response_action);
    expect(await s.acknowledgeDm("compliance")).toMatch(/^✓ /);
    const teamView = await s.openFormOnHome("compliance", "Form team");
    const refused = await submit("compliance", teamView, { leader: "E-A1", lead: "E999", members: "E-A3" });
    expect(refused).toEqual({
      response_action: "errors",
      errors: { lead: 'No current employee has the code "E999".' },
    });
    expect(await w.service.db.prisma.audit.findFirstOrThrow().then((a) => a.status)).toBe("requested");

    // The token was not spent by the refusal: the corrected form goes through.
    const formed = await submit("compliance", teamView, { leader: "E-A1", lead: "E-A2", members: "E-A3" });
    if (formed.response_action !== "late") expect(JSON.stringify(formed.view)).toMatch(/✓ /);
    expect((await w.service.db.prisma.audit.findFirstOrThrow()).status).toBe("team_formed");
  });
});
