// Cards of the audit's first steps: the request to compliance (form the team), the team's
// assignment and plan steps (draft the plan, issue the notice), and the plan to the compliance head
// (approve or return it).
import type { Actor } from "../../domain/access/roles.ts";
import type { AuditRecord } from "../../ports/audit-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { same, type Card, type CardAction } from "../../ports/card.ts";
import { offer } from "../kernel/notify.ts";
import { bi } from "../../ports/locale.ts";
import { STATE_LABELS, headerFields, may, subjectOf, teamText } from "./audit-card-parts.ts";
import { ACTIONS, PLAN_FORM, REJECT_FORM, TEAM_FORM } from "./audit-forms.ts";
import { AUDIT, isSealedNow } from "./audit-subject.ts";
import { FullText } from "../cards/full-text.ts";

function base(audit: AuditRecord, recipientId: string) {
  return { subjectType: AUDIT, subjectId: audit.id, version: audit.version, recipientId };
}

/** The header, the team and the plan's start; the whole plan goes to "Read in full". */
async function planFields(tx: TxPorts, audit: AuditRecord, full: FullText) {
  const label = bi("审计方案", "Plan");
  return [
    ...(await headerFields(tx, audit)),
    { label: bi("审计组", "Team"), value: await teamText(tx, audit) },
    ...(audit.planText ? [{ label, value: full.add(label, same(audit.planText)) }] : []),
  ];
}

/** A team that passes the team rules, so that asking the machine tests only who forms it and when. */
const SAMPLE_TEAM = [
  { employeeId: "\u0000leader", role: "team_leader" as const },
  { employeeId: "\u0000lead", role: "lead_auditor" as const },
];

/** To compliance and the compliance head: an audit was requested (HR's notice of a leave). */
export async function requestedCard(
  tx: TxPorts,
  audit: AuditRecord,
  recipientId: string,
  actor: Actor,
  now: Date,
): Promise<Card> {
  const full = new FullText();
  const actions: CardAction[] = [];
  if (may(audit, "form_team", actor, now, { team: SAMPLE_TEAM })) {
    const label = audit.members.length === 0 ? bi("组建审计组", "Form team") : bi("调整审计组", "Change team");
    actions.push(
      await offer(tx, { ...base(audit, recipientId), action: ACTIONS.formTeam }, label, {
        style: "primary",
        form: TEAM_FORM,
      }),
    );
  }
  const sealed = isSealedNow(audit, now);
  return {
    title: bi("离岗审计申请", "Off-post audit requested"),
    text: sealed
      ? bi(
          "人力资源部已安排强制休假，需在休假开始前组建审计组。该休假保密：开始前不得告知本人或其所在机构。",
          "HR has planned a mandatory leave: form the audit team before it starts. The leave is sealed: neither the holder nor their unit may learn of it before the start.",
        )
      : audit.members.length === 0
        ? bi("需组建离岗审计组。", "An off-post audit team is needed.")
        : bi(
            `审计组已组建，审计进行中：${STATE_LABELS[audit.status]["zh-CN"]}。`,
            `The audit team is formed; the audit is under way: ${STATE_LABELS[audit.status].en}.`,
          ),
    fields: await planFields(tx, audit, full),
    actions,
    subject: subjectOf(audit),
    ...full.full(),
  };
}

/** To the team: assigned, plan returned, plan approved — with the step the leaders can take now. */
export async function teamStepCard(
  tx: TxPorts,
  audit: AuditRecord,
  kind: string,
  recipientId: string,
  actor: Actor,
  now: Date,
): Promise<Card> {
  const full = new FullText();
  const actions: CardAction[] = [];
  if (kind !== "audit_plan_approved" && may(audit, "draft_plan", actor, now)) {
    const label = audit.planText ? bi("修改审计方案", "Revise plan") : bi("起草审计方案", "Draft plan");
    actions.push(
      await offer(tx, { ...base(audit, recipientId), action: ACTIONS.draftPlan }, label, {
        style: "primary",
        form: PLAN_FORM,
      }),
    );
  }
  if (kind === "audit_plan_approved" && may(audit, "issue_notice", actor, now)) {
    actions.push(
      await offer(
        tx,
        { ...base(audit, recipientId), action: ACTIONS.issueNotice },
        bi("发出审计通知", "Issue audit notice"),
        { style: "primary" },
      ),
    );
  }
  const titles: Record<string, ReturnType<typeof bi>> = {
    audit_assigned: bi("您已加入离岗审计组", "You are on an off-post audit team"),
    audit_plan_rejected: bi("审计方案被退回", "The audit plan was returned"),
    audit_plan_approved: bi("审计方案已批准", "The audit plan is approved"),
  };
  const waiting = kind === "audit_plan_approved" && audit.status === "plan_approved" && isSealedNow(audit, now);
  return {
    title: titles[kind] ?? bi("离岗审计", "Off-post audit"),
    ...(waiting
      ? {
          text: bi(
            "休假尚未开始：审计通知须待休假开始后发出，开始前请勿向被审计人或其机构透露。",
            "The leave has not started: the audit notice goes out once it has. Until then, tell neither the holder nor their unit.",
          ),
        }
      : {}),
    fields: await planFields(tx, audit, full),
    actions,
    subject: subjectOf(audit),
    ...full.full(),
  };
}

/** To the compliance head: approve the plan, or return it with reasons. */
export async function planSubmittedCard(
  tx: TxPorts,
  audit: AuditRecord,
  recipientId: string,
  actor: Actor,
  now: Date,
): Promise<Card> {
  const full = new FullText();
  const actions: CardAction[] = [];
  if (may(audit, "approve_plan", actor, now)) {
    actions.push(
      await offer(tx, { ...base(audit, recipientId), action: ACTIONS.approvePlan }, bi("批准", "Approve"), {
        style: "primary",
      }),
    );
  }
  if (may(audit, "reject_plan", actor, now)) {
    actions.push(
      await offer(tx, { ...base(audit, recipientId), action: ACTIONS.rejectPlan }, bi("退回", "Return"), {
        style: "danger",
        form: REJECT_FORM,
      }),
    );
  }
  return {
    title: bi("审计方案待审批", "Audit plan for approval"),
    fields: await planFields(tx, audit, full),
    actions,
    subject: subjectOf(audit),
    ...full.full(),
  };
}
