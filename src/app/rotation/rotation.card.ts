// The card of a rotation, rebuilt for one person from its current state: what it is, and the
// buttons that person may press now (the machine decides which). HR, compliance, managers and
// executives over the post see it; the outgoing and incoming holders only once they are told
// (notified onwards); the `leave_required` card only HR.
import { actorOf } from "../people/actor-of.ts";
import { daysBetween } from "../../domain/calendar/index.ts";
import { decide } from "../../domain/machine/machine.ts";
import { rotationMachine, type RotationEvent, type RotationState } from "../../domain/rotation/rotation.machine.ts";
import type { Actor } from "../../domain/access/roles.ts";
import { hasAnyRole } from "../../domain/access/roles.ts";
import { same, type CardAction, type CardField } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { CardBuilder } from "../kernel/card-registry.ts";
import { offer } from "../kernel/notify.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { KeyPostRecord } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { leaveRequiredCard } from "./leave-required.card.ts";
import { acknowledgeButton } from "./notice-helpers.ts";
import { loadRotation, rotationContext, tenureOf, todayAt, type RotationFacts } from "./rotation-facts.ts";
import { nameOf } from "../people/rotation-people.ts";

export const STATE_LABEL: Readonly<Record<RotationState, Bilingual>> = {
  due: bi("待安排", "Due"),
  planned: bi("已安排，待审批", "Planned, awaiting approval"),
  approved: bi("已审批", "Approved"),
  notified: bi("已通知，交接中", "Notified, handover open"),
  handed_over: bi("已交接", "Handed over"),
  done: bi("已完成", "Done"),
  overdue: bi("已逾期", "Overdue"),
  cancelled: bi("已取消", "Cancelled"),
};

const TITLES: Readonly<Record<string, Bilingual>> = {
  rotation_due: bi("岗位轮换到期提醒", "Rotation due"),
  rotation_planned: bi("岗位轮换待审批", "Rotation to approve"),
  rotation_notice: bi("岗位轮换通知", "Rotation notice"),
  rotation_overdue: bi("岗位轮换已逾期", "Rotation overdue"),
  rotation_done: bi("岗位轮换已完成", "Rotation done"),
};

const OFFICERS = ["hr", "compliance", "compliance_head", "manager", "executive"] as const;
const TOLD: readonly RotationState[] = ["notified", "handed_over", "done"];

function postName(post: Pick<KeyPostRecord, "code" | "name" | "nameEn"> | undefined): Bilingual {
  return post
    ? bi(`${post.name}（${post.code}）`, `${post.nameEn ?? post.name} (${post.code})`)
    : bi("（非重要岗位）", "(not a key post)");
}

function personName(person: Person | undefined): Bilingual {
  const n = nameOf(person);
  return person ? bi(n.zh, n.en) : bi("（未指定）", "(not named yet)");
}

interface Cast {
  readonly outgoing: Person | undefined;
  readonly incoming: Person | undefined;
  readonly destination: KeyPostRecord | undefined;
}

async function castOf(tx: TxPorts, facts: RotationFacts): Promise<Cast> {
  const { rotation } = facts;
  return {
    outgoing: await tx.people.byId(rotation.outgoingId),
    incoming: rotation.incomingId ? await tx.people.byId(rotation.incomingId) : undefined,
    destination: rotation.destinationPostId ? await tx.rotations.postById(rotation.destinationPostId) : undefined,
  };
}

function textOf(
  kind: string,
  facts: RotationFacts,
  cast: Cast,
  viewerId: string,
  deadline: string | undefined,
  today: string,
): Bilingual | undefined {
  const { rotation, post } = facts;
  const p = postName(post);
  const out = personName(cast.outgoing);
  const inc = personName(cast.incoming);
  const dest = postName(cast.destination);
  if (kind === "rotation_due" && deadline) {
    const left = daysBetween(today, deadline);
    return bi(
      `${out["zh-CN"]}在${p["zh-CN"]}的任职期限为 ${deadline}（还有 ${left} 天），请安排轮换。`,
      `${out.en}'s tenure on ${p.en} reaches its limit on ${deadline} (${left} days left): plan the rotation.`,
    );
  }
  if (kind === "rotation_overdue") {
    return bi(
      `${out["zh-CN"]}在${p["zh-CN"]}的任职已超过期限${deadline ? ` ${deadline}` : ""}。轮换未能按期完成，须安排常规强制休假并进行离岗审计。`,
      `${out.en} has held ${p.en} past the tenure limit${deadline ? ` of ${deadline}` : ""}. The rotation was not done in time: a regular mandatory leave with an off-post audit is required.`,
    );
  }
  if (kind === "rotation_notice" && viewerId === rotation.outgoingId) {
    return bi(
      `您将于 ${rotation.plannedDate} 轮换离开${p["zh-CN"]}，去向：${dest["zh-CN"]}；接任人：${inc["zh-CN"]}。请与接任人逐项完成交接。`,
      `You rotate out of ${p.en} on ${rotation.plannedDate}, to ${dest.en}; ${inc.en} takes over. Hand over item by item with them.`,
    );
  }
  if (kind === "rotation_notice" && viewerId === rotation.incomingId) {
    return bi(
      `您将于 ${rotation.plannedDate} 接任${p["zh-CN"]}（原岗位人员：${out["zh-CN"]}）。请与其逐项完成交接。`,
      `You take over ${p.en} from ${out.en} on ${rotation.plannedDate}. Take the handover item by item.`,
    );
  }
  if (kind === "rotation_done") {
    return bi(
      `${p["zh-CN"]}已由${out["zh-CN"]}轮换至${inc["zh-CN"]}；${out["zh-CN"]}去向：${dest["zh-CN"]}。`,
      `${p.en} passed from ${out.en} to ${inc.en}; ${out.en} went to ${dest.en}.`,
    );
  }
  if (kind === "rotation_planned") {
    return bi(
      `人力资源部已安排${out["zh-CN"]}于 ${rotation.plannedDate} 轮换离开${p["zh-CN"]}，由${inc["zh-CN"]}接任，请审批。`,
      `HR plans ${out.en} to rotate out of ${p.en} on ${rotation.plannedDate}, with ${inc.en} taking over: please approve.`,
    );
  }
  return undefined;
}

const PLAN_FORM = {
  title: bi("安排轮换", "Plan the rotation"),
  inputs: [
    {
      name: "incoming",
      kind: "person",
      label: bi("接任人", "Incoming holder"),
      required: true,
      maxLength: 64,
    },
    { name: "plannedDate", kind: "date", label: bi("计划轮换日期", "Planned date"), required: true },
    {
      name: "destinationPost",
      kind: "post",
      label: bi("原岗位人员去向岗位（可选）", "Destination post of the outgoing holder (optional)"),
      required: false,
      maxLength: 64,
    },
  ],
} as const;

const NOTIFY_FORM = {
  title: bi("通知轮换并开启交接", "Notify and open the handover"),
  inputs: [
    {
      name: "witness",
      kind: "person",
      label: bi("监交人（可选）", "Witness (optional)"),
      required: false,
      maxLength: 64,
    },
  ],
} as const;

const CANCEL_FORM = {
  title: bi("取消轮换", "Cancel the rotation"),
  inputs: [{ name: "reason", kind: "textarea", label: bi("原因", "Reason"), required: false, maxLength: 500 }],
} as const;

async function buttons(tx: TxPorts, facts: RotationFacts, viewer: Person, actor: Actor): Promise<CardAction[]> {
  const { rotation } = facts;
  const can = (event: RotationEvent, extra = {}) =>
    decide(rotationMachine, rotation.status, event, rotationContext(facts, actor, extra)).ok;
  const what = (action: string) => ({
    action,
    subjectType: "rotation",
    subjectId: rotation.id,
    version: rotation.version,
    recipientId: viewer.id,
  });
  const actions: CardAction[] = [];
  if (can("plan", { incomingId: rotation.incomingId ?? "(form)" }))
    actions.push(await offer(tx, what("rotation.plan"), bi("安排轮换", "Plan"), { style: "primary", form: PLAN_FORM }));
  if (can("approve"))
    actions.push(await offer(tx, what("rotation.approve"), bi("批准", "Approve"), { style: "primary" }));
  if (can("notify"))
    actions.push(
      await offer(tx, what("rotation.notify"), bi("通知并开启交接", "Notify and open handover"), {
        style: "primary",
        form: NOTIFY_FORM,
      }),
    );
  if (can("cancel"))
    actions.push(
      await offer(tx, what("rotation.cancel"), bi("取消", "Cancel"), { style: "danger", form: CANCEL_FORM }),
    );
  return actions;
}

export const rotationCard: CardBuilder = async (tx, ref, ctx) => {
  let facts: RotationFacts;
  try {
    facts = await loadRotation(tx, ref.subjectId);
  } catch {
    return undefined;
  }
  const { rotation, post } = facts;
  const viewer = ref.recipient;
  const actor = await actorOf(tx, viewer);
  const isParty = viewer.id === rotation.outgoingId || viewer.id === rotation.incomingId;
  const isOfficer = !isParty && hasAnyRole(actor, OFFICERS, post.unitPath);
  if (!isOfficer && !(isParty && TOLD.includes(rotation.status))) return undefined;
  const subject = { type: "rotation" as const, id: rotation.id, version: rotation.version };
  const tenure = await tenureOf(tx, facts);
  const cast = await castOf(tx, facts);

  if (ref.kind === "leave_required") {
    if (!hasAnyRole(actor, ["hr"], post.unitPath) || isParty) return undefined;
    return leaveRequiredCard(
      {
        holder: cast.outgoing,
        posts: [post],
        leaveKind: "regular",
        trigger: "rotation_overdue",
        reference: subject,
        reason: bi(
          `岗位轮换已逾期（任职期限 ${tenure?.deadline ?? "—"}）。`,
          `The rotation is overdue (tenure limit ${tenure?.deadline ?? "—"}).`,
        ),
      },
      await acknowledgeButton(tx, subject, viewer.id, ctx.now, ref.kind),
    );
  }

  const fields: CardField[] = [
    { label: bi("岗位", "Post"), value: postName(post) },
    { label: bi("机构", "Unit"), value: same(post.unitCode) },
    { label: bi("原岗位人员", "Outgoing holder"), value: personName(cast.outgoing) },
    { label: bi("接任人", "Incoming holder"), value: personName(cast.incoming) },
    { label: bi("计划日期", "Planned date"), value: same(rotation.plannedDate) },
    ...(tenure ? [{ label: bi("任职期限", "Tenure limit"), value: same(tenure.deadline) }] : []),
    ...(rotation.destinationPostId ? [{ label: bi("去向", "Goes to"), value: postName(cast.destination) }] : []),
    { label: bi("状态", "Status"), value: STATE_LABEL[rotation.status] },
  ];
  const text = textOf(ref.kind, facts, cast, viewer.id, tenure?.deadline, todayAt(post, ctx.now));
  const actions = [
    ...(isOfficer ? await buttons(tx, facts, viewer, actor) : []),
    ...(await acknowledgeButton(tx, subject, viewer.id, ctx.now, ref.kind)),
  ];
  return {
    title: TITLES[ref.kind] ?? bi("岗位轮换", "Rotation"),
    ...(text ? { text } : {}),
    fields,
    actions,
    footer: bi(`状态：${STATE_LABEL[rotation.status]["zh-CN"]}`, `Status: ${STATE_LABEL[rotation.status].en}`),
    subject,
  };
};
