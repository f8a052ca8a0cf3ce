// Reads the audit log for an export: a contiguous run of entries, each either in full or as its
// hashes only, and the signed checkpoints that fall in it. What is shown in full:
//  - the selected entries (written in [from, to), of the subject when one is asked for), and
//  - after each selected entry, every entry up to the next signed checkpoint, so that the file itself
//    proves the selected entry against that checkpoint (docs/audit-log.md, "What an export proves");
// except that an entry still sealed at the export instant is never shown to a reader who may not
// see sealed leaves: it is a hash-only line. The run ends at the checkpoint after the last
// selected entry (the one signed for this export when there is no earlier one).
// A format-1 entry in full that an erasure redacted needs that erasure's entry to verify: the entry
// follows the run as an `erasure` record, with the checkpoint that signs it.
import type { AuditLogRow } from "../db/sql/insert-audit-log-entry.sql.ts";
import type { SignedCheckpoint } from "../../ports/log-checkpoints.ts";
import type { Database } from "../db/database.ts";
import { ERASURE_ACTION, ERASURE_SUBJECT_TYPE, redactionsOf, type StoredPersonal } from "./entry-format.ts";
import type { CheckpointRecord, EntryRecord, ExportRecord, HeaderRecord, OmittedRecord } from "./export-records.ts";
import { EXPORT_FORMAT } from "./export-records.ts";

export interface ExportSelection {
  readonly from?: Date;
  readonly to?: Date;
  /** Subject ids, or "<subjectType>:<subjectId>"; an entry of any of them is selected. */
  readonly subjects?: readonly string[];
}

export interface ExportReader {
  /** "operator" or the employee code. */
  readonly name: string;
  /** May see sealed leaves before they start (HR or compliance over the whole bank, or the operator). */
  readonly seesSealed: boolean;
  /** Subjects ("type:id") this reader may see in full even while sealed (their entitlement checked by the caller). */
  readonly entitled?: readonly string[];
}

const BATCH = 1_000;

/** A stored entry as its columns hold it. */
type StoredRow = AuditLogRow;

function entryRecord(row: StoredRow): EntryRecord {
  return {
    record: "entry",
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    platform: row.platform,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    sealedUntil: row.sealedUntil?.toISOString() ?? null,
    data: JSON.parse(row.data) as Record<string, unknown>,
    ...(row.personal === null ? {} : { personal: JSON.parse(row.personal) as StoredPersonal }),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

function subjectMatches(
  subjects: readonly string[] | undefined,
  row: { subjectType: string; subjectId: string },
): boolean {
  return (
    subjects === undefined || subjects.some((s) => row.subjectId === s || `${row.subjectType}:${row.subjectId}` === s)
  );
}

function subjectWhere(subjects: readonly string[] | undefined) {
  if (subjects === undefined) return {};
  return {
    OR: subjects.map((s) => {
      const colon = s.indexOf(":");
      return colon < 0 ? { subjectId: s } : { subjectType: s.slice(0, colon), subjectId: s.slice(colon + 1) };
    }),
  };
}

/**
 * Yields the export's records: header, entries (full or omitted), then the checkpoints in the run.
 * `checkpoints` must include the one just signed for this export (it signs the head).
 */
export async function* auditLogExport(
  db: Database,
  selection: ExportSelection,
  reader: ExportReader,
  now: Date,
  checkpoints: readonly { checkpoint: SignedCheckpoint; publicKey: string }[],
): AsyncGenerator<ExportRecord> {
  const header: HeaderRecord = {
    record: "header",
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    exportedBy: reader.name,
    from: selection.from?.toISOString() ?? null,
    to: selection.to?.toISOString() ?? null,
    subject: selection.subjects?.join(" ") ?? null,
  };
  yield header;

  const head = Math.max(0, ...checkpoints.map((c) => c.checkpoint.seq));
  const at = {
    ...(selection.from ? { gte: selection.from } : {}),
    ...(selection.to ? { lt: selection.to } : {}),
  };
  const where = { seq: { lte: head }, at, ...subjectWhere(selection.subjects) };
  const first = await db.prisma.auditLogEntry.findFirst({ where, orderBy: { seq: "asc" }, select: { seq: true } });
  const last = await db.prisma.auditLogEntry.findFirst({ where, orderBy: { seq: "desc" }, select: { seq: true } });
  const checkpointSeqs = [...new Set(checkpoints.map((c) => c.checkpoint.seq))].sort((a, b) => a - b);
  if (!first || !last) {
    for (const c of checkpoints) if (c.checkpoint.seq === head) yield { record: "checkpoint", ...c };
    return;
  }
  const end = checkpointSeqs.find((s) => s >= last.seq) ?? head;
  const checkpointAt = new Set(checkpointSeqs);
  // Which erasure entry redacted which format-1 entry (a few rows: one per erased person).
  const erasures = await db.prisma.auditLogEntry.findMany({
    where: { subjectType: ERASURE_SUBJECT_TYPE, action: ERASURE_ACTION, seq: { gte: first.seq, lte: head } },
    orderBy: { seq: "asc" },
  });
  const redactedBy = new Map<number, StoredRow>();
  for (const e of erasures) for (const r of redactionsOf(JSON.parse(e.data))) redactedBy.set(r.seq, e);
  const needed = new Map<number, StoredRow>();

  let open = false; // inside a window from a selected entry up to the next checkpoint
  let next = first.seq;
  while (next <= end) {
    const rows = await db.prisma.auditLogEntry.findMany({
      where: { seq: { gte: next, lte: end } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const visible =
        row.sealedUntil === null ||
        row.sealedUntil <= now ||
        reader.seesSealed ||
        (reader.entitled?.includes(`${row.subjectType}:${row.subjectId}`) ?? false);
      const selected =
        subjectMatches(selection.subjects, row) &&
        (!selection.from || row.at >= selection.from) &&
        (!selection.to || row.at < selection.to);
      if (visible && (selected || open)) {
        const erasure = redactedBy.get(row.seq);
        if (erasure) needed.set(erasure.seq, erasure);
        yield entryRecord(row);
      } else {
        const omitted: OmittedRecord = { record: "omitted", seq: row.seq, prevHash: row.prevHash, hash: row.hash };
        yield omitted;
      }
      if (selected && visible) open = true;
      if (checkpointAt.has(row.seq)) open = false;
      next = row.seq + 1;
    }
  }
  for (const erasure of needed.values()) yield { record: "erasure", entry: entryRecord(erasure) };
  for (const c of checkpoints) {
    const signsErasure = needed.get(c.checkpoint.seq)?.hash === c.checkpoint.hash;
    if ((c.checkpoint.seq >= first.seq - 1 && c.checkpoint.seq <= end) || signsErasure) {
      const record: CheckpointRecord = { record: "checkpoint", ...c };
      yield record;
    }
  }
}
