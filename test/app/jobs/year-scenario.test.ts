// A 60-person branch through the whole of 2026 with the real tick (the function `keypost tick --at`
// runs), day by day: 8 sealed leaves with their off-post audits, rectifications, people who act on
// time, late or never, tenure limits passing, the yearly plan drafted. The test checks the notices
// sent (every reminder and escalation, the holders told at the start instant), the states reached
// and the regulator's figures against values it computes itself from its own plan — with its own
// calendar arithmetic, never the code under test's.
//
// To stay affordable it ticks only at the instants that matter, in the branch's zone (Asia/Shanghai):
// 09:00 on every working day (rungs, warnings, sweeps, delivery), 00:00 on the Monday a leave starts
// and on the Saturday after it ends, and the last instant of the year. Slots missed in between are
// caught up by the next tick, which is itself part of what the scenario proves. SQLite only: the
// other scheduler tests cover PostgreSQL; a year of ticks on the shared PostgreSQL server takes
// minutes, not seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions as ACTIONS } from "../../../src/app/catalog.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";
import type { Outcome } from "../../../src/app/kernel/outcome.ts";
import type { UseCase } from "../../../src/app/kernel/use-case.ts";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { acknowledgeLeave } from "../../../src/app/leave/acknowledge-leave.ts";
import { confirmHandoverAll } from "../../../src/app/handover/confirm-all.ts";
import { formTeam } from "../../../src/app/audit/form-team.ts";
import { draftPlan } from "../../../src/app/audit/draft-plan.ts";
import { approvePlan } from "../../../src/app/audit/review-plan.ts";
import { issueNotice } from "../../../src/app/audit/issue-notice.ts";
import { markItem } from "../../../src/app/audit/mark-item.ts";
import { addFinding } from "../../../src/app/audit/add-finding.ts";
import { addRectification } from "../../../src/app/audit/add-rectification.ts";
import { draftReport } from "../../../src/app/audit/draft-report.ts";
import { giveOpinion } from "../../../src/app/audit/give-opinion.ts";
import { signReport } from "../../../src/app/audit/sign-report.ts";
import { closeRectification } from "../../../src/app/audit/close-rectification.ts";
import { closeAudit } from "../../../src/app/audit/close-audit.ts";
import type { Actor } from "../../../src/domain/access/roles.ts";
import { rotationComplianceReport } from "../../../src/app/reports/rotation-compliance.report.ts";
import { leaveCoverageReport } from "../../../src/app/reports/leave-coverage.report.ts";
import { auditTimelinessReport } from "../../../src/app/reports/audit-timeliness.report.ts";
import { rectificationClosureReport } from "../../../src/app/reports/rectification-closure.report.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { seedBranchBank, type BankPerson } from "../../support/branch-bank.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";
import { ticking, type Ticking } from "./scheduler-world.ts";

// ─── the test's own calendar (not the code's) ───
const HOLIDAYS = new Set([
  "2026-01-01",
  "2026-01-02",
  "2026-02-16",
  "2026-02-17",
  "2026-02-18",
  "2026-02-19",
  "2026-02-20",
  "2026-05-01",
  "2026-05-04",
  "2026-05-05",
  "2026-10-01",
  "2026-10-02",
  "2026-10-05",
  "2026-10-06",
  "2026-10-07",
]);
const MAKEUP = new Set(["2026-02-14", "2026-02-28", "2026-10-10"]);
const day = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
const working = (d: string) => MAKEUP.has(d) || (!HOLIDAYS.has(d) && weekday(d) !== 0 && weekday(d) !== 6);
const onOrAfter = (d: string) => {
  let x = d;
  while (!working(x)) x = day(x, 1);
  return x;
};
/** The n-th working day after d (n ≥ 1). */
const workday = (d: string, n: number) => {
  let x = d;
  for (let left = n; left > 0;) if (working((x = day(x, 1)))) left -= 1;
  return x;
};
const addMonths = (d: string, m: number) => {
  const [y, mo, dd] = d.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (mo - 1) + m;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
};
/** A local wall-clock time in Shanghai (UTC+8, no DST) as an ISO instant. */
const at = (d: string, hh: number, mm = 0) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + ((hh - 8) * 60 + mm) * 60_000).toISOString();

// ─── the branch ───
const UNITS = ["S1", "S2", "S3", "S4"];
const code = (n: number) => `Y${String(n).padStart(2, "0")}`;
// Y01 executive, Y02 branch manager, Y03 HR, Y04 compliance, Y05 compliance head, Y06–Y08 auditors,
// Y09–Y12 sub-branch managers, Y13–Y36 key-post holders (6 per sub-branch), Y37–Y60 their substitutes.
const HOLDERS = Array.from({ length: 24 }, (_, i) => {
  const n = i + 1;
  const k = ((n - 1) % 6) + 1;
  const unit = UNITS[Math.floor((n - 1) / 6)]!;
  const months = k === 6 ? 12 : 36; // the sixth post of each sub-branch is a cash post (12 months)
  const start =
    k === 6
      ? ["2025-05-01", "2025-09-01", "2026-02-01", "2026-03-01"][Math.floor((n - 1) / 6)]!
      : addMonths("2023-01-01", 2 * n);
  return {
    n,
    holder: code(12 + n),
    substitute: code(36 + n),
    manager: code(8 + UNITS.indexOf(unit) + 1),
    unit,
    post: `P-${unit}-${k}`,
    months,
    start,
  };
});

// ─── the plan: 8 leaves five weeks apart, a Monday-to-Friday working week each, planned the Monday before ───
const LEAVE_COUNT = 8;
interface LeavePlan {
  readonly i: number;
  readonly h: (typeof HOLDERS)[number];
  readonly planOn: string;
  readonly start: string;
  readonly end: string;
  readonly returnAt: string; // Saturday 00:00
  readonly holderAck: "monday" | "tuesday" | "after_return";
  readonly witnessLate: boolean;
  readonly signLate: boolean;
  readonly rectification: null | "on_time" | "late" | "never";
}
function planYear(): LeavePlan[] {
  const out: LeavePlan[] = [];
  let monday = "2026-01-12";
  for (let i = 0; i < LEAVE_COUNT; i += 1) {
    while (
      ![0, 1, 2, 3, 4].every((d) => working(day(monday, d)) && weekday(day(monday, d)) === 1 + d) ||
      !working(day(monday, -7))
    )
      monday = day(monday, 7);
    out.push({
      i,
      h: HOLDERS[i]!,
      planOn: day(monday, -7),
      start: monday,
      end: day(monday, 4),
      returnAt: at(day(monday, 5), 0),
      holderAck: i >= 6 ? "after_return" : i >= 4 ? "tuesday" : "monday",
      witnessLate: i === 2 || i === 5,
      signLate: [1, 6].includes(i),
      rectification: ([0, 3].includes(i)
        ? "on_time"
        : i === 4
          ? "late"
          : i === 7
            ? "never"
            : null) as LeavePlan["rectification"],
    });
    monday = day(monday, 35);
  }
  return out;
}
const LEAVES = planYear();

const YEAR_END = at("2026-12-31", 12);
/** Where the run's time goes (printed, not asserted). */
const SPENT = { ticks: 0, people: 0 };

describe("a 60-person branch through 2026, ticked day by day (SQLite)", () => {
  let db: TestDatabase;
  let w: Ticking;
  const id = new Map<string, string>(); // employee code → id
  const leaveIdOf = new Map<number, string>();
  const auditIdOf = new Map<number, string>();
  let elapsedMs = 0;

  async function seed(): Promise<void> {
    const people: BankPerson[] = [];
    const person = (n: number, unit: string, grants: [string, string][]) =>
      people.push({
        code: code(n),
        name: `员工${n}`,
        nameEn: `Staff ${n}`,
        email: `${code(n).toLowerCase()}@branch.example`,
        unit,
        grants,
        chat: { platform: "slack", externalId: `U0YEAR${String(n).padStart(3, "0")}`, tenantId: "T0YEAR" },
      });
    person(1, "YB", [["executive", "YB"]]);
    person(2, "YB", [["manager", "YB"]]);
    person(3, "YB", [["hr", "YB"]]);
    person(4, "YB", [["compliance", "YB"]]);
    person(5, "YB", [["compliance_head", "YB"]]);
    for (const n of [6, 7, 8]) person(n, "YB", [["auditor", "YB"]]);
    for (const [k, u] of UNITS.entries()) person(9 + k, u, [["manager", u]]);
    for (const h of HOLDERS) person(12 + h.n, h.unit, []);
    for (const h of HOLDERS) person(36 + h.n, h.unit, []);
    const policy = (code: string, name: string, category: string | null, maxTenureMonths: number) => ({
      code,
      name,
      category,
      maxTenureMonths,
      leaveEveryMonths: 12,
      leaveMinWorkingDays: 5,
      complianceLeadWorkingDays: 2,
      warningDays: "90,30,7",
      reminderHours: "24,48",
      escalateAfterHours: 72,
    });
    const bank = await seedBranchBank(db, {
      calendar: {
        code: "YB-2026",
        name: "Branch calendar 2026",
        days: [
          ...[...HOLIDAYS].map((date) => ({ date, kind: "holiday" as const, name: "holiday" })),
          ...[...MAKEUP].map((date) => ({ date, kind: "workday" as const, name: "make-up day" })),
        ],
      },
      units: [
        { code: "YB", name: "Branch", kind: "branch", timeZone: "Asia/Shanghai", onCalendar: true },
        ...UNITS.map((u) => ({
          code: u,
          name: u,
          kind: "sub_branch",
          parent: "YB",
          timeZone: "Asia/Shanghai",
          onCalendar: false,
        })),
      ],
      people,
      policies: [policy("YB-OPS", "Operations", "operations", 36), policy("YB-CASH", "Cash posts", null, 12)],
      checklistCode: "CL-YB",
      posts: HOLDERS.map((h) => ({
        code: h.post,
        name: `岗位 ${h.post}`,
        nameEn: `Post ${h.post}`,
        unit: h.unit,
        holder: h.holder,
        startDate: h.start,
        ...(h.months === 12 ? { policy: "YB-CASH" } : {}),
      })),
    });
    for (const [c, pid] of bank.ids) id.set(c, pid);
  }

  const as = (who: string) => id.get(who)!;
  async function must<I>(useCase: UseCase<I>, raw: unknown, who: string): Promise<void> {
    const outcome: Outcome = await w.run(useCase, raw, as(who));
    if (!outcome.ok) throw new Error(`${who} ${useCase.name} refused: ${outcome.code} ${JSON.stringify(outcome)}`);
  }

  /** Everyone acknowledges what they were sent today, except the acknowledgements the plan holds back. */
  async function diligent(now: string): Promise<void> {
    const held = new Set<string>();
    for (const l of LEAVES) {
      const leaveId = leaveIdOf.get(l.i);
      const ackOn =
        l.holderAck === "monday" ? l.start : l.holderAck === "tuesday" ? day(l.start, 1) : workday(l.end, 1);
      if (leaveId && now < at(ackOn, 9, 30)) held.add(`${as(l.h.holder)}:leave:${leaveId}`);
    }
    const recent = new Date(Date.parse(now) - 10 * 86_400_000);
    const rows = await db.prisma.notice.findMany({
      where: {
        status: "sent",
        acknowledgedAt: null,
        sentAt: { gte: recent },
        card: { contains: '"en":"Acknowledge"' },
      },
      orderBy: { dedupeKey: "asc" },
    });
    const done = new Set<string>();
    for (const row of rows) {
      const key = `${row.recipientId}:${row.subjectType}:${row.subjectId}`;
      if (held.has(key) || done.has(key)) continue;
      done.add(key);
      const card = JSON.parse(row.card) as { actions: { token: string; label: { en: string } }[] };
      const ack = card.actions.find((a) => a.label.en === "Acknowledge");
      if (ack)
        expect(
          (await pressAction(w.kernel, ACTIONS, { token: ack.token }, { personId: row.recipientId, platform: "slack" }))
            .ok,
        ).toBe(true);
    }
    // The branch manager approves a yearly rotation plan the day it reaches them.
    for (const row of await db.prisma.notice.findMany({
      where: {
        status: "sent",
        kind: "rotation_plan_drafted",
        sentAt: { gte: recent },
        card: { contains: "Approve the plan" },
      },
    })) {
      const card = JSON.parse(row.card) as { actions: { token: string; label: { en: string } }[] };
      const approve = card.actions.find((a) => a.label.en === "Approve the plan");
      if (approve)
        await pressAction(
          w.kernel,
          ACTIONS,
          { token: approve.token },
          { personId: row.recipientId, platform: "slack" },
        );
    }
  }

  /** What each leave's people do on a working day at 09:30 (after that day's 09:00 tick). */
  async function act(today: string): Promise<void> {
    for (const l of LEAVES) {
      const leaveId = leaveIdOf.get(l.i);
      const auditId = auditIdOf.get(l.i);
      const h = l.h;
      w.clock.set(at(today, 9, 30));
      if (today === l.planOn) {
        await must(
          planLeave,
          {
            post: h.post,
            startDate: l.start,
            endDate: l.end,
            kind: "regular",
            trigger: "periodic",
            substitute: h.substitute,
          },
          "Y03",
        );
        const leave = await db.prisma.leave.findFirstOrThrow({ where: { holderId: as(h.holder), startDate: l.start } });
        leaveIdOf.set(l.i, leave.id);
        const audit = await db.prisma.audit.findFirstOrThrow({ where: { leaveId: leave.id } });
        auditIdOf.set(l.i, audit.id);
        await must(
          formTeam,
          {
            auditId: audit.id,
            team: [
              { person: "Y06", role: "team_leader" },
              { person: "Y07", role: "lead_auditor" },
            ],
          },
          "Y04",
        );
        await must(draftPlan, { auditId: audit.id, plan: "Count, check vouchers, review authorisations." }, "Y06");
        await must(approvePlan, { auditId: audit.id }, "Y05");
      }
      if (!leaveId || !auditId || today < l.start || today > workday(rectificationDue(l), 3)) continue;
      const handover = (purpose: string) => db.prisma.handover.findFirstOrThrow({ where: { leaveId, purpose } });
      if (today === l.start) {
        const takeover = await handover("leave_start");
        await must(confirmHandoverAll, { handoverId: takeover.id }, h.holder);
        await must(confirmHandoverAll, { handoverId: takeover.id }, h.substitute);
        if (!l.witnessLate) await must(confirmHandoverAll, { handoverId: takeover.id }, h.manager);
      }
      if (l.witnessLate && today === day(l.start, 3))
        await must(confirmHandoverAll, { handoverId: (await handover("leave_start")).id }, h.manager);
      if (
        (l.holderAck === "tuesday" && today === day(l.start, 1)) ||
        (l.holderAck === "after_return" && today === workday(l.end, 1))
      )
        await must(acknowledgeLeave, { leaveId }, h.holder);
      if (today === day(l.start, 1)) {
        await must(issueNotice, { auditId }, "Y06");
        for (const seq of [1, 2])
          await must(
            markItem,
            {
              auditId,
              seq,
              result: seq === 2 && l.rectification ? "exception" : "pass",
              note: seq === 2 && l.rectification ? "Vouchers not reconciled" : "",
            },
            "Y07",
          );
        if (l.rectification) {
          await must(
            addFinding,
            { auditId, severity: "medium", itemSeq: 2, description: "Vouchers not reconciled" },
            "Y07",
          );
          await must(
            addRectification,
            {
              auditId,
              findingSeq: 1,
              owner: h.manager,
              dueDate: rectificationDue(l),
              description: `Reconcile vouchers of ${h.post}`,
            },
            "Y06",
          );
        }
      }
      if (today === day(l.start, 3)) {
        await must(draftReport, { auditId, report: "Done." }, "Y06");
        await must(giveOpinion, { auditId, agrees: true }, h.holder);
      }
      if (today === (l.signLate ? workday(l.end, 2) : l.end)) {
        await must(signReport, { auditId }, "Y01");
        if (!l.rectification) await must(closeAudit, { auditId }, "Y04");
      }
      if (today === workday(l.end, 1)) {
        const handBack = await handover("leave_return");
        for (const who of [h.substitute, h.holder, h.manager])
          await must(confirmHandoverAll, { handoverId: handBack.id }, who);
      }
      if (l.rectification === "on_time" || l.rectification === "late") {
        const closeOn =
          l.rectification === "on_time" ? workdayBefore(rectificationDue(l)) : workday(rectificationDue(l), 3);
        if (today === closeOn) {
          const item = await db.prisma.rectification.findFirstOrThrow({ where: { auditId } });
          await must(closeRectification, { rectificationId: item.id, note: "Reconciled." }, h.manager);
          await must(closeAudit, { auditId }, "Y04");
        }
      }
    }
    await diligent(w.clock.now().toISOString());
  }

  const rectificationDue = (l: LeavePlan) => onOrAfter(day(l.start, 21));
  const workdayBefore = (d: string) => {
    let x = day(d, -1);
    while (!working(x)) x = day(x, -1);
    return x;
  };

  beforeAll(async () => {
    db = await testDatabase("sqlite");
    // The scenario is about behaviour, not durability: no fsync per transaction on this throwaway file.
    await db.prisma.$queryRawUnsafe("PRAGMA synchronous = OFF");
    await db.prisma.$queryRawUnsafe("PRAGMA journal_mode = MEMORY");
    await seed();
    w = ticking(db, at("2026-01-01", 0));
    const started = performance.now();
    const extra = new Set<string>();
    for (const l of LEAVES) extra.add(at(l.start, 0)).add(l.returnAt);
    for (let d = "2026-01-01"; d <= "2026-12-31"; d = day(d, 1)) {
      for (const instant of [...extra]
        .filter((x) => x.startsWith(day(d, -1)) || x.startsWith(d))
        .filter((x) => x >= at(d, 0) && x < at(d, 9))
        .sort())
        await w.tickAt(instant);
      if (!working(d)) continue;
      const t0 = performance.now();
      await w.tickAt(at(d, 9));
      const t1 = performance.now();
      await act(d);
      SPENT.ticks += t1 - t0;
      SPENT.people += performance.now() - t1;
    }
    await w.tickAt(YEAR_END);
    elapsedMs = performance.now() - started;
  }, 600_000);
  afterAll(async () => db?.drop());

  const viewer = (): Actor => ({
    employeeId: as("Y04"),
    unitPath: "/YB/",
    grants: [{ role: "compliance", unitPath: "/YB/" }],
    onLeave: false,
  });
  const sentAll = () => w.notifier.sent;

  it("runs the year in reasonable time (figure printed)", () => {
    console.log(
      `year scenario: ${LEAVES.length} leaves, ${sentAll().length} deliveries, ${(elapsedMs / 1000).toFixed(1)} s (working-day ticks ${(SPENT.ticks / 1000).toFixed(1)} s, people's use cases ${(SPENT.people / 1000).toFixed(1)} s)`,
    );
    expect(workday(LEAVES.at(-1)!.end, 3) < "2026-12-31").toBe(true);
  });

  it("tells every holder and substitute at the start instant of their leave, and nobody outside before it", () => {
    for (const l of LEAVES) {
      const startsAt = at(l.start, 0);
      const told = sentAll().filter(
        (s) => s.subjectId === leaveIdOf.get(l.i) && s.kind === "leave_started" && !s.title.startsWith("Reminder"),
      );
      expect(told.map((s) => `${s.to}@${s.at}`)).toEqual([`${l.h.holder}@${startsAt}`]);
      const outsiders = new Set([l.h.holder, l.h.substitute, l.h.manager, "Y01", "Y02"]);
      const early = sentAll().filter(
        (s) => outsiders.has(s.to) && s.at < startsAt && [leaveIdOf.get(l.i), auditIdOf.get(l.i)].includes(s.subjectId),
      );
      expect(early).toEqual([]);
    }
  });

  it("reaches the states the plan leads to", async () => {
    const leaves = await db.prisma.leave.findMany();
    expect(leaves).toHaveLength(LEAVE_COUNT);
    expect(leaves.every((l) => l.status === "closed")).toBe(true);
    const audits = await db.prisma.audit.findMany();
    const expectedAudit = (l: LeavePlan) => (l.rectification === "never" ? "rectifying" : "closed");
    expect(
      Object.fromEntries(LEAVES.map((l) => [l.i, audits.find((a) => a.id === auditIdOf.get(l.i))?.status])),
    ).toEqual(Object.fromEntries(LEAVES.map((l) => [l.i, expectedAudit(l)])));
    // Tenure: every holding past its limit by the year's end has its rotation overdue; the others none.
    const overdue = HOLDERS.filter((h) => addMonths(h.start, h.months) < "2026-12-31")
      .map((h) => h.holder)
      .sort();
    const rotations = await db.prisma.rotation.findMany({ where: { status: "overdue" } });
    const codeOfId = new Map([...id].map(([c, i]) => [i, c]));
    expect(rotations.map((r) => codeOfId.get(r.outgoingId)).sort()).toEqual(overdue);
    expect(
      w.notifier.sent
        .filter((s) => s.kind === "leave_required")
        .map((s) => s.subjectType === "rotation" && s.to)
        .sort(),
    ).toEqual(overdue.map(() => "Y03"));
    // The yearly plan: drafted in January for 2026 (HR's unit YB), in December for 2027, each once.
    const plans = await db.prisma.rotationPlan.findMany({ orderBy: { year: "asc" } });
    const due2026 = HOLDERS.some((h) => addMonths(h.start, h.months).startsWith("2026"));
    const due2027 = HOLDERS.some((h) => addMonths(h.start, h.months).startsWith("2027"));
    expect(plans.map((p) => p.year)).toEqual([...(due2026 ? [2026] : []), ...(due2027 ? [2027] : [])]);
    expect(plans[0]?.status).toBe("approved");
  });

  it("sends exactly the reminders and escalations the plan's late and missing answers call for", async () => {
    const expected: string[] = [];
    const withheld: string[] = [];
    const escalated: string[] = [];
    for (const l of LEAVES) {
      // The holder's start notice is delivered at 00:00 on Monday; rungs fall on the 1st and 2nd working day after, at 09:00.
      if (l.holderAck !== "monday") expected.push(`${l.h.holder} leave ${workday(l.start, 1)}`);
      if (l.holderAck === "after_return") {
        expected.push(`${l.h.holder} leave ${workday(l.start, 2)}`);
        withheld.push(l.h.holder); // on leave at the third working day: never escalated
      }
      if (l.witnessLate) {
        expected.push(
          `${l.h.manager} handover ${workday(l.start, 1)}`,
          `${l.h.manager} handover ${workday(l.start, 2)}`,
        );
        escalated.push(`${l.h.manager}→Y02,Y04,Y05`);
      }
      // Report to sign delivered at Friday 09:00 (drafted Thursday); a late signer signs on the 2nd working day after, at 09:30.
      if (l.signLate)
        expected.push(`Y01 audit ${workday(day(l.start, 4), 1)}`, `Y01 audit ${workday(day(l.start, 4), 2)}`);
    }
    // A reminder is a line of the person's own daily digest, sent the day its rung falls (decision 15.21).
    const allLines = await db.prisma.digestLine.findMany();
    const digestsSent = sentAll().filter((s) => s.kind === "digest.daily");
    const reminders = digestsSent.flatMap((s) =>
      allLines
        .filter(
          (l) => l.digestKey === `digest.daily:${s.subjectId.slice("daily:".length)}` && l.lateId === l.recipientId,
        )
        .map(
          (l) => `${s.to} ${l.subjectType} ${new Date(Date.parse(s.at) + 8 * 3_600_000).toISOString().slice(0, 10)}`,
        ),
    );
    expect(reminders.sort()).toEqual(expected.sort());
    // Each went out at 09:00 local, one digest a person a day, each line shown as "Waiting for you".
    expect(digestsSent.every((s) => s.at.slice(11, 16) === "01:00")).toBe(true);
    expect(new Set(digestsSent.map((s) => s.subjectId)).size).toBe(digestsSent.length);
    expect(digestsSent.every((s) => s.card.fields.every((f) => f.label.en === "Waiting for you"))).toBe(true);
    const log = await db.prisma.auditLogEntry.findMany({
      where: { action: { in: ["notice.escalated", "notice.escalation_withheld"] } },
    });
    expect(
      log
        .filter((e) => e.action === "notice.escalation_withheld")
        .map((e) => JSON.parse(e.data).recipient)
        .sort(),
    ).toEqual(withheld.sort());
    expect(
      log
        .filter((e) => e.action === "notice.escalated")
        .map((e) => `${JSON.parse(e.data).recipient}→${[...JSON.parse(e.data).to].sort().join(",")}`)
        .sort(),
    ).toEqual(escalated.sort());
    // An escalation is a line of each recipient's digest for their next working morning (decision
    // 15.18). The late witness confirmed later on the day of the escalation, so every line dropped out
    // before its digest was due: no digest with an escalation line was sent, and nothing about the holder on
    // leave.
    const codeOfId = new Map([...id].map(([c, i]) => [i, c]));
    const lines = (await db.prisma.digestLine.findMany()).filter((l) => l.lateId !== l.recipientId);
    expect(lines.map((l) => `${codeOfId.get(l.lateId)}→${codeOfId.get(l.recipientId)}`).sort()).toEqual(
      escalated
        .flatMap((e) =>
          e
            .split("→")[1]!
            .split(",")
            .map((to) => `${e.split("→")[0]}→${to}`),
        )
        .sort(),
    );
    const escalationDigests = new Set(lines.map((l) => l.digestKey));
    expect(
      digestsSent.filter((s) => escalationDigests.has(`digest.daily:${s.subjectId.slice("daily:".length)}`)),
    ).toEqual([]);
    expect(
      (await db.prisma.notice.findMany({ where: { kind: "digest.daily" } }))
        .filter((n) => escalationDigests.has(n.dedupeKey.split("@")[0]!))
        .map((n) => n.status),
    ).toEqual(lines.map(() => "superseded"));
  });

  it("sends the due warnings once: late audits, due and overdue rectifications, no lead-time warning", () => {
    const late = LEAVES.filter((l) => l.signLate);
    expect(
      sentAll()
        .filter((s) => s.kind === "audit_late")
        .map((s) => `${s.to} ${s.subjectId}`)
        .sort(),
    ).toEqual(late.flatMap((l) => ["Y04", "Y05", "Y06"].map((c) => `${c} ${auditIdOf.get(l.i)}`)).sort());
    // Open on their due day (told that day), and overdue from the next day, within the year.
    const dueOpen = LEAVES.filter(
      (l) => (l.rectification === "late" || l.rectification === "never") && rectificationDue(l) <= "2026-12-31",
    );
    const overdueOpen = dueOpen.filter((l) => rectificationDue(l) < "2026-12-31");
    expect(dueOpen.length).toBeGreaterThan(0);
    expect(
      sentAll()
        .filter((s) => s.kind === "rectification_due")
        .map((s) => `${s.to} ${s.at}`)
        .sort(),
    ).toEqual(dueOpen.map((l) => `${l.h.manager} ${at(rectificationDue(l), 9)}`).sort());
    expect(
      sentAll()
        .filter((s) => s.kind === "rectification_overdue")
        .map((s) => s.to)
        .sort(),
    ).toEqual(overdueOpen.flatMap((l) => [l.h.manager, "Y04", "Y05"]).sort());
    expect(sentAll().filter((s) => s.kind === "leave_lead_time_short")).toEqual([]);
  });

  it("reports the figures the plan implies", async () => {
    const deps = reportDepsOf(db);
    const env = { now: new Date(YEAR_END) };
    const today = "2026-12-31";
    const rotation = await rotationComplianceReport(deps, viewer(), env);
    const within = HOLDERS.filter((h) => addMonths(h.start, h.months) >= today).length;
    expect([rotation.total.numerator, rotation.total.denominator]).toEqual([within, 24]);
    const coverage = await leaveCoverageReport(deps, viewer(), env);
    expect([coverage.total.numerator, coverage.total.denominator]).toEqual([LEAVES.length, 24]);
    const timeliness = await auditTimelinessReport(deps, viewer(), env);
    expect([timeliness.total.numerator, timeliness.total.denominator]).toEqual([
      LEAVES.filter((l) => !l.signLate).length,
      LEAVES.length,
    ]);
    const closure = await rectificationClosureReport(deps, viewer(), env);
    const items = LEAVES.filter((l) => l.rectification !== null && rectificationDue(l) < today);
    expect([closure.total.numerator, closure.total.denominator]).toEqual([
      items.filter((l) => l.rectification !== "never").length,
      items.length,
    ]);
    expect(closure.closedOnTime.numerator).toBe(items.filter((l) => l.rectification === "on_time").length);
  });
});
