// notice.ladder — reminders and escalation for every notice that awaits its recipient's action
// (acknowledgement, handover confirmation, audit opinion, approval, sign-off; awaited-actions.ts).
// The ladder is the policy's: the policy of the key post the notice is about (its override laid
// over its category default), else the active category default that escalates soonest. Hours count
// from the notice's first delivery (never before it was visible), on the recipient's unit's
// working days only, and a rung that falls outside office hours (09:00–18:00 there) waits for the
// next working day's 09:00 — also when a tick catches up at night. A notice awaits its recipient
// while their current card offers an awaited button: an acknowledged notice whose handover is still
// unconfirmed still awaits the confirmation; one whose only button was Acknowledge does not. Each rung happens once: `remindersSent` and `escalatedAt` are claimed
// by a conditional update before anything is written. After a stop, the ticks that resume send one
// reminder for the rungs missed (numbered by the latest), not a burst — within 45 days past the
// longest ladder: a notice older than that is not looked at any more.
// A suspended holder's silence is never escalated as misconduct: the escalation rung is recorded
// and logged as withheld, and nobody is told. A sealed leave is never mentioned to anyone who may
// not see it yet: a notice is reminded of only once it has been delivered (after its visibleFrom),
// and escalation recipients are filtered by the secrecy rule. An escalation is told as a line of each
// recipient's daily digest, on their next working morning (daily-digest.ts, decision 15.18); a
// reminder is a line of the reminded person's own digest of the day (decision 15.21).
import { actorOf } from "../people/actor-of.ts";
import { canSeeLeave } from "../../domain/access/secrecy.ts";
import { heldToOfficeHours, rungInstant, WorkingCalendar } from "../../domain/calendar/index.ts";
import type { PolicyRules } from "../../domain/policy/index.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { AwaitingNotice, NoticeCursor, SubjectLink } from "../../ports/scheduling-queries.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { envOf, type Kernel } from "../kernel/execute.ts";
import type { Env } from "../kernel/use-case.ts";
import { findLeave, sealedUntilOf, visibilityOf, type LeaveFacts } from "../leave/leave-facts.ts";
import { nearestWithRole } from "../people/rotation-people.ts";
import { awaitedOn, awaits } from "./awaited-actions.ts";
import { addDigestLine, addReminderLine } from "./daily-digest.ts";
import { awaitedLabel } from "./ladder-cards.ts";
import { everyMinute, type ScheduledJob } from "./tick.ts";

export const NOTICE_LADDER_JOB = "notice.ladder";
const BATCH = 500;
const HOUR_MS = 3_600_000;
/** How far past the longest ladder a notice is still looked at (holidays, a service stopped for weeks). */
const LOOKBACK_MARGIN_DAYS = 45;
const NO_LINK: SubjectLink = { postId: null, leaveId: null };

export interface LadderReport {
  looked: number;
  reminded: number;
  escalated: number;
  withheld: number;
  settled: number;
}

interface Rungs {
  /** How many reminder rungs are due now (counting those already sent). */
  readonly remindersDue: number;
  readonly escalationDue: boolean;
}

function rungsDue(notice: AwaitingNotice, policy: PolicyRules, calendar: WorkingCalendar, now: Date): Rungs {
  const hours = [...policy.reminderHours].sort((a, b) => a - b).filter((h) => h < policy.escalateAfterHours);
  let remindersDue = 0;
  for (const h of hours) if (rungInstant(notice.since, h, calendar) <= now) remindersDue += 1;
  return { remindersDue, escalationDue: rungInstant(notice.since, policy.escalateAfterHours, calendar) <= now };
}

/** Subjects that touch a mandatory leave or a major-event report: compliance hears of escalations too. */
const COMPLIANCE_SUBJECTS = new Set(["leave", "handover", "audit", "rectification", "major_event"]);

interface Context {
  readonly notice: AwaitingNotice;
  readonly recipient: Person;
  readonly calendar: WorkingCalendar;
  readonly leave: LeaveFacts | undefined;
  readonly postUnitPath: string | null;
}

/** Policies and calendars read once per run: a tick looks at many notices of few posts and units. */
interface Caches {
  readonly policies: Map<string, PolicyRules | undefined>;
  readonly calendars: Map<string, WorkingCalendar>;
}

async function memo<T>(map: Map<string, T>, key: string, load: () => Promise<T>): Promise<T> {
  if (map.has(key)) return map.get(key) as T;
  const value = await load();
  map.set(key, value);
  return value;
}

async function ladderOf(
  tx: TxPorts,
  notice: AwaitingNotice,
  recipient: Person,
  caches: Caches,
  postId: string | null,
): Promise<{ policy: PolicyRules; calendar: WorkingCalendar } | undefined> {
  const policy = await memo(
    caches.policies,
    postId ?? "",
    async () =>
      (postId !== null ? await tx.scheduling.policyForPost(postId) : undefined) ??
      (await tx.scheduling.strictestDefault()),
  );
  if (!policy) return undefined;
  const calendar = await memo(
    caches.calendars,
    recipient.unitId,
    async () =>
      (await tx.scheduling.unitCalendar(recipient.unitId)) ??
      new WorkingCalendar({ code: "", timeZone: recipient.unitTimeZone }),
  );
  return { policy, calendar };
}

/** Who hears that `late` has not acted: their nearest managers (else executives), and compliance for leave and audit matters. */
async function escalationRecipients(tx: TxPorts, env: Env, ctx: Context): Promise<Person[]> {
  const { recipient, notice, leave } = ctx;
  const exclude = [recipient.id, leave?.leave.holderId ?? null];
  const found = new Map<string, Person>();
  if (notice.subjectType !== "major_event") {
    const managers = await nearestWithRole(tx, "manager", recipient.unitPath, exclude);
    for (const p of managers.length > 0
      ? managers
      : await nearestWithRole(tx, "executive", recipient.unitPath, exclude))
      found.set(p.id, p);
  }
  if (COMPLIANCE_SUBJECTS.has(notice.subjectType)) {
    const path = ctx.postUnitPath ?? recipient.unitPath;
    for (const role of ["compliance", "compliance_head"] as const) {
      for (const p of await tx.people.withRoleCovering(role, path)) if (!exclude.includes(p.id)) found.set(p.id, p);
    }
  }
  const out: Person[] = [];
  for (const person of found.values()) {
    if (person.status === "left") continue;
    if (leave && !canSeeLeave(await actorOf(tx, person), visibilityOf(leave), env.now)) continue;
    out.push(person);
  }
  return out;
}

/**
 * The rungs due on a notice now, with its calendar; undefined when none is (or the recipient has
 * left, or no policy applies), and when one is but it is outside the recipient's office hours.
 */
async function dueNow(
  tx: TxPorts,
  notice: AwaitingNotice,
  recipient: Person | undefined,
  link: SubjectLink,
  caches: Caches,
  now: Date,
): Promise<{ rungs: Rungs; remind: boolean; calendar: WorkingCalendar } | undefined> {
  if (!recipient || recipient.status === "left") return undefined;
  const ladder = await ladderOf(tx, notice, recipient, caches, link.postId);
  if (!ladder) return undefined;
  const rungs = rungsDue(notice, ladder.policy, ladder.calendar, now);
  const remind = rungs.remindersDue > notice.remindersSent;
  if (!remind && !rungs.escalationDue) return undefined;
  // Sent in office hours only, also when a tick catches up at night after a stop.
  if (heldToOfficeHours(now, ladder.calendar) > now) return undefined;
  return { rungs, remind, calendar: ladder.calendar };
}

/**
 * The notices of a page with a rung due now, from one read of their recipients and one of their
 * subjects' links per subject type: at a given tick most notices have no rung due, and they are
 * passed by without a transaction of their own (decision 13.s17-1).
 */
async function dueInPage(
  tx: TxPorts,
  notices: readonly AwaitingNotice[],
  caches: Caches,
  now: Date,
): Promise<AwaitingNotice[]> {
  if (notices.length === 0) return [];
  const recipients = new Map(
    (await tx.people.byIds([...new Set(notices.map((n) => n.recipientId))])).map((p) => [p.id, p]),
  );
  const links = new Map<string, Map<string, SubjectLink>>();
  for (const type of new Set(notices.map((n) => n.subjectType))) {
    const ids = notices.filter((n) => n.subjectType === type).map((n) => n.subjectId);
    links.set(type, await tx.scheduling.subjectLinks(type, ids));
  }
  const due: AwaitingNotice[] = [];
  for (const notice of notices) {
    const link = links.get(notice.subjectType)?.get(notice.subjectId) ?? NO_LINK;
    if (await dueNow(tx, notice, recipients.get(notice.recipientId), link, caches, now)) due.push(notice);
  }
  return due;
}

/** One notice's ladder, in one transaction, on what it reads again there. */
async function climb(
  tx: TxPorts,
  env: Env,
  notice: AwaitingNotice,
  caches: Caches,
  report: LadderReport,
): Promise<void> {
  const recipient = await tx.people.byId(notice.recipientId);
  const link = await tx.scheduling.subjectLink(notice.subjectType, notice.subjectId);
  const due = await dueNow(tx, notice, recipient, link, caches, env.now);
  if (!due || !recipient) return;
  const { rungs, remind } = due;
  const leave = link.leaveId !== null ? await findLeave(tx, link.leaveId) : undefined;
  const post = link.postId !== null ? await tx.posts.find(link.postId).catch(() => undefined) : undefined;
  const ctx: Context = {
    notice,
    recipient,
    calendar: due.calendar,
    leave,
    postUnitPath: post?.unitPath ?? leave?.leave.unitPath ?? null,
  };
  const actor = await actorOf(tx, recipient);
  if (leave && !canSeeLeave(actor, visibilityOf(leave), env.now)) return; // fail closed
  // The card as it is now: the builders decide what this person may press at this instant.
  const build = env.cards[notice.subjectType];
  const fresh = build
    ? await build(tx, { subjectId: notice.subjectId, kind: notice.kind, recipient }, { now: env.now })
    : undefined;
  const awaited = fresh ? await awaitedOn(tx, fresh, notice.acknowledged) : [];
  if (!fresh || awaited.length === 0) {
    // Nothing awaited any more: the stored card was stale; refresh it so later ticks pass it by.
    if (fresh) for (const id of notice.ids) await tx.outbox.replaceCard(id, fresh);
    report.settled += 1;
    return;
  }
  const label = awaitedLabel(awaited);
  const sealedUntil = leave ? sealedUntilOf(leave) : null;
  if (remind && (await tx.scheduling.claimReminder(notice.ids, notice.remindersSent, rungs.remindersDue))) {
    const n = rungs.remindersDue;
    // Not a message each: a line of the recipient's digest of the day (decision 15.21).
    await addReminderLine(tx, env, recipient, {
      noticeKey: notice.key,
      subjectType: notice.subjectType,
      subjectId: notice.subjectId,
      facts: { title: fresh.title, awaited: label, since: notice.since.toISOString(), reminders: n, kind: notice.kind },
    });
    await tx.log.append({
      at: env.now,
      actorId: null,
      platform: "scheduler",
      action: "notice.reminded",
      subjectType: notice.subjectType,
      subjectId: notice.subjectId,
      sealedUntil,
      data: { notice: notice.key, kind: notice.kind, recipient: recipient.code, reminder: n },
      personal: { recipient: recipient.id },
    });
    report.reminded += 1;
  }
  if (!rungs.escalationDue || !(await tx.scheduling.claimEscalation(notice.ids, env.now))) return;
  const base = { subjectType: notice.subjectType, subjectId: notice.subjectId, sealedUntil };
  if (actor.onLeave) {
    // Suspended: what they could not or need not do on leave is nobody's misconduct.
    await tx.log.append({
      at: env.now,
      actorId: null,
      platform: "scheduler",
      action: "notice.escalation_withheld",
      ...base,
      data: { notice: notice.key, kind: notice.kind, recipient: recipient.code, reason: "recipient_on_leave" },
      personal: { recipient: recipient.id },
    });
    report.withheld += 1;
    return;
  }
  const told = await escalationRecipients(tx, env, ctx);
  // Not a message each: a line of each recipient's digest for their next working morning (decision 15.18).
  const escalation = {
    noticeKey: notice.key,
    subjectType: notice.subjectType,
    subjectId: notice.subjectId,
    late: recipient,
    facts: {
      title: fresh.title,
      awaited: label,
      since: notice.since.toISOString(),
      reminders: Math.max(notice.remindersSent, remind ? rungs.remindersDue : 0),
      kind: notice.kind,
    },
  };
  for (const person of told) await addDigestLine(tx, env, person, escalation);
  await tx.log.append({
    at: env.now,
    actorId: null,
    platform: "scheduler",
    action: "notice.escalated",
    ...base,
    data: { notice: notice.key, kind: notice.kind, recipient: recipient.code, to: told.map((p) => p.code) },
    personal: { recipient: recipient.id, to: told.map((p) => p.id) },
  });
  report.escalated += 1;
}

export async function climbLadders(kernel: Kernel, at: Date): Promise<LadderReport> {
  const env = { ...envOf(kernel), now: at };
  const report: LadderReport = { looked: 0, reminded: 0, escalated: 0, withheld: 0, settled: 0 };
  const caches: Caches = { policies: new Map(), calendars: new Map() };
  // Only subjects whose card can be built again can await anyone: a digest's Acknowledge awaits nothing.
  const subjectTypes = Object.keys(env.cards);
  const bounds = await kernel.uow.run((tx) => tx.scheduling.rungBounds());
  if (bounds === undefined) return report;
  // Working-day hours never run faster than the wall clock: a notice delivered less than the
  // shortest first rung of any policy ago cannot be due, and the query leaves it out. And a notice
  // whose longest ladder ended long ago (in the calendar's worst case: weekends, a week of holidays,
  // a month of downtime) has been escalated, or awaits nothing any more.
  const since = new Date(
    at.getTime() - (Math.ceil((bounds.longest / 24) * (7 / 5)) + LOOKBACK_MARGIN_DAYS) * 24 * HOUR_MS,
  );
  const by = new Date(at.getTime() - bounds.shortest * HOUR_MS);
  // Every page, oldest first: notices that await nobody (acknowledged, settled) fill pages too, and
  // must not hide a newer one that awaits its recipient. A notice is climbed once a run.
  const climbed = new Set<string>();
  let after: NoticeCursor | undefined;
  do {
    const page = await kernel.uow.run(async (tx) => {
      const { notices, next } = await tx.scheduling.awaitingNotices(since, by, subjectTypes, { limit: BATCH, after });
      // The stored cards' buttons, by name, in one read: most notices await nothing (or nothing yet).
      const names = await tx.scheduling.tokenActions(notices.flatMap((n) => n.card.actions.map((a) => a.token)));
      const awaiting = notices.filter(
        (n) => !climbed.has(n.key) && n.card.actions.some((a) => awaits(names.get(a.token), n.acknowledged)),
      );
      return { awaiting, due: await dueInPage(tx, awaiting, caches, at), next };
    });
    for (const n of page.awaiting) climbed.add(n.key);
    report.looked += page.awaiting.length;
    for (const notice of page.due) await kernel.uow.run((tx) => climb(tx, env, notice, caches, report));
    after = page.next;
  } while (after);
  return report;
}

export const noticeLadderJob: ScheduledJob = {
  name: NOTICE_LADDER_JOB,
  slotOf: everyMinute,
  run: async (kernel, at) => ({ ...(await climbLadders(kernel, at)) }),
};
