// Purging major-event reports past retention (`keypost purge major_event_reports --before D`):
// the reports filed before D that are finished (closed, or turned into a leave) go, with the
// notices and button tokens about them, in one transaction that logs `records.purged` (the class,
// the cut-off, how many, their ids). A report still open is kept whatever its date: it is work in
// progress, not a record. The audit log keeps its own entries about the reports (that class has its
// own retention), so the chain is untouched and still verifies. The retention check and the legal
// hold are the caller's (retention.command.ts), as for the audit log.
import { appendLogEntry } from "../db/audit-log-writer.ts";
import type { Database } from "../db/database.ts";

const FINISHED = ["closed", "leave_triggered"];
const SUBJECT = "major_event";

export interface MajorEventPurgePlan {
  readonly ids: readonly string[];
  /** Reports dated before the cut-off that are still open, so kept. */
  readonly open: number;
}

export async function majorEventPurgePlan(db: Database, before: Date): Promise<MajorEventPurgePlan> {
  const rows = await db.prisma.majorEventReport.findMany({
    where: { filedAt: { lt: before } },
    select: { id: true, status: true },
    orderBy: [{ filedAt: "asc" }, { id: "asc" }],
  });
  return {
    ids: rows.filter((r) => FINISHED.includes(r.status)).map((r) => r.id),
    open: rows.filter((r) => !FINISHED.includes(r.status)).length,
  };
}

export async function purgeMajorEvents(db: Database, before: Date, now: Date): Promise<MajorEventPurgePlan> {
  return db.transaction(async (tx, sql) => {
    const rows = await tx.majorEventReport.findMany({
      where: { filedAt: { lt: before }, status: { in: FINISHED } },
      select: { id: true },
      orderBy: [{ filedAt: "asc" }, { id: "asc" }],
    });
    const ids = rows.map((r) => r.id);
    const open = await tx.majorEventReport.count({ where: { filedAt: { lt: before }, status: { notIn: FINISHED } } });
    if (ids.length === 0) return { ids, open };
    await tx.actionToken.deleteMany({ where: { subjectType: SUBJECT, subjectId: { in: ids } } });
    await tx.notice.deleteMany({ where: { subjectType: SUBJECT, subjectId: { in: ids } } });
    await tx.majorEventReport.deleteMany({ where: { id: { in: ids } } });
    await appendLogEntry(
      tx,
      db.provider,
      {
        at: now,
        actorId: null,
        platform: "cli",
        action: "records.purged",
        subjectType: "records",
        subjectId: "major_event_reports",
        data: {
          recordClass: "major_event_reports",
          before: before.toISOString().slice(0, 10),
          removed: ids.length,
          ids,
          keptOpen: open,
        },
      },
      sql,
    );
    return { ids, open };
  });
}
