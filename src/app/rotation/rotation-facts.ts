// What the rotation use cases know about one rotation: the row, its post, and the outgoing holder's
// tenure (their open assignment on the post and the policy's limit), from which the machine's
// `limitPassed` and the cards' deadline come.
import { localDateOf } from "../../domain/calendar/index.ts";
import type { Actor } from "../../domain/access/roles.ts";
import { DomainError } from "../../domain/errors.ts";
import { isTenureOverdue, tenureDeadline } from "../../domain/policy/index.ts";
import type { RotationContext } from "../../domain/rotation/rotation.machine.ts";
import type { AssignmentRecord, KeyPostRecord, RotationRecord, TenureTerms } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

export interface RotationFacts {
  readonly rotation: RotationRecord;
  readonly post: KeyPostRecord;
}

export interface Tenure {
  readonly holding: AssignmentRecord;
  readonly terms: TenureTerms;
  /** The last day the rotation may take effect. */
  readonly deadline: string;
}

export async function loadRotation(tx: TxPorts, rotationId: string): Promise<RotationFacts> {
  const rotation = await tx.rotations.rotationById(rotationId);
  if (!rotation) throw new DomainError("NOT_FOUND", { subject: "rotation" });
  const post = await tx.rotations.postById(rotation.postId);
  if (!post) throw new DomainError("NOT_FOUND", { subject: "post" });
  return { rotation, post };
}

/** The outgoing holder's open holder assignment on the post and its limit; undefined when they no longer hold it. */
export async function tenureOf(tx: TxPorts, facts: RotationFacts): Promise<Tenure | undefined> {
  const holding = (await tx.rotations.assignmentsOfPost(facts.post.id)).find(
    (a) => a.kind === "holder" && a.endDate === null && a.employeeId === facts.rotation.outgoingId,
  );
  const terms = (await tx.rotations.tenureTerms([facts.post.id])).get(facts.post.id);
  if (!holding || !terms) return undefined;
  return { holding, terms, deadline: tenureDeadline(holding.startDate, terms) };
}

export function todayAt(post: KeyPostRecord, now: Date): string {
  return localDateOf(now, post.unitTimeZone);
}

export async function limitPassed(tx: TxPorts, facts: RotationFacts, now: Date): Promise<boolean> {
  const tenure = await tenureOf(tx, facts);
  return tenure !== undefined && isTenureOverdue(tenure.holding.startDate, tenure.terms, todayAt(facts.post, now));
}

export function rotationContext(
  facts: RotationFacts,
  actor: Actor | null,
  extra: Partial<RotationContext> = {},
): RotationContext {
  return {
    actor,
    unitPath: facts.post.unitPath,
    outgoingId: facts.rotation.outgoingId,
    incomingId: facts.rotation.incomingId,
    handoverConfirmed: false,
    limitPassed: false,
    ...extra,
  };
}
