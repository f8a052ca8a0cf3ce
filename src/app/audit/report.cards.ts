// Cards of the audit's later steps: the audit notice (holder, manager), the report for the holder's
// opinion (Agree / Disagree), the report to sign (executive), and what follows (signed, ready to
// close, closed, cancelled).
import type { Actor } from "../../domain/access/roles.ts";
import type { AuditRecord } from "../../ports/audit-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { same, type Card, type CardAction, type CardField, type CardTable } from "../../ports/card.ts";
import { offer } from "../kernel/notify.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { SEVERITY_LABELS, headerFields, may, nameOf, subjectOf, teamText } from "./audit-card-parts.ts";
import { hasAnyRole } from "../../domain/access/roles.ts";
import { PACKABLE_STATES } from "../records/evidence-pack-link.ts";
import { ACTIONS, DISAGREE_FORM } from "./audit-forms.ts";
import { AUDIT, holderOpinion } from "./audit-subject.ts";
import { CELL_EXCERPT, FullText } from "../cards/full-text.ts";

function base(audit: AuditRecord, recipientId: string) {
  return { subjectType: AUDIT, subjectId: audit.id, version: audit.version, recipientId };
}

/** The findings, each description's start in the table; the whole of each goes to "Read in full". */
export function findingsTable(audit: AuditRecord, full: FullText): CardTable | undefined {
  if (audit.findings.length === 0) return undefined;
  return {
    columns: [same("#"), bi("严重程度", "Severity"), bi("检查项", "Item"), bi("问题", "Finding")],
    rows: audit.findings.map((f) => [
      same(String(f.seq)),
      SEVERITY_LABELS[f.severity],
      same(f.itemSeq === null ? "—" : String(f.itemSeq)),
      full.add(
        bi(
          `审计发现 ${f.seq}（${SEVERITY_LABELS[f.severity]["zh-CN"]}）`,
          `Finding ${f.seq} (${SEVERITY_LABELS[f.severity].en})`,
        ),
        same(f.description),
        CELL_EXCERPT,
      ),
    ]),
  };
}

async function reportFields(tx: TxPorts, audit: AuditRecord, full: FullText): Promise<CardField[]> {
  const opinion = holderOpinion(audit);
  const signer = audit.signatures[0];
  const report = bi("审计报告", "Report");
  const opinionLabel = bi("被审计人意见", "Holder's opinion");
  return [
    ...(await headerFields(tx, audit)),
    { label: bi("审计组", "Team"), value: await teamText(tx, audit) },
    { label: report, value: audit.reportText ? full.add(report, same(audit.reportText)) : same("—") },
    ...(opinion
      ? [
          {
            label: opinionLabel,
            value: opinion.agrees
              ? bi("同意", "Agrees")
              : full.add(opinionLabel, bi(`不同意：${opinion.reason}`, `Disagrees: ${opinion.reason}`)),
          },
        ]
      : []),
    ...(signer ? [{ label: bi("签发", "Signed by"), value: await nameOf(tx, signer.employeeId) }] : []),
  ];
}

/** 离岗审计通知书: to the holder (on leave by now) and the managers of the post's unit. */
export async function noticeCard(tx: TxPorts, audit: AuditRecord, recipientId: string): Promise<Card> {
  const actions: CardAction[] = [];
  const mine = (await tx.outbox.forSubject(AUDIT, audit.id)).filter(
    (n) => n.recipientId === recipientId && n.kind === "audit_notice",
  );
  // A closed (or cancelled) audit awaits nobody's acknowledgement: no button, so no reminder either.
  const over = audit.status === "closed" || audit.status === "cancelled";
  if (!over && (mine.length === 0 || mine.some((n) => n.acknowledgedAt === null))) {
    actions.push(
      await offer(tx, { ...base(audit, recipientId), action: "notice.acknowledge" }, bi("确认收到", "Acknowledge"), {
        style: "primary",
      }),
    );
  }
  return {
    title: bi("离岗审计通知书", "Off-post audit notice"),
    text: bi(
      "根据岗位管理制度，审计组将在休假期间对该岗位的业务进行离岗审计。请配合审计工作，审计结束后您将收到审计报告并可发表意见。",
      "Under the key-post policy, the audit team will audit this post's work while the holder is away. You will receive the report and may give your opinion on it.",
    ),
    fields: [...(await headerFields(tx, audit)), { label: bi("审计组", "Team"), value: await teamText(tx, audit) }],
    actions,
    subject: subjectOf(audit),
  };
}

/** To the holder: the report and findings, with Agree and Disagree (reasons required). */
export async function opinionCard(
  tx: TxPorts,
  audit: AuditRecord,
  recipientId: string,
  actor: Actor,
  now: Date,
): Promise<Card> {
  const full = new FullText();
  const actions: CardAction[] = [];
  if (may(audit, "give_opinion", actor, now, { opinion: { agrees: true, reason: "" } })) {
    actions.push(
      await offer(
        tx,
        { ...base(audit, recipientId), action: ACTIONS.giveOpinion, args: { agrees: true } },
        bi("同意", "Agree"),
        { style: "primary" },
      ),
    );
    actions.push(
      await offer(
        tx,
        { ...base(audit, recipientId), action: ACTIONS.giveOpinion, args: { agrees: false } },
        bi("不同意", "Disagree"),
        { style: "danger", form: DISAGREE_FORM },
      ),
    );
  }
  const fields = await reportFields(tx, audit, full);
  const table = findingsTable(audit, full);
  return {
    title: bi("审计报告：请发表意见", "Audit report: your opinion"),
    text: bi(
      "请阅读审计报告和审计发现。同意可直接确认；不同意请说明理由。",
      "Read the report and its findings. Agree as is, or disagree and give your reasons.",
    ),
    fields,
    ...(table ? { table } : {}),
    actions,
    subject: subjectOf(audit),
    ...full.full(),
  };
}

/** To the executives in scope (never one on the team): sign the report. */
export async function signCard(
  tx: TxPorts,
  audit: AuditRecord,
  recipientId: string,
  actor: Actor,
  now: Date,
): Promise<Card> {
  const full = new FullText();
  const actions: CardAction[] = [];
  if (may(audit, "sign", actor, now)) {
    actions.push(
      await offer(tx, { ...base(audit, recipientId), action: ACTIONS.sign }, bi("签发", "Sign"), { style: "primary" }),
    );
  }
  const fields = await reportFields(tx, audit, full);
  const table = findingsTable(audit, full);
  return {
    title: bi("审计报告待签发", "Audit report to sign"),
    fields,
    ...(table ? { table } : {}),
    actions,
    subject: subjectOf(audit),
    ...full.full(),
  };
}

const OUTCOME_TITLES: Record<string, Bilingual> = {
  audit_opinion_given: bi("被审计人已发表意见", "The holder gave their opinion"),
  audit_signed: bi("审计报告已签发", "The audit report is signed"),
  audit_ready_to_close: bi("整改已全部完成", "Every rectification item is closed"),
  audit_closed: bi("离岗审计已结束", "The off-post audit is closed"),
  audit_cancelled: bi("离岗审计已取消", "The off-post audit is cancelled"),
};

/** What followed, for whoever was told; compliance gets Close once nothing is left open. */
export async function outcomeCard(
  tx: TxPorts,
  audit: AuditRecord,
  kind: string,
  recipientId: string,
  actor: Actor,
  now: Date,
): Promise<Card> {
  const full = new FullText();
  const actions: CardAction[] = [];
  if ((kind === "audit_signed" || kind === "audit_ready_to_close") && may(audit, "close", actor, now)) {
    actions.push(
      await offer(tx, { ...base(audit, recipientId), action: ACTIONS.close }, bi("结束审计", "Close audit"), {
        style: "primary",
      }),
    );
  }
  // Compliance over the unit and the team may take the evidence pack once the report is signed.
  if (
    (PACKABLE_STATES as readonly string[]).includes(audit.status) &&
    (hasAnyRole(actor, ["compliance", "compliance_head"], audit.unit.path) ||
      audit.members.some((m) => m.employeeId === recipientId))
  ) {
    actions.push(
      await offer(tx, { ...base(audit, recipientId), action: ACTIONS.evidencePack }, bi("证据包", "Evidence pack")),
    );
  }
  const open = audit.rectifications.filter((r) => r.status === "open").length;
  if (kind === "audit_cancelled") {
    return {
      title: OUTCOME_TITLES[kind]!,
      text: bi("休假已取消，本次离岗审计随之取消。", "The leave was cancelled, and its off-post audit with it."),
      fields: await headerFields(tx, audit),
      actions,
      subject: subjectOf(audit),
    };
  }
  const report = await reportFields(tx, audit, full);
  const table = findingsTable(audit, full);
  return {
    title: OUTCOME_TITLES[kind] ?? bi("离岗审计", "Off-post audit"),
    fields: [
      ...report,
      ...(audit.rectifications.length > 0
        ? [
            {
              label: bi("整改事项（未完成/总数）", "Rectification items (open/all)"),
              value: same(`${open}/${audit.rectifications.length}`),
            },
          ]
        : []),
    ],
    ...(table ? { table } : {}),
    actions,
    subject: subjectOf(audit),
    ...full.full(),
  };
}
