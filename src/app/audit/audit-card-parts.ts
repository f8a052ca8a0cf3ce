// Pieces every audit card is made of: words for states, results and severities in both languages,
// the facts at the top of each card, and `may`, which asks the machine (guards, scope, separation of
// duties, suspension) whether a person may press a button now — cards offer nothing else.
import type { Actor } from "../../domain/access/roles.ts";
import type { AuditContext, AuditEvent, AuditState } from "../../domain/audit/audit.machine.ts";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import type { ItemResult, RectificationState, Severity } from "../../domain/audit/checklist.ts";
import type { TeamRole } from "../../domain/access/separation.ts";
import { decide } from "../../domain/machine/machine.ts";
import type { AuditRecord } from "../../ports/audit-repository.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { same, type CardField } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { auditContext } from "./audit-subject.ts";
import { personLabel as labelOf } from "../people/person-label.ts";

export const STATE_LABELS: Record<AuditState, Bilingual> = {
  requested: bi("已申请", "Requested"),
  team_formed: bi("已组建审计组", "Team formed"),
  plan_drafted: bi("审计方案待审批", "Plan awaiting approval"),
  plan_approved: bi("审计方案已批准", "Plan approved"),
  notice_issued: bi("已发出审计通知", "Notice issued"),
  fieldwork: bi("现场检查中", "Fieldwork"),
  report_drafted: bi("报告待被审计人反馈意见", "Report awaiting the holder's opinion"),
  opinion_given: bi("报告待签发", "Report awaiting signature"),
  signed: bi("报告已签发", "Report signed"),
  rectifying: bi("整改中", "Rectifying"),
  closed: bi("已结束", "Closed"),
  cancelled: bi("已取消", "Cancelled"),
};

export const RESULT_LABELS: Record<ItemResult, Bilingual> = {
  pending: bi("待检查", "Pending"),
  pass: bi("通过", "Pass"),
  exception: bi("异常", "Exception"),
  not_applicable: bi("不适用", "N/A"),
};

export const SEVERITY_LABELS: Record<Severity, Bilingual> = {
  low: bi("低", "Low"),
  medium: bi("中", "Medium"),
  high: bi("高", "High"),
  critical: bi("严重", "Critical"),
};

export const ROLE_LABELS: Record<TeamRole, Bilingual> = {
  team_leader: bi("组长", "Team leader"),
  lead_auditor: bi("主审", "Lead auditor"),
  member: bi("组员", "Member"),
};

export const RECTIFICATION_LABELS: Record<RectificationState, Bilingual> = {
  open: bi("整改中", "Open"),
  closed: bi("已完成", "Closed"),
};

/** A person as every card names them (people/person-label.ts), or the id when unknown. */
export function personLabel(person: Person | undefined, fallbackId: string): Bilingual {
  return person ? labelOf(person) : same(fallbackId);
}

/** Names shown on cards, per transaction: every notice of an audit is rebuilt after each step. */
const names = new WeakMap<TxPorts, Map<string, Promise<Bilingual>>>();

export async function nameOf(tx: TxPorts, id: string | null): Promise<Bilingual> {
  if (id === null) return same("—");
  let known = names.get(tx);
  if (!known) names.set(tx, (known = new Map()));
  let name = known.get(id);
  if (!name) known.set(id, (name = tx.people.byId(id).then((person) => personLabel(person, id))));
  return name;
}

export function join(parts: readonly Bilingual[], zhSep = "、", enSep = ", "): Bilingual {
  if (parts.length === 0) return same("—");
  return bi(parts.map((p) => p["zh-CN"]).join(zhSep), parts.map((p) => p.en).join(enSep));
}

export async function teamText(tx: TxPorts, audit: AuditRecord): Promise<Bilingual> {
  const parts: Bilingual[] = [];
  for (const m of audit.members) {
    const name = await nameOf(tx, m.employeeId);
    parts.push(bi(`${name["zh-CN"]}（${ROLE_LABELS[m.role]["zh-CN"]}）`, `${name.en} (${ROLE_LABELS[m.role].en})`));
  }
  return join(parts);
}

/** The facts at the top of every audit card. */
export async function headerFields(tx: TxPorts, audit: AuditRecord): Promise<CardField[]> {
  return [
    {
      label: bi("岗位", "Post"),
      value: bi(`${audit.post.code} ${audit.post.name}`, `${audit.post.code} ${audit.post.nameEn ?? audit.post.name}`),
    },
    { label: bi("被审计人", "Holder"), value: await nameOf(tx, audit.holderId) },
    { label: bi("状态", "Status"), value: STATE_LABELS[audit.status] },
  ];
}

export function subjectOf(audit: AuditRecord): { type: string; id: string; version: number } {
  return { type: "audit", id: audit.id, version: audit.version };
}

/** May this person fire `event` on the audit now? The machine decides, guards and suspension included. */
export function may(
  audit: AuditRecord,
  event: AuditEvent,
  actor: Actor,
  now: Date,
  patch: Partial<AuditContext> = {},
): boolean {
  return decide(auditMachine, audit.status, event, auditContext(audit, actor, now, patch)).ok;
}

export function isOnTeam(audit: AuditRecord, personId: string): boolean {
  return audit.members.some((m) => m.employeeId === personId);
}
