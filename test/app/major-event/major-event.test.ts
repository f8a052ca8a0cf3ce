// Major-event reports: personal. Only the reporter, compliance over their unit and the compliance
// head see one; HR learns only that a leave is required; a manager never gets a notice or a card.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { makeWorld, type Name, type World } from "../rotation/rotation-world.ts";
import { fileMajorEvent } from "../../../src/app/major-event/file-major-event.ts";
import { triageMajorEvent } from "../../../src/app/major-event/triage-major-event.ts";
import { closeMajorEvent } from "../../../src/app/major-event/close-major-event.ts";
import { triggerLeaveFromMajorEvent } from "../../../src/app/major-event/trigger-leave.ts";
import { majorEventCard } from "../../../src/app/major-event/major-event.card.ts";

const REPORT = {
  kind: "large_debt",
  description: "我为亲属的经营贷款提供了担保，金额约 300 万元。",
  occurredOn: "2026-02-20",
};

describe.each(ENGINES)("major-event reports on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "2026-03-02T02:00:00Z");
  });
  afterEach(async () => db.drop());

  const report = () => db.prisma.majorEventReport.findFirstOrThrow();
  const cardFor = (as: Name, id: string, kind = "") =>
    w.system(async (tx, env) =>
      majorEventCard(tx, { subjectId: id, kind, recipient: (await tx.people.byId(w.ids[as]))! }, { now: env.now }),
    );

  async function privacyHolds(id: string) {
    for (const outsider of ["manager", "otherManager", "stranger", "executive", "substitute"] as const) {
      expect(await cardFor(outsider, id)).toBeUndefined();
      expect(await cardFor(outsider, id, "leave_required")).toBeUndefined();
    }
    expect(
      await db.prisma.notice.count({
        where: {
          subjectType: "major_event",
          recipientId: { in: [w.ids.manager, w.ids.otherManager, w.ids.executive] },
        },
      }),
    ).toBe(0);
    const entries = await db.prisma.auditLogEntry.findMany({ where: { subjectType: "major_event" } });
    for (const e of entries) {
      expect(e.sealedUntil?.toISOString()).toBe("9999-12-31T23:59:59.999Z");
      expect(e.data).not.toContain("担保");
      expect(e.data).not.toContain("large_debt");
    }
  }

  it("is filed once, seen by compliance only, triaged and closed from the card; the reporter hears it is closed", async () => {
    const filed = await w.run(fileMajorEvent, REPORT, "holder");
    expect(filed).toMatchObject({ ok: true, card: { title: { en: "Your major-event report" } } });
    expect(await w.run(fileMajorEvent, REPORT, "holder")).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    const r = await report();
    expect(r).toMatchObject({ reporterId: w.ids.holder, kind: "large_debt", status: "filed", version: 1 });
    const subject = { type: "major_event", id: r.id };
    expect(await w.noticesAbout("major_event", r.id)).toEqual([
      "major_event_filed→compliance",
      "major_event_filed→complianceHead",
    ]);
    const complianceCard = await w.card("compliance", subject);
    expect(complianceCard?.text?.["zh-CN"]).toBe(REPORT.description);
    expect(complianceCard?.actions.map((a) => a.label.en)).toEqual(["Triage", "Close", "Trigger leave", "Acknowledge"]);
    expect(await cardFor("hr", r.id)).toBeUndefined();
    await privacyHolds(r.id);

    expect(await w.press("compliance", subject, "Triage", { note: "" })).toMatchObject({
      ok: false,
      code: "NOTE_REQUIRED",
    });
    expect(await w.press("compliance", subject, "Triage", { note: "担保金额较大，需关注。" })).toMatchObject({
      ok: true,
    });
    expect(await report()).toMatchObject({
      status: "triaged",
      triagedById: w.ids.compliance,
      triageNote: "担保金额较大，需关注。",
    });
    expect((await w.card("complianceHead", subject))?.actions.map((a) => a.label.en)).toEqual([
      "Close",
      "Trigger leave",
      "Acknowledge",
    ]);
    expect(await w.run(triageMajorEvent, { reportId: r.id, note: "again" }, "complianceHead")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });

    expect(await w.press("complianceHead", subject, "Close", { note: "" })).toMatchObject({ ok: true });
    expect((await report()).status).toBe("closed");
    expect(await w.run(closeMajorEvent, { reportId: r.id }, "compliance")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
    const reporterCard = await w.card("holder", subject);
    expect(reporterCard?.fields.map((f) => f.value.en)).toEqual(["Large debts", "2026-02-20", "Closed"]);
    expect(JSON.stringify(reporterCard)).not.toContain("需关注");
    expect(reporterCard?.actions.map((a) => a.label.en)).toEqual(["Acknowledge"]);
    expect(await w.noticesAbout("major_event", r.id)).toEqual([
      "major_event_closed→holder",
      "major_event_filed→compliance",
      "major_event_filed→complianceHead",
    ]);
    await privacyHolds(r.id);
  });

  it("triggers a leave: HR is told with the reference only, the reporter is not told", async () => {
    await w.run(fileMajorEvent, REPORT, "holder");
    const r = await report();
    expect(await w.run(triggerLeaveFromMajorEvent, { reportId: r.id }, "compliance")).toMatchObject({
      ok: false,
      code: "NOTE_REQUIRED",
    });
    expect(
      await w.run(
        triggerLeaveFromMajorEvent,
        { reportId: r.id, note: "担保风险高，安排强制休假并审计。" },
        "compliance",
      ),
    ).toMatchObject({ ok: true });
    expect(await report()).toMatchObject({ status: "leave_triggered", triagedById: w.ids.compliance, version: 3 });
    expect(await w.run(triggerLeaveFromMajorEvent, { reportId: r.id, note: "again" }, "compliance")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
    expect(await w.run(closeMajorEvent, { reportId: r.id }, "compliance")).toMatchObject({
      ok: false,
      code: "INVALID_TRANSITION",
    });

    expect(await w.noticesAbout("major_event", r.id)).toEqual([
      "leave_required→hr",
      "major_event_filed→compliance",
      "major_event_filed→complianceHead",
    ]);
    const hrCard = await w.card("hr", { type: "major_event", id: r.id });
    expect(hrCard?.title.en).toBe("Mandatory leave required");
    expect(hrCard?.fields.map((f) => f.value.en)).toEqual([
      "Tom Teller (E-TL)",
      "Teller P-TELLER-SB1",
      "Triggered mandatory leave",
      "Major-event report",
    ]);
    expect(JSON.stringify(hrCard)).not.toContain("担保");
    expect(JSON.stringify(hrCard)).not.toMatch(/debt/i);
    // The reporter's own view never says a leave is coming.
    const mine = await cardFor("holder", r.id);
    expect(mine?.fields.map((f) => f.value.en)).toEqual(["Large debts", "2026-02-20", "Received, under review"]);
    expect(await db.prisma.notice.count({ where: { recipientId: w.ids.holder } })).toBe(0);
    await privacyHolds(r.id);
    // The leave area links the leave HR plans for it, once.
    expect(await w.system((tx) => tx.majorEvents.linkLeave(r.id, "leave-1"))).toBe(true);
    expect(await w.system((tx) => tx.majorEvents.linkLeave(r.id, "leave-2"))).toBe(false);
    expect((await report()).leaveId).toBe("leave-1");
  });

  it("refuses outsiders without revealing the report, the reporter judging their own, and a reporter on leave", async () => {
    await w.run(fileMajorEvent, REPORT, "holder");
    const r = await report();
    expect(await w.run(triageMajorEvent, { reportId: r.id, note: "x" }, "manager")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await w.run(closeMajorEvent, { reportId: r.id }, "holder")).toMatchObject({
      ok: false,
      code: "NOT_AUTHORISED",
    });

    expect(
      await w.run(fileMajorEvent, { ...REPORT, kind: "legal_trouble", description: "民事诉讼被告" }, "compliance"),
    ).toMatchObject({ ok: true });
    const own = await db.prisma.majorEventReport.findFirstOrThrow({ where: { reporterId: w.ids.compliance } });
    expect(await w.noticesAbout("major_event", own.id)).toEqual(["major_event_filed→complianceHead"]);
    expect(await w.run(triageMajorEvent, { reportId: own.id, note: "mine" }, "compliance")).toMatchObject({
      ok: false,
      code: "SEPARATION_OF_DUTIES",
    });

    expect(await w.run(fileMajorEvent, { ...REPORT, occurredOn: "2026-03-03" }, "substitute")).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect(await w.run(fileMajorEvent, { ...REPORT, kind: "gambling" }, "substitute")).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    await w.onLeave("substitute");
    expect(await w.run(fileMajorEvent, { ...REPORT, description: "另一事项" }, "substitute")).toMatchObject({
      ok: false,
      code: "SUSPENDED",
    });
    expect(await db.prisma.majorEventReport.count()).toBe(2);
  });
});
