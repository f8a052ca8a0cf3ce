// Major-event reports in the database (MajorEventReport); returns plain records.
import type { MajorEventKind, MajorEventState } from "../../domain/major-event/major-event.machine.ts";
import type {
  MajorEventChanges,
  MajorEventRecord,
  MajorEventRepository,
  NewMajorEvent,
} from "../../ports/major-event-repository.ts";
import type { Tx } from "./database.ts";

type Row = Omit<MajorEventRecord, "kind" | "status"> & { kind: string; status: string };

function toRecord(row: Row): MajorEventRecord {
  return {
    id: row.id,
    reporterId: row.reporterId,
    kind: row.kind as MajorEventKind,
    description: row.description,
    occurredOn: row.occurredOn,
    status: row.status as MajorEventState,
    triagedById: row.triagedById,
    triageNote: row.triageNote,
    leaveId: row.leaveId,
    filedAt: row.filedAt,
    triagedAt: row.triagedAt,
    version: row.version,
  };
}

export class PrismaMajorEventRepository implements MajorEventRepository {
  constructor(private readonly db: Tx) {}

  async byId(id: string): Promise<MajorEventRecord | undefined> {
    const row = await this.db.majorEventReport.findUnique({ where: { id } });
    return row ? toRecord(row) : undefined;
  }

  async byReporter(reporterId: string): Promise<MajorEventRecord[]> {
    const rows = await this.db.majorEventReport.findMany({
      where: { reporterId },
      orderBy: [{ filedAt: "desc" }, { id: "asc" }],
    });
    return rows.map(toRecord);
  }

  async create(report: NewMajorEvent): Promise<MajorEventRecord> {
    return toRecord(await this.db.majorEventReport.create({ data: { ...report, status: "filed", version: 1 } }));
  }

  async update(id: string, expectedVersion: number, changes: MajorEventChanges): Promise<MajorEventRecord | undefined> {
    const { count } = await this.db.majorEventReport.updateMany({
      where: { id, version: expectedVersion },
      data: { ...changes, version: { increment: 1 } },
    });
    return count === 0 ? undefined : this.byId(id);
  }

  async linkLeave(id: string, leaveId: string): Promise<boolean> {
    const { count } = await this.db.majorEventReport.updateMany({ where: { id, leaveId: null }, data: { leaveId } });
    return count === 1;
  }
}
