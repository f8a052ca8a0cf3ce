// The actions an audit card may carry (named after the use cases they run) and the forms some of
// them open first: a modal on Slack, an inline form on Teams, prompts in the terminal.
import type { CardInput } from "../../ports/card.ts";
import type { ItemMark } from "../../domain/audit/checklist.ts";
import { SEVERITIES } from "../../domain/audit/checklist.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { ChecklistItemRecord, FindingRecord } from "../../ports/audit-repository.ts";
import { RESULT_LABELS, SEVERITY_LABELS } from "./audit-card-parts.ts";

export const ACTIONS = {
  formTeam: "audit.form_team",
  draftPlan: "audit.draft_plan",
  approvePlan: "audit.approve_plan",
  rejectPlan: "audit.reject_plan",
  issueNotice: "audit.issue_notice",
  markItem: "audit.mark_item",
  viewChecklist: "audit.view_checklist",
  addFinding: "audit.add_finding",
  draftReport: "audit.draft_report",
  giveOpinion: "audit.give_opinion",
  sign: "audit.sign",
  addRectification: "audit.add_rectification",
  closeRectification: "audit.close_rectification",
  close: "audit.close",
  evidencePack: "audit.evidence_link",
} as const;

export type Form = { readonly title: Bilingual; readonly inputs: readonly CardInput[] };

const EVIDENCE: CardInput = {
  name: "evidenceUrl",
  kind: "url",
  label: bi("证据链接（https）", "Evidence link (https)"),
  required: false,
  placeholder: bi("https://…", "https://…"),
  maxLength: 2000,
};

function textarea(name: string, label: Bilingual, required: boolean, maxLength = 2000): CardInput {
  return { name, kind: "textarea", label, required, maxLength };
}

/** Pass, Exception and N/A each take a note and an evidence link; only an exception needs the note. */
export function markForm(item: ChecklistItemRecord, mark: ItemMark): Form {
  const result = RESULT_LABELS[mark];
  return {
    title: bi(`第 ${item.seq} 项：${result["zh-CN"]}`, `Item ${item.seq}: ${result.en}`),
    inputs: [
      textarea(
        "note",
        mark === "exception" ? bi("异常说明", "What is wrong") : bi("说明（可选）", "Note (optional)"),
        mark === "exception",
      ),
      EVIDENCE,
    ],
  };
}

export function findingForm(items: readonly ChecklistItemRecord[]): Form {
  return {
    title: bi("记录审计发现", "Record a finding"),
    inputs: [
      {
        name: "severity",
        kind: "select",
        label: bi("严重程度", "Severity"),
        required: true,
        options: SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] })),
      },
      {
        name: "itemSeq",
        kind: "select",
        label: bi("对应检查项（可选）", "Checklist item (optional)"),
        required: false,
        options: items.map((i) => ({
          value: String(i.seq),
          label: bi(`${i.seq}. ${i.text}`, `${i.seq}. ${i.textEn || i.text}`),
        })),
      },
      textarea("description", bi("问题描述", "Description"), true),
      EVIDENCE,
    ],
  };
}

export function rectificationForm(findings: readonly FindingRecord[]): Form {
  return {
    title: bi("提出整改事项", "Raise a rectification item"),
    inputs: [
      {
        name: "findingSeq",
        kind: "select",
        label: bi("对应审计发现", "Finding"),
        required: true,
        options: findings.map((f) => ({
          value: String(f.seq),
          label: bi(
            `${f.seq}. ${SEVERITY_LABELS[f.severity]["zh-CN"]}：${f.description.slice(0, 60)}`,
            `${f.seq}. ${SEVERITY_LABELS[f.severity].en}: ${f.description.slice(0, 60)}`,
          ),
        })),
      },
      {
        name: "owner",
        kind: "person",
        label: bi("整改责任人", "Owner"),
        required: true,
        maxLength: 64,
      },
      { name: "dueDate", kind: "date", label: bi("整改期限", "Due date"), required: true },
      textarea(
        "description",
        bi("整改要求（可选，默认为审计发现）", "What to do (optional, defaults to the finding)"),
        false,
      ),
    ],
  };
}

export const TEAM_FORM: Form = {
  title: bi("组建审计组", "Form the audit team"),
  inputs: [
    {
      name: "leader",
      kind: "person",
      label: bi("组长", "Team leader"),
      required: true,
      maxLength: 64,
    },
    {
      name: "lead",
      kind: "person",
      label: bi("主审", "Lead auditor"),
      required: true,
      maxLength: 64,
    },
    {
      // Picked (decision 15.23); the value is still the codes, comma-separated, so typed codes read the same.
      name: "members",
      kind: "people",
      label: bi("组员", "Members"),
      required: false,
      maxLength: 600,
    },
  ],
};

export const PLAN_FORM: Form = {
  title: bi("审计方案", "Audit plan"),
  inputs: [textarea("plan", bi("方案内容", "Plan"), true, 8000)],
};
export const REJECT_FORM: Form = {
  title: bi("退回审计方案", "Return the plan"),
  inputs: [textarea("reason", bi("退回理由", "Why it goes back"), true)],
};
export const REPORT_FORM: Form = {
  title: bi("起草审计报告", "Draft the report"),
  inputs: [textarea("report", bi("报告内容", "Report"), true, 8000)],
};
export const DISAGREE_FORM: Form = {
  title: bi("不同意审计报告", "Disagree with the report"),
  inputs: [textarea("reason", bi("理由", "Your reasons"), true)],
};
export const CLOSE_RECTIFICATION_FORM: Form = {
  title: bi("完成整改", "Close the rectification item"),
  inputs: [textarea("note", bi("整改情况说明", "What was done"), true)],
};
