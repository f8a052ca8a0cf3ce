// The audit area: its use cases, the actions its cards carry (a token plus what a form sent, turned
// into the use case's raw input — parsed there, never trusted), and its card builders.
import type { AreaCatalog } from "../catalog.ts";
import { bind } from "../kernel/press-action.ts";
import type { UseCase } from "../kernel/use-case.ts";
import { addFinding } from "./add-finding.ts";
import { addRectification } from "./add-rectification.ts";
import { optionalNumber } from "./audit-inputs.ts";
import { ACTIONS } from "./audit-forms.ts";
import { AUDIT, RECTIFICATION } from "./audit-subject.ts";
import { buildAuditCard } from "./audit.cards.ts";
import { closeAudit } from "./close-audit.ts";
import { closeRectification } from "./close-rectification.ts";
import { draftPlan } from "./draft-plan.ts";
import { draftReport } from "./draft-report.ts";
import { formTeam } from "./form-team.ts";
import { giveOpinion } from "./give-opinion.ts";
import { issueNotice } from "./issue-notice.ts";
import { markItem } from "./mark-item.ts";
import { attachFile } from "./attach-file.ts";
import { evidenceLink } from "../records/evidence-pack-link.ts";
import { buildRectificationCard } from "./rectification.cards.ts";
import { approvePlan, rejectPlan } from "./review-plan.ts";
import { signReport } from "./sign-report.ts";
import { viewChecklist } from "./view-checklist.ts";

export const AUDIT_USE_CASES = [
  formTeam,
  draftPlan,
  approvePlan,
  rejectPlan,
  issueNotice,
  markItem,
  attachFile,
  viewChecklist,
  addFinding,
  draftReport,
  giveOpinion,
  signReport,
  addRectification,
  closeRectification,
  closeAudit,
  evidenceLink,
] as unknown as readonly UseCase<unknown>[];

/** "E-A1, E-A2 E-A3" → ["E-A1", "E-A2", "E-A3"]. */
function codes(text: string | undefined): string[] {
  return (text ?? "").split(/[\s,，;；、]+/).filter((s) => s !== "");
}

const onAudit = (token: { subjectId: string; subjectVersion: number }) => ({
  auditId: token.subjectId,
  expectedVersion: token.subjectVersion,
});

export const auditCatalog: AreaCatalog = {
  useCases: AUDIT_USE_CASES,
  actions: {
    [ACTIONS.formTeam]: bind(formTeam, (token, values) => ({
      ...onAudit(token),
      team: [
        ...codes(values.leader).map((person) => ({ person, role: "team_leader" })),
        ...codes(values.lead).map((person) => ({ person, role: "lead_auditor" })),
        ...codes(values.members).map((person) => ({ person, role: "member" })),
      ],
    })),
    [ACTIONS.draftPlan]: bind(draftPlan, (token, values) => ({ ...onAudit(token), plan: values.plan ?? "" })),
    [ACTIONS.approvePlan]: bind(approvePlan, (token) => onAudit(token)),
    [ACTIONS.rejectPlan]: bind(rejectPlan, (token, values) => ({ ...onAudit(token), reason: values.reason ?? "" })),
    [ACTIONS.issueNotice]: bind(issueNotice, (token) => onAudit(token)),
    // Item by item: the press names the item's result it was offered on, not the audit's version,
    // so two auditors can work different items of one checklist at once.
    [ACTIONS.markItem]: bind(markItem, (token, values) => ({
      auditId: token.subjectId,
      seq: token.args.seq,
      result: token.args.result,
      note: values.note ?? "",
      evidenceUrl: values.evidenceUrl ?? "",
      expectedResult: "pending",
    })),
    [ACTIONS.viewChecklist]: bind(viewChecklist, (token) => ({ auditId: token.subjectId, page: token.args.page })),
    [ACTIONS.addFinding]: bind(addFinding, (token, values) => ({
      auditId: token.subjectId,
      severity: values.severity,
      description: values.description ?? "",
      itemSeq: optionalNumber(values.itemSeq),
      evidenceUrl: values.evidenceUrl ?? "",
    })),
    [ACTIONS.draftReport]: bind(draftReport, (token, values) => ({ ...onAudit(token), report: values.report ?? "" })),
    [ACTIONS.giveOpinion]: bind(giveOpinion, (token, values) => ({
      ...onAudit(token),
      agrees: token.args.agrees,
      reason: values.reason ?? "",
    })),
    [ACTIONS.sign]: bind(signReport, (token) => onAudit(token)),
    [ACTIONS.addRectification]: bind(addRectification, (token, values) => ({
      auditId: token.subjectId,
      findingSeq: optionalNumber(values.findingSeq),
      owner: values.owner ?? "",
      dueDate: values.dueDate ?? "",
      description: values.description ?? "",
    })),
    [ACTIONS.closeRectification]: bind(closeRectification, (token, values) => ({
      rectificationId: token.subjectId,
      note: values.note ?? "",
      expectedVersion: token.subjectVersion,
    })),
    [ACTIONS.close]: bind(closeAudit, (token) => onAudit(token)),
    [ACTIONS.evidencePack]: bind(evidenceLink, (token) => ({ auditId: token.subjectId })),
  },
  cards: { [AUDIT]: buildAuditCard, [RECTIFICATION]: buildRectificationCard },
};
