// Erasing a person's personal data once the records that name them are past retention
// (`keypost erase-person <code>`). Personal data here: the name (both languages), e-mail, employee
// code, language, chat identities (platform user ids, conversation references), role grants,
// dashboard links and sessions, the notices addressed to them (cards name them), and the free text
// they wrote that is still kept: their major-event reports' text and compliance's note on them,
// their reasons on audit opinions. Records keep the person's id, which now names nobody: the
// records stay whole. In the audit log, their chat ids, codes and typed text are removed
// (log-erasure.ts): format-2 entries keep their hashes, format-1 entries are named in the erasure's
// own entry (people.erased: `redactedOld`), so the chain still verifies.
// The shared steps (verify first, the logged entry, the signed checkpoint) are purge-runner.ts's;
// the retention and hold checks are retention.policy.ts's erasureRefusal, fed by erasureFacts.
import { createHash } from "node:crypto";
import type { RecordClass } from "../../domain/retention/retention.policy.ts";
import type { Tx } from "../db/database.ts";
import { ERASURE_ACTION, ERASURE_SUBJECT_TYPE } from "../audit-log/entry-format.ts";
import { eraseFromLog } from "./log-erasure.ts";
import type { ClassPurge } from "./purge-runner.ts";

export const ERASED_NAME = { zh: "（已删除）", en: "(erased)" } as const;

export interface ErasureFacts {
  readonly left: boolean;
  /** The latest date of the records of each class that name the person (now when one is still open). */
  readonly latest: Partial<Record<RecordClass, Date>>;
}

const max = (dates: readonly (Date | null | undefined)[]): Date | undefined =>
  dates.reduce<Date | undefined>((m, d) => (d && (!m || d > m) ? d : m), undefined);

export async function erasureFacts(
  db: Pick<Tx, "employee" | "leave" | "handover" | "audit" | "finding" | "majorEventReport">,
  personId: string,
  now: Date,
): Promise<ErasureFacts> {
  const person = await db.employee.findUniqueOrThrow({ where: { id: personId }, select: { status: true } });
  const leaves = await db.leave.findMany({
    where: { OR: [{ holderId: personId }, { substituteId: personId }, { plannedById: personId }] },
    select: { status: true, closedAt: true, cancelledAt: true, updatedAt: true },
  });
  const handovers = await db.handover.findMany({
    where: { OR: [{ fromId: personId }, { toId: personId }, { witnessId: personId }] },
    select: { openedAt: true, completedAt: true, status: true },
  });
  const audits = await db.audit.findMany({
    where: {
      OR: [
        { holderId: personId },
        { planApprovedById: personId },
        { members: { some: { employeeId: personId } } },
        { items: { some: { markedById: personId } } },
        { opinions: { some: { employeeId: personId } } },
        { signatures: { some: { employeeId: personId } } },
        { rectifications: { some: { OR: [{ ownerId: personId }, { closedById: personId }] } } },
        { files: { some: { uploadedById: personId } } },
      ],
    },
    select: { closedAt: true },
  });
  const findings = await db.finding.findMany({
    where: { createdById: personId },
    select: { audit: { select: { closedAt: true } } },
  });
  const reports = await db.majorEventReport.findMany({
    where: { OR: [{ reporterId: personId }, { triagedById: personId }] },
    select: { filedAt: true, triagedAt: true, status: true },
  });
  const finished = (status: string) => status === "closed" || status === "leave_triggered";
  return {
    left: person.status === "left",
    latest: {
      leaves: max([
        ...leaves.map((l) =>
          l.status === "closed" || l.status === "cancelled" ? (l.closedAt ?? l.cancelledAt ?? l.updatedAt) : now,
        ),
        ...handovers.map((h) => (h.status === "open" ? now : (h.completedAt ?? h.openedAt))),
      ]),
      audits: max(audits.map((a) => a.closedAt ?? now)),
      findings: max(findings.map((f) => f.audit.closedAt ?? now)),
      major_event_reports: max(reports.map((r) => (finished(r.status) ? (r.triagedAt ?? r.filedAt) : now))),
    },
  };
}

/** The code an erased person keeps: unique, stable, and derived from the id only. */
export const erasedCode = (personId: string): string =>
  `X-${createHash("sha256").update(personId).digest("hex").slice(0, 12)}`;

export function personErasure(personId: string): ClassPurge {
  return {
    recordClass: "people",
    entry: { action: ERASURE_ACTION, subjectType: ERASURE_SUBJECT_TYPE, subjectId: personId },
    async remove(tx) {
      const { code } = await tx.employee.findUniqueOrThrow({ where: { id: personId }, select: { code: true } });
      const log = await eraseFromLog(tx, { id: personId, code, erasedCode: erasedCode(personId) });
      await tx.employee.update({
        where: { id: personId },
        data: { name: ERASED_NAME.zh, nameEn: ERASED_NAME.en, email: null, code: erasedCode(personId), locale: null },
      });
      const identities = (await tx.chatIdentity.deleteMany({ where: { employeeId: personId } })).count;
      const roles = (await tx.roleGrant.deleteMany({ where: { employeeId: personId } })).count;
      await tx.dashboardLink.deleteMany({ where: { personId } });
      await tx.dashboardSession.deleteMany({ where: { personId } });
      await tx.actionToken.deleteMany({ where: { recipientId: personId } });
      const notices = (await tx.notice.deleteMany({ where: { recipientId: personId } })).count;
      const reports = (
        await tx.majorEventReport.updateMany({
          where: { reporterId: personId },
          data: { description: "", triageNote: "" },
        })
      ).count;
      const opinions = (await tx.auditOpinion.updateMany({ where: { employeeId: personId }, data: { reason: "" } }))
        .count;
      return {
        removed: 1,
        data: {
          fields: ["name", "nameEn", "email", "code", "locale"],
          identities,
          roles,
          notices,
          reportTexts: reports,
          opinionReasons: opinions,
          logEntries: log.format2 + log.redactedOld.length,
          // Format-1 entries redacted: the verifiers accept their stored hashes only as listed here.
          redactedOld: log.redactedOld,
        },
      };
    },
  };
}
