// Clients and who serves them (Client, ClientAssignment); returns plain records. A move ends rows
// and starts new ones: the history is appended to, never edited.
import { newId } from "../../ports/ids.ts";
import type {
  ClientAssignmentRecord,
  ClientRepository,
  ClientServed,
  ClientView,
} from "../../ports/client-repository.ts";
import type { Tx } from "./database.ts";

const withUnit = { unit: { select: { path: true } } } as const;

type ClientRow = { id: string; code: string; name: string; unitId: string | null; unit: { path: string } | null };

function toClient(row: ClientRow): ClientView {
  return { id: row.id, code: row.code, name: row.name, unitId: row.unitId, unitPath: row.unit?.path ?? null };
}

type AssignmentRow = ClientAssignmentRecord;

function toAssignment(row: AssignmentRow): ClientAssignmentRecord {
  return {
    id: row.id,
    clientId: row.clientId,
    employeeId: row.employeeId,
    startDate: row.startDate,
    endDate: row.endDate,
    reason: row.reason,
    rotationId: row.rotationId,
  };
}

export class PrismaClientRepository implements ClientRepository {
  constructor(private readonly db: Tx) {}

  async byCode(code: string): Promise<ClientView | undefined> {
    const row = await this.db.client.findUnique({ where: { code }, include: withUnit });
    return row ? toClient(row) : undefined;
  }

  async byCodes(codes: readonly string[]): Promise<ClientView[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.client.findMany({
      where: { code: { in: [...codes] } },
      include: withUnit,
      orderBy: { code: "asc" },
    });
    return rows.map(toClient);
  }

  async currentOf(clientIds: readonly string[]): Promise<ClientAssignmentRecord[]> {
    if (clientIds.length === 0) return [];
    const rows = await this.db.clientAssignment.findMany({
      where: { clientId: { in: [...clientIds] }, endDate: null },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
    });
    return rows.map(toAssignment);
  }

  async historyOf(clientId: string): Promise<ClientAssignmentRecord[]> {
    const rows = await this.db.clientAssignment.findMany({
      where: { clientId },
      orderBy: [{ startDate: "asc" }, { endDate: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    });
    return rows.map(toAssignment);
  }

  async servedBy(employeeId: string): Promise<ClientServed[]> {
    const rows = await this.db.clientAssignment.findMany({
      where: { employeeId, endDate: null },
      include: { client: { include: withUnit } },
      orderBy: { client: { code: "asc" } },
    });
    return rows.map((row) => ({ client: toClient(row.client), assignment: toAssignment(row) }));
  }

  async move(
    moves: readonly { assignmentId: string; clientId: string }[],
    to: { employeeId: string; date: string; reason: string; rotationId: string | null },
  ): Promise<ClientAssignmentRecord[]> {
    const started: ClientAssignmentRecord[] = [];
    for (const move of moves) {
      await this.db.clientAssignment.updateMany({
        where: { id: move.assignmentId, endDate: null },
        data: { endDate: to.date },
      });
      const row = await this.db.clientAssignment.create({
        data: {
          id: newId(),
          clientId: move.clientId,
          employeeId: to.employeeId,
          startDate: to.date,
          reason: to.reason,
          rotationId: to.rotationId,
        },
      });
      started.push(toAssignment(row));
    }
    return started;
  }
}
