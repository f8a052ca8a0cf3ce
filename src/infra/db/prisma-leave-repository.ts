// Leaves in the database (Leave), returned as plain records with their unit's path and time zone.
// "Due" questions are asked in two steps: a date bound that holds for every zone on Earth narrows
// the rows in SQL, then each candidate is checked against its own unit's zone.
import { addDays, localDateOf, startOfWorkingDay, type LocalDate } from "../../domain/calendar/index.ts";
import { AWAY_STATES, type LeaveKind, type LeaveState, type LeaveTrigger } from "../../domain/leave/leave.machine.ts";
import type {
  LeaveAuditFacts,
  LeavePatch,
  LeaveRecord,
  LeaveRepository,
  NewLeave,
} from "../../ports/leave-repository.ts";
import type { Tx } from "./database.ts";
import { unitIdsUnder } from "./units-under.ts";

type LeaveRow = {
  id: string;
  kind: string;
  trigger: string | null;
  triggerRef: string | null;
  holderId: string;
  postId: string;
  substituteId: string | null;
  unitId: string;
  startDate: string;
  endDate: string;
  sealed: boolean;
  status: string;
  reason: string;
  plannedById: string;
  complianceNotifiedAt: Date | null;
  startedAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  version: number;
  createdAt: Date;
};

type UnitFacts = { path: string; timeZone: string };

const SERIOUS = ["high", "critical"];
/** The zone furthest ahead of UTC (UTC+14): no unit's date is later than its date. */
const EARLIEST_ZONE = "Pacific/Kiritimati";

function toRecord(row: LeaveRow, unit: UnitFacts): LeaveRecord {
  return {
    id: row.id,
    kind: row.kind as LeaveKind,
    trigger: row.trigger as LeaveTrigger | null,
    triggerRef: row.triggerRef,
    holderId: row.holderId,
    postId: row.postId,
    substituteId: row.substituteId,
    unitId: row.unitId,
    unitPath: unit.path,
    timeZone: unit.timeZone,
    startDate: row.startDate,
    endDate: row.endDate,
    sealed: row.sealed,
    status: row.status as LeaveState,
    reason: row.reason,
    plannedById: row.plannedById,
    complianceNotifiedAt: row.complianceNotifiedAt,
    startedAt: row.startedAt,
    closedAt: row.closedAt,
    cancelledAt: row.cancelledAt,
    version: row.version,
    createdAt: row.createdAt,
  };
}

export class PrismaLeaveRepository implements LeaveRepository {
  constructor(private readonly db: Tx) {}

  async #withUnits(rows: readonly LeaveRow[]): Promise<LeaveRecord[]> {
    const unitIds = [...new Set(rows.map((r) => r.unitId))];
    const units = await this.db.orgUnit.findMany({
      where: { id: { in: unitIds } },
      select: { id: true, path: true, timeZone: true },
    });
    const byId = new Map(units.map((u) => [u.id, u]));
    return rows.map((row) => {
      const unit = byId.get(row.unitId);
      if (!unit) throw new Error(`leave ${row.id} names a missing org unit ${row.unitId}`);
      return toRecord(row, unit);
    });
  }

  async byId(id: string): Promise<LeaveRecord | undefined> {
    const row = await this.db.leave.findUnique({ where: { id } });
    return row ? (await this.#withUnits([row]))[0] : undefined;
  }

  async create(leave: NewLeave): Promise<LeaveRecord> {
    const { at, ...data } = leave;
    const row = await this.db.leave.create({ data: { ...data, version: 1, createdAt: at, updatedAt: at } });
    return (await this.#withUnits([row]))[0] as LeaveRecord;
  }

  async update(id: string, expectedVersion: number, patch: LeavePatch): Promise<LeaveRecord | undefined> {
    const { count } = await this.db.leave.updateMany({
      where: { id, version: expectedVersion },
      data: { ...patch, version: { increment: 1 } },
    });
    return count === 1 ? this.byId(id) : undefined;
  }

  async forHolder(holderId: string): Promise<LeaveRecord[]> {
    return this.#withUnits(
      await this.db.leave.findMany({ where: { holderId }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }] }),
    );
  }

  async forUnit(unitPath: string, limit = 200): Promise<LeaveRecord[]> {
    const rows = await this.db.leave.findMany({
      where: { unitId: { in: await unitIdsUnder(this.db, [unitPath]) } },
      orderBy: [{ startDate: "desc" }, { createdAt: "desc" }],
      take: limit,
    });
    return this.#withUnits(rows);
  }

  async inStatus(statuses: readonly LeaveState[], limit = 1000): Promise<LeaveRecord[]> {
    return this.#withUnits(
      await this.db.leave.findMany({
        where: { status: { in: [...statuses] } },
        orderBy: [{ startDate: "asc" }, { createdAt: "asc" }],
        take: limit,
      }),
    );
  }

  async dueToStart(at: Date): Promise<LeaveRecord[]> {
    const latest = localDateOf(at, EARLIEST_ZONE);
    const rows = await this.db.leave.findMany({
      where: { status: "compliance_notified", startDate: { lte: latest } },
      orderBy: { startDate: "asc" },
    });
    return (await this.#withUnits(rows)).filter(
      (leave) => startOfWorkingDay(leave.startDate, leave.timeZone).getTime() <= at.getTime(),
    );
  }

  async dueToEnd(at: Date): Promise<LeaveRecord[]> {
    const latest = localDateOf(at, EARLIEST_ZONE);
    const rows = await this.db.leave.findMany({
      where: { status: { in: [...AWAY_STATES] }, endDate: { lt: latest } },
      orderBy: { endDate: "asc" },
    });
    return (await this.#withUnits(rows)).filter(
      (leave) => dayAfterStarts(leave.endDate, leave.timeZone) <= at.getTime(),
    );
  }

  async auditOf(leaveId: string): Promise<LeaveAuditFacts> {
    const audits = await this.db.audit.findMany({
      where: { leaveId },
      orderBy: { requestedAt: "desc" },
      include: { members: true, findings: true },
    });
    const current = audits[0];
    if (!current) return { auditId: null, status: null, team: [], seriousFindings: false };
    return {
      auditId: current.id,
      status: current.status,
      team: [...new Set(audits.flatMap((a) => a.members.map((m) => m.employeeId)))],
      seriousFindings: current.findings.some((f) => SERIOUS.includes(f.severity)),
    };
  }
}

function dayAfterStarts(date: LocalDate, timeZone: string): number {
  return startOfWorkingDay(addDays(date, 1), timeZone).getTime();
}
