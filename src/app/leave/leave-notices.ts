// Who hears of a leave, and when. Compliance (and the compliance head) in scope hear of it when it
// is planned — never the holder, never the substitute, even one who holds a compliance role. The
// holder and the substitute hear of it only from its start instant: every notice to them carries
// visibleFrom = the start of the first working day in the unit's time zone.
import { actorOf } from "../people/actor-of.ts";
import { canSeeLeave } from "../../domain/access/secrecy.ts";
import type { Party } from "../../domain/machine/effects.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { sendNotice } from "../kernel/notify.ts";
import type { Env } from "../kernel/use-case.ts";
import { visibilityOf, type LeaveFacts } from "./leave-facts.ts";
import { buildLeaveCard } from "./leave.cards.ts";

async function one(tx: TxPorts, id: string | null): Promise<Person[]> {
  if (id === null) return [];
  const person = await tx.people.byId(id);
  return person && person.status !== "left" ? [person] : [];
}

/** Compliance officers and heads covering the post's unit, minus the leave's own people. */
export async function complianceOf(tx: TxPorts, facts: LeaveFacts): Promise<Person[]> {
  const { leave } = facts;
  const officers = [
    ...(await tx.people.withRoleCovering("compliance", leave.unitPath)),
    ...(await tx.people.withRoleCovering("compliance_head", leave.unitPath)),
  ];
  return officers.filter((p) => p.id !== leave.holderId && p.id !== leave.substituteId);
}

/** HR in scope of the post's unit, minus the leave's own people. */
export async function hrOf(tx: TxPorts, facts: LeaveFacts): Promise<Person[]> {
  const { leave } = facts;
  return (await tx.people.withRoleCovering("hr", leave.unitPath)).filter(
    (p) => p.id !== leave.holderId && p.id !== leave.substituteId,
  );
}

export async function partyOfLeave(tx: TxPorts, facts: LeaveFacts, party: Party): Promise<Person[]> {
  if (party === "holder") return one(tx, facts.leave.holderId);
  if (party === "substitute") return one(tx, facts.leave.substituteId);
  if (party === "compliance" || party === "compliance_head") return complianceOf(tx, facts);
  if (party === "hr") return hrOf(tx, facts);
  throw new Error(`a leave notice cannot go to "${party}"`);
}

/** Notices to the holder or the substitute never show before the start instant. */
export function visibleFromFor(facts: LeaveFacts, recipient: Person): Date | null {
  const { leave } = facts;
  return recipient.id === leave.holderId || recipient.id === leave.substituteId ? facts.startsAt : null;
}

/**
 * One notice per recipient who may see the leave when the notice shows; the dedupe key carries the
 * leave's version, so the same decision never notifies twice. Returns how many were new.
 */
export async function sendLeaveNotice(
  tx: TxPorts,
  env: Env,
  facts: LeaveFacts,
  kind: string,
  recipients: readonly Person[],
): Promise<number> {
  let created = 0;
  for (const recipient of recipients) {
    const visibleFrom = visibleFromFor(facts, recipient);
    const shownAt = visibleFrom !== null && visibleFrom > env.now ? visibleFrom : env.now;
    if (!canSeeLeave(await actorOf(tx, recipient), visibilityOf(facts), shownAt)) continue;
    created += await sendNotice(
      tx,
      { kind, subjectType: "leave", subjectId: facts.leave.id, version: facts.leave.version, visibleFrom },
      [recipient],
      async (person) => {
        const card = await buildLeaveCard(tx, { subjectId: facts.leave.id, kind, recipient: person }, { now: shownAt });
        if (!card) throw new Error(`no ${kind} card for a recipient who may see leave ${facts.leave.id}`);
        return card;
      },
    );
  }
  return created;
}
