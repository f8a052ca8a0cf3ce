// The question answers' reads in the database. Names: a code (exact, upper case), a text the name
// equals or contains, English words in any order and case (both engines' LIKE differs on case, so
// each word is tried as typed, lower and capitalised). Everything stays within the asker's units.
import type { LocalDate } from "../../domain/calendar/index.ts";
import type { AuditFact, EmployeeFact, LeaveFact, PostFact } from "../../ports/report-queries.ts";
import type {
  ClientMatch,
  HandoverFact,
  HeldPost,
  NameSearch,
  PersonMatch,
  PostMatch,
  QuestionReads,
  UnitWordFact,
} from "../../ports/question-reads.ts";
import type { Provider, Prisma, Tx } from "./database.ts";
import { PrismaCalendarRepository } from "./prisma-calendar-repository.ts";
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";
import { PrismaReportQueries } from "./prisma-report-queries.ts";
import { chunks } from "./reports/notice-subjects.ts";
import { bool, idsParam, inIds, jsonRows } from "./reports/json-rows.sql.ts";
import { unitWords } from "./reports/unit-words.sql.ts";

function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  return [...new Set([word, lower, lower.charAt(0).toUpperCase() + lower.slice(1), word.toUpperCase()])];
}

/** The OR of a search's parts over a model with code, name and (optionally) nameEn. */
function nameWhere(search: NameSearch, withEnglish: boolean): object[] {
  const or: object[] = [];
  if (search.code) or.push({ code: search.code.toUpperCase() });
  if (search.text) {
    or.push({ name: search.text });
    or.push(...spellings(search.text).map((s) => ({ name: { contains: s } })));
  }
  if (search.words && search.words.length > 0) {
    const field = withEnglish ? "nameEn" : "name";
    or.push({ AND: search.words.map((w) => ({ OR: spellings(w).map((s) => ({ [field]: { contains: s } })) })) });
  }
  return or;
}

export class PrismaQuestionReads implements QuestionReads {
  readonly reports: PrismaReportQueries;
  readonly calendars: PrismaCalendarRepository;

  constructor(
    private readonly db: Prisma | Tx,
    private readonly provider: Provider,
    fields: FieldCipher = PLAIN_FIELDS,
  ) {
    this.reports = new PrismaReportQueries(db, provider, fields);
    this.calendars = new PrismaCalendarRepository(db);
  }

  /** Every unit, in path order (kept between questions on PostgreSQL: unit-words.sql.ts). */
  units(): Promise<readonly UnitWordFact[]> {
    return unitWords(this.db, this.provider);
  }

  async people(search: NameSearch): Promise<PersonMatch[]> {
    const or = nameWhere(search, true);
    if (or.length === 0 || search.unitIds.length === 0) return [];
    const rows = await this.db.employee.findMany({
      where: { AND: [{ OR: or }, { status: { not: "left" } }, { unitId: { in: [...search.unitIds] } }] },
      select: { id: true, code: true, name: true, nameEn: true, unit: { select: { code: true, path: true } } },
      orderBy: { code: "asc" },
      take: search.limit,
    });
    return rows.map(({ unit, ...r }) => ({ ...r, unitCode: unit.code, unitPath: unit.path }));
  }

  async posts(search: NameSearch): Promise<PostMatch[]> {
    const or = nameWhere(search, true);
    if (or.length === 0 || search.unitIds.length === 0) return [];
    const rows = await this.db.keyPost.findMany({
      where: { AND: [{ OR: or }, { active: true }, { unitId: { in: [...search.unitIds] } }] },
      select: { id: true, code: true, name: true, nameEn: true, unit: { select: { code: true, path: true } } },
      orderBy: { code: "asc" },
      take: search.limit,
    });
    return rows.map(({ unit, ...r }) => ({ ...r, unitCode: unit.code, unitPath: unit.path }));
  }

  async clients(search: NameSearch): Promise<ClientMatch[]> {
    const or = nameWhere(search, true);
    if (or.length === 0) return [];
    const rows = await this.db.client.findMany({
      where: { OR: or },
      select: { id: true, code: true, name: true, nameEn: true, unit: { select: { path: true } } },
      orderBy: { code: "asc" },
      take: search.limit * 4,
    });
    // A client without a unit is decided by its manager's unit later (register-history.query.ts).
    return rows
      .map(({ unit, ...r }) => ({ ...r, unitPath: unit?.path ?? null }))
      .filter((c) => c.unitPath === null || search.scope.some((p) => c.unitPath!.startsWith(p)))
      .slice(0, search.limit);
  }

  async clientsIn(unitIds: readonly string[]): Promise<ClientMatch[]> {
    if (unitIds.length === 0) return [];
    const rows = await this.db.client.findMany({
      where: { unitId: { in: [...unitIds] } },
      select: { id: true, code: true, name: true, nameEn: true, unit: { select: { path: true } } },
      orderBy: { code: "asc" },
    });
    return rows.map(({ unit, ...r }) => ({ ...r, unitPath: unit?.path ?? null }));
  }

  async staffIn(unitIds: readonly string[]): Promise<EmployeeFact[]> {
    if (unitIds.length === 0) return [];
    // On the (unitId) index; on leave or suspended still counts as staff (a count never tells a leave).
    return this.db.employee.findMany({
      where: { unitId: { in: [...unitIds] }, status: { not: "left" } },
      select: { id: true, code: true, name: true, nameEn: true },
      orderBy: { code: "asc" },
    });
  }

  async managersOf(unitIds: readonly string[]): Promise<EmployeeFact[]> {
    if (unitIds.length === 0) return [];
    // On RoleGrant's (role, unitId) index; the grant on the unit itself, not one inherited from above.
    return this.db.employee.findMany({
      where: { status: { not: "left" }, roles: { some: { role: "manager", unitId: { in: [...unitIds] } } } },
      select: { id: true, code: true, name: true, nameEn: true },
      orderBy: { code: "asc" },
    });
  }

  async clientsServedBy(employeeId: string): Promise<ClientMatch[]> {
    const rows = await this.db.clientAssignment.findMany({
      where: { employeeId, endDate: null },
      select: {
        client: { select: { id: true, code: true, name: true, nameEn: true, unit: { select: { path: true } } } },
      },
    });
    return rows
      .map(({ client: { unit, ...c } }) => ({ ...c, unitPath: unit?.path ?? null }))
      .sort((x, y) => x.code.localeCompare(y.code));
  }

  async englishNames(codes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...codes])) {
      const rows = await this.db.employee.findMany({
        where: { code: { in: part }, nameEn: { not: null } },
        select: { code: true, nameEn: true },
      });
      for (const r of rows) if (r.nameEn) out.set(r.code, r.nameEn);
    }
    return out;
  }

  async leavesBetween(unitIds: readonly string[], from: LocalDate, to: LocalDate): Promise<LeaveFact[]> {
    const ids: string[] = [];
    for (const part of chunks([...unitIds])) {
      const rows = await this.db.leave.findMany({
        where: { unitId: { in: part }, status: { not: "cancelled" }, startDate: { lte: to }, endDate: { gte: from } },
        select: { id: true },
      });
      ids.push(...rows.map((r) => r.id));
    }
    return this.reports.leavesByIds(ids);
  }

  async postsIn(unitIds: readonly string[]): Promise<PostFact[]> {
    if (unitIds.length === 0) return [];
    type Row = [string, string, string, string, string, string | null, boolean | number, string | null, number];
    const select = `SELECT k."id" AS "id", k."code" AS "code", k."name" AS "name", k."unitId" AS "unitId", k."category" AS "category", k."policyId" AS "policyId",
        k."standardDefined" AS "standardDefined", t."code" AS "checklistCode",
        (SELECT COUNT(*) FROM "ChecklistTemplateItem" i WHERE i."templateId" = k."checklistTemplateId") AS "checklistItems"
      FROM "KeyPost" k LEFT JOIN "ChecklistTemplate" t ON t."id" = k."checklistTemplateId"
      WHERE k."active" = TRUE AND ${inIds(this.provider, `k."unitId"`, 1)}`;
    const rows = await jsonRows<Row>(
      this.db,
      this.provider,
      select,
      ["id", "code", "name", "unitId", "category", "policyId", "standardDefined", "checklistCode", "checklistItems"],
      [idsParam(this.provider, unitIds)],
    );
    return rows
      .map(([id, code, name, unitId, category, policyId, standardDefined, checklistCode, checklistItems]) => ({
        id,
        code,
        name,
        unitId,
        category,
        policyId,
        standardDefined: bool(standardDefined),
        checklistCode,
        checklistItems: Number(checklistItems),
      }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async holdingsOf(postIds: readonly string[]): Promise<HeldPost[]> {
    if (postIds.length === 0) return [];
    type Row = [string, string, string, string, string, string];
    const select = `SELECT a."id" AS "id", a."employeeId" AS "employeeId", a."postId" AS "postId", a."startDate" AS "startDate", e."code" AS "code", e."name" AS "name"
      FROM "Assignment" a JOIN "Employee" e ON e."id" = a."employeeId"
      WHERE ${inIds(this.provider, `a."postId"`, 1)} AND a."endDate" IS NULL AND a."kind" = 'holder'`;
    const rows = await jsonRows<Row>(
      this.db,
      this.provider,
      select,
      ["id", "employeeId", "postId", "startDate", "code", "name"],
      [idsParam(this.provider, postIds)],
    );
    return rows
      .map(([assignmentId, employeeId, postId, startDate, code, name]) => ({
        assignmentId,
        employeeId,
        postId,
        startDate,
        holder: { id: employeeId, code, name },
      }))
      .sort((a, b) => (a.assignmentId < b.assignmentId ? -1 : 1));
  }

  auditsIn(unitIds: readonly string[]): Promise<AuditFact[]> {
    return this.reports.auditsOfUnits(unitIds);
  }

  async openHandovers(unitIds: readonly string[]): Promise<HandoverFact[]> {
    if (unitIds.length === 0) return [];
    // Open handovers are few at any time: read them all, keep those of posts in these units.
    const rows = await this.db.handover.findMany({
      where: { status: "open" },
      select: {
        id: true,
        purpose: true,
        postId: true,
        fromId: true,
        toId: true,
        witnessId: true,
        leaveId: true,
        openedAt: true,
        items: { select: { seq: true } },
        confirms: { select: { side: true, itemSeq: true } },
      },
      orderBy: [{ openedAt: "asc" }, { id: "asc" }],
    });
    const units = new Set(unitIds);
    const posts = new Map<string, { code: string; unitId: string }>();
    for (const part of chunks([...new Set(rows.map((h) => h.postId))])) {
      for (const p of await this.db.keyPost.findMany({
        where: { id: { in: part } },
        select: { id: true, code: true, unitId: true },
      }))
        if (units.has(p.unitId)) posts.set(p.id, p);
    }
    return rows.flatMap((h) => {
      const post = posts.get(h.postId);
      if (!post) return [];
      const sides = ["from", "to", "witness"].filter((side) => {
        const seqs = new Set(h.confirms.filter((c) => c.side === side).map((c) => c.itemSeq));
        return seqs.has(0) || (h.items.length > 0 && h.items.every((i) => seqs.has(i.seq)));
      });
      return {
        id: h.id,
        purpose: h.purpose,
        postCode: post.code,
        unitId: post.unitId,
        fromId: h.fromId,
        toId: h.toId,
        witnessId: h.witnessId,
        leaveId: h.leaveId,
        openedAt: h.openedAt,
        confirmedSides: sides,
      };
    });
  }
}
