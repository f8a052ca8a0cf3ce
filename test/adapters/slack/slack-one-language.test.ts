// One language per person on every surface, over Slack's real path. The whole leave-and-audit cycle
// (with a refused form and the tick's rotation and leave-required notices), every chat command and
// every report is run twice: once with everybody reading English, once Chinese. Every text the bot
// sent — DMs, updates, modals, App Homes, ephemeral answers, form errors — is checked: no Chinese for
// an English reader, no English word (but codes and proper names) for a Chinese reader, no raw key
// or id for anyone. The card builders are enumerated from the app's catalog: a subject type whose
// card never reached anybody in the run fails the test, so a new card cannot escape it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cards } from "../../../src/app/catalog.ts";
import { REPORTS } from "../../../src/app/reports/reports.registry.ts";
import type { Card } from "../../../src/ports/card.ts";
import type { Locale } from "../../../src/ports/locale.ts";
import { renderCard } from "../../../adapters/teams/cards/keypost.card.ts";
import { describeProblems } from "../../support/one-language.ts";
import { CAST } from "../../support/small-bank.ts";
import { slackWorld, type SlackWorld } from "./slack-harness.ts";
import { findButton, SlackSession, textOf } from "./slack-session.ts";

const PLAN_AT = "2026-03-02T02:00:00Z"; // Monday 10:00 in Shanghai
const STARTS_AT = "2026-03-08T16:00:00.000Z"; // Monday 9 March, 00:00 in Shanghai

/** The words each reader presses and types, in their language. */
const WORDS = {
  en: {
    acknowledge: "Acknowledge",
    formTeam: "Form team",
    draftPlan: "Draft plan",
    approve: "Approve",
    confirmAll: "Confirm all",
    issueNotice: "Issue audit notice",
    pass: "#1 Pass",
    exception: "#2 Exception",
    na: "#3 N/A",
    addFinding: "Add finding",
    raise: "Raise rectification",
    draftReport: "Draft report",
    disagree: "Disagree",
    sign: "Sign",
    plan: "Count the cash, check the vouchers and the authorisations.",
    missing: "Two vouchers missing",
    none: "No authorisations this period",
    report: "One exception: blank vouchers.",
    opinion: "The vouchers are in the vault",
    question: "who is on leave",
    finding: "Blank vouchers not logged",
    fix: "Log every blank voucher",
    event: "My brother opened a loan company",
  },
  "zh-CN": {
    acknowledge: "确认收到",
    formTeam: "组建审计组",
    draftPlan: "起草审计方案",
    approve: "批准",
    confirmAll: "全部确认",
    issueNotice: "发出审计通知",
    pass: "第1项 通过",
    exception: "第2项 异常",
    na: "第3项 不适用",
    addFinding: "记录发现",
    raise: "提出整改",
    draftReport: "起草报告",
    disagree: "不同意",
    sign: "签发",
    plan: "盘点现金，检查凭证和授权记录。",
    missing: "缺少两张凭证",
    none: "本期无授权",
    report: "一项异常：空白凭证。",
    opinion: "凭证在金库中",
    question: "谁在休假",
    finding: "空白凭证未登记",
    fix: "逐张登记空白凭证",
    event: "兄弟开办了贷款公司",
  },
} as const;

/** Codes and names the bank gave (shown as they are in both languages). */
const CODES = [
  ...Object.values(CAST).map((c) => c.code),
  "P-TELLER-SB1",
  "HO",
  "BR1",
  "SB1",
  "BR2",
  ...REPORTS.map((r) => r.name),
];

/** What an Adaptive Card shows a person: its texts, titles, labels, placeholders and choices. */
function shownIn(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === "data" || k === "refresh") continue;
        if (
          typeof x === "string" &&
          ["text", "title", "label", "placeholder", "errorMessage", "fallbackText"].includes(k)
        )
          out.push(x);
        else walk(x);
      }
  };
  walk(card);
  return out.join("\n");
}

describe.each(["en", "zh-CN"] as const)("everything a %s reader is sent through Slack", (locale: Locale) => {
  let w: SlackWorld;
  let s: SlackSession;
  /** What the service answered in HTTP responses (form errors, slash answers), besides its Web API calls. */
  const answered: string[] = [];
  beforeEach(async () => {
    answered.length = 0;
    w = await slackWorld("sqlite", PLAN_AT);
    s = new SlackSession(w);
    const p = w.service.db.prisma;
    await p.employee.updateMany({ data: { locale } });
    for (const [code, name, nameEn] of [
      ["HO", "总行", "Head Office"],
      ["BR1", "北京分行", "Beijing Branch"],
      ["SB1", "朝阳支行", "Chaoyang Sub-branch"],
      ["BR2", "上海分行", "Shanghai Branch"],
    ])
      await p.orgUnit.update({ where: { code }, data: { name, nameEn } });
    const submit = w.submit.bind(w);
    w.submit = async (...args) => {
      const res = await submit(...args);
      answered.push(res.text);
      return res;
    };
    const slash = w.slash.bind(w);
    w.slash = async (...args) => {
      const res = await slash(...args);
      answered.push(res.text);
      return res;
    };
  });
  afterEach(async () => w.close());

  it("is in that language only, on every card, answer and report", { timeout: 300_000 }, async () => {
    const t = WORDS[locale];
    const db = w.service.db.prisma;

    // The yearly rotation plan for 2026 (the holder's tenure ends in January), drafted by the tick on
    // the first working day of December.
    await w.tick("2025-12-01T02:00:00Z");
    await w.dispatch();
    w.clock.set(PLAN_AT);

    // HR plans the leave; a first try names an unknown substitute (refused next to the field).
    await w.slash("hr", "leave");
    const opened = await w.fake.until("views.open", () => w.fake.callsOf("views.open")[0]);
    const form = ["P-TELLER-SB1", "2026-03-09", "2026-03-13", "regular", "periodic"];
    await s.submitView("hr", opened.args.view as never, [...form, "E999", ""]).catch(() => "refused");
    await s.submitView("hr", opened.args.view as never, [...form, "E-SU", ""]);
    expect((await db.leave.findFirstOrThrow()).sealed).toBe(true);

    await w.dispatch();
    const complianceDm = s.dmWith("compliance", t.acknowledge);
    expect(complianceDm, "compliance's DM").toBeDefined();
    await s.pressButton("compliance", findButton(complianceDm!.blocks, t.acknowledge), complianceDm!);
    await s.onHome("compliance", t.formTeam, ["E-A1", "E-A2", "E-A3"]);
    await s.onHome("leader", t.draftPlan, [t.plan]);
    await s.onHome("complianceHead", t.approve);

    await w.tick(STARTS_AT);
    expect((await db.leave.findFirstOrThrow()).status).toBe("started");
    w.clock.set("2026-03-09T00:30:00Z");
    const holderDm = s.dmWith("holder", t.acknowledge);
    expect(holderDm, "the holder's leave DM").toBeDefined();
    await s.pressButton("holder", findButton(holderDm!.blocks, t.acknowledge), holderDm!);
    await w.dispatch();
    for (const who of ["holder", "substitute", "manager"] as const) await s.onHome(who, t.confirmAll);
    expect((await db.leave.findFirstOrThrow()).status).toBe("handed_over");

    w.clock.set("2026-03-10T01:00:00Z");
    // The holder, on leave, tries to file a report: refused, and compliance is told (in words).
    const opens = w.fake.callsOf("views.open").length;
    await w.slash("holder", "event");
    const holderForm = await w.fake.until("the holder's event form", () => w.fake.callsOf("views.open")[opens]);
    await s
      .submitView("holder", holderForm.args.view as never, ["large_debt", "2026-03-09", t.event])
      .catch(() => "refused");
    await w.dispatch();
    await s.onHome("leader", t.issueNotice);
    await s.onHome("member", t.pass, ["", ""]);
    // An evidence link that is not https is refused next to the field, in the reader's language.
    await s.onHome("lead", t.exception, [t.missing, "http://dms.bank.example/ev/2"]).catch(() => "refused");
    await s.onHome("lead", t.exception, [t.missing, "https://dms.bank.example/ev/2"]);
    await s.onHome("member", t.na, [t.none, ""]);
    await s.onHome("lead", t.addFinding, ["high", "2", t.finding, ""]);
    await s.onHome("leader", t.raise, ["1", "E-TL", "2026-04-30", t.fix]);
    await s.onHome("leader", t.draftReport, [t.report]);
    await s.onHome("holder", t.disagree, [t.opinion]);
    await s.onHome("executive", t.sign);
    await w.tick("2026-03-16T01:00:00Z");
    await w.dispatch();

    // A notice that cannot be delivered (a deactivated account): its escalation is read in words.
    w.fake.fail("conversations.open", { error: "account_inactive" });
    // A major personal event, filed by a holder from `/keypost event`.
    const events = w.fake.callsOf("views.open").length;
    await w.slash("substitute", "event");
    const eventForm = await w.fake.until("the event form", () => w.fake.callsOf("views.open")[events]);
    await s.submitView("substitute", eventForm.args.view as never, ["large_debt", "2026-03-12", t.event]);
    await w.dispatch();
    await w.dispatch();

    // Every command and every report, as the people who may ask them.
    for (const who of ["hr", "compliance", "manager", "executive", "leader", "holder"] as const) {
      for (const text of ["help", "status", "tasks", "audit", "report", t.question]) await w.slashAnswer(who, text);
      await s.home(who);
    }
    for (const r of REPORTS) await w.slashAnswer("compliance", `report ${r.name}`);

    // The card of every subject type reached somebody in this run (a new card type must be added here).
    const notices = await db.notice.findMany({ select: { subjectType: true, kind: true } });
    const types = new Set(notices.map((n) => n.subjectType));
    // …and so did the cards built outside the registry: a refused attempt on leave, a delivery problem,
    // a daily digest of escalations.
    const kinds = new Set(notices.map((n) => n.kind));
    expect(
      ["suspended_attempt", "delivery.unreachable.slack", "digest.daily"].filter((k) => !kinds.has(k)),
      "kinds nobody was sent",
    ).toEqual([]);
    expect(
      Object.keys(cards).filter((type) => !types.has(type)),
      "subject types whose card nobody was sent",
    ).toEqual([]);

    const texts = [
      ...w.fake.calls.map((c) => textOf([c.args])),
      ...w.fake.responses.map((c) => textOf([c.args])),
      ...answered.filter((a) => a !== "").map((a) => textOf([JSON.parse(a) as unknown])),
    ];
    // The same cards as Teams renders them (an Adaptive Card per stored notice), so the Teams
    // renderer's own words are checked too.
    for (const n of await db.notice.findMany({ select: { card: true } }))
      texts.push(shownIn(renderCard(JSON.parse(n.card) as Card, locale)));
    const typed = Object.values(t).filter((v) => !v.startsWith("#"));
    expect(describeProblems(texts, locale, [...CODES, ...typed])).toEqual([]);
  });
});
