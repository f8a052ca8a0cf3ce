// The card of an audit for one person, rebuilt from its current state whenever it moves on: which
// card depends on the notice kind the person was first sent, the buttons on who they are now.
// A sealed audit renders nothing for anyone outside HR, compliance and its team.
import { actorOf } from "../people/actor-of.ts";
import type { Actor } from "../../domain/access/roles.ts";
import type { AuditRecord } from "../../ports/audit-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Card } from "../../ports/card.ts";
import type { CardBuilder } from "../kernel/card-registry.ts";
import { bi } from "../../ports/locale.ts";
import { STATE_LABELS, isOnTeam, subjectOf } from "./audit-card-parts.ts";
import { canSeeAudit } from "./audit-subject.ts";
import { checklistCard } from "./checklist.card.ts";
import { planSubmittedCard, requestedCard, teamStepCard } from "./plan.cards.ts";
import { noticeCard, opinionCard, outcomeCard, signCard } from "./report.cards.ts";

/** Kinds whose card is the team's: someone removed from the team no longer sees the audit's facts. */
const TEAM_KINDS = new Set([
  "audit_assigned",
  "audit_plan_rejected",
  "audit_plan_approved",
  "audit_fieldwork",
  "audit_opinion_given",
  "audit_cancelled",
]);

/** A card that says only what kind of step it was, for a builder with nothing better to show. */
export function fallbackCard(audit: AuditRecord, kind: string): Card {
  return {
    title: bi("离岗审计", "Off-post audit"),
    text: bi(`${kind}：${STATE_LABELS[audit.status]["zh-CN"]}`, `${kind}: ${STATE_LABELS[audit.status].en}`),
    fields: [],
    actions: [],
    subject: subjectOf(audit),
  };
}

function offTeamCard(audit: AuditRecord): Card {
  return {
    title: bi("离岗审计", "Off-post audit"),
    text: bi("您已不在该审计组中。", "You are no longer on this audit's team."),
    fields: [],
    actions: [],
    subject: subjectOf(audit),
  };
}

export const buildAuditCard: CardBuilder = async (tx, ref, ctx) => {
  const audit = await tx.audits.byId(ref.subjectId);
  if (!audit) return undefined;
  const me = ref.recipient.id;
  const actor = await actorOf(tx, ref.recipient);
  if (TEAM_KINDS.has(ref.kind) && !isOnTeam(audit, me) && audit.members.length > 0) return offTeamCard(audit);
  if (!canSeeAudit(actor, audit, ctx.now)) return undefined;
  return buildFor(audit, ref.kind, me, actor, ctx.now, tx);
};

async function buildFor(
  audit: AuditRecord,
  kind: string,
  me: string,
  actor: Actor,
  now: Date,
  tx: TxPorts,
): Promise<Card> {
  switch (kind) {
    case "audit_requested":
      return requestedCard(tx, audit, me, actor, now);
    case "audit_assigned":
    case "audit_plan_rejected":
    case "audit_plan_approved":
      return teamStepCard(tx, audit, kind, me, actor, now);
    case "audit_plan_submitted":
      return planSubmittedCard(tx, audit, me, actor, now);
    case "audit_notice":
      return noticeCard(tx, audit, me);
    case "audit_fieldwork":
      return checklistCard(tx, audit, me, actor, now);
    case "audit_report_for_opinion":
      return opinionCard(tx, audit, me, actor, now);
    case "audit_report_to_sign":
      return signCard(tx, audit, me, actor, now);
    default:
      return outcomeCard(tx, audit, kind, me, actor, now);
  }
}
