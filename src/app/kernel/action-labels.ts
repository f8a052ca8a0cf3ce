// What each use case is called where a person reads about it (compliance told that a holder on
// leave tried to act): the use case's name (`audit.mark_item`) is a code, not a word. Every use case
// of the catalog has a label here (a test walks the catalog); an unknown name reads "an action".
import { bi, type Bilingual } from "../../ports/locale.ts";

export const ACTION_LABEL: Readonly<Record<string, Bilingual>> = {
  "handover.confirm_item": bi("确认交接事项", "confirm a handover item"),
  "handover.confirm_all": bi("确认全部交接事项", "confirm the whole handover"),
  "audit.issue_notice": bi("发出审计通知", "issue the audit notice"),
  "audit.give_opinion": bi("对审计报告发表意见", "give an opinion on the audit report"),
  "audit.view_checklist": bi("查看检查清单", "view the checklist"),
  "audit.form_team": bi("组建审计组", "form the audit team"),
  "audit.add_finding": bi("记录审计发现", "record a finding"),
  "audit.add_rectification": bi("提出整改事项", "raise a rectification item"),
  "audit.sign": bi("签发审计报告", "sign the audit report"),
  "audit.mark_item": bi("记录检查结果", "mark a checklist item"),
  "audit.draft_plan": bi("起草审计方案", "draft the audit plan"),
  "audit.close": bi("关闭审计", "close the audit"),
  "audit.draft_report": bi("起草审计报告", "draft the audit report"),
  "audit.close_rectification": bi("完成整改事项", "close a rectification item"),
  "audit.attach_file": bi("上传审计证据文件", "attach an evidence file"),
  "audit.evidence_link": bi("获取审计证据包链接", "get the evidence pack link"),
  "audit.approve_plan": bi("批准审计方案", "approve the audit plan"),
  "audit.reject_plan": bi("退回审计方案", "send the audit plan back"),
  "rotation.approve_plan": bi("批准轮岗计划", "approve the rotation plan"),
  "rotation.approve": bi("批准轮岗", "approve a rotation"),
  "rotation.draft_plan": bi("起草轮岗计划", "draft the rotation plan"),
  "rotation.notify": bi("发出轮岗通知", "send a rotation notice"),
  "rotation.plan": bi("安排轮岗", "plan a rotation"),
  "rotation.cancel": bi("取消轮岗", "cancel a rotation"),
  "profile.set_locale": bi("切换语言", "change their language"),
  "clients.reassign": bi("重新分配客户", "reassign clients"),
  "major_event.close": bi("关闭重大事项", "close a major-event report"),
  "major_event.trigger_leave": bi("要求触发式强制休假", "call for a triggered leave"),
  "major_event.triage": bi("研判重大事项", "triage a major-event report"),
  "major_event.file": bi("报告重大事项", "report a major personal event"),
  "leave.extend": bi("延长强制休假", "extend a mandatory leave"),
  "leave.plan": bi("安排强制休假", "plan a mandatory leave"),
  "leave.start": bi("开始强制休假", "start a mandatory leave"),
  "leave.acknowledge": bi("确认收到休假通知", "acknowledge the leave"),
  "leave.begin_audit": bi("开始离岗审计", "begin the off-post audit"),
  "leave.record_compliance_notice": bi("确认合规通知", "acknowledge the compliance notice"),
  "leave.cancel": bi("取消强制休假", "cancel a mandatory leave"),
  "leave.assign_substitute": bi("指定代岗人", "assign a substitute"),
  "leave.return": bi("休假返岗", "return from leave"),
  "leave.close": bi("关闭强制休假", "close a mandatory leave"),
  "question.follow_up": bi("追问", "ask a follow-up question"),
  "question.ask": bi("提问", "ask a question"),
  "notice.acknowledge": bi("确认收到通知", "acknowledge a notice"),
};

export function actionLabel(name: string): Bilingual {
  return Object.hasOwn(ACTION_LABEL, name) ? ACTION_LABEL[name]! : bi("一项操作", "an action");
}
