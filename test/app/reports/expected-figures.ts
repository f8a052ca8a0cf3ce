// The figures the report bank should give, worked out from its plain facts with plain code (no
// report query involved): the tests compare the reports with these. Dates in the facts are local
// to Asia/Shanghai (+08:00), so an instant's local date is its first ten characters.
import { addMonths } from "../../../src/domain/calendar/index.ts";
import {
  AUDITS,
  LEAVES,
  NOTICES,
  POLICIES,
  POSTS,
  TODAY,
  type AuditSeed,
  type LeaveSeed,
  type PostSeed,
} from "./report-bank.ts";

type Unit = "HO" | "BR1" | "SB1" | "BR2";

/** A viewer as the tests describe one: the units their reporting grants reach, and whether they are HR or compliance there. */
export interface ViewerSpec {
  readonly units: readonly Unit[];
  readonly insider: boolean;
}

export const VIEWERS = {
  compliance: { units: ["HO", "BR1", "SB1", "BR2"], insider: true },
  hr: { units: ["BR1", "SB1"], insider: true },
  manager: { units: ["SB1"], insider: false },
  otherManager: { units: ["BR2"], insider: false },
} as const satisfies Record<string, ViewerSpec>;

const STARTED = ["started", "handed_over", "audit", "returning", "closed"];
const PLANNED = ["planned", "compliance_notified"];
const post = (code: string): PostSeed => POSTS.find((p) => p.code === code)!;
const day = (instant: string): string => instant.slice(0, 10);

export function policyOf(p: PostSeed) {
  if (p.override) return POLICIES[p.override];
  return Object.values(POLICIES).find((x) => x.category === p.category)!;
}

/** Monday–Friday days in [from, to]. */
export function weekdays(from: string, to: string): number {
  let n = 0;
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n += 1;
  return n;
}

export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function leaveCounts(v: ViewerSpec, l: LeaveSeed): boolean {
  const revealed = !l.sealed || (STARTED.includes(l.status) && l.start <= TODAY);
  return revealed || (v.insider && v.units.includes(post(l.post).unit));
}

export function holdings(v: ViewerSpec): PostSeed[] {
  return POSTS.filter((p) => p.active && p.holder !== null && v.units.includes(p.unit));
}

export function keyPosts(v: ViewerSpec) {
  const posts = POSTS.filter((p) => p.active && v.units.includes(p.unit));
  const checklist = (p: PostSeed) => p.checklist === "CL-TELLER"; // CL-EMPTY has no items
  return {
    posts: posts.length,
    standard: posts.filter((p) => p.standard).length,
    checklist: posts.filter(checklist).length,
    both: posts.filter((p) => p.standard && checklist(p)).length,
  };
}

export function withinTenure(v: ViewerSpec): { within: string[]; holders: string[] } {
  const hs = holdings(v);
  return {
    within: hs.filter((p) => TODAY <= addMonths(p.start!, policyOf(p).maxTenureMonths)).map((p) => p.holder!),
    holders: hs.map((p) => p.holder!),
  };
}

export function coverage(v: ViewerSpec): { covered: string[]; coveredOrPlanned: string[]; holders: string[] } {
  const hs = holdings(v);
  const from = addMonths(TODAY, -12);
  const qualifies = (p: PostSeed, l: LeaveSeed) =>
    l.holder === p.holder && leaveCounts(v, l) && weekdays(l.start, l.end) >= policyOf(p).leaveMinWorkingDays;
  const covered = hs.filter((p) =>
    LEAVES.some((l) => qualifies(p, l) && STARTED.includes(l.status) && l.start >= from && l.start <= TODAY),
  );
  const planned = hs.filter((p) =>
    LEAVES.some((l) => qualifies(p, l) && PLANNED.includes(l.status) && l.start >= TODAY),
  );
  return {
    covered: covered.map((p) => p.holder!),
    coveredOrPlanned: hs.filter((p) => covered.includes(p) || planned.includes(p)).map((p) => p.holder!),
    holders: hs.map((p) => p.holder!),
  };
}

export function visibleAudits(v: ViewerSpec): AuditSeed[] {
  return AUDITS.filter(
    (a) =>
      a.status !== "cancelled" &&
      v.units.includes(post(a.post).unit) &&
      (a.leave === null ||
        leaveCounts(
          v,
          LEAVES.find((l) => l.key === a.leave)!,
        )),
  );
}

export function auditTimeliness(v: ViewerSpec, from = addMonths(TODAY, -12)) {
  const due = visibleAudits(v).filter((a) => a.due !== null && a.due >= from && a.due < TODAY);
  const doneOn = (a: AuditSeed) =>
    [a.signedAt, a.closedAt]
      .filter((x): x is string => x !== null)
      .map(day)
      .sort()[0] ?? null;
  const onTime = due.filter((a) => doneOn(a) !== null && doneOn(a)! <= a.due!);
  return {
    due: due.map((a) => a.key),
    onTime: onTime.map((a) => a.key),
    withoutDueDate: visibleAudits(v).filter((a) => a.due === null && a.status !== "closed").length,
  };
}

export function findings(v: ViewerSpec, from = addMonths(TODAY, -12)) {
  const all = visibleAudits(v).flatMap((a) => a.findings.filter((f) => day(f.at) >= from && day(f.at) <= TODAY));
  const count = (s: string) => all.filter((f) => f.severity === s).length;
  return {
    total: all.length,
    low: count("low"),
    medium: count("medium"),
    high: count("high"),
    critical: count("critical"),
    serious: count("high") + count("critical"),
  };
}

export function rectifications(v: ViewerSpec, from = addMonths(TODAY, -12)) {
  const due = visibleAudits(v).flatMap((a) => a.items.filter((r) => r.due >= from && r.due < TODAY));
  return {
    due: due.length,
    closed: due.filter((r) => r.closedAt !== null).length,
    onTime: due.filter((r) => r.closedAt !== null && day(r.closedAt) <= r.due).length,
    open: due.filter((r) => r.closedAt === null).length,
  };
}

/** The early-warning list as (kind, who) pairs, sorted. */
export function warnings(v: ViewerSpec, horizonDays = 0): string[] {
  const out: string[] = [];
  for (const p of holdings(v)) {
    const pol = policyOf(p);
    const deadline = addMonths(p.start!, pol.maxTenureMonths);
    if (TODAY > deadline) out.push(`tenure_overdue ${p.holder}`);
    else if (pol.warningDays.some((w) => daysFrom(TODAY, deadline) <= w)) out.push(`tenure_warning ${p.holder}`);
    const ends = LEAVES.filter((l) => l.holder === p.holder && STARTED.includes(l.status) && leaveCounts(v, l))
      .map((l) => l.end)
      .sort();
    const dueDate = addMonths(ends.at(-1) ?? p.start!, pol.leaveEveryMonths);
    if (TODAY > dueDate) out.push(`leave_overdue ${p.holder}`);
    else if (daysFrom(TODAY, dueDate) <= horizonDays) out.push(`leave_due ${p.holder}`);
  }
  const nowMs = Date.parse("2026-03-16T10:00:00+08:00");
  for (const n of NOTICES) {
    if (n.acknowledged || n.status === "superseded" || (n.visibleFrom && Date.parse(n.visibleFrom) > nowMs)) continue;
    const leave = n.subject === "leave" ? LEAVES.find((l) => l.key === n.about)! : null;
    const postCode = n.subject === "rotation" ? n.about : leave?.post;
    const unit: Unit = postCode ? post(postCode).unit : n.to === "E-MG" ? "SB1" : "HO";
    if (!v.units.includes(unit) || (leave && !leaveCounts(v, leave)) || (!postCode && !v.insider)) continue;
    const hours = postCode ? policyOf(post(postCode)).escalateAfterHours : 72;
    if ((nowMs - Date.parse(n.at)) / 3_600_000 > hours) out.push(`notice_unacknowledged ${n.to}`);
  }
  for (const a of visibleAudits(v)) {
    if (a.due !== null && a.due < TODAY && a.signedAt === null && a.closedAt === null)
      out.push(`audit_late ${a.holder}`);
    for (const r of a.items) if (r.closedAt === null && r.due < TODAY) out.push(`rectification_overdue ${a.holder}`);
  }
  return out.sort();
}
