// Posts, assignments, rotation plans and rotations in the database (KeyPost, Assignment,
// RotationPlan, Rotation); returns plain records.
import type { RotationState } from "../../domain/rotation/rotation.machine.ts";
import { PolicyError, type PostCategory, type ResolvedPolicy } from "../../domain/policy/index.ts";
import { newId } from "../../ports/ids.ts";
import type {
  AssignmentKind,
  AssignmentRecord,
  Holding,
  NewAssignment,
  NewRotation,
  KeyPostRecord,
  RotationChanges,
  RotationPlanRecord,
  RotationPlanStatus,
  RotationRecord,
  RotationRepository,
  TenureTerms,
  UnitView,
} from "../../ports/rotation-repository.ts";
import type { Tx } from "./database.ts";
import { PrismaPolicyRepository } from "./prisma-policy-repository.ts";
import { unitIdsUnder } from "./units-under.ts";

const withUnit = { unit: { select: { code: true, path: true, timeZone: true } } } as const;

type PostRow = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  unitId: string;
  category: string;
  policyId: string | null;
  active: boolean;
  unit: { code: string; path: string; timeZone: string };
};

function toPost(row: PostRow): KeyPostRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    unitId: row.unitId,
    unitCode: row.unit.code,
    unitPath: row.unit.path,
    unitTimeZone: row.unit.timeZone,
    category: row.category as PostCategory,
    policyId: row.policyId,
    active: row.active,
  };
}

type AssignmentRow = {
  id: string;
  employeeId: string;
  postId: string;
  kind: string;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  rotationId: string | null;
  leaveId: string | null;
};

function toAssignment(row: AssignmentRow): AssignmentRecord {
  return {
    id: row.id,
    employeeId: row.employeeId,
    postId: row.postId,
    kind: row.kind as AssignmentKind,
    startDate: row.startDate,
    endDate: row.endDate,
    endReason: row.endReason,
    rotationId: row.rotationId,
    leaveId: row.leaveId,
  };
}

type RotationRow = Omit<RotationRecord, "status"> & { status: string; updatedAt?: Date };

function toRotation(row: RotationRow): RotationRecord {
  return {
    id: row.id,
    planId: row.planId,
    postId: row.postId,
    outgoingId: row.outgoingId,
    incomingId: row.incomingId,
    destinationPostId: row.destinationPostId,
    plannedDate: row.plannedDate,
    status: row.status as RotationState,
    handoverId: row.handoverId,
    version: row.version,
    createdById: row.createdById,
    approvedById: row.approvedById,
    doneAt: row.doneAt,
    createdAt: row.createdAt,
  };
}

type PlanRow = {
  id: string;
  year: number;
  unitId: string;
  status: string;
  approvedById: string | null;
  approvedAt: Date | null;
  createdAt: Date;
  unit: { code: string; path: string };
};

function toPlan(row: PlanRow): RotationPlanRecord {
  return {
    id: row.id,
    year: row.year,
    unitId: row.unitId,
    unitCode: row.unit.code,
    unitPath: row.unit.path,
    status: row.status as RotationPlanStatus,
    approvedById: row.approvedById,
    approvedAt: row.approvedAt,
    createdAt: row.createdAt,
  };
}

const planUnit = { unit: { select: { code: true, path: true } } } as const;
const byDate = [{ startDate: "asc" }, { createdAt: "asc" }, { id: "asc" }] as const;

export class PrismaRotationRepository implements RotationRepository {
  constructor(private readonly db: Tx) {}

  async postById(id: string): Promise<KeyPostRecord | undefined> {
    const row = await this.db.keyPost.findUnique({ where: { id }, include: withUnit });
    return row ? toPost(row) : undefined;
  }

  async postByCode(code: string): Promise<KeyPostRecord | undefined> {
    const row = await this.db.keyPost.findUnique({ where: { code }, include: withUnit });
    return row ? toPost(row) : undefined;
  }

  async unitByCode(code: string): Promise<UnitView | undefined> {
    const row = await this.db.orgUnit.findUnique({
      where: { code },
      select: { id: true, code: true, path: true, timeZone: true },
    });
    return row ?? undefined;
  }

  async tenureTerms(postIds: readonly string[]): Promise<Map<string, TenureTerms>> {
    const policies = new PrismaPolicyRepository(this.db);
    const terms = (id: string, p: ResolvedPolicy): [string, TenureTerms] => [
      id,
      { policyCode: p.code, maxTenureMonths: p.maxTenureMonths, warningDays: p.warningDays },
    ];
    try {
      return new Map([...(await policies.forPosts(postIds))].map(([id, p]) => terms(id, p)));
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
    }
    // One post without a resolvable policy must not hide the others: resolve them one by one.
    const result = new Map<string, TenureTerms>();
    for (const id of postIds) {
      try {
        const one = (await policies.forPosts([id])).get(id);
        if (one) result.set(...terms(id, one));
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
      }
    }
    return result;
  }

  async currentHolding(postId: string): Promise<AssignmentRecord | undefined> {
    const row = await this.db.assignment.findFirst({
      where: { postId, kind: "holder", endDate: null },
      orderBy: [{ startDate: "desc" }, { id: "asc" }],
    });
    return row ? toAssignment(row) : undefined;
  }

  async openHoldings(page: { afterId?: string; limit: number; underPath?: string }): Promise<Holding[]> {
    const units = page.underPath !== undefined ? await unitIdsUnder(this.db, [page.underPath]) : undefined;
    const rows = await this.db.assignment.findMany({
      where: {
        kind: "holder",
        endDate: null,
        ...(page.afterId !== undefined ? { id: { gt: page.afterId } } : {}),
        post: {
          active: true,
          ...(units !== undefined ? { unitId: { in: units } } : {}),
        },
      },
      include: { post: { include: withUnit } },
      orderBy: { id: "asc" },
      take: page.limit,
    });
    return rows.map((row) => ({ assignment: toAssignment(row), post: toPost(row.post) }));
  }

  async assignmentsOfPost(postId: string): Promise<AssignmentRecord[]> {
    return (await this.db.assignment.findMany({ where: { postId }, orderBy: [...byDate] })).map(toAssignment);
  }

  async assignmentsOfEmployee(employeeId: string): Promise<AssignmentRecord[]> {
    return (await this.db.assignment.findMany({ where: { employeeId }, orderBy: [...byDate] })).map(toAssignment);
  }

  async endAssignment(
    id: string,
    end: { endDate: string; endReason: string; rotationId: string | null },
  ): Promise<boolean> {
    // rotationId names the rotation that started an assignment; an ended one keeps its own.
    const { count } = await this.db.assignment.updateMany({
      where: { id, endDate: null },
      data: { endDate: end.endDate, endReason: end.endReason },
    });
    return count === 1;
  }

  async startAssignment(assignment: NewAssignment, at: Date): Promise<AssignmentRecord> {
    const row = await this.db.assignment.create({ data: { id: newId(), ...assignment, createdAt: at } });
    return toAssignment(row);
  }

  async rotationById(id: string): Promise<RotationRecord | undefined> {
    const row = await this.db.rotation.findUnique({ where: { id } });
    return row ? toRotation(row) : undefined;
  }

  async rotationsOf(postId: string, outgoingId: string, since: Date): Promise<RotationRecord[]> {
    const rows = await this.db.rotation.findMany({
      where: { postId, outgoingId, createdAt: { gte: since } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toRotation);
  }

  async rotationsUnder(unitPath: string, states: readonly RotationState[]): Promise<RotationRecord[]> {
    const posts = await this.db.keyPost.findMany({
      where: { unitId: { in: await unitIdsUnder(this.db, [unitPath]) } },
      select: { id: true },
    });
    const rows = await this.db.rotation.findMany({
      where: { postId: { in: posts.map((p) => p.id) }, status: { in: [...states] } },
      orderBy: [{ plannedDate: "asc" }, { id: "asc" }],
    });
    return rows.map(toRotation);
  }

  async rotationsOfPlan(planId: string): Promise<RotationRecord[]> {
    return (
      await this.db.rotation.findMany({ where: { planId }, orderBy: [{ plannedDate: "asc" }, { id: "asc" }] })
    ).map(toRotation);
  }

  async createRotation(rotation: NewRotation): Promise<RotationRecord> {
    const row = await this.db.rotation.create({ data: { ...rotation, version: 1, updatedAt: rotation.createdAt } });
    return toRotation(row);
  }

  async updateRotation(
    id: string,
    expectedVersion: number,
    changes: RotationChanges,
  ): Promise<RotationRecord | undefined> {
    const { count } = await this.db.rotation.updateMany({
      where: { id, version: expectedVersion },
      data: { ...changes, version: { increment: 1 } },
    });
    if (count === 0) return undefined;
    return this.rotationById(id);
  }

  async planById(id: string): Promise<RotationPlanRecord | undefined> {
    const row = await this.db.rotationPlan.findUnique({ where: { id }, include: planUnit });
    return row ? toPlan(row) : undefined;
  }

  async planOf(unitId: string, year: number): Promise<RotationPlanRecord | undefined> {
    const row = await this.db.rotationPlan.findUnique({ where: { year_unitId: { year, unitId } }, include: planUnit });
    return row ? toPlan(row) : undefined;
  }

  async createPlan(plan: { id: string; year: number; unitId: string; createdAt: Date }): Promise<RotationPlanRecord> {
    const row = await this.db.rotationPlan.create({ data: { ...plan, status: "draft" }, include: planUnit });
    return toPlan(row);
  }

  async approvePlan(id: string, approvedById: string, at: Date): Promise<boolean> {
    const { count } = await this.db.rotationPlan.updateMany({
      where: { id, status: "draft" },
      data: { status: "approved", approvedById, approvedAt: at },
    });
    return count === 1;
  }

  async attachToPlan(planId: string, rotationIds: readonly string[]): Promise<number> {
    if (rotationIds.length === 0) return 0;
    const { count } = await this.db.rotation.updateMany({
      where: { id: { in: [...rotationIds] }, planId: null },
      data: { planId },
    });
    return count;
  }
}
