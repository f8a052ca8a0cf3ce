// The ladder's words: what a notice awaits ("acknowledgement", "handover confirmation"…) and local
// times. Reminders and escalations are both lines of a daily digest (digest.card.ts, decisions 15.18, 15.21).
import { wallClockOf } from "../../domain/calendar/index.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";

export function localTime(at: Date, timeZone: string): string {
  const w = wallClockOf(at, timeZone);
  return `${w.date} ${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

const AWAITED_LABEL: Readonly<Record<string, Bilingual>> = {
  "notice.acknowledge": bi("确认收到", "acknowledgement"),
  "leave.acknowledge": bi("确认收到", "acknowledgement"),
  "leave.record_compliance_notice": bi("确认收到", "acknowledgement"),
  "handover.confirm_item": bi("交接确认", "handover confirmation"),
  "handover.confirm_all": bi("交接确认", "handover confirmation"),
  "audit.give_opinion": bi("审计意见", "audit opinion"),
  "audit.approve_plan": bi("审批", "approval"),
  "audit.reject_plan": bi("审批", "approval"),
  "rotation.approve": bi("审批", "approval"),
  "rotation.approve_plan": bi("审批", "approval"),
  "audit.sign": bi("签发", "sign-off"),
};

export function awaitedLabel(actions: readonly string[]): Bilingual {
  const labels = [
    ...new Map(
      actions
        .map((a) => AWAITED_LABEL[a])
        .filter((l): l is Bilingual => l !== undefined)
        .map((l) => [l.en, l]),
    ).values(),
  ];
  return bi(labels.map((l) => l["zh-CN"]).join("、"), labels.map((l) => l.en).join(", "));
}
