// rotation.draft_plan — HR drafts (or tops up) the yearly rotation plan of a unit: every holding
// under it whose tenure limit falls in the year gets its rotation (due, opened by
// the system as the sweep would), and every pending rotation under the unit planned for that year
// and in no plan yet is listed. The approvers over the unit are asked to approve it. Drafting again
// with nothing new is ALREADY_DONE; an approved plan takes nothing more.
import { z } from "zod";
import { roleCheck } from "../../domain/access/roles.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { startOfWorkingDay } from "../../domain/calendar/index.ts";
import { DomainError } from "../../domain/errors.ts";
import { tenureDeadline } from "../../domain/policy/index.ts";
import { PENDING_STATES } from "../../domain/rotation/rotation.machine.ts";
import { newId } from "../../ports/ids.ts";
import type { Holding, RotationPlanRecord } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { bi } from "../../ports/locale.ts";
import { useCase, type Env, type Who } from "../kernel/use-case.ts";
import { notifyVisible } from "./notice-helpers.ts";
import { Code } from "./rotation-inputs.ts";
import { approversOver } from "../people/rotation-people.ts";
import { planVersion, rotationPlanCard } from "./rotation-plan.card.ts";
import { createRotation } from "./rotation-transition.ts";
import { sweepRotationId } from "./scan-rotations-due.ts";

const Input = z.object({ unit: Code, year: z.number().int().min(2000).max(2200) });

async function holdingsUnder(tx: TxPorts, unitPath: string): Promise<Holding[]> {
  const all: Holding[] = [];
  for (let afterId: string | undefined; ;) {
    const page = await tx.rotations.openHoldings({
      limit: 500,
      underPath: unitPath,
      ...(afterId !== undefined ? { afterId } : {}),
    });
    all.push(...page);
    if (page.length < 500) return all;
    afterId = page.at(-1)?.assignment.id;
  }
}

/** Opens the due rotation of each holding whose limit falls in the year and has no live rotation (earlier limits are the sweep's). */
async function openDueRotations(
  tx: TxPorts,
  env: Env,
  who: Drafter,
  unitPath: string,
  yearStart: string,
  yearEnd: string,
): Promise<number> {
  const holdings = await holdingsUnder(tx, unitPath);
  const terms = await tx.rotations.tenureTerms([...new Set(holdings.map((h) => h.post.id))]);
  let opened = 0;
  for (const { assignment, post } of holdings) {
    const t = terms.get(post.id);
    if (!t) continue;
    const deadline = tenureDeadline(assignment.startDate, t);
    if (deadline < yearStart || deadline > yearEnd) continue;
    const rotations = await tx.rotations.rotationsOf(
      post.id,
      assignment.employeeId,
      startOfWorkingDay(assignment.startDate, post.unitTimeZone),
    );
    if (rotations.some((r) => r.status !== "done" && r.status !== "cancelled")) continue;
    const row = {
      id: sweepRotationId(assignment.id, rotations.length),
      planId: null,
      postId: post.id,
      outgoingId: assignment.employeeId,
      incomingId: null,
      destinationPostId: null,
      plannedDate: deadline,
    };
    // become_due is the system's event; the sweep's threshold warnings follow in their time.
    await createRotation(tx, env, { actor: null, actorId: null, platform: who.platform }, row, post, {
      event: "become_due",
      options: { skip: ["rotation_due"] },
      data: { assignment: assignment.id, draftedBy: who.code },
    });
    opened += 1;
  }
  return opened;
}

/** Who drafts: an HR officer, or the scheduler's yearly job (id null, code "scheduler"). */
export interface Drafter {
  readonly id: string | null;
  readonly code: string;
  readonly platform: Who["platform"];
}

/**
 * Drafts or tops up the unit's plan for the year and asks the approvers over the unit; undefined
 * when a plan exists (or `skipEmpty`) and there is nothing new to list. The caller checks roles and an approved plan.
 */
export async function draftPlanFor(
  tx: TxPorts,
  env: Env,
  who: Drafter,
  unit: { readonly id: string; readonly code: string; readonly path: string },
  year: number,
  options: { readonly skipEmpty?: boolean } = {},
): Promise<{ plan: RotationPlanRecord; listed: number; existing: boolean } | undefined> {
  const existing = await tx.rotations.planOf(unit.id, year);
  const [yearStart, yearEnd] = [`${year}-01-01`, `${year}-12-31`];
  const opened = await openDueRotations(tx, env, who, unit.path, yearStart, yearEnd);
  const candidates = (await tx.rotations.rotationsUnder(unit.path, PENDING_STATES)).filter(
    (r) => r.planId === null && r.plannedDate >= yearStart && r.plannedDate <= yearEnd,
  );
  if ((existing || options.skipEmpty === true) && candidates.length === 0) return undefined;
  const plan = existing ?? (await tx.rotations.createPlan({ id: newId(), year, unitId: unit.id, createdAt: env.now }));
  const listed = await tx.rotations.attachToPlan(
    plan.id,
    candidates.map((r) => r.id),
  );
  await tx.log.append({
    at: env.now,
    actorId: who.id,
    platform: who.platform,
    action: existing ? "rotation_plan.topped_up" : "rotation_plan.drafted",
    subjectType: "rotation_plan",
    subjectId: plan.id,
    data: { unit: unit.code, year, opened, listed, rotations: candidates.map((r) => r.id) },
  });
  const spec = {
    kind: "rotation_plan_drafted",
    subjectType: "rotation_plan",
    subjectId: plan.id,
    version: planVersion(plan),
  };
  await notifyVisible(tx, spec, await approversOver(tx, unit.path, [who.id]), (r) =>
    rotationPlanCard(tx, { subjectId: plan.id, kind: spec.kind, recipient: r }, { now: env.now }),
  );
  return { plan, listed, existing: existing !== undefined };
}

export const draftRotationPlan = useCase({
  name: "rotation.draft_plan",
  input: Input,
  async run(input, who, tx, env) {
    const unit = await tx.rotations.unitByCode(input.unit);
    if (!unit) throw new DomainError("NOT_FOUND", { subject: "unit", code: input.unit });
    const refused =
      suspensionCheck(who.actor, { name: "rotation.draft_plan" }) ?? roleCheck(who.actor, ["hr"], unit.path);
    if (refused) throw new DomainError(refused);
    const approved = await tx.rotations.planOf(unit.id, input.year);
    if (approved?.status === "approved") throw new DomainError("INVALID_TRANSITION", { reason: "plan_approved" });

    const drafted = await draftPlanFor(
      tx,
      env,
      { id: who.person.id, code: who.person.code, platform: who.platform },
      unit,
      input.year,
    );
    if (!drafted) throw new DomainError("ALREADY_DONE");
    const { plan, listed } = drafted;
    const card = await rotationPlanCard(tx, { subjectId: plan.id, kind: "", recipient: who.person }, { now: env.now });
    return {
      message: bi(
        `${input.year} 年度 ${unit.code} 轮换计划已${drafted.existing ? "更新" : "起草"}：新列入 ${listed} 项，已提交审批。`,
        `${input.year} rotation plan for ${unit.code} ${drafted.existing ? "updated" : "drafted"}: ${listed} rotation(s) added, sent for approval.`,
      ),
      ...(card ? { card } : {}),
      touched: [{ type: "rotation_plan", id: plan.id }],
    };
  },
});
