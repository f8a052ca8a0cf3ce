// What compliance does with a report, from its card or a command: triage it (with a note), close
// it, or ask HR for a triggered mandatory leave. Closing or triggering a report still `filed`
// triages it first with the same note, so the card can offer all three at once.
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import { decide } from "../../domain/machine/machine.ts";
import { majorEventMachine, type MajorEventEvent } from "../../domain/major-event/major-event.machine.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Done, Env, Who } from "../kernel/use-case.ts";
import type { Bilingual } from "../../ports/locale.ts";
import { ExpectedVersion, Id } from "../rotation/rotation-inputs.ts";
import { majorEventCard } from "./major-event.card.ts";
import { assertMayAct, loadReport, reportContext } from "./major-event-facts.ts";
import { fireReportEvent } from "./major-event-transition.ts";

export const DecisionInput = z.object({
  reportId: Id,
  note: z.string().trim().max(2000).default(""),
  expectedVersion: ExpectedVersion,
});
export type DecisionInput = z.infer<typeof DecisionInput>;

function withNote(previous: string, note: string): string {
  if (note === "") return previous;
  return previous === "" ? note : `${previous}\n${note}`;
}

export async function decideReport(
  event: Exclude<MajorEventEvent, "file">,
  input: DecisionInput,
  who: Who,
  tx: TxPorts,
  env: Env,
  message: Bilingual,
): Promise<Done> {
  let facts = await loadReport(tx, input.reportId);
  assertMayAct(who.actor, facts);
  const first = facts.report.status === "filed" && event !== "triage" ? "triage" : event;
  // Who may act and whether it is done already come before the note.
  const decision = decide(majorEventMachine, facts.report.status, first, reportContext(facts, who.actor));
  if (!decision.ok && decision.code !== "INVALID_TRANSITION") throw new DomainError(decision.code);
  if (decision.ok && input.note === "" && event !== "close") throw new DomainError("NOTE_REQUIRED");
  let expectedVersion = input.expectedVersion;
  if (first === "triage") {
    const stamp = {
      triagedById: who.person.id,
      triagedAt: env.now,
      triageNote: withNote(facts.report.triageNote, input.note),
    };
    facts = await fireReportEvent(tx, env, who, facts, { event: "triage", expectedVersion, changes: stamp });
    expectedVersion = undefined;
  }
  if (event !== "triage") {
    const changes = first === "triage" ? {} : { triageNote: withNote(facts.report.triageNote, input.note) };
    facts = await fireReportEvent(tx, env, who, facts, { event, expectedVersion, changes });
  }
  const card = await majorEventCard(
    tx,
    { subjectId: facts.report.id, kind: "", recipient: who.person },
    { now: env.now },
  );
  return { message, ...(card ? { card } : {}), touched: [{ type: "major_event", id: facts.report.id }] };
}
