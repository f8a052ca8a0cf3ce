// The card of a yearly rotation plan for one unit: the rotations it lists, and for an approver (a
// manager or executive over the unit) the Approve button while it is a draft. RotationPlan has no
// version column: its status stands in (draft 1, approved 2).
import { actorOf } from "../people/actor-of.ts";
import { hasAnyRole, roleCheck } from "../../domain/access/roles.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import type { RotationPlanRecord, RotationRecord } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { same, type Card, type CardAction } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { CardBuilder } from "../kernel/card-registry.ts";
import { offer } from "../kernel/notify.ts";
import { acknowledgeButton } from "./notice-helpers.ts";
import { nameOf } from "../people/rotation-people.ts";
import { STATE_LABEL } from "./rotation.card.ts";

export const PLAN_ROWS_SHOWN = 50;
export const PLAN_VIEWERS = ["hr", "compliance", "compliance_head", "manager", "executive"] as const;
export const PLAN_APPROVERS = ["manager", "executive"] as const;

export function planVersion(plan: RotationPlanRecord): number {
  return plan.status === "draft" ? 1 : 2;
}

async function rowOf(tx: TxPorts, r: RotationRecord): Promise<Bilingual[]> {
  const post = await tx.rotations.postById(r.postId);
  const out = nameOf(await tx.people.byId(r.outgoingId));
  const inc = r.incomingId ? nameOf(await tx.people.byId(r.incomingId)) : { zh: "—", en: "—" };
  return [
    same(post?.code ?? r.postId),
    bi(out.zh, out.en),
    same(r.plannedDate),
    bi(inc.zh, inc.en),
    STATE_LABEL[r.status],
  ];
}

export const rotationPlanCard: CardBuilder = async (tx, ref, ctx) => {
  const plan = await tx.rotations.planById(ref.subjectId);
  if (!plan) return undefined;
  const actor = await actorOf(tx, ref.recipient);
  if (!hasAnyRole(actor, PLAN_VIEWERS, plan.unitPath)) return undefined;
  const rotations = await tx.rotations.rotationsOfPlan(plan.id);
  const subject = { type: "rotation_plan", id: plan.id, version: planVersion(plan) };
  const actions: CardAction[] = [];
  const mayApprove =
    (suspensionCheck(actor, { name: "rotation.approve_plan" }) ?? roleCheck(actor, PLAN_APPROVERS, plan.unitPath)) ===
    null;
  if (plan.status === "draft" && mayApprove) {
    actions.push(
      await offer(
        tx,
        {
          action: "rotation.approve_plan",
          subjectType: "rotation_plan",
          subjectId: plan.id,
          version: subject.version,
          recipientId: ref.recipient.id,
        },
        bi("批准轮换计划", "Approve the plan"),
        { style: "primary" },
      ),
    );
  }
  actions.push(...(await acknowledgeButton(tx, subject, ref.recipient.id, ctx.now, ref.kind)));
  const rows = [];
  for (const r of rotations.slice(0, PLAN_ROWS_SHOWN)) rows.push(await rowOf(tx, r));
  const more = rotations.length - rows.length;
  const status = plan.status === "draft" ? bi("草稿，待审批", "Draft, awaiting approval") : bi("已批准", "Approved");
  const card: Card = {
    title: bi(`${plan.year} 年度岗位轮换计划 · ${plan.unitCode}`, `${plan.year} rotation plan · ${plan.unitCode}`),
    text: bi(
      `本计划列出 ${rotations.length} 项轮换${more > 0 ? `（仅显示前 ${rows.length} 项）` : ""}。`,
      `The plan lists ${rotations.length} rotation(s)${more > 0 ? ` (the first ${rows.length} shown)` : ""}.`,
    ),
    fields: [
      { label: bi("机构", "Unit"), value: same(plan.unitCode) },
      { label: bi("年度", "Year"), value: same(String(plan.year)) },
      { label: bi("状态", "Status"), value: status },
    ],
    table: {
      columns: [
        bi("岗位", "Post"),
        bi("原岗位人员", "Outgoing"),
        bi("计划日期", "Planned date"),
        bi("接任人", "Incoming"),
        bi("状态", "Status"),
      ],
      rows,
    },
    actions,
    footer: bi(`状态：${status["zh-CN"]}`, `Status: ${status.en}`),
    subject,
  };
  return card;
};
