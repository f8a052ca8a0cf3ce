// The weekly digest through the real tick (issue #15, decision 15.22): compliance, the head of
// compliance and the executive get one digest per ISO week — the database decides, also under
// concurrent ticks — delivered at 09:00 on their first working day of the week in their unit's time
// zone; its figures are the reports' own, run as the reader, so a sealed leave counts for compliance
// and not for the executive before it starts; every text reads in one language, English or Chinese.
// A week whose first working day is over when the service first ticks in it gets no digest.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { figureText } from "../../../src/app/questions/figures.answer.ts";
import { memoReportDeps } from "../../../src/app/questions/memo-report-queries.ts";
import { actorOf } from "../../../src/app/people/actor-of.ts";
import { auditTimelinessReport } from "../../../src/app/reports/audit-timeliness.report.ts";
import { rectificationClosureReport } from "../../../src/app/reports/rectification-closure.report.ts";
import { rotationComplianceReport } from "../../../src/app/reports/rotation-compliance.report.ts";
import type { Card } from "../../../src/ports/card.ts";
import type { Locale } from "../../../src/ports/locale.ts";
import { ENGINES, type TestDatabase } from "../../support/databases.ts";
import { describeProblems } from "../../support/one-language.ts";
import { CAST, type SmallBank } from "../../support/small-bank.ts";
import { tickingBank, type Ticking } from "./scheduler-world.ts";

const READERS = ["E-CO", "E-CH", "E-VP"];

function texts(card: Card, locale: Locale): string[] {
  return [
    card.title[locale],
    card.text?.[locale] ?? "",
    ...card.fields.flatMap((f) => [f.label[locale], f.value[locale]]),
    card.footer?.[locale] ?? "",
  ];
}

describe.each(ENGINES)("weekly digest on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  let w: Ticking;
  beforeEach(async () => {
    // Friday 6 March 2026, 10:00 in Shanghai.
    ({ db, bank, w } = await tickingBank(engine, "2026-03-06T02:00:00Z"));
  });
  afterEach(async () => db.drop());

  const weekly = (code?: string) =>
    w.notifier.sent.filter((s) => s.kind === "digest.weekly" && (code === undefined || s.to === code));

  it("goes to compliance and executives once a week at their Monday 09:00, with the reports' figures, sealed leaves only for those entitled", async () => {
    // A sealed leave of the teller from Monday 16 March, planned on Friday.
    const leave = {
      post: "P-TELLER-SB1",
      startDate: "2026-03-16",
      endDate: "2026-03-20",
      kind: "regular",
      trigger: "periodic",
      substitute: "E-SU",
    };
    expect(await w.run(planLeave, leave, bank.ids.hr)).toMatchObject({ ok: true });
    // The service's first tick this week is on Friday: this week's first working day is over, no digest.
    await w.tickAt("2026-03-06T02:00:00Z");
    expect(await db.prisma.notice.count({ where: { kind: "digest.weekly" } })).toBe(0);

    // Monday 9 March, 08:00 in Shanghai (00:00 UTC, a new ISO week): written once, by concurrent ticks too.
    await Promise.all([w.tickAt("2026-03-09T00:00:00Z"), w.tickAt("2026-03-09T00:00:30Z")]);
    await w.tickAt("2026-03-09T00:01:00Z");
    const written = await db.prisma.notice.findMany({ where: { kind: "digest.weekly" } });
    const codeOf = (id: string) => Object.values(CAST).find((c) => bank.ids[keyOf(c.code)] === id)?.code;
    const keyOf = (code: string) =>
      (Object.keys(CAST) as (keyof typeof CAST)[]).find((k) => CAST[k].code === code) as keyof typeof CAST;
    expect(written.map((n) => codeOf(n.recipientId)).sort()).toEqual([...READERS].sort());
    expect(new Set(written.map((n) => n.visibleFrom?.toISOString()))).toEqual(new Set(["2026-03-09T01:00:00.000Z"]));
    expect(weekly()).toEqual([]); // not before 09:00 local

    await w.tickAt("2026-03-09T01:00:00Z");
    await w.tickAt("2026-03-10T02:00:00Z"); // Tuesday: nothing more this week
    expect(
      weekly()
        .map((s) => `${s.to} ${s.at}`)
        .sort(),
    ).toEqual(READERS.map((c) => `${c} 2026-03-09T01:00:00.000Z`).sort());
    // Nobody else gets one.
    expect(w.notifier.sent.filter((s) => s.kind === "digest.weekly" && !READERS.includes(s.to))).toEqual([]);

    // The figures are the reports', run as the reader.
    for (const code of READERS) {
      const card = weekly(code)[0]!.card;
      const value = (label: string) => card.fields.find((f) => f.label.en === label)?.value.en;
      const person = bank.ids[keyOf(code)];
      const expected = await w.kernel.uow.run(async (tx) => {
        const viewer = await actorOf(tx, (await tx.people.byId(person))!);
        const deps = memoReportDeps(tx.questions, tx.questions.units());
        const at = { now: new Date("2026-03-09T00:00:00Z") };
        return {
          rotation: figureText((await rotationComplianceReport(deps, viewer, at)).total).en,
          audits: figureText((await auditTimelinessReport(deps, viewer, at)).total).en,
          rectification: figureText((await rectificationClosureReport(deps, viewer, at)).total).en,
        };
      });
      expect(value("Rotation compliance"), code).toBe(expected.rotation);
      expect(value("Audit timeliness"), code).toBe(expected.audits);
      expect(value("Rectification closure"), code).toBe(expected.rectification);
      // No leave taken in the last 12 months by the one holder.
      expect(value("Leave coverage"), code).toBe("0/1 (0%)");
    }
    // The sealed leave (not started) counts as planned for compliance, not for the executive.
    const planned = (code: string) =>
      weekly(code)[0]!.card.fields.find((f) => f.label.en === "Leave coverage, planned leaves included")?.value.en;
    expect(planned("E-CO")).toBe("1/1 (100%)");
    expect(planned("E-CH")).toBe("1/1 (100%)");
    expect(planned("E-VP")).toBe("0/1 (0%)");
    expect(JSON.stringify(weekly("E-VP")[0]!.card)).not.toMatch(/E-TL|Tom Teller|张柜员|E-SU/u);

    // One language per reader: the English and the Chinese texts of every digest.
    const allowed = ["E-CO", "E-CH", "E-VP", "2026-03-09"];
    for (const s of weekly()) {
      expect(describeProblems(texts(s.card, "en"), "en", allowed), `${s.to} en`).toEqual([]);
      expect(describeProblems(texts(s.card, "zh-CN"), "zh-CN", allowed), `${s.to} zh-CN`).toEqual([]);
    }
    expect(weekly("E-VP")[0]!.card.title).toEqual({
      en: "Weekly digest: week of 2026-03-09",
      "zh-CN": "每周摘要：2026-03-09 起的一周",
    });

    // The next week: one more each, on Monday 16 March at 09:00 local.
    await w.tickAt("2026-03-16T00:00:00Z");
    await w.tickAt("2026-03-16T01:00:00Z");
    expect(
      weekly()
        .filter((s) => s.at === "2026-03-16T01:00:00.000Z")
        .map((s) => s.to)
        .sort(),
    ).toEqual([...READERS].sort());
    expect(weekly()).toHaveLength(6);
  });
});
