// The neutral chat command router on both engines: every verb, as the people of the small bank,
// with the secrecy of a sealed leave and the suspension of a holder on leave.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { routeChatCommand, type ChatCommandDeps } from "../../../src/app/chat-commands/chat-command.router.ts";
import { submitChatForm } from "../../../src/app/chat-commands/chat-forms.ts";
import type { ChatReply } from "../../../src/app/chat-commands/chat-reply.ts";
import { pick } from "../../../src/ports/locale.ts";
import { cards } from "../../../src/app/catalog.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import type { CastName } from "../../support/small-bank.ts";
import { makeWorld, PLAN, plannedLeave, PLAN_AT, startedLeave, type World } from "../leave/leave-world.ts";

function text(reply: ChatReply, locale: "en" | "zh-CN" = "en"): string {
  if (reply.kind === "text") return pick(reply.text, locale);
  if (reply.kind === "form") return pick(reply.form.title, locale);
  return [
    reply.text ? pick(reply.text, locale) : "",
    ...reply.cards.flatMap((c) => [
      pick(c.title, locale),
      ...c.fields.map((f) => `${pick(f.label, locale)}: ${pick(f.value, locale)}`),
    ]),
  ].join("\n");
}

describe.each(ENGINES)("the chat command router on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  let deps: ChatCommandDeps;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "Asia/Shanghai", PLAN_AT);
    deps = { kernel: { ...w.kernel, cards }, reports: reportDepsOf(db) };
  });
  afterEach(async () => db.drop());

  const say = (as: CastName, typed: string) =>
    routeChatCommand(deps, typed, { personId: w.bank.ids[as], platform: "slack" });

  it("answers help, and help for an empty command", async () => {
    expect(text(await say("holder", "help"))).toContain("Keypost commands:");
    expect(text(await say("holder", ""), "zh-CN")).toContain("Keypost 命令：");
  });

  it("refuses someone it does not know, changing nothing", async () => {
    const reply = await routeChatCommand(deps, "lang en", { personId: "no-such-person", platform: "slack" });
    expect(reply).toMatchObject({ kind: "text", refused: "UNKNOWN_USER" });
    expect(await db.prisma.auditLogEntry.count()).toBe(0);
  });

  it("lang sets the person's language; a bad one is refused", async () => {
    expect(await say("holder", "lang en")).toMatchObject({ kind: "text" });
    expect((await db.prisma.employee.findUniqueOrThrow({ where: { id: w.bank.ids.holder } })).locale).toBe("en");
    expect(await say("holder", "语言 中文")).toMatchObject({ kind: "text" });
    expect((await db.prisma.employee.findUniqueOrThrow({ where: { id: w.bank.ids.holder } })).locale).toBe("zh-CN");
    expect(await say("holder", "lang fr")).toMatchObject({ kind: "text", refused: "INVALID_INPUT" });
  });

  it("leave opens HR's form, whose submission plans the leave once per request", async () => {
    const reply = await say("hr", "leave");
    expect(reply.kind).toBe("form");
    if (reply.kind !== "form") return;
    expect(reply.form.id).toBe("leave.plan");
    expect(reply.form.inputs.map((i) => i.name)).toEqual([
      "post",
      "startDate",
      "endDate",
      "kind",
      "trigger",
      "substitute",
      "reason",
    ]);
    const values = { ...PLAN, reason: "" };
    const hr = { personId: w.bank.ids.hr, platform: "slack" as const };
    const first = await submitChatForm(deps.kernel, "leave.plan", values, hr, "V123");
    expect(first.ok).toBe(true);
    const again = await submitChatForm(deps.kernel, "leave.plan", values, hr, "V123");
    expect(again.ok).toBe(true);
    expect(await db.prisma.leave.count()).toBe(1);
    expect(await submitChatForm(deps.kernel, "nope", values, hr)).toMatchObject({ ok: false, code: "UNKNOWN_ACTION" });
  });

  it("event opens the major-event form; its submission files the report", async () => {
    const reply = await say("holder", "event");
    expect(reply).toMatchObject({ kind: "form", form: { id: "major_event.file" } });
    const outcome = await submitChatForm(
      deps.kernel,
      "major_event.file",
      { kind: "large_debt", occurredOn: "2026-02-20", description: "A loan" },
      { personId: w.bank.ids.holder, platform: "slack" },
    );
    expect(outcome.ok).toBe(true);
    expect(await db.prisma.majorEventReport.count()).toBe(1);
  });

  it("tasks lists compliance's open tasks with their buttons; the holder sees nothing of the sealed leave", async () => {
    await plannedLeave(w);
    const compliance = await say("compliance", "tasks");
    expect(compliance.kind).toBe("cards");
    if (compliance.kind !== "cards") return;
    expect(compliance.cards.length).toBeGreaterThan(0);
    expect(compliance.cards.some((c) => c.actions.length > 0)).toBe(true);
    expect(await say("holder", "tasks")).toEqual({
      kind: "text",
      text: { "zh-CN": "没有待办事项。", en: "Nothing to do." },
    });
  });

  it("status: a manager's unit summary says nothing of a sealed leave before it starts", async () => {
    await plannedLeave(w);
    const before = text(await say("manager", "status"));
    expect(before).toContain("Status for Mark Manager");
    expect(before).toContain("On mandatory leave now: None");
    expect(before).not.toMatch(/Tom Teller|E-TL/);
    const hrView = text(await say("hr", "status"));
    expect(hrView).toContain("On mandatory leave now: None");
  });

  it("status after the start: the manager sees who is on leave; the holder only their own tasks", async () => {
    await startedLeave(w);
    w.at("2026-03-09T02:00:00Z");
    const manager = text(await say("manager", "status"));
    expect(manager).toContain("On mandatory leave now: Tom Teller (E-TL, P-TELLER-SB1)");
    const holder = text(await say("holder", "status"));
    expect(holder).toContain("My open tasks: 2");
    expect(holder).not.toContain("On mandatory leave now");
  });

  it("status with words and free text are answered by question.ask, under the secrecy rule", async () => {
    await plannedLeave(w);
    for (const typed of ["status who is on leave?", "who is on leave?"]) {
      const sealed = await say("manager", typed);
      expect(sealed.kind).toBe("cards");
      expect(text(sealed)).not.toMatch(/Tom Teller|张柜员|E-TL/);
    }
    expect(await say("manager", "status " + "x".repeat(3000))).toMatchObject({ kind: "text" });
  });

  it("after the start the manager's question names the holder on leave", async () => {
    await startedLeave(w);
    w.at("2026-03-09T02:00:00Z");
    const reply = await say("manager", "who is on leave?");
    expect(reply.kind).toBe("cards");
    expect(text(reply) + JSON.stringify(reply)).toMatch(/Tom Teller|张柜员|E-TL/);
  });

  it("status with words and free text are asked as questions (question.ask)", async () => {
    await startedLeave(w);
    w.at("2026-03-09T02:00:00Z");
    for (const typed of ["status who is away?", "who is away?", "谁在休假"]) {
      const reply = await say("manager", typed);
      expect(reply.kind, typed).toBe("cards");
      expect(text(reply)).toContain("On leave on 2026-03-09");
      if (reply.kind === "cards")
        expect(reply.cards[0]!.table?.rows.map((r) => r[0])).toEqual([
          { "zh-CN": "张柜员（E-TL）", en: "Tom Teller (E-TL)" },
        ]);
    }
    expect(text(await say("manager", "今天天气怎么样"))).toContain("I did not understand that");
    // The holder is on leave now: suspended, they may ask nothing (staff would be NOT_AUTHORISED anyway).
    expect(await say("holder", "who is away?")).toMatchObject({ kind: "text", refused: "SUSPENDED" });
  });

  it("report lists the reports; a report runs as the person; staff are refused", async () => {
    expect(text(await say("manager", "report"))).toContain("rotation-compliance");
    const figures = await say("manager", "report rotation-compliance");
    expect(figures.kind).toBe("cards");
    if (figures.kind === "cards") {
      expect(figures.cards[0]!.table?.columns.map((c) => c.en)).toEqual([
        "Figure",
        "Unit",
        "Post category",
        "Count",
        "Of",
        "Ratio",
      ]);
      expect(figures.cards[0]!.table?.rows[0]?.[0]).toEqual({
        "zh-CN": "任职未超期",
        en: "Within the tenure limit",
      });
      expect(figures.page).toMatchObject({ page: 1 });
    }
    expect(await say("holder", "report rotation-compliance")).toMatchObject({
      kind: "text",
      refused: "NOT_AUTHORISED",
    });
    expect(await say("manager", "report nonsense")).toMatchObject({ kind: "text", refused: "NOT_FOUND" });
  });

  it("audit lists the audit team's audits, and the holder none before the leave starts", async () => {
    await plannedLeave(w);
    const compliance = await say("compliance", "audit");
    expect(compliance.kind).toBe("cards");
    expect(text(compliance)).toContain("Your off-post audits and rectifications: 1.");
    expect(text(await say("holder", "audit"))).toBe("You have no off-post audits right now.");
  });
});
