// The card of a leave, rebuilt for one person from its current state. Nobody who may not see the
// leave gets a card (a sealed leave before its start: only HR, compliance and the audit team);
// why the leave was ordered (its trigger and reason) is shown to those insiders only, never to the
// holder or the substitute. Buttons: acknowledging one's own notice, and for HR and compliance the
// events the machine lets them fire now.
import { actorOf } from "../people/actor-of.ts";
import { hasAnyRole } from "../../domain/access/roles.ts";
import { INSIDER_ROLES, canSeeLeave } from "../../domain/access/secrecy.ts";
import type { Actor } from "../../domain/access/roles.ts";
import { leaveMachine, type LeaveEvent } from "../../domain/leave/leave.machine.ts";
import { decide } from "../../domain/machine/machine.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { same, type Card, type CardAction, type CardField } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { CardBuilder, CardContext, CardRef } from "../kernel/card-registry.ts";
import { offer } from "../kernel/notify.ts";
import { LEAVE_STATE_LABEL, TRIGGER_LABEL, localTime, period, personLabel, postLabel } from "./leave-card-parts.ts";
import { findLeave, leaveContext, visibilityOf, type LeaveFacts } from "./leave-facts.ts";

const TITLES: Readonly<Record<string, Bilingual>> = {
  leave_planned: bi("强制休假安排", "Mandatory leave planned"),
  leave_start_blocked: bi("强制休假未能按时开始", "Mandatory leave could not start"),
  leave_return_blocked: bi("强制休假已到期但未能结束", "Mandatory leave past its end could not end"),
  leave_started: bi("您的强制休假已开始", "Your mandatory leave has started"),
  leave_cover_started: bi("代岗通知", "You are covering a post"),
  leave_extended: bi("强制休假已延长", "Mandatory leave extended"),
  leave_ending: bi("强制休假结束：请接回岗位", "Your mandatory leave is over: take your post back"),
  hand_back_opened: bi("代岗结束：请交回岗位", "Your cover ends: hand the post back"),
  leave_closed: bi("强制休假已结束", "Mandatory leave closed"),
  leave_cancelled: bi("强制休假已取消", "Mandatory leave cancelled"),
};

function textOf(
  kind: string,
  facts: LeaveFacts,
  names: { holder: Bilingual; substitute: Bilingual },
): Bilingual | undefined {
  const { leave, post } = facts;
  const p = postLabel(post);
  if (kind === "leave_started") {
    return bi(
      `您自 ${leave.startDate} 起强制休假至 ${leave.endDate}。休假期间您的权限暂停：除确认本通知、确认本人岗位交接和对审计报告发表意见外，不能办理任何业务。请与代岗人${names.substitute["zh-CN"]}办理交接。`,
      `Your mandatory leave runs from ${leave.startDate} to ${leave.endDate}. Your authority is suspended meanwhile: you can only acknowledge this notice, confirm your own handover and give your opinion on the audit report. Hand your post over to ${names.substitute.en}.`,
    );
  }
  if (kind === "leave_cover_started") {
    return bi(
      `${names.holder["zh-CN"]}自 ${leave.startDate} 起休假至 ${leave.endDate}，由您代理${p["zh-CN"]}。请与其办理交接。`,
      `${names.holder.en} is on leave from ${leave.startDate} to ${leave.endDate}; you cover ${p.en}. Confirm the handover with them.`,
    );
  }
  if (kind === "leave_extended") return bi(`休假延长至 ${leave.endDate}。`, `The leave now ends on ${leave.endDate}.`);
  if (kind === "leave_ending")
    return bi(
      `请与代岗人${names.substitute["zh-CN"]}办理岗位交回。您的权限已恢复。`,
      `Take your post back from ${names.substitute.en}. Your authority is restored.`,
    );
  if (kind === "hand_back_opened")
    return bi(`请将${p["zh-CN"]}交回${names.holder["zh-CN"]}。`, `Hand ${p.en} back to ${names.holder.en}.`);
  if (kind === "leave_start_blocked")
    return bi(
      "休假开始时间已到，但未能开始（例如未指定代岗人或代岗人正在休假）。请处理。",
      "The leave's start has come but it could not start (no substitute, or the substitute is on leave). Please act.",
    );
  if (kind === "leave_return_blocked")
    return bi(
      "休假最后一天已过，但岗位交接尚未完成确认，无法办理交回。请督促双方确认交接。",
      "The leave's last day is over, but its takeover handover was never confirmed, so the hand-back cannot open. Have both sides confirm it.",
    );
  return undefined;
}

type ManagedEvent = Extract<LeaveEvent, "assign_substitute" | "start" | "extend" | "return" | "cancel">;

const MANAGED: readonly ManagedEvent[] = ["assign_substitute", "start", "extend", "return", "cancel"];

const EVENT_LABEL: Readonly<Record<ManagedEvent, Bilingual>> = {
  assign_substitute: bi("指定代岗人", "Assign substitute"),
  start: bi("开始休假", "Start the leave"),
  extend: bi("延长休假", "Extend the leave"),
  return: bi("结束休假", "End the leave"),
  cancel: bi("取消休假", "Cancel the leave"),
};

const FORMS: Partial<Record<ManagedEvent, NonNullable<CardAction["form"]>>> = {
  assign_substitute: {
    title: bi("指定代岗人", "Assign a substitute"),
    inputs: [
      {
        name: "substitute",
        kind: "person",
        label: bi("代岗人", "Substitute"),
        required: true,
        maxLength: 64,
      },
    ],
  },
  extend: {
    title: bi("延长休假", "Extend the leave"),
    inputs: [
      { name: "endDate", kind: "date", label: bi("新的结束日期", "New end date"), required: true },
      { name: "reason", kind: "textarea", label: bi("理由", "Reason"), required: false, maxLength: 2000 },
    ],
  },
  cancel: {
    title: bi("取消休假", "Cancel the leave"),
    inputs: [{ name: "reason", kind: "textarea", label: bi("理由", "Reason"), required: false, maxLength: 2000 }],
  },
};

/** The events this viewer may fire now, as the machine decides (a substitute is assumed for assigning one). */
async function managedActions(
  tx: TxPorts,
  facts: LeaveFacts,
  viewer: Actor,
  recipientId: string,
  now: Date,
): Promise<CardAction[]> {
  const actions: CardAction[] = [];
  const ctx = await leaveContext(tx, facts, viewer, now);
  for (const event of MANAGED) {
    const patch = event === "assign_substitute" ? { substitute: { employeeId: "", onLeave: false } } : {};
    if (!decide(leaveMachine, facts.leave.status, event, { ...ctx, ...patch }).ok) continue;
    if (event === "start" && now < facts.startsAt) continue;
    const form = FORMS[event];
    actions.push(
      await offer(
        tx,
        {
          action: `leave.${event}`,
          subjectType: "leave",
          subjectId: facts.leave.id,
          version: facts.leave.version,
          recipientId,
        },
        EVENT_LABEL[event],
        {
          ...(event === "cancel" ? { style: "danger" as const } : {}),
          ...(form ? { form } : {}),
        },
      ),
    );
  }
  return actions;
}

export async function buildLeaveCard(tx: TxPorts, ref: CardRef, ctx: CardContext): Promise<Card | undefined> {
  const facts = await findLeave(tx, ref.subjectId);
  if (!facts) return undefined;
  const viewer = await actorOf(tx, ref.recipient);
  if (!canSeeLeave(viewer, visibilityOf(facts), ctx.now)) return undefined;
  const { leave, post } = facts;
  const insider =
    viewer.employeeId !== leave.holderId &&
    (hasAnyRole(viewer, INSIDER_ROLES, leave.unitPath) || facts.audit.team.includes(viewer.employeeId));
  const names = {
    holder: personLabel(await tx.people.byId(leave.holderId)),
    substitute: personLabel(leave.substituteId ? await tx.people.byId(leave.substituteId) : undefined),
  };
  const calendar = post.calendar;

  const fields: CardField[] = [
    { label: bi("休假人", "Holder"), value: names.holder },
    { label: bi("岗位", "Post"), value: postLabel(post) },
    { label: bi("机构", "Unit"), value: bi(post.unitName, post.unitNameEn ?? post.unitName) },
    { label: bi("休假期间", "Dates"), value: period(leave.startDate, leave.endDate) },
    {
      label: bi("工作日", "Working days"),
      value: same(String(calendar.countWorkingDays(leave.startDate, leave.endDate))),
    },
    { label: bi("开始时间", "Starts at"), value: localTime(facts.startsAt, leave.timeZone) },
    { label: bi("代岗人", "Substitute"), value: names.substitute },
    { label: bi("状态", "Status"), value: LEAVE_STATE_LABEL[leave.status] },
  ];
  if (insider) {
    fields.push({
      label: bi("保密", "Sealed"),
      value: leave.sealed
        ? bi(
            "是：开始前仅人力、合规和审计组可见",
            "Yes: only HR, compliance and the audit team see it before it starts",
          )
        : bi("否", "No"),
    });
    fields.push({
      label: bi("类型", "Kind"),
      value: leave.kind === "regular" ? bi("常规", "Regular") : bi("触发", "Triggered"),
    });
    if (leave.trigger) fields.push({ label: bi("原因", "Trigger"), value: TRIGGER_LABEL[leave.trigger] });
    if (leave.reason) fields.push({ label: bi("说明", "Reason"), value: same(leave.reason) });
  }

  const mine = (await tx.outbox.forSubject("leave", leave.id)).filter(
    (n) => n.recipientId === viewer.employeeId && (n.visibleFrom === null || n.visibleFrom <= ctx.now),
  );
  const open = mine.filter((n) => n.acknowledgedAt === null);
  const actions: CardAction[] = [];
  if (open.length > 0) {
    const planned = open.some((n) => n.kind === "leave_planned") && !viewer.onLeave;
    actions.push(
      await offer(
        tx,
        {
          action: planned ? "leave.record_compliance_notice" : "leave.acknowledge",
          subjectType: "leave",
          subjectId: leave.id,
          version: leave.version,
          recipientId: viewer.employeeId,
        },
        bi("确认收到", "Acknowledge"),
        { style: "primary" },
      ),
    );
  }
  if (insider && !viewer.onLeave) actions.push(...(await managedActions(tx, facts, viewer, ref.recipient.id, ctx.now)));
  const acknowledged =
    mine.length > 0 && open.length === 0
      ? mine.map((n) => n.acknowledgedAt as Date).sort((a, b) => b.getTime() - a.getTime())[0]
      : undefined;

  const text = textOf(ref.kind, facts, names);
  return {
    title: TITLES[ref.kind] ?? TITLES.leave_planned ?? same("leave"),
    ...(text ? { text } : {}),
    fields,
    actions,
    ...(acknowledged
      ? {
          footer: bi(
            `您已于 ${localTime(acknowledged, leave.timeZone).en} 确认收到`,
            `Acknowledged by you at ${localTime(acknowledged, leave.timeZone).en}`,
          ),
        }
      : {}),
    subject: { type: "leave", id: leave.id, version: leave.version },
  };
}

export const leaveCardBuilder: CardBuilder = buildLeaveCard;
