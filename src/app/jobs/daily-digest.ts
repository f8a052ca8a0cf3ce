// Calm by design (issue #15, decision 15.18): a ladder escalation is not its own message but one
// line of the recipient's daily digest — one notice per recipient per digest day (dedupe key
// `digest.daily:<recipient>:<local date>`), sent on their next working morning (09:00 on their
// unit's calendar, strictly after now, so a digest already claimed by the dispatcher is never
// amended). While it waits it is rendered again in the quarter hour before its morning (and at once
// when a line is added nearer than that); lines are grouped by the late person and the subject.
// Before it is sent, a line drops out when its subject no longer awaits the
// late person (they acted, the subject closed), when the late person went on leave (a suspended
// holder's silence is never escalated) or when the recipient may not see the subject's sealed
// leave; a digest with no line left is held back (never sent) until a new line comes.
// A reminder is a line of the same digest, about the recipient's own pending matter (decision 15.21):
// it joins the digest of the working day it falls due on while that digest has not gone out (so a
// reminder due at 09:00 or later on a day with no digest sent yet goes out at once, with that
// morning's escalations), else the next working morning's. So a person receives at most one digest a
// day, whatever the number of notices waiting for them; the live buttons stay on the original messages.
import { canSeeLeave } from "../../domain/access/secrecy.ts";
import {
  localDateOf,
  OFFICE_HOURS,
  startOfWorkingDay,
  wallClockOf,
  WorkingCalendar,
} from "../../domain/calendar/index.ts";
import type { StoredDigestLine } from "../../ports/digest-lines.ts";
import type { Bilingual } from "../../ports/locale.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import { platformsOf } from "../kernel/notify.ts";
import { findLeave, visibilityOf } from "../leave/leave-facts.ts";
import { actorOf } from "../people/actor-of.ts";
import { awaitedOn } from "./awaited-actions.ts";
import { digestBody, digestCard, type DigestEntry } from "./digest.card.ts";

export const DIGEST_SUBJECT = "digest";
export const DAILY_DIGEST_KIND = "digest.daily";

/** What a line says, kept as JSON in DigestLine.line. */
export interface LineFacts {
  readonly title: Bilingual;
  readonly awaited: Bilingual;
  readonly since: string;
  readonly reminders: number;
  readonly kind: string;
}

/** The next working morning strictly after `now`: 09:00 today before nine on a working day, else the next working day's. */
export function nextWorkingMorning(now: Date, calendar: WorkingCalendar): Date {
  const wall = wallClockOf(now, calendar.timeZone);
  const zone = calendar.timeZone;
  const nine = OFFICE_HOURS.start;
  if (calendar.isWorkingDay(wall.date) && wall.hour * 60 + wall.minute < nine.hour * 60 + nine.minute)
    return startOfWorkingDay(wall.date, zone, nine);
  return startOfWorkingDay(calendar.nextWorkingDay(wall.date), zone, nine);
}

export async function calendarOf(tx: TxPorts, person: Person): Promise<WorkingCalendar> {
  return (
    (await tx.scheduling.unitCalendar(person.unitId)) ??
    new WorkingCalendar({ code: "", timeZone: person.unitTimeZone })
  );
}

/** The morning a reminder due now is told in: today's 09:00 from 09:00 on a working day, else the next working morning. */
function reminderMorning(now: Date, calendar: WorkingCalendar): Date {
  const wall = wallClockOf(now, calendar.timeZone);
  const today = startOfWorkingDay(wall.date, calendar.timeZone, OFFICE_HOURS.start);
  return calendar.isWorkingDay(wall.date) && today <= now ? today : nextWorkingMorning(now, calendar);
}

function digestKeyOf(recipient: Person, sendAt: Date, calendar: WorkingCalendar): string {
  return `${DAILY_DIGEST_KIND}:${recipient.id}:${localDateOf(sendAt, calendar.timeZone)}`;
}

/** The digest's subject id: `daily:<recipientId>:<local date>` (the dedupe key is `digest.daily:` and the same). */
function digestIdOf(digestKey: string): string {
  return digestKey.slice(`${DIGEST_SUBJECT}.`.length);
}

export interface Escalation {
  readonly noticeKey: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly late: Person;
  readonly facts: LineFacts;
}

/** Adds an escalation to `recipient`'s next digest (rendered again as `lineAdded` says). */
export async function addDigestLine(tx: TxPorts, env: Env, recipient: Person, escalation: Escalation): Promise<string> {
  const calendar = await calendarOf(tx, recipient);
  const line = lineOf(env, recipient, calendar, escalation, escalation.late.id)(nextWorkingMorning(env.now, calendar));
  await tx.digests.add(line);
  await lineAdded(tx, env, line);
  return line.digestKey;
}

/** Digests due within this long are rendered again at each tick by digest.daily (daily-digest.job.ts). */
export const RENDER_AHEAD_MS = 15 * 60_000;

/**
 * After a line was added: its digest is rendered again now when its morning is within RENDER_AHEAD_MS
 * (or past), and when it has no notice waiting yet (written, so that it exists) or only a held one
 * (let go again). A digest waiting further ahead is rendered by digest.daily in the quarter hour
 * before its morning, with every line it has then: rendering it at each line built every line's
 * card again, N² card builds for a digest of N lines (decision 13.s17-3).
 */
async function lineAdded(
  tx: TxPorts,
  env: Env,
  line: { readonly digestKey: string; readonly sendAt: Date },
  /** The digest's notices, when the caller has just read them in this transaction. */
  notices?: readonly { readonly status: string }[],
): Promise<DigestState> {
  if (line.sendAt.getTime() - env.now.getTime() > RENDER_AHEAD_MS) {
    const existing = notices ?? (await tx.outbox.forSubject(DIGEST_SUBJECT, digestIdOf(line.digestKey)));
    if (existing.some((n) => n.status === "pending")) return "unchanged";
  }
  return renderDigest(tx, env, line.digestKey);
}

/** The stored line of `item` about `lateId`, for the digest sent at a given morning. */
function lineOf(
  env: Env,
  recipient: Person,
  calendar: WorkingCalendar,
  item: Omit<Escalation, "late">,
  lateId: string,
): (sendAt: Date) => Parameters<TxPorts["digests"]["add"]>[0] {
  return (sendAt) => ({
    digestKey: digestKeyOf(recipient, sendAt, calendar),
    recipientId: recipient.id,
    sendAt,
    noticeKey: item.noticeKey,
    subjectType: item.subjectType,
    subjectId: item.subjectId,
    lateId,
    line: JSON.stringify(item.facts),
    createdAt: env.now,
  });
}

/**
 * Adds a reminder to `recipient` of their own pending matter (the `late` person is the recipient) to
 * today's digest while it has not gone out, else to the next working morning's. Returns the digest's key.
 */
export async function addReminderLine(
  tx: TxPorts,
  env: Env,
  recipient: Person,
  reminder: Omit<Escalation, "late">,
): Promise<string> {
  const calendar = await calendarOf(tx, recipient);
  const line = lineOf(env, recipient, calendar, reminder, recipient.id);
  const today = line(reminderMorning(env.now, calendar));
  const sent = await tx.outbox.forSubject(DIGEST_SUBJECT, digestIdOf(today.digestKey));
  if (!sent.some((n) => n.status !== "pending" && n.status !== "superseded")) {
    await tx.digests.add(today);
    // Claimed by the dispatcher meanwhile (another server): the line goes to the next morning too.
    if ((await lineAdded(tx, env, today, sent)) !== "claimed") return today.digestKey;
  }
  const next = line(nextWorkingMorning(env.now, calendar));
  await tx.digests.add(next);
  await lineAdded(tx, env, next);
  return next.digestKey;
}

/** Whether a line still says something true and may be told to its recipient now. */
async function lineOpen(tx: TxPorts, env: Env, line: StoredDigestLine, recipient: Person): Promise<boolean> {
  const rows = (await tx.outbox.forSubject(line.subjectType, line.subjectId)).filter((n) =>
    n.dedupeKey.startsWith(`${line.noticeKey}@`),
  );
  const first = rows[0];
  if (!first) return false;
  const late = await tx.people.byId(line.lateId);
  if (!late || late.status === "left") return false;
  // Someone else's silence while on leave is nobody's misconduct; one's own pending matter is still
  // one's own (a holder on leave acknowledges their leave and answers their audit).
  if (late.id !== recipient.id && (await actorOf(tx, late)).onLeave) return false;
  const link = await tx.scheduling.subjectLink(line.subjectType, line.subjectId);
  const leave = link.leaveId !== null ? await findLeave(tx, link.leaveId) : undefined;
  if (leave && !canSeeLeave(await actorOf(tx, recipient), visibilityOf(leave), env.now)) return false;
  const build = env.cards[line.subjectType];
  if (!build) return false;
  const fresh = await build(tx, { subjectId: line.subjectId, kind: first.kind, recipient: late }, { now: env.now });
  if (!fresh) return false;
  const acknowledged = rows.some((r) => r.acknowledgedAt !== null);
  return (await awaitedOn(tx, fresh, acknowledged)).length > 0;
}

export type DigestState = "written" | "unchanged" | "held" | "claimed";

/**
 * Renders a waiting digest from its open lines: writes it, replaces its card when its lines
 * changed, holds it back when none is left. A digest the dispatcher has claimed is left as it is.
 */
export async function renderDigest(tx: TxPorts, env: Env, digestKey: string): Promise<DigestState> {
  const lines = await tx.digests.of(digestKey);
  const head = lines[0];
  if (!head) return "unchanged";
  const digestId = digestIdOf(digestKey);
  const existing = await tx.outbox.forSubject(DIGEST_SUBJECT, digestId);
  if (existing.some((n) => n.status !== "pending" && n.status !== "superseded")) return "claimed";
  const recipient = await tx.people.byId(head.recipientId);
  if (!recipient) return "unchanged";
  const open: DigestEntry[] = [];
  for (const line of lines) {
    if (!(await lineOpen(tx, env, line, recipient))) continue;
    const late = await tx.people.byId(line.lateId);
    if (late) open.push({ line, late, facts: JSON.parse(line.line) as LineFacts });
  }
  if (open.length === 0) {
    for (const n of existing) await tx.outbox.hold(n.id, true);
    return existing.some((n) => n.status === "pending") ? "held" : "unchanged";
  }
  const date = digestId.slice(digestId.lastIndexOf(":") + 1);
  const body = digestBody(open, date, recipient.unitTimeZone, recipient.id);
  const same = (n: (typeof existing)[number]) =>
    n.status === "pending" &&
    JSON.stringify({ title: n.card.title, text: n.card.text, fields: n.card.fields }) === JSON.stringify(body);
  if (existing.length > 0 && existing.every(same)) return "unchanged";
  const card = await digestCard(tx, body, digestId, open.length, recipient);
  if (existing.length === 0) {
    await tx.outbox.enqueue(
      {
        dedupeKey: digestKey,
        recipientId: recipient.id,
        kind: DAILY_DIGEST_KIND,
        subjectType: DIGEST_SUBJECT,
        subjectId: digestId,
        card,
        visibleFrom: head.sendAt,
      },
      await platformsOf(tx, recipient.id),
    );
    return "written";
  }
  for (const n of existing) {
    await tx.outbox.replaceCard(n.id, card);
    await tx.outbox.hold(n.id, false);
  }
  return "written";
}
