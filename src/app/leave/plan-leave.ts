// leave.plan: HR plans a mandatory leave for a post's holder. Sealed by default: only HR,
// compliance (and compliance head) in scope and the audit team can see it until it starts.
// Working days and the lead time are counted in the unit's calendar; the start is moved to the
// first working day on or after the date HR gives. Planning tells compliance and requests the
// off-post audit; the holder, the substitute and managers hear nothing.
import { z } from "zod";
import { DomainError, type ErrorDetail } from "../../domain/errors.ts";
import { LEAVE_KINDS, LEAVE_TRIGGERS, leaveMachine, type LeaveContext } from "../../domain/leave/leave.machine.ts";
import { NEW, decide } from "../../domain/machine/machine.ts";
import { newId } from "../../ports/ids.ts";
import { bi } from "../../ports/locale.ts";
import { AppError } from "../kernel/app-error.ts";
import { inputDetail } from "../kernel/input-problem.ts";
import { useCase } from "../kernel/use-case.ts";
import { carryOutLeaveEffects } from "./leave-effects.ts";
import { loadLeave, personByRef, refuseIfSuspended, sealedUntilOf } from "./leave-facts.ts";
import { IdSchema, LocalDateSchema, RefSchema } from "./leave-inputs.ts";
import { byWho, LEAVE_LOG_ACTIONS } from "./leave-transition.ts";
import { buildLeaveCard } from "./leave.cards.ts";

const OPEN_STATES = ["planned", "compliance_notified", "started", "handed_over", "audit", "returning"];

export const planLeave = useCase({
  name: "leave.plan",
  input: z.object({
    post: RefSchema,
    startDate: LocalDateSchema,
    endDate: LocalDateSchema,
    kind: z.enum(LEAVE_KINDS),
    trigger: z.enum(LEAVE_TRIGGERS).optional(),
    triggerRef: z.string().max(200).optional(),
    reason: z.string().max(2000).default(""),
    substitute: RefSchema.optional(),
    sealed: z.boolean().default(true),
    /** The adapter's submission id: the same submission again answers the first result. */
    requestId: IdSchema.optional(),
  }),
  async run(input, who, tx, env) {
    refuseIfSuspended(who, "leave.plan");
    const receipt = input.requestId === undefined ? undefined : `leave.plan:${who.person.id}:${input.requestId}`;
    const replayed = receipt === undefined ? undefined : await tx.receipts.find(receipt);
    if (replayed !== undefined) {
      const card = await buildLeaveCard(tx, { subjectId: replayed, kind: "leave_planned", recipient: who.person }, env);
      return { message: bi("该休假已安排。", "That leave is already planned."), ...(card ? { card } : {}) };
    }

    if (input.endDate < input.startDate)
      throw new AppError("INVALID_INPUT", inputDetail("endDate", "end_before_start"));
    const post = await tx.posts.find(input.post);
    if (!post) throw new DomainError("NOT_FOUND", { subject: "post", code: input.post, field: "post" });
    if (!post.holder) throw new DomainError("NOT_FOUND", { reason: "post_vacant", field: "post" });
    const substitute = input.substitute === undefined ? undefined : await personByRef(tx, input.substitute);
    if (input.substitute !== undefined && !substitute)
      throw new DomainError("NOT_FOUND", { reason: "substitute", code: input.substitute, field: "substitute" });

    const calendar = post.calendar;
    const startDate = calendar.workingDayOnOrAfter(input.startDate);
    const ctx: LeaveContext = {
      actor: who.actor,
      unitPath: post.unitPath,
      holderId: post.holder.employeeId,
      substitute: substitute ? { employeeId: substitute.id, onLeave: await tx.people.isAway(substitute.id) } : null,
      workingDays: calendar.countWorkingDays(startDate, input.endDate),
      leadWorkingDays: calendar.workingDaysBetween(calendar.localDateOf(env.now), startDate),
      policy: post.policy,
      handoverConfirmed: false,
      seriousFindings: false,
    };
    const decision = decide(leaveMachine, NEW, "plan", ctx);
    if (!decision.ok) {
      const numbers: ErrorDetail | undefined =
        decision.code === "LEAVE_TOO_SHORT"
          ? { workingDays: ctx.workingDays, minimum: ctx.policy.minWorkingDays }
          : decision.code === "LEAD_TIME_TOO_SHORT"
            ? { leadWorkingDays: ctx.leadWorkingDays, minimum: ctx.policy.complianceLeadWorkingDays }
            : undefined;
      throw new DomainError(decision.code, numbers);
    }
    const open = (await tx.leaves.forHolder(post.holder.employeeId)).filter((l) => OPEN_STATES.includes(l.status));
    if (open.length > 0) throw new DomainError("ALREADY_DONE", { reason: "holder_has_open_leave" });

    const created = await tx.leaves.create({
      id: newId(),
      kind: input.kind,
      trigger: input.trigger ?? null,
      triggerRef: input.triggerRef ?? null,
      holderId: post.holder.employeeId,
      postId: post.id,
      substituteId: substitute?.id ?? null,
      unitId: post.unitId,
      startDate,
      endDate: input.endDate,
      sealed: input.sealed,
      reason: input.reason,
      plannedById: who.person.id,
      status: decision.to,
      at: env.now,
    });
    const facts = await loadLeave(tx, created.id);
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: LEAVE_LOG_ACTIONS.plan,
      subjectType: "leave",
      subjectId: created.id,
      sealedUntil: sealedUntilOf(facts),
      data: {
        to: created.status,
        version: created.version,
        kind: created.kind,
        trigger: created.trigger,
        holderId: created.holderId,
        postId: post.id,
        postCode: post.code,
        substituteId: created.substituteId,
        startDate,
        requestedStart: input.startDate,
        endDate: created.endDate,
        workingDays: ctx.workingDays,
        leadWorkingDays: ctx.leadWorkingDays,
        policy: post.policy.code,
        sealed: created.sealed,
      },
    });
    await carryOutLeaveEffects(tx, env, byWho(who), facts, decision.effects, {});
    if (receipt !== undefined) await tx.receipts.record(receipt, created.id);
    const card = await buildLeaveCard(tx, { subjectId: created.id, kind: "leave_planned", recipient: who.person }, env);
    return {
      message: bi(
        `已安排强制休假：${startDate} 至 ${created.endDate}，共 ${ctx.workingDays} 个工作日，已通知合规部门。`,
        `Mandatory leave planned: ${startDate} to ${created.endDate}, ${ctx.workingDays} working days. Compliance has been told.`,
      ),
      ...(card ? { card } : {}),
      touched: [{ type: "leave", id: created.id }],
    };
  },
});
