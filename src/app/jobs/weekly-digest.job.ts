// digest.weekly — once per ISO week (the slot; the database claims it once): one notice to each
// compliance officer, head of compliance and executive with the week's warnings (the early-warning
// list, open as of the run) and the regulator's figures — the same reports, run as that reader,
// so the numbers are the reports' own and a sealed leave counts only for those the secrecy rule
// lets count it (report-scope.ts). Delivered on their first working morning of the week, 09:00 on
// their unit's calendar (Monday unless it is a holiday); decision 15.19.
// A service that first ticks in a week after the reader's first working day is over writes no digest
// that week for them (the slot is spent); one that ticks later on that day sends it at once.
// In defaultJobs since decision 15.22.
import { addDays, fromEpochDay, OFFICE_HOURS, startOfWorkingDay } from "../../domain/calendar/index.ts";
import { toEpochDay, type LocalDate } from "../../domain/calendar/local-date.ts";
import type { Role } from "../../domain/access/roles.ts";
import type { Card, CardField } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { WARNING_LABEL } from "../chat-commands/role-summary.ts";
import { envOf } from "../kernel/execute.ts";
import { platformsOf } from "../kernel/notify.ts";
import type { Env } from "../kernel/use-case.ts";
import { actorOf } from "../people/actor-of.ts";
import { figureText } from "../questions/figures.answer.ts";
import { memoReportDeps } from "../questions/memo-report-queries.ts";
import { auditTimelinessReport } from "../reports/audit-timeliness.report.ts";
import { earlyWarningsReport } from "../reports/early-warnings.report.ts";
import { leaveCoverageReport } from "../reports/leave-coverage.report.ts";
import { rectificationClosureReport } from "../reports/rectification-closure.report.ts";
import { rotationComplianceReport } from "../reports/rotation-compliance.report.ts";
import { calendarOf, DIGEST_SUBJECT } from "./daily-digest.ts";
import type { ScheduledJob } from "./tick.ts";

export const WEEKLY_DIGEST_JOB = "digest.weekly";
export const WEEKLY_DIGEST_KIND = "digest.weekly";
const READERS: readonly Role[] = ["compliance", "compliance_head", "executive"];

/** The Monday (UTC calendar) of the ISO week `at` falls in. */
export function mondayOf(at: Date): LocalDate {
  const epochDay = Math.floor(at.getTime() / 86_400_000);
  const weekday = ((epochDay + 3) % 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
  return fromEpochDay(epochDay - (weekday - 1));
}

/** "2026-W10": the ISO week `at` falls in (UTC), the job's slot. */
export function isoWeekOf(at: Date): string {
  const monday = mondayOf(at);
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toEpochDay(thursday) - toEpochDay(`${year}-01-01` as LocalDate)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

async function weeklyCard(tx: TxPorts, env: Env, person: Person, monday: LocalDate, id: string): Promise<Card> {
  const deps = memoReportDeps(tx.questions, tx.questions.units());
  const viewer = await actorOf(tx, person);
  const at = { now: env.now };
  const coverage = await leaveCoverageReport(deps, viewer, at);
  const figures: CardField[] = [
    {
      label: bi("轮岗合规率", "Rotation compliance"),
      value: figureText((await rotationComplianceReport(deps, viewer, at)).total),
    },
    {
      label: bi("强制休假覆盖率", "Leave coverage"),
      value: figureText(coverage.total),
    },
    {
      // Planned leaves count here only for readers who may see them (a sealed leave: HR, compliance).
      label: bi("强制休假覆盖率（含已安排）", "Leave coverage, planned leaves included"),
      value: figureText(coverage.coveredOrPlanned),
    },
    {
      label: bi("审计及时率", "Audit timeliness"),
      value: figureText((await auditTimelinessReport(deps, viewer, at)).total),
    },
    {
      label: bi("整改关闭率", "Rectification closure"),
      value: figureText((await rectificationClosureReport(deps, viewer, at)).total),
    },
  ];
  const warnings = (await earlyWarningsReport(deps, viewer, at)).byKind;
  const open = warnings.filter((k) => k.numerator > 0);
  const total = open.reduce((n, k) => n + k.numerator, 0);
  return {
    title: bi(`每周摘要：${monday} 起的一周`, `Weekly digest: week of ${monday}`),
    text: bi(
      total === 0 ? "本周开始时没有待处理的预警。" : `本周开始时有 ${total} 项待处理的预警。`,
      total === 0
        ? "No open warnings at the start of the week."
        : `${total} open ${total === 1 ? "warning" : "warnings"} at the start of the week.`,
    ),
    fields: [
      ...open.map((k) => ({ label: WARNING_LABEL[k.kind], value: bi(String(k.numerator), String(k.numerator)) })),
      ...figures,
    ],
    actions: [],
    footer: bi(
      "指标与 /keypost report 的报表一致，按您的管辖范围统计；审计、发现和整改按近 12 个月统计。",
      "The figures are the reports' (/keypost report) over your units; audits and rectification: the last 12 months.",
    ),
    subject: { type: DIGEST_SUBJECT, id, version: 1 },
  };
}

/** Writes this week's digest for every reader who has none yet; returns how many were written. */
export async function writeWeeklyDigests(tx: TxPorts, env: Env): Promise<number> {
  const week = isoWeekOf(env.now);
  const monday = mondayOf(env.now);
  const readers = new Map<string, Person>();
  for (const role of READERS) for (const p of await tx.people.withRole(role)) readers.set(p.id, p);
  let written = 0;
  for (const person of readers.values()) {
    const calendar = await calendarOf(tx, person);
    const first = calendar.isWorkingDay(monday) ? monday : calendar.nextWorkingDay(monday);
    // A week whose first working day is over for this reader (the service was down, or started
    // mid-week) gets no digest: a "weekly digest" on a Wednesday is noise; next week's comes.
    if (env.now >= startOfWorkingDay(first, calendar.timeZone, OFFICE_HOURS.end)) continue;
    const id = `weekly:${person.id}:${week}`;
    const created = await tx.outbox.enqueue(
      {
        dedupeKey: `${DIGEST_SUBJECT}.${id}`,
        recipientId: person.id,
        kind: WEEKLY_DIGEST_KIND,
        subjectType: DIGEST_SUBJECT,
        subjectId: id,
        card: await weeklyCard(tx, env, person, first, id),
        visibleFrom: startOfWorkingDay(first, calendar.timeZone, OFFICE_HOURS.start),
      },
      await platformsOf(tx, person.id),
    );
    if (created) written += 1;
  }
  return written;
}

export const weeklyDigestJob: ScheduledJob = {
  name: WEEKLY_DIGEST_JOB,
  slotOf: isoWeekOf,
  run: async (kernel, at) => {
    const env = { ...envOf(kernel), now: at };
    return { written: await kernel.uow.run((tx) => writeWeeklyDigests(tx, env)) };
  },
};
