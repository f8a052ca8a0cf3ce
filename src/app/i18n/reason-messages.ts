// Every refusal code as a sentence in both languages. Typed as a Record over ReasonCode, so a new
// code without its sentences does not compile. Adapters call describeReason() in one place each.
import type { ReasonCode } from "../../domain/errors.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";

export const REASON_MESSAGES: Record<ReasonCode, Bilingual> = {
  INVALID_TRANSITION: bi("当前状态下不能执行此操作。", "That step is not possible in the current state."),
  STALE_ACTION: bi(
    "这张卡片已过期：事项已有新进展，卡片已刷新。",
    "This card is out of date: the matter has moved on, and the card has been refreshed.",
  ),
  NOT_FOUND: bi("找不到该事项。", "That item could not be found."),
  ALREADY_DONE: bi("此操作已经完成，无需重复。", "That has already been done."),
  NOT_AUTHORISED: bi("您没有执行此操作的权限。", "You are not authorised to do that."),
  OUT_OF_SCOPE: bi("该事项不在您负责的机构范围内。", "That matter is outside the units you are responsible for."),
  NOT_A_PARTY: bi("此操作只能由相关当事人执行。", "Only the people named on this matter can do that."),
  SUSPENDED: bi(
    "您正在强制休假，期间权限已暂停：只能确认休假通知和对审计报告发表意见。合规部门已收到此次尝试的记录。",
    "You are on mandatory leave and your authority is suspended: you can only acknowledge your leave notice and give your opinion on the audit report. Compliance has been told of this attempt.",
  ),
  SEPARATION_OF_DUTIES: bi(
    "违反不相容岗位分离原则：不能审核或批准与自己相关的事项。",
    "Separation of duties: you cannot check or approve a matter you are part of.",
  ),
  LEAVE_SEALED: bi("该休假尚未开始，属于保密信息。", "That leave has not started yet and is confidential."),
  LEAVE_TOO_SHORT: bi(
    "休假时间短于制度规定的最少连续工作日。",
    "The leave is shorter than the policy's minimum of consecutive working days.",
  ),
  LEAD_TIME_TOO_SHORT: bi(
    "距离休假开始的工作日不足，未达到通知合规部门的提前期要求。",
    "Too few working days before the start: compliance must be told earlier, as the policy requires.",
  ),
  SUBSTITUTE_MISSING: bi("请先指定代岗人。", "Assign a substitute first."),
  SUBSTITUTE_ON_LEAVE: bi("代岗人本人正在休假，不能代岗。", "The substitute is on leave and cannot cover the post."),
  SUBSTITUTE_IS_HOLDER: bi("代岗人不能是休假人本人。", "The substitute cannot be the holder on leave."),
  NO_SERIOUS_FINDINGS: bi(
    "只有审计发现严重问题时才能延长休假。",
    "A leave can only be extended while its audit has serious findings.",
  ),
  HANDOVER_INCOMPLETE: bi(
    "交接尚未完成：仍有一方（或监交人）未确认全部事项。",
    "The handover is not complete: a side (or the witness) has not confirmed every item.",
  ),
  ALREADY_CONFIRMED: bi("您已经确认过了。", "You have already confirmed that."),
  HANDOVER_MISMATCH: bi("交回与原交接不对应。", "This hand-back does not match the handover it should close."),
  AUDITOR_CONFLICT: bi(
    "审计人员不能是被审计人或代岗人。",
    "An auditor cannot be the audited holder or the substitute.",
  ),
  TEAM_INCOMPLETE: bi("审计组需要一名组长和一名主审。", "An audit team needs a team leader and a lead auditor."),
  TEAM_INVALID: bi(
    "审计组成员有误：有人重复，或组长、主审不止一名。",
    "The audit team is not valid: someone appears twice, or there is more than one leader or lead auditor.",
  ),
  SIGNER_ON_TEAM: bi("签发报告的领导不能是审计组成员。", "The executive who signs cannot be on the audit team."),
  CHECKLIST_INCOMPLETE: bi("检查清单还有未完成的项目。", "Some checklist items are still pending."),
  NOTE_REQUIRED: bi("请填写说明。", "Please add a note."),
  OPINION_REQUIRED: bi("需要被审计人先发表意见。", "The holder must give their opinion first."),
  REASON_REQUIRED: bi("不同意时请说明理由。", "Please give your reasons for disagreeing."),
  NOTHING_TO_RECTIFY: bi("没有需要整改的事项。", "There is nothing to rectify."),
  RECTIFICATION_OPEN: bi("还有整改事项未完成。", "Some rectification items are still open."),
  INCOMING_MISSING: bi("请先指定接任人。", "Name the incoming holder first."),
  INCOMING_IS_OUTGOING: bi("接任人不能是原岗位人员本人。", "The incoming holder cannot be the outgoing holder."),
  LIMIT_NOT_PASSED: bi("尚未超过任职期限。", "The tenure limit has not passed yet."),
};

export function describeReason(code: ReasonCode): Bilingual {
  return REASON_MESSAGES[code];
}
