// Every press is answered where it was pressed, over Slack's real path. A button in an ephemeral
// `/keypost tasks` answer acts and the answer replaces that ephemeral message through its
// response_url (the fake Slack, like Slack, answers `message_not_found` to chat.update of it —
// also when the payload does not say it was ephemeral). A press on the App Home by someone Keypost
// does not know republishes their home with the reason.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../support/databases.ts";
import { slackFixture } from "../../support/slack-fixtures.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { findButton, SlackSession, textOf } from "./slack-session.ts";

const PLAN_AT = "2026-03-02T02:00:00Z";

describe.each(ENGINES)("Slack presses answered where they were pressed on %s", (engine) => {
  let w: SlackWorld;
  let s: SlackSession;
  beforeEach(async () => {
    w = await slackWorld(engine, PLAN_AT);
    s = new SlackSession(w);
    await w.service.db.prisma.employee.updateMany({
      where: { code: { in: ["E-HR", "E-CO"] } },
      data: { locale: "en" },
    });
    // HR plans a leave: compliance has a task with an Acknowledge button.
    expect(await s.planLeave()).toMatch(/^✓ /);
  });
  afterEach(async () => w.close());

  /** Presses `label` on compliance's ephemeral `/keypost tasks` answer, shaped as Slack sends it. */
  const pressInTasks = async (label: string, saysEphemeral: boolean) => {
    const tasks = await w.slashAnswer("compliance", "tasks");
    expect(tasks.response_type).toBe("ephemeral");
    const button = findButton(tasks.blocks ?? [], label);
    const payload = slackFixture("block_actions", {
      USER: w.user("compliance"),
      TRIGGER: `9${Date.now()}.1.abc`,
      ACTION_ID: button.actionId,
      VALUE: button.value,
      RESPONSE_URL: w.fake.responseUrl("tasks-press"),
      CHANNEL: `D${w.user("compliance").slice(1)}`,
      TS: "1772445600.000100",
    }) as Record<string, unknown> & { container: Record<string, unknown> };
    if (saysEphemeral) {
      payload.container.is_ephemeral = true;
      delete payload.message;
    }
    const responses = w.fake.responses.length;
    const res = await w.send({ payload });
    expect(res.status).toBe(200);
    return w.fake.until("the answer on response_url", () =>
      w.fake.responses.slice(responses).find((r) => r.method === "tasks-press"),
    );
  };

  it("a button in the ephemeral tasks answer replaces that answer through response_url", async () => {
    const answered = await pressInTasks("Acknowledge", true);
    expect(answered.args.replace_original).toBe(true);
    expect(textOf(answered.args.blocks as unknown[])).toMatch(/^✓ Acknowledged/);
    expect((await w.service.db.prisma.leave.findFirstOrThrow()).status).toBe("compliance_notified");
    expect(w.fake.callsOf("chat.update").filter((c) => c.args.ts === "1772445600.000100")).toEqual([]);
  });

  it("when Slack's payload does not say ephemeral, message_not_found falls back to response_url", async () => {
    const answered = await pressInTasks("Acknowledge", false);
    expect(answered.args.replace_original).toBe(true);
    expect(textOf(answered.args.blocks as unknown[])).toMatch(/^✓ Acknowledged/);
    expect(w.fake.callsOf("chat.update").some((c) => c.args.ts === "1772445600.000100")).toBe(true);
    expect((await w.service.db.prisma.leave.findFirstOrThrow()).status).toBe("compliance_notified");
  });

  it("a press on the App Home by someone Keypost does not know republishes their home with the reason", async () => {
    const stranger = "U0UNKNOWN9";
    const from = w.fake.calls.length;
    const res = await w.press(stranger, "kp.press.0", "some-token-value", "home");
    expect(res.status).toBe(200);
    const published = await w.fake.until("views.publish for the stranger", () =>
      w.fake.calls.slice(from).find((c) => c.method === "views.publish" && c.args.user_id === stranger),
    );
    expect(textOf((published.args.view as { blocks: unknown[] }).blocks)).toContain(
      "Keypost does not know your account",
    );
  });
});
