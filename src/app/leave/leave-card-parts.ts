// Words and fields the leave and handover cards share.
import type { LeaveState, LeaveTrigger } from "../../domain/leave/leave.machine.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { PostView } from "../../ports/post-repository.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { personLabel as labelOf } from "../people/person-label.ts";

export { localTime } from "../cards/local-time.ts";

export const LEAVE_STATE_LABEL: Readonly<Record<LeaveState, Bilingual>> = {
  planned: bi("已安排（待通知合规）", "Planned (compliance to be told)"),
  compliance_notified: bi("已通知合规，待开始", "Compliance told, not started"),
  started: bi("休假中，交接进行中", "On leave, handover open"),
  handed_over: bi("休假中，已交接", "On leave, handed over"),
  audit: bi("休假中，离岗审计进行中", "On leave, off-post audit under way"),
  returning: bi("休假结束，交回进行中", "Leave over, hand-back open"),
  closed: bi("已结束", "Closed"),
  cancelled: bi("已取消", "Cancelled"),
};

export const TRIGGER_LABEL: Readonly<Record<LeaveTrigger, Bilingual>> = {
  rotation_overdue: bi("轮岗逾期", "Rotation overdue"),
  periodic: bi("定期强制休假", "Periodic leave"),
  tip_off: bi("举报线索", "Tip-off"),
  inspection_finding: bi("检查发现", "Inspection finding"),
  abnormal_behaviour: bi("异常行为", "Abnormal behaviour"),
  major_event: bi("重大事项报告", "Major-event report"),
};

export function personLabel(person: Person | undefined, none = bi("（未指定）", "(none yet)")): Bilingual {
  return person ? labelOf(person) : none;
}

export function postLabel(post: Pick<PostView, "code" | "name" | "nameEn">): Bilingual {
  return bi(`${post.name}（${post.code}）`, `${post.nameEn ?? post.name} (${post.code})`);
}

export function period(from: string, to: string): Bilingual {
  return bi(`${from} 至 ${to}`, `${from} to ${to}`);
}
