// The card of a handover, rebuilt for one person from its facts: the sheet with what each side has
// confirmed, and for a party the buttons they may press now — one Confirm per item still missing
// on their side (at most MAX_ITEM_BUTTONS), then "Confirm all". A leave's handover is as secret as
// the leave; anyone but the parties and HR, compliance and managers over the post gets no card.
import { actorOf } from "../people/actor-of.ts";
import { hasAnyRole } from "../../domain/access/roles.ts";
import {
  checkConfirmation,
  handoverProgress,
  requiredSides,
  type HandoverPurpose,
  type HandoverSide,
} from "../../domain/handover/handover.machine.ts";
import type { HandoverRecord } from "../../ports/handover-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { same, type Card, type CardAction, type CardField } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { CardBuilder, CardContext, CardRef } from "../kernel/card-registry.ts";
import { offer } from "../kernel/notify.ts";
import { localTime, personLabel, postLabel } from "../leave/leave-card-parts.ts";

import { canSeeHandover, sidesOf } from "./confirm-handover.ts";
import { ITEM_LABELS } from "./handover-items.ts";
import { sheetOf } from "./open-handover.ts";

export const MAX_ITEM_BUTTONS = 10;

const PURPOSE: Readonly<Record<HandoverPurpose, Bilingual>> = {
  leave_start: bi("强制休假交接", "Leave handover"),
  leave_return: bi("休假结束交回", "Hand-back after leave"),
  rotation: bi("轮岗交接", "Rotation handover"),
};

const SIDE: Readonly<Record<HandoverSide, Bilingual>> = {
  from: bi("交出方", "Handing over"),
  to: bi("接收方", "Taking over"),
  witness: bi("监交人", "Witness"),
};

const STATUS: Readonly<Record<HandoverRecord["status"], Bilingual>> = {
  open: bi("进行中", "Open"),
  confirmed: bi("已完成", "Complete"),
  cancelled: bi("已取消", "Cancelled"),
};

function done(handover: HandoverRecord, side: HandoverSide, seq: number): boolean {
  const person = side === "from" ? handover.fromId : side === "to" ? handover.toId : handover.witnessId;
  return handover.confirmations.some(
    (c) => c.side === side && c.employeeId === person && (c.itemSeq === seq || c.itemSeq === 0),
  );
}

function itemName(item: HandoverRecord["items"][number]): Bilingual {
  const label = ITEM_LABELS[item.kind];
  return item.description ? bi(`${label["zh-CN"]}：${item.description}`, `${label.en}: ${item.description}`) : label;
}

export async function buildHandoverCard(tx: TxPorts, ref: CardRef, ctx: CardContext): Promise<Card | undefined> {
  const handover = await tx.handovers.byId(ref.subjectId);
  if (!handover) return undefined;
  const post = await tx.posts.find(handover.postId);
  if (!post) return undefined;
  const viewer = await actorOf(tx, ref.recipient);
  const mySides = sidesOf(handover, viewer.employeeId);
  const officer = hasAnyRole(viewer, ["hr", "compliance", "compliance_head", "manager"], post.unitPath);
  if (mySides.length === 0 && !officer) return undefined;
  if (!(await canSeeHandover(tx, viewer, handover, ctx.now))) return undefined;

  const sheet = sheetOf(handover);
  const sides = requiredSides(sheet);
  const progress = handoverProgress(sheet, handover.confirmations);
  const fields: CardField[] = [
    { label: bi("岗位", "Post"), value: postLabel(post) },
    { label: bi("类型", "Purpose"), value: PURPOSE[handover.purpose] },
    { label: SIDE.from, value: personLabel(await tx.people.byId(handover.fromId)) },
    { label: SIDE.to, value: personLabel(await tx.people.byId(handover.toId)) },
  ];
  if (handover.witnessId)
    fields.push({ label: SIDE.witness, value: personLabel(await tx.people.byId(handover.witnessId)) });
  fields.push({ label: bi("状态", "Status"), value: STATUS[handover.status] });
  fields.push({ label: bi("发起时间", "Opened"), value: localTime(handover.openedAt, post.timeZone) });
  if (handover.periodStart)
    fields.push({ label: bi("接收方负责起始日", "Taken over on"), value: same(handover.periodStart) });

  const table = {
    columns: [same("#"), bi("交接事项", "Item"), bi("数量", "Quantity"), ...sides.map((s) => SIDE[s])],
    rows: handover.items.map((item) => [
      same(String(item.seq)),
      itemName(item),
      same(item.quantity || "—"),
      ...sides.map((s) => same(done(handover, s, item.seq) ? "✓" : "—")),
    ]),
  };

  const actions: CardAction[] = [];
  if (handover.status === "open" && mySides.length > 0) {
    const wanted = new Set<number>();
    for (const side of mySides) {
      for (const item of handover.items) {
        if (checkConfirmation(viewer, sheet, handover.confirmations, { itemSeq: item.seq, side }) === null)
          wanted.add(item.seq);
      }
    }
    const base = {
      subjectType: "handover",
      subjectId: handover.id,
      version: handover.version,
      recipientId: viewer.employeeId,
    };
    for (const seq of [...wanted].sort((a, b) => a - b).slice(0, MAX_ITEM_BUTTONS)) {
      const item = handover.items.find((i) => i.seq === seq);
      if (!item) continue;
      const name = ITEM_LABELS[item.kind];
      actions.push(
        await offer(
          tx,
          { ...base, action: "handover.confirm_item", args: { itemSeq: seq } },
          bi(`确认 ${seq}. ${name["zh-CN"]}`, `Confirm ${seq}. ${name.en}`),
        ),
      );
    }
    const mayConfirmAll = mySides.some(
      (side) =>
        checkConfirmation(viewer, sheet, handover.confirmations, { itemSeq: 0, side }) === null &&
        progress.missing.some((m) => m.side === side),
    );
    if (mayConfirmAll)
      actions.push(
        await offer(tx, { ...base, action: "handover.confirm_all" }, bi("全部确认", "Confirm all"), {
          style: "primary",
        }),
      );
  }

  const missingMine = progress.missing.filter((m) => mySides.includes(m.side)).length;
  const footer =
    handover.status === "confirmed"
      ? bi("交接已完成。", "The handover is complete.")
      : mySides.length > 0 && missingMine === 0
        ? bi("您已确认全部事项，等待其他方确认。", "You have confirmed everything; waiting for the others.")
        : bi(`尚有 ${progress.missing.length} 项待确认。`, `${progress.missing.length} confirmations still missing.`);
  return {
    title:
      ref.kind === "handover_confirmed"
        ? bi(`交接已完成：${post.name}`, `Handover complete: ${post.nameEn ?? post.name}`)
        : bi(`岗位交接：${post.name}`, `Handover: ${post.nameEn ?? post.name}`),
    ...(handover.items.length === 0
      ? { text: bi("本次交接没有逐项清单，请整体确认。", "This handover has no item list: confirm it as a whole.") }
      : {}),
    fields,
    table,
    actions,
    footer,
    subject: { type: "handover", id: handover.id, version: handover.version },
  };
}

export const handoverCardBuilder: CardBuilder = buildHandoverCard;
