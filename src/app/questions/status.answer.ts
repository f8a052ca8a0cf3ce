// "Anything about one named person or unit": a person's key posts (since when, tenure limit),
// when their next mandatory leave is due (the early warnings' leave clock), their leave now or
// ahead and their open audits — each leave only as the secrecy rule lets the
// asker count it; a unit's key-post holders who stand out (on leave, overdue, or due within 90
// days — everyone else is a count; "who holds key posts in …" lists all, holders.answer.ts), leaves
// today, rotations due or overdue, open and late audits and open handovers.
import { compareLocalDates, daysBetween, type LocalDate } from "../../domain/calendar/index.ts";
import { STARTED_STATES } from "../../domain/leave/leave.machine.ts";
import { nextLeaveDue, tenureDeadline } from "../../domain/policy/policy-dates.ts";
import type { LeaveFact } from "../../ports/report-queries.ts";
import { leaveClock } from "../reports/due-dates.ts";
import type { Card, CardField } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { LEAVE_STATE_LABEL } from "../leave/leave-card-parts.ts";
import { STATE_LABELS } from "../audit/audit-card-parts.ts";
import type { AuditState } from "../../domain/audit/audit.machine.ts";
import { loadAudits } from "../reports/audits.ts";
import { rotationComplianceReport } from "../reports/rotation-compliance.report.ts";
import { whereDidPersonGo } from "../rotation/register-queries.ts";
import { reportContext, reportInputs, unitOf, type Asking } from "./answer-context.ts";
import { unitIdsIn } from "./memo-report-queries.ts";
import { isLate } from "./audit.answer.ts";
import { todayIn } from "./date-phrases.ts";
import { DEFAULT_DUE_DAYS } from "./rotation.answer.ts";
import { listCard } from "./question-card.ts";
import { candidatesCard, notFoundCard, resolvePerson } from "./resolve-name.ts";

export async function answerPersonStatus(a: Asking): Promise<Card> {
  const phrase = a.parsed.slots.person ?? "";
  const found = await resolvePerson(a, phrase);
  if (found.kind === "none") return notFoundCard("person", phrase);
  if (found.kind === "many") return candidatesCard(a, "person", phrase, found.matches);
  const person = found.match;
  // Independent reads, sent together (on PostgreSQL they pipeline: 16.s11-4).
  const [ctx, history] = await Promise.all([reportContext(a, undefined), whereDidPersonGo(a.tx, person.code)]);
  const today = todayIn(a.env.now, a.who.person.unitTimeZone);
  const [personLeaves, personAudits] = await Promise.all([
    ctx.deps.queries.leavesOf([person.id]),
    loadAudits(ctx, {}, person.id),
    a.names.load([person.code]),
  ]);
  // Only the leaves the asker may count (a sealed one is not theirs to see) set the leave clock.
  const counted = personLeaves.filter((l) => ctx.counts(l));
  const lastEnd = lastLeaveEnd(counted);
  const posts: string[] = [];
  const deadlines: string[] = [];
  const leaveDues: string[] = [];
  const paths = new Set<string>();
  for (const h of history?.holdsNow ?? []) {
    const unit = a.units.find((u) => u.code === h.post.unitCode);
    if (!unit) continue;
    paths.add(unit.path);
    const fact = (await ctx.deps.queries.posts([unit.path])).find((p) => p.code === h.post.code);
    const policy = fact ? ctx.policyOf(fact) : undefined;
    const deadline = policy ? tenureDeadline(h.since, policy) : undefined;
    if (deadline) deadlines.push(deadline);
    if (policy) leaveDues.push(nextLeaveDue(leaveClock(h.since, lastEnd), policy));
    posts.push(`${h.post.code} (${h.since}${deadline ? ` → ${deadline}` : ""})`);
  }
  const leaves = counted.filter(
    (l) => l.status !== "cancelled" && l.status !== "closed" && compareLocalDates(l.endDate, today) >= 0,
  );
  const audits = personAudits.filter((v) => v.fact.status !== "closed");
  const unit = a.units.find((u) => u.code === person.unitCode);
  const due = [...deadlines].sort()[0];
  const left = due === undefined ? undefined : daysBetween(today, due);
  const leaveDue = [...leaveDues].sort()[0];
  const fields: CardField[] = [
    { label: bi("人员", "Person"), value: a.names.label(person) },
    {
      label: bi("机构", "Unit"),
      value: bi(
        `${unit?.name ?? person.unitCode}（${person.unitCode}）`,
        `${unit?.nameEn ?? person.unitCode} (${person.unitCode})`,
      ),
    },
    {
      label: bi("轮岗期限", "Rotation due"),
      value: due === undefined || left === undefined ? bi("不在关键岗位", "Holds no key post") : dueIn(due, today),
    },
    {
      label: bi("关键岗位（任职起 → 轮岗期限）", "Key posts (since → rotation limit)"),
      value: same(posts.join(", ") || "—"),
    },
    {
      label: bi("下次强制休假最晚开始", "Next mandatory leave due"),
      value: leaveDue === undefined ? bi("不在关键岗位", "Holds no key post") : dueIn(leaveDue, today),
    },
    {
      label: bi("强制休假", "Mandatory leave"),
      value:
        leaves.length === 0
          ? bi("无", "None")
          : bi(
              leaves.map((l) => `${l.startDate} 至 ${l.endDate}（${LEAVE_STATE_LABEL[l.status]["zh-CN"]}）`).join("；"),
              leaves.map((l) => `${l.startDate} to ${l.endDate} (${LEAVE_STATE_LABEL[l.status].en})`).join("; "),
            ),
    },
    {
      label: bi("离岗审计", "Off-post audits"),
      value:
        audits.length === 0
          ? bi("无", "None")
          : bi(
              audits
                .map(
                  (v) => `${v.fact.postCode} ${STATE_LABELS[v.fact.status as AuditState]?.["zh-CN"] ?? v.fact.status}`,
                )
                .join("；"),
              audits
                .map((v) => `${v.fact.postCode} ${STATE_LABELS[v.fact.status as AuditState]?.en ?? v.fact.status}`)
                .join("; "),
            ),
    },
  ];
  const en = a.names.label(person).en;
  return { title: bi(`${person.name} 的状态`, `Status of ${en}`), fields, actions: [] };
}

/** "2026-12-05 (in 4 days)", "2024-09-01 (821 days overdue)". */
function dueIn(date: LocalDate, today: LocalDate): Bilingual {
  const left = daysBetween(today, date);
  return left < 0
    ? bi(`${date}（已超期 ${-left} 天）`, `${date} (${-left} days overdue)`)
    : bi(`${date}（还有 ${left} 天）`, `${date} (in ${left} days)`);
}

/** The end of the latest mandatory leave that has started (the leave clock, as the early warnings count it). */
function lastLeaveEnd(leaves: readonly LeaveFact[]): LocalDate | null {
  const ends = leaves.filter((l) => STARTED_STATES.includes(l.status)).map((l) => l.endDate);
  return ends.length === 0 ? null : [...ends].sort().at(-1)!;
}

export async function answerUnitStatus(a: Asking): Promise<Card> {
  const unit = unitOf(a, a.parsed.slots.unit)!;
  const { deps, viewer, env } = reportInputs(a);
  // Independent reads, sent together (on PostgreSQL they pipeline: 16.s11-4).
  const [rotation, ctx] = await Promise.all([rotationComplianceReport(deps, viewer, env), reportContext(a)]);
  const today = todayIn(a.env.now, a.who.person.unitTimeZone);
  const ids = unitIdsIn(a.units, ctx.scope);
  const [leavesToday, allAudits, openHandovers] = await Promise.all([
    a.tx.questions.leavesBetween(ids, today, today),
    loadAudits(ctx, {}),
    a.tx.questions.openHandovers(ids),
  ]);
  const onLeave = leavesToday.filter((l) => ctx.inScope(l.unitId) && ctx.counts(l));
  const audits = allAudits.filter((v) => v.fact.status !== "closed");
  const handovers = openHandovers.filter((h) => ctx.inScope(h.unitId));
  const leaveIds = handovers.map((h) => h.leaveId).filter((id): id is string => id !== null);
  const counted = new Set((await ctx.deps.queries.leavesByIds(leaveIds)).filter((l) => ctx.counts(l)).map((l) => l.id));
  const rows = rotation.rows.filter((r) => r.deadline !== null && r.withinLimit !== null);
  const overdue = rows.filter((r) => r.withinLimit === false).length;
  const due = rows.filter(
    (r) => r.withinLimit === true && daysBetween(r.today, r.deadline!) <= DEFAULT_DUE_DAYS,
  ).length;
  const n = (x: number) => same(String(x));
  // Who: the key-post holders something stands out about, soonest rotation first.
  const holders = [...rotation.rows].sort(
    (x, y) =>
      (x.deadline ?? "9999-12-31").localeCompare(y.deadline ?? "9999-12-31") ||
      x.employeeCode.localeCompare(y.employeeCode),
  );
  await Promise.all([ctx.loadPeople(onLeave.map((l) => l.holderId)), a.names.load(holders.map((r) => r.employeeCode))]);
  const away = new Set(onLeave.map((l) => ctx.person(l.holderId).code));
  const standing = (r: (typeof holders)[number]) => {
    const notes: Bilingual[] = [];
    if (away.has(r.employeeCode)) notes.push(bi("休假中", "on leave"));
    if (r.deadline !== null && r.withinLimit === false)
      notes.push(
        bi(
          `轮岗超期 ${-daysBetween(r.today, r.deadline)} 天`,
          `rotation ${-daysBetween(r.today, r.deadline)} days overdue`,
        ),
      );
    else if (r.deadline !== null && daysBetween(r.today, r.deadline) <= DEFAULT_DUE_DAYS)
      notes.push(
        bi(`${daysBetween(r.today, r.deadline)} 天后到期`, `rotation due in ${daysBetween(r.today, r.deadline)} days`),
      );
    return notes.length === 0
      ? undefined
      : bi(notes.map((x) => x["zh-CN"]).join("，"), notes.map((x) => x.en).join(", "));
  };
  const standingOut = holders.flatMap((r) => {
    const note = standing(r);
    return note ? [{ r, note }] : [];
  });
  return listCard(a, {
    title: bi(`${unit.name}（${unit.code}）概况`, `${unit.nameEn ?? unit.code} (${unit.code})`),
    columns: [bi("在岗人", "Holder"), bi("岗位", "Post"), bi("轮岗期限", "Rotation due"), bi("提示", "Note")],
    rows: standingOut.map(({ r, note }) => [
      a.names.label({ code: r.employeeCode, name: r.employeeName }),
      same(r.postCode),
      same(r.deadline ?? "—"),
      note,
    ]),
    empty:
      rotation.rows.length === 0
        ? bi("这里没有关键岗位在岗人。", "No key post is held here.")
        : bi(
            `没有需要关注的在岗人：无人休假、超期或 ${DEFAULT_DUE_DAYS} 天内到期（问“关键岗位人员”看全部）。`,
            `Nobody stands out: no holder is on leave, overdue or due within ${DEFAULT_DUE_DAYS} days (ask “key-post holders” for all).`,
          ),
    fields: [
      { label: bi("关键岗位在岗人", "Key-post holders"), value: n(rotation.rows.length) },
      { label: bi("今天休假", "On leave today"), value: n(onLeave.length) },
      { label: bi("轮岗已超期", "Rotations overdue"), value: n(overdue) },
      { label: bi(`${DEFAULT_DUE_DAYS} 天内到期轮岗`, `Rotations due within ${DEFAULT_DUE_DAYS} days`), value: n(due) },
      { label: bi("进行中的审计", "Open audits"), value: n(audits.length) },
      { label: bi("逾期的审计", "Late audits"), value: n(audits.filter(isLate).length) },
      {
        label: bi("未完成的交接", "Open handovers"),
        value: n(handovers.filter((h) => h.leaveId === null || counted.has(h.leaveId)).length),
      },
    ],
  });
}
