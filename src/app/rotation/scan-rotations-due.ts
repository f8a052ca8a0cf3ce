// rotation.mark_due — the scheduler's sweep over every open holding of a key post (system, no person):
// - from the policy's first warning before the tenure limit, the holding gets its rotation (`due`);
// - at each warning threshold (e.g. 90/30/7 days) HR over the post and the holder's manager are
//   told once per holding and threshold (a command receipt, so a second sweep, a later one or a
//   second server never tells them again, even if HR cancels and the sweep re-opens the rotation);
// - once the limit has passed, a rotation still pending goes `overdue` — once per holding — which
//   requires a regular mandatory leave: `leave_required` to HR (the machine's require_leave).
// Dates are the post's unit's local dates; a warning dated today is not shown before 09:00 there.
import { createHash } from "node:crypto";
import { compareLocalDates, startOfWorkingDay } from "../../domain/calendar/index.ts";
import { currentWarning, isTenureOverdue, tenureDeadline, warningDates } from "../../domain/policy/index.ts";
import { isPending } from "../../domain/rotation/rotation.machine.ts";
import type { Holding, RotationRecord, TenureTerms } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import type { Kernel } from "../kernel/execute.ts";
import { envOf } from "../kernel/execute.ts";
import { partyOf, tellAboutRotation } from "./rotation-effects.ts";
import { todayAt, type RotationFacts } from "./rotation-facts.ts";
import { nearestWithRole } from "../people/rotation-people.ts";
import { bySystem, createRotation, fireRotationEvent } from "./rotation-transition.ts";

export const MARK_DUE_JOB = "rotation.mark_due";
/** Local time from which a day's warnings are shown. */
const WORKDAY_START = { hour: 9 } as const;

export interface ScanPage {
  readonly afterId?: string;
  readonly limit?: number;
  /** Sweep one subtree only (a unit path such as "/HO/BR1/"). */
  readonly underPath?: string;
}

export interface ScanReport {
  scanned: number;
  created: number;
  warned: number;
  overdue: number;
  /** Holdings whose post has no resolvable policy. */
  skipped: number;
  /** The last holding looked at: pass it as `afterId` for the next page; null when this page was the last. */
  nextAfterId: string | null;
}

/** The id of a holding's n-th rotation created by the sweep: two servers sweeping at once create one row. */
export function sweepRotationId(assignmentId: string, n: number): string {
  const h = createHash("sha256").update(`rotation:${assignmentId}:${n}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const LIVE = (r: RotationRecord) => r.status !== "done" && r.status !== "cancelled";

/** The holding's rotation the sweep follows: its latest live one, else a new one (due). */
async function rotationOfHolding(
  tx: TxPorts,
  env: Env,
  holding: Holding,
  deadline: string,
): Promise<{ facts: RotationFacts; created: boolean }> {
  const { assignment, post } = holding;
  const since = startOfWorkingDay(assignment.startDate, post.unitTimeZone);
  const all = await tx.rotations.rotationsOf(post.id, assignment.employeeId, since);
  const live = all.filter(LIVE).at(-1);
  if (live) return { facts: { rotation: live, post }, created: false };
  const row = {
    id: sweepRotationId(assignment.id, all.length),
    planId: null,
    postId: post.id,
    outgoingId: assignment.employeeId,
    incomingId: null,
    destinationPostId: null,
    plannedDate: deadline,
  };
  // Its notice (rotation_due) is the threshold warning, sent below with the manager.
  const fired = await createRotation(tx, env, bySystem("scheduler"), row, post, {
    event: "become_due",
    options: { skip: ["rotation_due"] },
    data: { assignment: assignment.id },
  });
  return { facts: fired.facts, created: true };
}

async function warn(
  tx: TxPorts,
  env: Env,
  facts: RotationFacts,
  holding: Holding,
  daysBefore: number,
  today: string,
): Promise<boolean> {
  if (!(await tx.receipts.record(`rotation.warning:${holding.assignment.id}:${daysBefore}`, facts.rotation.id)))
    return false;
  const notBefore = startOfWorkingDay(today, facts.post.unitTimeZone, WORKDAY_START);
  const visibleFrom = env.now < notBefore ? notBefore : null;
  const managers = await nearestWithRole(tx, "manager", facts.post.unitPath, [
    facts.rotation.outgoingId,
    facts.rotation.incomingId,
  ]);
  const recipients = [...(await partyOf(tx, facts, "hr")), ...managers];
  // The threshold stands in for the version in the dedupe key: one notice per threshold.
  await tellAboutRotation(tx, env, facts, "rotation_due", recipients, { version: daysBefore, visibleFrom });
  await tx.log.append({
    at: env.now,
    actorId: null,
    platform: "scheduler",
    action: "rotation.warned",
    subjectType: "rotation",
    subjectId: facts.rotation.id,
    data: { post: facts.post.code, daysBefore, recipients: recipients.map((r) => r.code) },
    personal: { recipients: recipients.map((r) => r.id) },
  });
  return true;
}

async function scanHolding(
  tx: TxPorts,
  env: Env,
  holding: Holding,
  terms: TenureTerms,
  report: ScanReport,
): Promise<void> {
  const { assignment, post } = holding;
  const today = todayAt(post, env.now);
  const deadline = tenureDeadline(assignment.startDate, terms);
  const dueFrom = warningDates(assignment.startDate, terms)[0]?.date ?? deadline;
  if (compareLocalDates(today, dueFrom) < 0) return;
  const { facts, created } = await rotationOfHolding(tx, env, holding, deadline);
  if (created) report.created += 1;
  if (!isPending(facts.rotation.status)) return;
  const warning = currentWarning(assignment.startDate, terms, today);
  if (warning && (await warn(tx, env, facts, holding, warning.daysBefore, today))) report.warned += 1;
  if (!isTenureOverdue(assignment.startDate, terms, today)) return;
  if (!(await tx.receipts.record(`rotation.overdue:${assignment.id}`, facts.rotation.id))) return;
  await fireRotationEvent(tx, env, bySystem("scheduler"), facts, {
    event: "mark_overdue",
    context: { limitPassed: true },
    data: { deadline, assignment: assignment.id },
  });
  report.overdue += 1;
}

/** One page of the sweep, in the caller's transaction. Idempotent: the same instant twice changes nothing the second time. */
export async function scanRotationsDue(tx: TxPorts, env: Env, page: ScanPage = {}): Promise<ScanReport> {
  const limit = page.limit ?? 200;
  const holdings = await tx.rotations.openHoldings({
    limit,
    ...(page.afterId !== undefined ? { afterId: page.afterId } : {}),
    ...(page.underPath !== undefined ? { underPath: page.underPath } : {}),
  });
  const report: ScanReport = {
    scanned: holdings.length,
    created: 0,
    warned: 0,
    overdue: 0,
    skipped: 0,
    nextAfterId: holdings.length === limit ? (holdings.at(-1)?.assignment.id ?? null) : null,
  };
  const terms = await tx.rotations.tenureTerms([...new Set(holdings.map((h) => h.post.id))]);
  for (const holding of holdings) {
    const t = terms.get(holding.post.id);
    if (!t) report.skipped += 1;
    else await scanHolding(tx, env, holding, t, report);
  }
  return report;
}

/** Sweeps everything, one transaction per page. */
export async function sweepRotations(
  kernel: Kernel,
  at: Date,
  pageSize = 200,
): Promise<Omit<ScanReport, "nextAfterId">> {
  const env = { ...envOf(kernel), now: at };
  const total = { scanned: 0, created: 0, warned: 0, overdue: 0, skipped: 0 };
  let afterId: string | undefined;
  for (;;) {
    const page = await kernel.uow.run((tx) =>
      scanRotationsDue(tx, env, { limit: pageSize, ...(afterId !== undefined ? { afterId } : {}) }),
    );
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += page[key];
    if (page.nextAfterId === null) return total;
    afterId = page.nextAfterId;
  }
}
