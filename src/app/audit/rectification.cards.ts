// Cards of one rectification item (整改): to its owner (Close, with a note saying what was done) and
// to the audit team when it is closed. A rectification has no version column: open is version 1,
// closed version 2, so a Close pressed on an outdated card is refused.
import { actorOf } from "../people/actor-of.ts";
import { rectificationMachine } from "../../domain/audit/rectification.machine.ts";
import { decide } from "../../domain/machine/machine.ts";
import type { RectificationRecord } from "../../ports/audit-repository.ts";
import { same, type Card, type CardAction } from "../../ports/card.ts";
import type { CardBuilder } from "../kernel/card-registry.ts";
import { offer } from "../kernel/notify.ts";
import { bi } from "../../ports/locale.ts";
import { RECTIFICATION_LABELS, SEVERITY_LABELS, headerFields, nameOf } from "./audit-card-parts.ts";
import { ACTIONS, CLOSE_RECTIFICATION_FORM } from "./audit-forms.ts";
import { RECTIFICATION, canSeeAudit } from "./audit-subject.ts";

export function rectificationVersion(item: RectificationRecord): number {
  return item.status === "open" ? 1 : 2;
}

export const buildRectificationCard: CardBuilder = async (tx, ref, ctx) => {
  const item = await tx.audits.rectificationById(ref.subjectId);
  if (!item) return undefined;
  const audit = await tx.audits.byId(item.auditId);
  if (!audit) return undefined;
  const actor = await actorOf(tx, ref.recipient);
  if (!canSeeAudit(actor, audit, ctx.now)) return undefined;

  const actions: CardAction[] = [];
  const closing = decide(rectificationMachine, item.status, "close", {
    actor,
    unitPath: audit.unit.path,
    ownerId: item.ownerId,
    auditTeam: audit.members,
    note: "·",
  });
  if (closing.ok && ["fieldwork", "report_drafted", "opinion_given", "signed", "rectifying"].includes(audit.status)) {
    const what = {
      action: ACTIONS.closeRectification,
      subjectType: RECTIFICATION,
      subjectId: item.id,
      version: rectificationVersion(item),
      recipientId: ref.recipient.id,
    };
    actions.push(await offer(tx, what, bi("完成整改", "Close"), { style: "primary", form: CLOSE_RECTIFICATION_FORM }));
  }
  const finding = audit.findings.find((f) => f.seq === item.findingSeq);
  const card: Card = {
    title:
      ref.kind === "rectification_closed"
        ? bi("整改事项已完成", "Rectification item closed")
        : bi("整改事项", "Rectification item"),
    text: bi(item.description, item.description),
    fields: [
      ...(await headerFields(tx, audit)),
      ...(finding
        ? [
            {
              label: bi("审计发现", "Finding"),
              value: bi(
                `${finding.seq}（${SEVERITY_LABELS[finding.severity]["zh-CN"]}）${finding.description}`,
                `${finding.seq} (${SEVERITY_LABELS[finding.severity].en}) ${finding.description}`,
              ),
            },
          ]
        : []),
      { label: bi("责任人", "Owner"), value: await nameOf(tx, item.ownerId) },
      { label: bi("整改期限", "Due"), value: same(item.dueDate) },
      { label: bi("整改状态", "State"), value: RECTIFICATION_LABELS[item.status] },
      ...(item.status === "closed"
        ? [
            { label: bi("整改情况", "What was done"), value: same(item.closingNote) },
            { label: bi("完成人", "Closed by"), value: await nameOf(tx, item.closedById) },
          ]
        : []),
    ],
    actions,
    subject: { type: RECTIFICATION, id: item.id, version: rectificationVersion(item) },
  };
  return card;
};
