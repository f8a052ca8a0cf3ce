// Handovers in the database (Handover, HandoverItem, HandoverConfirmation) as plain records.
// Confirmations are only ever inserted: the version bump comes first, so that on PostgreSQL the
// handover row is locked and two presses at once are serialised (the second sees a new version).
import type { HandoverPurpose, HandoverSide, HandoverState } from "../../domain/handover/handover.machine.ts";
import type { LogPlatform } from "../../ports/audit-log.ts";
import type {
  HandoverConfirmationRecord,
  HandoverItemKind,
  HandoverRecord,
  HandoverRepository,
  NewHandover,
} from "../../ports/handover-repository.ts";
import { newId as defaultNewId, type NewId } from "../../ports/ids.ts";
import type { Tx } from "./database.ts";

const include = {
  items: { orderBy: { seq: "asc" as const } },
  confirms: { orderBy: [{ at: "asc" as const }, { itemSeq: "asc" as const }] },
};

type Row = {
  id: string;
  postId: string;
  fromId: string;
  toId: string;
  witnessId: string | null;
  purpose: string;
  leaveId: string | null;
  rotationId: string | null;
  status: string;
  periodStart: string | null;
  version: number;
  openedAt: Date;
  completedAt: Date | null;
  items: { seq: number; kind: string; description: string; quantity: string }[];
  confirms: { itemSeq: number; side: string; employeeId: string; platform: string; at: Date }[];
};

function toRecord(row: Row): HandoverRecord {
  return {
    id: row.id,
    postId: row.postId,
    fromId: row.fromId,
    toId: row.toId,
    witnessId: row.witnessId,
    purpose: row.purpose as HandoverPurpose,
    leaveId: row.leaveId,
    rotationId: row.rotationId,
    status: row.status as HandoverState,
    periodStart: row.periodStart,
    version: row.version,
    openedAt: row.openedAt,
    completedAt: row.completedAt,
    items: row.items.map((i) => ({
      seq: i.seq,
      kind: i.kind as HandoverItemKind,
      description: i.description,
      quantity: i.quantity,
    })),
    confirmations: row.confirms.map((c) => ({
      itemSeq: c.itemSeq,
      side: c.side as HandoverSide,
      employeeId: c.employeeId,
      platform: c.platform as LogPlatform,
      at: c.at,
    })),
  };
}

export class PrismaHandoverRepository implements HandoverRepository {
  constructor(
    private readonly db: Tx,
    private readonly newId: NewId = defaultNewId,
  ) {}

  async open(handover: NewHandover): Promise<HandoverRecord> {
    const { items, ...sheet } = handover;
    const row = await this.db.handover.create({
      data: {
        ...sheet,
        status: "open",
        version: 1,
        items: {
          create: items.map((item, i) => ({
            id: this.newId(),
            seq: i + 1,
            kind: item.kind,
            description: item.description,
            quantity: item.quantity,
          })),
        },
      },
      include,
    });
    return toRecord(row);
  }

  async byId(id: string): Promise<HandoverRecord | undefined> {
    const row = await this.db.handover.findUnique({ where: { id }, include });
    return row ? toRecord(row) : undefined;
  }

  async forLeave(leaveId: string): Promise<HandoverRecord[]> {
    return (await this.db.handover.findMany({ where: { leaveId }, include, orderBy: { openedAt: "asc" } })).map(
      toRecord,
    );
  }

  async forRotation(rotationId: string): Promise<HandoverRecord[]> {
    return (await this.db.handover.findMany({ where: { rotationId }, include, orderBy: { openedAt: "asc" } })).map(
      toRecord,
    );
  }

  async appendConfirmations(
    handoverId: string,
    expectedVersion: number,
    facts: readonly HandoverConfirmationRecord[],
  ): Promise<boolean> {
    const { count } = await this.db.handover.updateMany({
      where: { id: handoverId, version: expectedVersion, status: "open" },
      data: { version: { increment: 1 } },
    });
    if (count !== 1) return false;
    await this.db.handoverConfirmation.createMany({
      data: facts.map((f) => ({
        id: this.newId(),
        handoverId,
        itemSeq: f.itemSeq,
        side: f.side,
        employeeId: f.employeeId,
        platform: f.platform,
        at: f.at,
      })),
    });
    return true;
  }

  async settle(
    handoverId: string,
    expectedVersion: number,
    change: {
      readonly status: HandoverState;
      readonly periodStart?: string | null;
      readonly completedAt?: Date | null;
    },
  ): Promise<boolean> {
    const { count } = await this.db.handover.updateMany({
      where: { id: handoverId, version: expectedVersion },
      data: {
        status: change.status,
        ...(change.periodStart !== undefined ? { periodStart: change.periodStart } : {}),
        ...(change.completedAt !== undefined ? { completedAt: change.completedAt } : {}),
        version: { increment: 1 },
      },
    });
    return count === 1;
  }
}
