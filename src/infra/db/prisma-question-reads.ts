// The question answers' reads in the database. Names: a code (exact, upper case), a text the name
// equals or contains, English words in any order and case (both engines' LIKE differs on case, so
// each word is tried as typed, lower and capitalised). Everything stays within the asker's units.
import type { LocalDate } from "../../domain/calendar/index.ts";
import type { HoldingFact, LeaveFact, PostFact, ScopePaths } from "../../ports/report-queries.ts";
import type { ClientMatch, HandoverFact, NameSearch, PersonMatch, PostMatch, QuestionReads, UnitWordFact } from "../../ports/question-reads.ts";
import type { Provider, Prisma, Tx } from "./database.ts";
import { PrismaCalendarRepository } from "./prisma-calendar-repository.ts";
import { PrismaReportQueries } from "./prisma-report-queries.ts";
import { chunks } from "./reports/notice-subjects.ts";

function unitUnder(scope: ScopePaths) {
  return { OR: scope.map((path) => ({ path: { startsWith: path } })) };
}

function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  return [...new Set([word, lower, lower.charAt(0).toUpperCase() + lower.slice(1), word.toUpperCase()])];
}

/** The OR of a search's parts over a model with code, name and (optionally) nameEn. */
function nameWhere(search: NameSearch, withEnglish: boolean) {
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
    provider: Provider,
  ) {
    this.reports = new PrismaReportQueries(db, provider);
    this.calendars = new PrismaCalendarRepository(db);
  }

  async #unitIds(scope: ScopePaths): Promise<string[]> {
    return (await this.db.orgUnit.findMany({ where: unitUnder(scope), select: { id: true } })).map((u) => u.id);
  }

  units(): Promise<UnitWordFact[]> {
    return this.db.orgUnit.findMany({ select: { id: true, code: true, name: true, nameEn: true, path: true, timeZone: true }, orderBy: { path: "asc" } });
  }

  async people(search: NameSearch): Promise<PersonMatch[]> {
    const or = nameWhere(search, true);
    if (or.length === 0 || search.scope.length === 0) return [];
    const rows = await this.db.employee.findMany({
      where: { AND: [{ OR: or }, { status: { not: "left" } }, { unit: unitUnder(search.scope) }] },
      select: { id: true, code: true, name: true, nameEn: true, unit: { select: { code: true, path: true } } },
      orderBy: { code: "asc" },
      take: search.limit,
    });
    return rows.map(({ unit, ...r }) => ({ ...r, unitCode: unit.code, unitPath: unit.path }));
  }

  async posts(search: NameSearch): Promise<PostMatch[]> {
    const or = nameWhere(search, true);
    if (or.length === 0 || search.scope.length === 0) return [];
    const rows = await this.db.keyPost.findMany({
      where: { AND: [{ OR: or }, { active: true }, { unit: unitUnder(search.scope) }] },
      select: { id: true, code: true, name: true, nameEn: true, unit: { select: { code: true, path: true } } },
      orderBy: { code: "asc" },
      take: search.limit,
    });
    return rows.map(({ unit, ...r }) => ({ ...r, unitCode: unit.code, unitPath: unit.path }));
  }

  async clients(search: NameSearch): Promise<ClientMatch[]> {
    const or = nameWhere(search, false);
    if (or.length === 0) return [];
    const rows = await this.db.client.findMany({
      where: { OR: or },
      select: { id: true, code: true, name: true, unit: { select: { path: true } } },
      orderBy: { code: "asc" },
      take: search.limit * 4,
    });
    // A client without a unit is decided by its manager's unit later (register-history.query.ts).
    return rows
      .map(({ unit, ...r }) => ({ ...r, unitPath: unit?.path ?? null }))
      .filter((c) => c.unitPath === null || search.scope.some((p) => c.unitPath!.startsWith(p)))
      .slice(0, search.limit);
  }

  async leavesBetween(scope: ScopePaths, from: LocalDate, to: LocalDate): Promise<LeaveFact[]> {
    if (scope.length === 0) return [];
    const unitIds = await this.#unitIds(scope);
    const ids: string[] = [];
    for (const part of chunks(unitIds)) {
      const rows = await this.db.leave.findMany({
        where: { unitId: { in: part }, status: { not: "cancelled" }, startDate: { lte: to }, endDate: { gte: from } },
        select: { id: true },
      });
      ids.push(...rows.map((r) => r.id));
    }
    return this.reports.leavesByIds(ids);
  }

  async postsIn(scope: ScopePaths): Promise<PostFact[]> {
    const out: PostFact[] = [];
    for (const part of chunks(await this.#unitIds(scope))) {
      const rows = await this.db.keyPost.findMany({
        where: { active: true, unitId: { in: part } },
        select: {
          id: true, code: true, name: true, unitId: true, category: true, policyId: true, standardDefined: true,
          checklistTemplate: { select: { code: true, _count: { select: { items: true } } } },
        },
      });
      out.push(...rows.map(({ checklistTemplate: t, ...p }) => ({ ...p, checklistCode: t?.code ?? null, checklistItems: t?._count.items ?? 0 })));
    }
    return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async holdingsIn(scope: ScopePaths): Promise<HoldingFact[]> {
    const out: HoldingFact[] = [];
    const postIds: string[] = [];
    for (const part of chunks(await this.#unitIds(scope))) {
      postIds.push(...(await this.db.keyPost.findMany({ where: { active: true, unitId: { in: part } }, select: { id: true } })).map((p) => p.id));
    }
    for (const part of chunks(postIds)) {
      const rows = await this.db.assignment.findMany({ where: { postId: { in: part }, endDate: null, kind: "holder" }, select: { id: true, employeeId: true, postId: true, startDate: true } });
      out.push(...rows.map((r) => ({ assignmentId: r.id, employeeId: r.employeeId, postId: r.postId, startDate: r.startDate })));
    }
    return out.sort((a, b) => (a.assignmentId < b.assignmentId ? -1 : 1));
  }

  async openHandovers(scope: ScopePaths): Promise<HandoverFact[]> {
    if (scope.length === 0) return [];
    // Open handovers are few at any time: read them all, keep those of posts in scope.
    const rows = await this.db.handover.findMany({
      where: { status: "open" },
      select: {
        id: true, purpose: true, postId: true, fromId: true, toId: true, witnessId: true, leaveId: true, openedAt: true,
        items: { select: { seq: true } },
        confirms: { select: { side: true, itemSeq: true } },
      },
      orderBy: [{ openedAt: "asc" }, { id: "asc" }],
    });
    const posts = new Map<string, { code: string; unitId: string }>();
    for (const part of chunks([...new Set(rows.map((h) => h.postId))])) {
      for (const p of await this.db.keyPost.findMany({ where: { id: { in: part }, unit: unitUnder(scope) }, select: { id: true, code: true, unitId: true } })) posts.set(p.id, p);
    }
    return rows.flatMap((h) => {
      const post = posts.get(h.postId);
      if (!post) return [];
      const sides = ["from", "to", "witness"].filter((side) => {
        const seqs = new Set(h.confirms.filter((c) => c.side === side).map((c) => c.itemSeq));
        return seqs.has(0) || (h.items.length > 0 && h.items.every((i) => seqs.has(i.seq)));
      });
      return { id: h.id, purpose: h.purpose, postCode: post.code, unitId: post.unitId, fromId: h.fromId, toId: h.toId, witnessId: h.witnessId, leaveId: h.leaveId, openedAt: h.openedAt, confirmedSides: sides };
    });
  }
}
