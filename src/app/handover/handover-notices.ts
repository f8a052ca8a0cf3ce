// Notices about a handover go to its sides (and the witness); a leave's handover is never shown
// before the leave's start instant.
import type { HandoverRecord } from "../../ports/handover-repository.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { sendNotice } from "../kernel/notify.ts";
import type { Env } from "../kernel/use-case.ts";
import { buildHandoverCard } from "./handover.cards.ts";

export async function partiesOf(
  tx: TxPorts,
  handover: HandoverRecord,
  sides: readonly ("from" | "to" | "witness")[],
): Promise<Person[]> {
  const people: Person[] = [];
  for (const side of sides) {
    const id = side === "from" ? handover.fromId : side === "to" ? handover.toId : handover.witnessId;
    const person = id === null ? undefined : await tx.people.byId(id);
    if (person && person.status !== "left") people.push(person);
  }
  return people;
}

export async function sendHandoverNotice(
  tx: TxPorts,
  env: Env,
  handover: HandoverRecord,
  kind: string,
  recipients: readonly Person[],
  visibleFrom: Date | null,
): Promise<number> {
  const shownAt = visibleFrom !== null && visibleFrom > env.now ? visibleFrom : env.now;
  return sendNotice(
    tx,
    { kind, subjectType: "handover", subjectId: handover.id, version: handover.version, visibleFrom },
    recipients,
    async (recipient) => {
      const card = await buildHandoverCard(tx, { subjectId: handover.id, kind, recipient }, { now: shownAt });
      if (!card) throw new Error(`no ${kind} card for party ${recipient.id} of handover ${handover.id}`);
      return card;
    },
  );
}
