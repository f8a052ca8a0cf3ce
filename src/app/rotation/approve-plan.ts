// rotation.approve_plan — a manager or executive over the unit approves its yearly plan; with it,
// every rotation of the plan already planned (incoming named) is approved by the same person, as
// the machine allows (never one in which they are a party: that one stays planned and is listed).
// HR over the unit is told.
import { z } from "zod";
import { roleCheck } from "../../domain/access/roles.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { notifyVisible } from "./notice-helpers.ts";
import { loadRotation } from "./rotation-facts.ts";
import { ExpectedVersion, Id } from "./rotation-inputs.ts";
import { withRolesOver } from "../people/rotation-people.ts";
import { PLAN_APPROVERS, planVersion, rotationPlanCard } from "./rotation-plan.card.ts";
import { byWho, fireRotationEvent } from "./rotation-transition.ts";

export const approveRotationPlan = useCase({
  name: "rotation.approve_plan",
  input: z.object({ planId: Id, expectedVersion: ExpectedVersion }),
  async run(input, who, tx, env) {
    const plan = await tx.rotations.planById(input.planId);
    if (!plan) throw new DomainError("NOT_FOUND", { subject: "rotation_plan" });
    const refused =
      suspensionCheck(who.actor, { name: "rotation.approve_plan" }) ??
      roleCheck(who.actor, PLAN_APPROVERS, plan.unitPath);
    if (refused) throw new DomainError(refused);
    if (plan.status === "approved") throw new DomainError("ALREADY_DONE");
    if (input.expectedVersion !== undefined && input.expectedVersion !== planVersion(plan))
      throw new DomainError("STALE_ACTION");
    if (!(await tx.rotations.approvePlan(plan.id, who.person.id, env.now))) throw new DomainError("STALE_ACTION");

    const approved: string[] = [];
    const kept: { rotationId: string; code: string }[] = [];
    for (const r of await tx.rotations.rotationsOfPlan(plan.id)) {
      if (r.status !== "planned") continue;
      try {
        await fireRotationEvent(tx, env, byWho(who), await loadRotation(tx, r.id), {
          event: "approve",
          changes: { approvedById: who.person.id },
          data: { planId: plan.id },
        });
        approved.push(r.id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        kept.push({ rotationId: r.id, code: error.code });
      }
    }
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: "rotation_plan.approved",
      subjectType: "rotation_plan",
      subjectId: plan.id,
      data: { unit: plan.unitCode, year: plan.year, approved, kept },
    });
    const spec = { kind: "rotation_plan_approved", subjectType: "rotation_plan", subjectId: plan.id, version: 2 };
    await notifyVisible(tx, spec, await withRolesOver(tx, ["hr"], plan.unitPath, [who.person.id]), (r) =>
      rotationPlanCard(tx, { subjectId: plan.id, kind: spec.kind, recipient: r }, { now: env.now }),
    );
    const card = await rotationPlanCard(tx, { subjectId: plan.id, kind: "", recipient: who.person }, { now: env.now });
    return {
      message: bi(
        `已批准 ${plan.year} 年度 ${plan.unitCode} 轮换计划，其中 ${approved.length} 项已安排的轮换一并批准${kept.length > 0 ? `，${kept.length} 项需另行审批` : ""}。`,
        `${plan.year} rotation plan for ${plan.unitCode} approved, with ${approved.length} planned rotation(s)${kept.length > 0 ? `; ${kept.length} need another approver` : ""}.`,
      ),
      ...(card ? { card } : {}),
      touched: [{ type: "rotation_plan", id: plan.id }, ...approved.map((id) => ({ type: "rotation", id }))],
    };
  },
});
