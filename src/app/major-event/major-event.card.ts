// The card of a major-event report, rebuilt for one person. Compliance over the reporter's unit sees
// the report and, while it is open, Triage / Close / Trigger leave (each with a note). The reporter
// sees their own report as received or closed — never that it triggered a leave. HR sees only the
// `leave_required` card (no kind, no description). Anyone else, a manager included, sees nothing.
import { actorOf } from "../people/actor-of.ts";
import { hasAnyRole } from "../../domain/access/roles.ts";
import { decide } from "../../domain/machine/machine.ts";
import {
  majorEventMachine,
  type MajorEventKind,
  type MajorEventState,
} from "../../domain/major-event/major-event.machine.ts";
import { same, type Card, type CardAction, type CardInput } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { CardBuilder } from "../kernel/card-registry.ts";
import { offer } from "../kernel/notify.ts";
import { leaveRequiredCard } from "../rotation/leave-required.card.ts";
import { acknowledgeButton } from "../rotation/notice-helpers.ts";
import { nameOf } from "../people/rotation-people.ts";
import { canSeeReport, loadReport, postsHeldBy, reportContext, type ReportFacts } from "./major-event-facts.ts";

export const KIND_LABEL: Readonly<Record<MajorEventKind, Bilingual>> = {
  family_change: bi("家庭或婚姻变故", "Family or marriage change"),
  relative_business_loss: bi("亲属经营亏损或破产", "A relative's business loss or bankruptcy"),
  large_debt: bi("大额负债", "Large debts"),
  legal_trouble: bi("涉及法律纠纷", "Legal trouble"),
  other: bi("其他", "Other"),
};

const STATE_LABEL: Readonly<Record<MajorEventState, Bilingual>> = {
  filed: bi("已提交，待研判", "Filed, awaiting triage"),
  triaged: bi("已研判", "Triaged"),
  closed: bi("已办结", "Closed"),
  leave_triggered: bi("已触发强制休假", "Mandatory leave triggered"),
};

/** What the reporter is shown: a triggered leave reads as "under review" until the leave itself starts. */
const REPORTER_STATE: Readonly<Record<MajorEventState, Bilingual>> = {
  filed: bi("已受理", "Received, under review"),
  triaged: bi("已受理", "Received, under review"),
  leave_triggered: bi("已受理", "Received, under review"),
  closed: bi("已办结", "Closed"),
};

const noteForm = (title: Bilingual, required: boolean): { title: Bilingual; inputs: readonly CardInput[] } => ({
  title,
  inputs: [{ name: "note", kind: "textarea", label: bi("说明", "Note"), required, maxLength: 2000 }],
});

async function complianceButtons(
  tx: Parameters<CardBuilder>[0],
  facts: ReportFacts,
  recipientId: string,
  actor: Awaited<ReturnType<typeof actorOf>>,
): Promise<CardAction[]> {
  const { report } = facts;
  const ctx = reportContext(facts, actor);
  const what = (action: string) => ({
    action,
    subjectType: "major_event",
    subjectId: report.id,
    version: report.version,
    recipientId,
  });
  const can = (event: "triage" | "close" | "trigger_leave") => {
    const first = report.status === "filed" && event !== "triage" ? "triage" : event;
    return decide(majorEventMachine, report.status, first, ctx).ok;
  };
  const actions: CardAction[] = [];
  if (report.status === "filed" && can("triage"))
    actions.push(
      await offer(tx, what("major_event.triage"), bi("研判", "Triage"), {
        style: "primary",
        form: noteForm(bi("研判意见", "Triage note"), true),
      }),
    );
  if (can("close"))
    actions.push(
      await offer(tx, what("major_event.close"), bi("办结", "Close"), {
        form: noteForm(bi("办结说明", "Closing note"), false),
      }),
    );
  if (can("trigger_leave"))
    actions.push(
      await offer(tx, what("major_event.trigger_leave"), bi("触发强制休假", "Trigger leave"), {
        style: "danger",
        form: noteForm(bi("触发强制休假的理由", "Why a leave is needed"), true),
      }),
    );
  return actions;
}

export const majorEventCard: CardBuilder = async (tx, ref, ctx) => {
  let facts: ReportFacts;
  try {
    facts = await loadReport(tx, ref.subjectId);
  } catch {
    return undefined;
  }
  const { report, reporter } = facts;
  const viewer = ref.recipient;
  const actor = await actorOf(tx, viewer);
  const subject = { type: "major_event" as const, id: report.id, version: report.version };
  const who = nameOf(reporter);
  const isReporter = viewer.id === report.reporterId;

  if (ref.kind === "leave_required") {
    const posts = await postsHeldBy(tx, reporter.id);
    const hr = [reporter.unitPath, ...posts.map((p) => p.unitPath)].some((path) => hasAnyRole(actor, ["hr"], path));
    if (isReporter || !hr || report.status !== "leave_triggered") return undefined;
    return leaveRequiredCard(
      {
        holder: reporter,
        posts,
        leaveKind: "triggered",
        trigger: "major_event",
        reference: subject,
        reason: bi("合规部门研判后认为需要安排强制休假。", "Compliance has found that a mandatory leave is needed."),
      },
      await acknowledgeButton(tx, subject, viewer.id, ctx.now, ref.kind),
    );
  }
  if (!canSeeReport(actor, facts)) return undefined;

  if (isReporter) {
    const state = REPORTER_STATE[report.status];
    return {
      title: bi("您的重大事项报告", "Your major-event report"),
      fields: [
        { label: bi("事项类型", "Kind"), value: KIND_LABEL[report.kind] },
        { label: bi("发生日期", "Date"), value: same(report.occurredOn) },
        { label: bi("状态", "Status"), value: state },
      ],
      actions: await acknowledgeButton(tx, subject, viewer.id, ctx.now, ref.kind),
      footer: bi(`状态：${state["zh-CN"]}`, `Status: ${state.en}`),
      subject,
    } satisfies Card;
  }
  const actions = [
    ...(await complianceButtons(tx, facts, viewer.id, actor)),
    ...(await acknowledgeButton(tx, subject, viewer.id, ctx.now, ref.kind)),
  ];
  return {
    title: bi("重大事项报告（保密）", "Major-event report (confidential)"),
    text: same(report.description),
    fields: [
      { label: bi("报告人", "Reporter"), value: bi(who.zh, who.en) },
      { label: bi("机构", "Unit"), value: same(reporter.unitPath) },
      { label: bi("事项类型", "Kind"), value: KIND_LABEL[report.kind] },
      { label: bi("发生日期", "Date"), value: same(report.occurredOn) },
      { label: bi("提交时间", "Filed"), value: same(report.filedAt.toISOString()) },
      ...(report.triageNote !== ""
        ? [{ label: bi("研判意见", "Compliance note"), value: same(report.triageNote) }]
        : []),
      { label: bi("状态", "Status"), value: STATE_LABEL[report.status] },
    ],
    actions,
    footer: bi(`状态：${STATE_LABEL[report.status]["zh-CN"]}`, `Status: ${STATE_LABEL[report.status].en}`),
    subject,
  } satisfies Card;
};
