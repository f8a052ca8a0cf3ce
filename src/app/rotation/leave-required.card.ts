// Told to HR when a mandatory leave is required: a rotation went overdue (regular leave) or
// compliance found that a major-event report calls for one (triggered leave). HR plans the leave
// in the leave area with the kind and trigger shown here (the reference stays in the record: a
// raw `rotation:<id>` means nothing to a reader). The card never says why a
// person's report mattered: that stays with compliance.
import type { LeaveKind, LeaveTrigger } from "../../domain/leave/leave.machine.ts";
import { same, type Card, type CardAction, type CardField } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { Person } from "../../ports/people-repository.ts";
import { nameOf } from "../people/rotation-people.ts";

export interface LeaveRequirement {
  readonly holder: Person | undefined;
  /** The key posts the holder holds now (or the post whose rotation is overdue). */
  readonly posts: readonly { readonly code: string; readonly name: string; readonly nameEn: string | null }[];
  readonly leaveKind: LeaveKind;
  readonly trigger: LeaveTrigger;
  /** What HR quotes as the leave's trigger reference. */
  readonly reference: { readonly type: "rotation" | "major_event"; readonly id: string; readonly version: number };
  readonly reason: Bilingual;
}

const KIND_LABEL: Readonly<Record<LeaveKind, Bilingual>> = {
  regular: bi("常规强制休假", "Regular mandatory leave"),
  triggered: bi("触发式强制休假", "Triggered mandatory leave"),
};

const TRIGGER_LABEL: Readonly<Partial<Record<LeaveTrigger, Bilingual>>> = {
  rotation_overdue: bi("岗位轮换逾期", "Rotation overdue"),
  major_event: bi("重大事项报告", "Major-event report"),
};

export function leaveRequiredCard(req: LeaveRequirement, actions: readonly CardAction[], footer?: Bilingual): Card {
  const holder = nameOf(req.holder);
  const posts =
    req.posts.length === 0
      ? same("—")
      : bi(
          req.posts.map((p) => `${p.name} ${p.code}`).join("、"),
          req.posts.map((p) => `${p.nameEn ?? p.name} ${p.code}`).join(", "),
        );
  const fields: CardField[] = [
    { label: bi("员工", "Employee"), value: bi(holder.zh, holder.en) },
    { label: bi("岗位", "Post"), value: posts },
    { label: bi("休假类型", "Leave kind"), value: KIND_LABEL[req.leaveKind] },
    { label: bi("触发原因", "Trigger"), value: TRIGGER_LABEL[req.trigger] ?? same(req.trigger) },
  ];
  return {
    title: bi("需要安排强制休假", "Mandatory leave required"),
    text: bi(
      `${req.reason["zh-CN"]}请在休假模块中为${holder.zh}安排${KIND_LABEL[req.leaveKind]["zh-CN"]}（保密，开始前不得告知本人）。`,
      `${req.reason.en} Plan a ${KIND_LABEL[req.leaveKind].en.toLowerCase()} for ${holder.en} in the leave area (sealed: the holder must not learn of it before it starts).`,
    ),
    fields,
    actions,
    ...(footer ? { footer } : {}),
    subject: { type: req.reference.type, id: req.reference.id, version: req.reference.version },
  };
}
