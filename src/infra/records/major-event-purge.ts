// Purging major-event reports past retention (`keypost purge major_event_reports --before D`):
// the reports filed before D that are finished (closed, or turned into a leave) go, with the
// notices and button tokens about them. A report still open is kept whatever its date: it is work
// in progress, not a record. The audit log keeps its own entries about the reports (that class has
// its own retention), so the chain is untouched. The shared steps (verify first, records.purged,
// the signed tombstone) are purge-runner.ts's.
import type { Database } from "../db/database.ts";
import type { ClassPurge } from "./purge-runner.ts";
import { bySlices, removeNotices } from "./purge-notices.ts";

const FINISHED = ["closed", "leave_triggered"];

export interface MajorEventPurgePlan {
  readonly ids: readonly string[];
  /** Reports dated before the cut-off that are still open, so kept. */
  readonly open: number;
}

export async function majorEventPurgePlan(
  db: Pick<Database["prisma"], "majorEventReport">,
  before: Date,
): Promise<MajorEventPurgePlan> {
  const rows = await db.majorEventReport.findMany({
    where: { filedAt: { lt: before } },
    select: { id: true, status: true },
    orderBy: [{ filedAt: "asc" }, { id: "asc" }],
  });
  return {
    ids: rows.filter((r) => FINISHED.includes(r.status)).map((r) => r.id),
    open: rows.filter((r) => !FINISHED.includes(r.status)).length,
  };
}

export function majorEventPurge(before: Date): ClassPurge {
  return {
    recordClass: "major_event_reports",
    async remove(tx) {
      const { ids, open } = await majorEventPurgePlan(tx, before);
      if (ids.length === 0) return { removed: 0, data: { keptOpen: open } };
      await removeNotices(tx, "major_event", ids);
      await bySlices(
        ids,
        async (slice) => (await tx.majorEventReport.deleteMany({ where: { id: { in: slice } } })).count,
      );
      return { removed: ids.length, data: { removed: ids.length, ids, keptOpen: open } };
    },
  };
}
