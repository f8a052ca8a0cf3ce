// Who hears of an audit's step, and the notices themselves. The machines name parties ("holder",
// "audit_team", "executive" …); here they become people: named people (holder, team, owners) always,
// people found by role in scope of the post's unit never including the one who acted.
import type { Effect, Party } from "../../domain/machine/effects.ts";
import type { AuditRecord, RectificationRecord } from "../../ports/audit-repository.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { sendNotice } from "../kernel/notify.ts";
import type { Env } from "../kernel/use-case.ts";
import { buildAuditCard, fallbackCard } from "./audit.cards.ts";
import { buildRectificationCard } from "./rectification.cards.ts";
import { AUDIT, RECTIFICATION, loadAudit, sealedUntilOf } from "./audit-subject.ts";

/** Parties outside HR, compliance and the team: their notices never show before a sealed leave starts. */
const OUTSIDERS: readonly Party[] = ["holder", "substitute", "manager", "executive", "rectification_owners"];

async function people(tx: TxPorts, ids: readonly string[]): Promise<Person[]> {
  const found: Person[] = [];
  for (const id of ids) {
    const person = await tx.people.byId(id);
    if (person && person.status !== "left") found.push(person);
  }
  return found;
}

export async function partyPeople(
  tx: TxPorts,
  audit: AuditRecord,
  party: Party,
  actorId: string | null,
): Promise<Person[]> {
  const path = audit.unit.path;
  const team = new Set(audit.members.map((m) => m.employeeId));
  const others = (list: Person[]) => list.filter((p) => p.id !== actorId && p.id !== audit.holderId);
  switch (party) {
    case "holder":
      return people(tx, [audit.holderId]);
    case "substitute":
      return people(tx, audit.leave?.substituteId ? [audit.leave.substituteId] : []);
    case "audit_team":
      return people(
        tx,
        audit.members.map((m) => m.employeeId),
      );
    case "rectification_owners":
      return people(tx, [...new Set(audit.rectifications.filter((r) => r.status === "open").map((r) => r.ownerId))]);
    case "compliance_head":
      // One who sits on the team never approves its plan: they are not asked.
      return others(await tx.people.withRoleCovering(party, path)).filter((p) => !team.has(p.id));
    case "compliance":
    case "hr":
    case "manager":
      return others(await tx.people.withRoleCovering(party, path));
    case "executive":
      // The one who signs is never on the team (nor the holder).
      return others(await tx.people.withRoleCovering("executive", path)).filter((p) => !team.has(p.id));
    default:
      return [];
  }
}

/** Tells `parties` of one step: one notice each, keyed by the audit's version so a repeat tells nobody twice. */
export async function tell(
  tx: TxPorts,
  env: Env,
  audit: AuditRecord,
  kind: string,
  parties: readonly Party[],
  actorId: string | null,
  version = audit.version,
): Promise<void> {
  for (const party of parties) {
    if (party === "rectification_owners") {
      for (const item of audit.rectifications.filter((r) => r.status === "open")) await tellOwner(tx, env, audit, item);
      continue;
    }
    const recipients = await partyPeople(tx, audit, party, actorId);
    const visibleFrom = OUTSIDERS.includes(party) ? sealedUntilOf(audit) : null;
    await sendNotice(
      tx,
      { kind, subjectType: AUDIT, subjectId: audit.id, version, visibleFrom },
      recipients,
      async (recipient) => {
        return (
          (await buildAuditCard(tx, { subjectId: audit.id, kind, recipient }, { now: env.now })) ??
          fallbackCard(audit, kind)
        );
      },
    );
  }
}

/** The owner of one rectification item hears of it once (its own subject, so its card carries its own Close button). */
export async function tellOwner(tx: TxPorts, env: Env, audit: AuditRecord, item: RectificationRecord): Promise<void> {
  await tellAboutRectification(tx, env, audit, item, "rectification_assigned", await people(tx, [item.ownerId]));
}

export async function tellAboutRectification(
  tx: TxPorts,
  env: Env,
  audit: AuditRecord,
  item: RectificationRecord,
  kind: string,
  recipients: readonly Person[],
): Promise<void> {
  const version = item.status === "open" ? 1 : 2;
  await sendNotice(
    tx,
    { kind, subjectType: RECTIFICATION, subjectId: item.id, version, visibleFrom: sealedUntilOf(audit) },
    recipients,
    async (recipient) => {
      return (
        (await buildRectificationCard(tx, { subjectId: item.id, kind, recipient }, { now: env.now })) ??
        fallbackCard(audit, kind)
      );
    },
  );
}

/** Carries out the notify effects of a decision, on the audit as it is now (reloaded after the writes). */
export async function carryOut(
  tx: TxPorts,
  env: Env,
  auditId: string,
  effects: readonly Effect[],
  actorId: string | null,
): Promise<AuditRecord> {
  const audit = await loadAudit(tx, auditId);
  for (const effect of effects) {
    if (effect.kind === "notify") await tell(tx, env, audit, effect.notice, [effect.to], actorId);
  }
  return audit;
}
