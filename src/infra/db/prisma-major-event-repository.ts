// Major-event reports in the database (MajorEventReport); returns plain records.
import type { MajorEventKind, MajorEventState } from "../../domain/major-event/major-event.machine.ts";
import type {
  MajorEventChanges,
  MajorEventRecord,
  MajorEventRepository,
  NewMajorEvent,
} from "../../ports/major-event-repository.ts";
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";
import type { Tx } from "./database.ts";

/** Encrypted columns (docs/field-encryption.md): what the reporter wrote, and compliance's note. */
export const REPORT_TEXT = "MajorEventReport.description";
export const TRIAGE_NOTE = "MajorEventReport.triageNote";

type Row = Omit<MajorEventRecord, "kind" | "status"> & { kind: string; status: string };

function toRecord(row: Row, fields: FieldCipher): MajorEventRecord {
  return {
    id: row.id,
    reporterId: row.reporterId,
    kind: row.kind as MajorEventKind,
    description: fields.open(REPORT_TEXT, row.description),
    occurredOn: row.occurredOn,
    status: row.status as MajorEventState,
    triagedById: row.triagedById,
    triageNote: fields.open(TRIAGE_NOTE, row.triageNote),
    leaveId: row.leaveId,
    filedAt: row.filedAt,
    triagedAt: row.triagedAt,
    version: row.version,
  };
}

export class PrismaMajorEventRepository implements MajorEventRepository {
  constructor(
    private readonly db: Tx,
    private readonly fields: FieldCipher = PLAIN_FIELDS,
  ) {}

  async byId(id: string): Promise<MajorEventRecord | undefined> {
    const row = await this.db.majorEventReport.findUnique({ where: { id } });
    return row ? toRecord(row, this.fields) : undefined;
  }

  async byReporter(reporterId: string): Promise<MajorEventRecord[]> {
    const rows = await this.db.majorEventReport.findMany({
      where: { reporterId },
      orderBy: [{ filedAt: "desc" }, { id: "asc" }],
    });
    return rows.map((r) => toRecord(r, this.fields));
  }

  async create(report: NewMajorEvent): Promise<MajorEventRecord> {
    const data = {
      ...report,
      description: this.fields.seal(REPORT_TEXT, report.description),
      status: "filed",
      version: 1,
    };
    return toRecord(await this.db.majorEventReport.create({ data }), this.fields);
  }

  async update(id: string, expectedVersion: number, changes: MajorEventChanges): Promise<MajorEventRecord | undefined> {
    const { count } = await this.db.majorEventReport.updateMany({
      where: { id, version: expectedVersion },
      data: {
        ...changes,
        ...(changes.triageNote === undefined ? {} : { triageNote: this.fields.seal(TRIAGE_NOTE, changes.triageNote) }),
        version: { increment: 1 },
      },
    });
    return count === 0 ? undefined : this.byId(id);
  }

  async linkLeave(id: string, leaveId: string): Promise<boolean> {
    const { count } = await this.db.majorEventReport.updateMany({ where: { id, leaveId: null }, data: { leaveId } });
    return count === 1;
  }
}
