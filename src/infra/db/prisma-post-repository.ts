// Key posts for the leave and handover use cases: the post with its unit, calendar, current
// holder and policy terms; and the acting assignments substitutes hold during a leave.
import { isPostCategory } from "../../domain/policy/index.ts";
import type {
  ActingAssignment,
  PostPolicyTerms,
  PostRepository,
  PostView,
  PostChoice,
} from "../../ports/post-repository.ts";
import { newId as defaultNewId, type NewId } from "../../ports/ids.ts";
import type { Tx } from "./database.ts";
import { pickerWhere } from "./picker-search.ts";
import { PrismaCalendarRepository } from "./prisma-calendar-repository.ts";
import { PrismaPolicyRepository } from "./prisma-policy-repository.ts";

type AssignmentRow = {
  id: string;
  employeeId: string;
  postId: string;
  leaveId: string | null;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
};

function toActing(row: AssignmentRow): ActingAssignment {
  return {
    id: row.id,
    employeeId: row.employeeId,
    postId: row.postId,
    leaveId: row.leaveId ?? "",
    startDate: row.startDate,
    endDate: row.endDate,
    endReason: row.endReason,
  };
}

function parseRiskPoints(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export class PrismaPostRepository implements PostRepository {
  constructor(
    private readonly db: Tx,
    private readonly newId: NewId = defaultNewId,
  ) {}

  async search(text: string, unitPaths: readonly string[], limit: number): Promise<PostChoice[]> {
    const where = await pickerWhere(this.db, text, unitPaths);
    if (!where) return [];
    return this.db.keyPost.findMany({
      where: { active: true, ...where },
      select: { code: true, name: true, nameEn: true },
      orderBy: { code: "asc" },
      take: limit,
    });
  }

  async find(idOrCode: string): Promise<PostView | undefined> {
    const post = await this.db.keyPost.findFirst({
      where: { OR: [{ id: idOrCode }, { code: idOrCode }] },
      include: { unit: true },
    });
    if (!post) return undefined;
    if (!isPostCategory(post.category))
      throw new Error(`key post ${post.code} has an unknown category ${JSON.stringify(post.category)}`);
    const holder = await this.db.assignment.findFirst({
      where: { postId: post.id, kind: "holder", endDate: null },
      orderBy: { startDate: "desc" },
    });
    return {
      id: post.id,
      code: post.code,
      name: post.name,
      nameEn: post.nameEn,
      category: post.category,
      riskPoints: parseRiskPoints(post.riskPoints),
      unitId: post.unitId,
      unitPath: post.unit.path,
      unitName: post.unit.name,
      unitNameEn: post.unit.nameEn,
      timeZone: post.unit.timeZone,
      calendar: await new PrismaCalendarRepository(this.db).load({ unitId: post.unitId }),
      holder: holder ? { assignmentId: holder.id, employeeId: holder.employeeId, startDate: holder.startDate } : null,
      policy: await this.#policyTerms(post.id),
    };
  }

  /** The post's own policy, else the active preset's category default (PolicyRepository.forPost). */
  async #policyTerms(postId: string): Promise<PostPolicyTerms> {
    const policy = await new PrismaPolicyRepository(this.db).forPost(postId);
    return {
      code: policy.code,
      minWorkingDays: policy.leaveMinWorkingDays,
      complianceLeadWorkingDays: policy.complianceLeadWorkingDays,
    };
  }

  async clientCountOf(employeeId: string): Promise<number> {
    return this.db.clientAssignment.count({ where: { employeeId, endDate: null } });
  }

  async startActing(acting: {
    postId: string;
    employeeId: string;
    leaveId: string;
    startDate: string;
  }): Promise<ActingAssignment> {
    const existing = await this.db.assignment.findFirst({ where: { leaveId: acting.leaveId, kind: "acting" } });
    if (existing) return toActing(existing);
    const row = await this.db.assignment.create({ data: { id: this.newId(), kind: "acting", ...acting } });
    return toActing(row);
  }

  async actingFor(leaveId: string): Promise<ActingAssignment | undefined> {
    const row = await this.db.assignment.findFirst({
      where: { leaveId, kind: "acting" },
      orderBy: { createdAt: "desc" },
    });
    return row ? toActing(row) : undefined;
  }

  async endActing(leaveId: string, period: { startDate: string; endDate: string; reason: string }): Promise<boolean> {
    const { count } = await this.db.assignment.updateMany({
      where: { leaveId, kind: "acting", endDate: null },
      data: { startDate: period.startDate, endDate: period.endDate, endReason: period.reason },
    });
    return count > 0;
  }
}
