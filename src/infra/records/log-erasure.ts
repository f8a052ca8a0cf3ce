// What erasing a person does to the audit log (issue #19, decisions 19.23–19.25). Two kinds of
// entries hold their personal data:
//  - format 2 (entry-format.ts): the members they own are removed with their salts and the digests
//    stay, so the entry's hash is unchanged and no other record is needed;
//  - format 1 (written before format 2, or by a call site that declared nothing): the personal
//    members are known by the table below. Codes are replaced by the person's erased code (the one
//    the register now holds, so a list keeps the other people), typed text and chat ids are removed.
//    The stored hash no longer follows from the content, so each such entry is listed — seq, stored
//    hash, the hash of its redacted content — in the erasure's own chained entry (people.erased),
//    which a checkpoint signs; the verifiers accept exactly that and nothing else.
import type { AuditLogRow } from "../db/sql/insert-audit-log-entry.sql.ts";
import { canonicalJson as canonical } from "../audit-log/canonical-json.ts";
import { chainedHash, erasePersonal, type OldEntryRedaction, type StoredPersonal } from "../audit-log/entry-format.ts";
import type { Tx } from "../db/database.ts";

/** Whose a format-1 member is: the actor's typed text, the subject employee's, a person named by code, or the audited holder's. */
type Whose = "actor" | "subject" | "code" | "audit-holder";

/** The members of format-1 entries that carry personal data, by action (what entries written before format 2 hold). */
export const FORMAT1_PERSONAL: Readonly<Record<string, readonly { key: string; whose: readonly Whose[] }[]>> = {
  "employee.chat_identity_linked": [{ key: "externalId", whose: ["subject"] }],
  "notice.reminded": [{ key: "recipient", whose: ["code"] }],
  "notice.escalation_withheld": [{ key: "recipient", whose: ["code"] }],
  "notice.escalated": [
    { key: "recipient", whose: ["code"] },
    { key: "to", whose: ["code"] },
  ],
  "rotation.warned": [{ key: "recipients", whose: ["code"] }],
  "client.reassigned": [
    { key: "from", whose: ["code"] },
    { key: "to", whose: ["code"] },
    { key: "note", whose: ["actor"] },
  ],
  "leave.cancelled": [{ key: "reason", whose: ["actor"] }],
  "rotation.cancelled": [{ key: "reason", whose: ["actor"] }],
  "audit.plan_rejected": [{ key: "reason", whose: ["actor"] }],
  "audit.opinion_given": [{ key: "reason", whose: ["actor"] }],
  "audit.rectification_closed": [{ key: "note", whose: ["actor"] }],
  // Finding text before field encryption (decision 19.17): its author's words about the audited holder.
  "audit.finding_recorded": [{ key: "description", whose: ["actor", "audit-holder"] }],
  "audit.rectification_opened": [{ key: "description", whose: ["actor", "audit-holder"] }],
};

export interface ErasedPerson {
  readonly id: string;
  /** The code before erasure (format-1 entries name people by it). */
  readonly code: string;
  /** The code they keep (erasedCode). */
  readonly erasedCode: string;
}

export interface LogErasure {
  /** Format-2 entries whose members owned by the person were removed (hash unchanged). */
  readonly format2: number;
  /** Format-1 entries redacted, for the erasure entry to name. */
  readonly redactedOld: OldEntryRedaction[];
}

/** A stored entry as its columns hold it. */
type Row = AuditLogRow;

/** Redacts one format-1 entry's data for the person; undefined when nothing in it is theirs. */
export function redactFormat1(
  row: Pick<Row, "action" | "actorId" | "subjectType" | "subjectId" | "data">,
  person: ErasedPerson,
  heldAudits: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  const rules = FORMAT1_PERSONAL[row.action];
  if (!rules) return undefined;
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const auditId = row.subjectType === "audit" ? row.subjectId : (data.auditId as string | undefined);
  let changed = false;
  for (const { key, whose } of rules) {
    if (!(key in data)) continue;
    const value = data[key];
    if (whose.includes("code")) {
      const swap = (v: unknown) => (v === person.code ? person.erasedCode : v);
      const next = Array.isArray(value) ? value.map(swap) : swap(value);
      if (JSON.stringify(next) !== JSON.stringify(value)) {
        data[key] = next;
        changed = true;
      }
      continue;
    }
    const theirs =
      (whose.includes("actor") && row.actorId === person.id) ||
      (whose.includes("subject") && row.subjectType === "employee" && row.subjectId === person.id) ||
      (whose.includes("audit-holder") && auditId !== undefined && heldAudits.has(auditId));
    if (theirs) {
      delete data[key];
      changed = true;
    }
  }
  return changed ? data : undefined;
}

const chained = (row: Row, data: Record<string, unknown>, personal: StoredPersonal | null) => ({
  ...row,
  data,
  personal,
});

/** Removes the person's personal data from the log's entries, inside the erasure's transaction. */
export async function eraseFromLog(tx: Tx, person: ErasedPerson): Promise<LogErasure> {
  // Format 2: the owners are in the personal column (ids are unique strings; the match is checked again below).
  let format2 = 0;
  const owned = await tx.auditLogEntry.findMany({
    where: { personal: { contains: `"${person.id}"` } },
    orderBy: { seq: "asc" },
  });
  for (const row of owned) {
    const erased = erasePersonal(
      { data: JSON.parse(row.data) as Record<string, unknown>, personal: JSON.parse(row.personal!) as StoredPersonal },
      person.id,
    );
    if (!erased) continue;
    await tx.auditLogEntry.update({
      where: { seq: row.seq },
      data: { data: canonical(erased.data), personal: canonical(erased.personal) },
    });
    format2 += 1;
  }

  // Format 1: candidates by action, narrowed by what names the person, then checked member by member.
  const held = await tx.audit.findMany({ where: { holderId: person.id }, select: { id: true } });
  const heldAudits = new Set(held.map((a) => a.id));
  const byCode = Object.keys(FORMAT1_PERSONAL).filter((a) =>
    FORMAT1_PERSONAL[a]!.some((r) => r.whose.includes("code")),
  );
  const candidates = await tx.auditLogEntry.findMany({
    where: {
      personal: null,
      action: { in: Object.keys(FORMAT1_PERSONAL) },
      OR: [
        { actorId: person.id },
        { subjectType: "employee", subjectId: person.id },
        { action: { in: byCode }, data: { contains: JSON.stringify(person.code) } },
        ...(heldAudits.size > 0
          ? [
              { subjectType: "audit", subjectId: { in: [...heldAudits] } },
              { action: "audit.rectification_opened", subjectType: "rectification" },
            ]
          : []),
      ],
    },
    orderBy: { seq: "asc" },
  });
  const redactedOld: OldEntryRedaction[] = [];
  for (const row of candidates) {
    const data = redactFormat1(row, person, heldAudits);
    if (!data) continue;
    const text = canonical(data);
    await tx.auditLogEntry.update({ where: { seq: row.seq }, data: { data: text } });
    redactedOld.push({
      seq: row.seq,
      hash: row.hash,
      redactedHash: chainedHash(row.prevHash, chained(row, data, null)),
    });
  }
  return { format2, redactedOld };
}
