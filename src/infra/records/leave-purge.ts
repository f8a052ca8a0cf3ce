// Purging leaves past retention (`keypost purge leaves --before D`): the leaves finished (closed or
// cancelled) before D go, with their handovers (items and confirmations) and the notices and
// button tokens about the leave and its handovers. Kept whatever their date: a leave still under
// way, and a leave an audit still refers to (the audit's evidence pack carries the leave and its
// handover records, so they go with the audit's own retention). Other rows that name the leave (an
// acting assignment in the post's history, the major-event report that triggered it) keep the id as
// a plain reference. The shared steps (verify first, records.purged, the signed tombstone) are
// purge-runner.ts's.
import type { Tx } from "../db/database.ts";
import type { ClassPurge } from "./purge-runner.ts";
import { bySlices, readBySlices, removeNotices } from "./purge-notices.ts";

const FINISHED = ["closed", "cancelled"];

export interface LeavePurgePlan {
  readonly ids: readonly string[];
  /** Leaves ending before the cut-off that are not finished yet. */
  readonly open: number;
  /** Finished leaves before the cut-off kept because an audit refers to them. */
  readonly audited: number;
}

export async function leavePurgePlan(tx: Pick<Tx, "leave" | "audit">, before: Date): Promise<LeavePurgePlan> {
  const finished = await tx.leave.findMany({
    where: {
      status: { in: FINISHED },
      OR: [{ closedAt: { lt: before } }, { closedAt: null, cancelledAt: { lt: before } }],
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const audited = new Set(
    (
      await readBySlices(
        finished.map((l) => l.id),
        (slice) => tx.audit.findMany({ where: { leaveId: { in: slice } }, select: { leaveId: true } }),
      )
    ).map((a) => a.leaveId),
  );
  const open = await tx.leave.count({
    where: { status: { notIn: FINISHED }, endDate: { lt: before.toISOString().slice(0, 10) } },
  });
  return {
    ids: finished.filter((l) => !audited.has(l.id)).map((l) => l.id),
    open,
    audited: finished.filter((l) => audited.has(l.id)).length,
  };
}

export function leavePurge(before: Date): ClassPurge {
  return {
    recordClass: "leaves",
    async remove(tx) {
      const plan = await leavePurgePlan(tx, before);
      const kept = { keptOpen: plan.open, keptForAudits: plan.audited };
      if (plan.ids.length === 0) return { removed: 0, data: kept };
      const ids = [...plan.ids];
      const handovers = (
        await readBySlices(ids, (slice) =>
          tx.handover.findMany({ where: { leaveId: { in: slice } }, select: { id: true } }),
        )
      )
        .map((h) => h.id)
        .sort();
      const notices = (await removeNotices(tx, "leave", ids)) + (await removeNotices(tx, "handover", handovers));
      await bySlices(handovers, async (slice) => {
        await tx.handoverConfirmation.deleteMany({ where: { handoverId: { in: slice } } });
        await tx.handoverItem.deleteMany({ where: { handoverId: { in: slice } } });
        return (await tx.handover.deleteMany({ where: { id: { in: slice } } })).count;
      });
      await bySlices(ids, async (slice) => (await tx.leave.deleteMany({ where: { id: { in: slice } } })).count);
      return { removed: ids.length, data: { removed: ids.length, ids, handovers: handovers.length, notices, ...kept } };
    },
  };
}
