// Opening a handover between the two sides of one post: the holder to the substitute when a leave
// starts, back when it ends, the outgoing holder to the incoming one at a rotation (the rotation
// area calls this). Idempotent: a leave or rotation that already has an open or confirmed handover
// of that purpose gets that one back, and nothing is written twice.
import { DomainError } from "../../domain/errors.ts";
import type { HandoverPurpose, HandoverSheet } from "../../domain/handover/handover.machine.ts";
import { handoverMachine } from "../../domain/handover/handover.machine.ts";
import { NEW, decide } from "../../domain/machine/machine.ts";
import type { HandoverRecord } from "../../ports/handover-repository.ts";
import { newId } from "../../ports/ids.ts";
import type { PostView } from "../../ports/post-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import type { By } from "../leave/leave-transition.ts";
import { defaultItems, needsWitness, type HandoverItemInput } from "./handover-items.ts";
import { partiesOf, sendHandoverNotice } from "./handover-notices.ts";

export interface OpenHandoverParams {
  readonly postId: string;
  readonly fromId: string;
  readonly toId: string;
  /** null: no witness; undefined: the post's manager when the sheet holds cash, keys, seals or vouchers. */
  readonly witnessId?: string | null | undefined;
  readonly purpose: HandoverPurpose;
  readonly leaveId?: string | null | undefined;
  readonly rotationId?: string | null | undefined;
  /** undefined: the post's usual items; [] : a sheet confirmed as a whole. */
  readonly items?: readonly HandoverItemInput[] | undefined;
  /** The notices show from this instant (a leave's start). */
  readonly visibleFrom?: Date | null | undefined;
  /** Log entries are sealed until this instant (a sealed leave's start). */
  readonly sealedUntil?: Date | null | undefined;
  /** Default: the system (the cascade of a leave or a rotation). */
  readonly by?: By | undefined;
}

export function sheetOf(h: HandoverRecord): HandoverSheet {
  return {
    status: h.status,
    purpose: h.purpose,
    fromId: h.fromId,
    toId: h.toId,
    witnessId: h.witnessId,
    itemSeqs: h.items.map((i) => i.seq),
  };
}

async function existing(tx: TxPorts, params: OpenHandoverParams): Promise<HandoverRecord | undefined> {
  const rows = params.leaveId
    ? await tx.handovers.forLeave(params.leaveId)
    : params.rotationId
      ? await tx.handovers.forRotation(params.rotationId)
      : [];
  return rows.find((h) => h.purpose === params.purpose && h.status !== "cancelled");
}

/** The manager nearest the post's unit who is neither side and not away. */
async function defaultWitness(tx: TxPorts, post: PostView, sides: readonly string[]): Promise<string | null> {
  const depth = (path: string) => path.split("/").length;
  const managers = await tx.people.withRoleCovering("manager", post.unitPath);
  const ranked = managers
    .filter((m) => !sides.includes(m.id))
    .map((m) => ({
      m,
      depth: Math.max(
        ...m.grants
          .filter((g) => g.role === "manager" && post.unitPath.startsWith(g.unitPath))
          .map((g) => depth(g.unitPath)),
      ),
    }))
    .sort((a, b) => b.depth - a.depth || a.m.code.localeCompare(b.m.code));
  for (const { m } of ranked) if (!(await tx.people.isAway(m.id))) return m.id;
  return null;
}

export async function openHandover(tx: TxPorts, env: Env, params: OpenHandoverParams): Promise<{ handoverId: string }> {
  const found = await existing(tx, params);
  if (found) return { handoverId: found.id };
  const post = await tx.posts.find(params.postId);
  if (!post) throw new DomainError("NOT_FOUND");
  if (params.fromId === params.toId) throw new DomainError("SEPARATION_OF_DUTIES");
  const items = params.items ?? defaultItems(post, await tx.posts.clientCountOf(params.fromId));
  const witnessId =
    params.witnessId !== undefined
      ? params.witnessId
      : needsWitness(items)
        ? await defaultWitness(tx, post, [params.fromId, params.toId])
        : null;
  if (witnessId !== null && (witnessId === params.fromId || witnessId === params.toId))
    throw new DomainError("SEPARATION_OF_DUTIES");
  const by = params.by ?? { actor: null, actorId: null, platform: "system" };
  const sheet: HandoverSheet = {
    status: "open",
    purpose: params.purpose,
    fromId: params.fromId,
    toId: params.toId,
    witnessId,
    itemSeqs: items.map((_, i) => i + 1),
  };
  const decision = decide(handoverMachine, NEW, "open", {
    actor: by.actor,
    unitPath: post.unitPath,
    sheet,
    confirmations: [],
  });
  if (!decision.ok) throw new DomainError(decision.code);

  const handover = await tx.handovers.open({
    id: newId(),
    postId: post.id,
    fromId: params.fromId,
    toId: params.toId,
    witnessId,
    purpose: params.purpose,
    leaveId: params.leaveId ?? null,
    rotationId: params.rotationId ?? null,
    openedAt: env.now,
    items,
  });
  await tx.log.append({
    at: env.now,
    actorId: by.actorId,
    platform: by.platform,
    action: "handover.opened",
    subjectType: "handover",
    subjectId: handover.id,
    sealedUntil: params.sealedUntil ?? null,
    data: {
      purpose: handover.purpose,
      postId: post.id,
      fromId: handover.fromId,
      toId: handover.toId,
      witnessId,
      leaveId: handover.leaveId,
      rotationId: handover.rotationId,
      items: handover.items.map((i) => ({
        seq: i.seq,
        kind: i.kind,
        description: i.description,
        quantity: i.quantity,
      })),
    },
  });
  // The machine tells both sides; the witness confirms too, so the witness is told as well.
  for (const effect of decision.effects)
    if (effect.kind !== "notify") throw new Error(`handover effect "${effect.kind}" has no handler on open`);
  await sendHandoverNotice(
    tx,
    env,
    handover,
    "handover_opened",
    await partiesOf(tx, handover, ["from", "to", "witness"]),
    params.visibleFrom ?? null,
  );
  return { handoverId: handover.id };
}
