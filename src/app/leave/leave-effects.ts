// Carrying out what a leave decision lists (the domain's effects are data). Each effect kind has
// one handler; an effect without a handler is a programming error, not a refusal.
import type { Effect } from "../../domain/machine/effects.ts";
import type { HandoverItemInput } from "../handover/handover-items.ts";
import { openHandover } from "../handover/open-handover.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";
import { handoverOf, sealedUntilOf, type LeaveFacts } from "./leave-facts.ts";
import { partyOfLeave, sendLeaveNotice } from "./leave-notices.ts";
import type { By } from "./leave-transition.ts";
import { cancelLeaveAudit, requestLeaveAudit } from "./leave-audit-link.ts";

export interface EffectOptions {
  /** The handover sheet HR gives (start, return); default: the post's usual items, or the takeover's for a hand-back. */
  readonly items?: readonly HandoverItemInput[] | undefined;
  /** The witness of the handover; undefined: the post's manager when the sheet holds cash, keys or seals. */
  readonly witnessId?: string | null | undefined;
}

async function setHolderStatus(
  tx: TxPorts,
  env: Env,
  by: By,
  facts: LeaveFacts,
  status: "on_leave" | "active",
): Promise<void> {
  const holder = await tx.people.byId(facts.leave.holderId);
  if (!holder || holder.status === status || holder.status === "left") return;
  if (status === "active" && (holder.status !== "on_leave" || (await tx.people.isAway(holder.id)))) return;
  await tx.people.setStatus(holder.id, status);
  await tx.log.append({
    at: env.now,
    actorId: by.actorId,
    platform: by.platform,
    action: "employee.status_changed",
    subjectType: "employee",
    subjectId: holder.id,
    sealedUntil: sealedUntilOf(facts),
    data: { from: holder.status, to: status, leaveId: facts.leave.id },
  });
}

async function startActing(tx: TxPorts, env: Env, by: By, facts: LeaveFacts): Promise<void> {
  const { leave } = facts;
  if (leave.substituteId === null) throw new Error(`leave ${leave.id} started without a substitute`);
  if (await tx.posts.actingFor(leave.id)) return;
  const acting = await tx.posts.startActing({
    postId: leave.postId,
    employeeId: leave.substituteId,
    leaveId: leave.id,
    startDate: leave.startDate,
  });
  await tx.log.append({
    at: env.now,
    actorId: by.actorId,
    platform: by.platform,
    action: "assignment.acting_started",
    subjectType: "assignment",
    subjectId: acting.id,
    sealedUntil: sealedUntilOf(facts),
    data: { leaveId: leave.id, postId: leave.postId, employeeId: leave.substituteId, startDate: acting.startDate },
  });
}

async function openLeaveHandover(
  tx: TxPorts,
  env: Env,
  by: By,
  facts: LeaveFacts,
  purpose: "leave_start" | "leave_return",
  options: EffectOptions,
): Promise<void> {
  const { leave } = facts;
  if (leave.substituteId === null) throw new Error(`leave ${leave.id} has no substitute to hand over to`);
  const takeover = handoverOf(facts, "leave_start");
  const outward = purpose === "leave_start";
  const items =
    options.items ??
    (outward
      ? undefined
      : takeover?.items.map((i) => ({ kind: i.kind, description: i.description, quantity: i.quantity })));
  await openHandover(tx, env, {
    postId: leave.postId,
    fromId: outward ? leave.holderId : leave.substituteId,
    toId: outward ? leave.substituteId : leave.holderId,
    witnessId:
      options.witnessId !== undefined ? options.witnessId : outward ? undefined : (takeover?.witnessId ?? null),
    purpose,
    leaveId: leave.id,
    rotationId: null,
    items,
    visibleFrom: facts.startsAt,
    sealedUntil: sealedUntilOf(facts),
    by,
  });
}

export async function carryOutLeaveEffects(
  tx: TxPorts,
  env: Env,
  by: By,
  facts: LeaveFacts,
  effects: readonly Effect[],
  options: EffectOptions,
): Promise<void> {
  for (const effect of effects) {
    switch (effect.kind) {
      case "notify":
        await sendLeaveNotice(tx, env, facts, effect.notice, await partyOfLeave(tx, facts, effect.to));
        break;
      case "request_audit":
        await requestLeaveAudit(tx, env, facts);
        break;
      case "cancel_audit":
        await cancelLeaveAudit(tx, env, facts);
        break;
      case "suspend_authority":
        // The holder's authority is suspended (the kernel's isAway sees the started leave); the
        // post's authority passes to the substitute for the leave.
        await setHolderStatus(tx, env, by, facts, "on_leave");
        await startActing(tx, env, by, facts);
        break;
      case "restore_authority":
        await setHolderStatus(tx, env, by, facts, "active");
        break;
      case "open_handover":
        if (effect.purpose === "rotation") throw new Error("a leave never opens a rotation handover");
        await openLeaveHandover(tx, env, by, facts, effect.purpose, options);
        break;
      default:
        throw new Error(`leave effect "${effect.kind}" has no handler`);
    }
  }
}
