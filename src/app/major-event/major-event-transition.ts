// Firing one event of the major-event machine: decide, write under the version check, log (sealed
// for good: a report is personal, and the entry carries no kind, description or note), and carry
// out the effects — notices to compliance, to the reporter when closed, and to HR (leave_required,
// the machine's require_leave) when it triggers a leave. The reporter never hears of that leave.
import { DomainError } from "../../domain/errors.ts";
import type { Effect, Party } from "../../domain/machine/effects.ts";
import { decide } from "../../domain/machine/machine.ts";
import {
  majorEventMachine,
  type MajorEventEvent,
  type MajorEventState,
} from "../../domain/major-event/major-event.machine.ts";
import type { MajorEventChanges } from "../../ports/major-event-repository.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env, Who } from "../kernel/use-case.ts";
import { notifyVisible } from "../rotation/notice-helpers.ts";
import { withRolesOver } from "../people/rotation-people.ts";
import { majorEventCard } from "./major-event.card.ts";
import {
  COMPLIANCE,
  PERSONAL_UNTIL,
  loadReport,
  postsHeldBy,
  reportContext,
  type ReportFacts,
} from "./major-event-facts.ts";

const LOG_ACTIONS: Readonly<Record<MajorEventEvent, string>> = {
  file: "major_event.filed",
  triage: "major_event.triaged",
  close: "major_event.closed",
  trigger_leave: "major_event.leave_triggered",
};

const DONE_IN: Readonly<Record<MajorEventEvent, readonly MajorEventState[]>> = {
  file: [],
  triage: ["triaged", "closed", "leave_triggered"],
  close: ["closed"],
  trigger_leave: ["leave_triggered"],
};

export async function logReport(
  tx: TxPorts,
  env: Env,
  who: Who,
  facts: ReportFacts,
  event: MajorEventEvent,
  data: Record<string, unknown>,
): Promise<void> {
  await tx.log.append({
    at: env.now,
    actorId: who.person.id,
    platform: who.platform,
    action: LOG_ACTIONS[event],
    subjectType: "major_event",
    subjectId: facts.report.id,
    sealedUntil: PERSONAL_UNTIL,
    data,
  });
}

async function partyOf(tx: TxPorts, facts: ReportFacts, party: Party): Promise<Person[]> {
  const notReporter = [facts.report.reporterId];
  if (party === "reporter") return [facts.reporter];
  if (party === "compliance") return withRolesOver(tx, COMPLIANCE, facts.reporter.unitPath, notReporter);
  if (party === "hr") {
    const paths = [facts.reporter.unitPath, ...(await postsHeldBy(tx, facts.reporter.id)).map((p) => p.unitPath)];
    const seen = new Map<string, Person>();
    for (const path of new Set(paths))
      for (const p of await withRolesOver(tx, ["hr"], path, notReporter)) seen.set(p.id, p);
    return [...seen.values()];
  }
  return [];
}

export async function tellAboutReport(
  tx: TxPorts,
  env: Env,
  facts: ReportFacts,
  kind: string,
  recipients: readonly Person[],
): Promise<number> {
  const spec = { kind, subjectType: "major_event", subjectId: facts.report.id, version: facts.report.version };
  return notifyVisible(tx, spec, recipients, (r) =>
    majorEventCard(tx, { subjectId: facts.report.id, kind, recipient: r }, { now: env.now }),
  );
}

export async function carryOutReportEffects(
  tx: TxPorts,
  env: Env,
  facts: ReportFacts,
  effects: readonly Effect[],
): Promise<void> {
  for (const effect of effects) {
    if (effect.kind === "notify")
      await tellAboutReport(tx, env, facts, effect.notice, await partyOf(tx, facts, effect.to));
    if (effect.kind === "require_leave")
      await tellAboutReport(tx, env, facts, "leave_required", await partyOf(tx, facts, "hr"));
  }
}

export async function fireReportEvent(
  tx: TxPorts,
  env: Env,
  who: Who,
  facts: ReportFacts,
  firing: { event: MajorEventEvent; expectedVersion?: number | undefined; changes?: Omit<MajorEventChanges, "status"> },
): Promise<ReportFacts> {
  const { report } = facts;
  const decision = decide(majorEventMachine, report.status, firing.event, reportContext(facts, who.actor));
  if (!decision.ok) {
    throw new DomainError(
      decision.code === "INVALID_TRANSITION" && DONE_IN[firing.event].includes(report.status)
        ? "ALREADY_DONE"
        : decision.code,
    );
  }
  if (firing.expectedVersion !== undefined && firing.expectedVersion !== report.version)
    throw new DomainError("STALE_ACTION");
  const updated = await tx.majorEvents.update(report.id, report.version, { ...firing.changes, status: decision.to });
  if (!updated) throw new DomainError("STALE_ACTION");
  await logReport(tx, env, who, facts, firing.event, {
    from: report.status,
    to: decision.to,
    version: updated.version,
  });
  const moved = await loadReport(tx, report.id);
  await carryOutReportEffects(tx, env, moved, decision.effects);
  return moved;
}
