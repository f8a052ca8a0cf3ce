// The reports' read side in the database: bulk reads (never one query per row), scoped by unit
// path (a prefix test in SQL, never LIKE), id lists read 500 at a time. The due scan's SQL is in
// reports/due-candidates.sql.ts, the notices' subject lookups in reports/notice-subjects.ts.
import type { Actor } from "../../domain/access/roles.ts";
import { isPostCategory, type Policy, type PostCategory } from "../../domain/policy/index.ts";
import type { LeaveKind, LeaveState } from "../../domain/leave/leave.machine.ts";
import type {
  AuditFact,
  DueCandidate,
  DueCandidateQuery,
  EmployeeFact,
  FindingFact,
  HoldingFact,
  HoldingFigureRow,
  NamedHoldingFact,
  HoldingFiguresQuery,
  LeaveFact,
  NoticeFact,
  PolicyTable,
  PostFact,
  RectificationFact,
  ReportQueries,
  ScopePaths,
  UnitFact,
} from "../../ports/report-queries.ts";
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { SETTING } from "../../ports/settings.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";
import { FINDING_TEXT, RECTIFICATION_TEXT } from "./prisma-audit-repository.ts";
import type { Prisma, Provider, Tx } from "./database.ts";
import { prismaSql } from "./sql-session.ts";
import { PrismaPeopleRepository } from "./prisma-people-repository.ts";
import { PrismaPolicyRepository } from "./prisma-policy-repository.ts";
import { policiesAt } from "./policy-history.ts";
import { queryDueCandidates } from "./reports/due-candidates.sql.ts";
import { chunks, unacknowledgedNotices } from "./reports/notice-subjects.ts";
import { bool, idsParam, inIds, jsonRows } from "./reports/json-rows.sql.ts";
import { selectHoldingFigures } from "./reports/holding-figures.sql.ts";
import { selectNamedHoldings } from "./reports/named-holdings.sql.ts";
import {
  selectEmployees,
  selectHolderAudits,
  selectScopeAudits,
  selectScopeHoldings,
  selectScopePosts,
  selectUnits,
  under,
} from "./reports/scope-reads.sql.ts";

export class PrismaReportQueries implements ReportQueries {
  constructor(
    private readonly db: Prisma | Tx,
    private readonly provider: Provider,
    private readonly fields: FieldCipher = PLAIN_FIELDS,
  ) {}

  units(): Promise<UnitFact[]> {
    return selectUnits(this.db, this.provider);
  }

  employees(ids: readonly string[]): Promise<Map<string, EmployeeFact>> {
    return selectEmployees(this.db, this.provider, ids);
  }

  async policyTable(at?: Date): Promise<PolicyTable> {
    // Independent reads, sent together: on PostgreSQL they pipeline in one round trip (13.s8p-2, 16.s11-4).
    const [list, rows, setting, past] = await Promise.all([
      new PrismaPolicyRepository(this.db).list(),
      this.db.policy.findMany({ select: { id: true, code: true } }),
      this.db.setting.findUnique({ where: { key: SETTING.policyPreset } }),
      at === undefined ? undefined : policiesAt(this.db, at),
    ]);
    const parsed = new Map(list.map((p) => [p.code, p]));
    let active = setting?.value;
    if (past !== undefined) {
      for (const [code, policy] of past.policies) parsed.set(code, policy);
      if (past.activePreset !== undefined) active = past.activePreset;
    }
    const byId = new Map<string, Policy>();
    for (const row of rows) {
      const policy = parsed.get(row.code);
      if (policy) byId.set(row.id, policy);
    }
    const defaults: Partial<Record<PostCategory, Policy>> = {};
    const seen = new Map<PostCategory, number>();
    for (const policy of parsed.values()) {
      if (
        policy.category === null ||
        !isPostCategory(policy.category) ||
        (active !== undefined && policy.preset !== active)
      )
        continue;
      seen.set(policy.category, (seen.get(policy.category) ?? 0) + 1);
      defaults[policy.category] = policy;
    }
    // Several defaults for a category and no active preset: ambiguous, as PolicyRepository.forPost says.
    for (const [category, n] of seen) if (n > 1) delete defaults[category];
    return { defaults, byId };
  }

  posts(scope: ScopePaths): Promise<PostFact[]> {
    return selectScopePosts(this.db, this.provider, scope);
  }

  holdings(scope: ScopePaths): Promise<HoldingFact[]> {
    return selectScopeHoldings(this.db, this.provider, scope);
  }

  /** Leaves by holder or by id, in start-date order, each with its audits' team (a JSON text): one read. */
  async #leaves(where: "holderId" | "id" | "scope", values: readonly string[]): Promise<LeaveFact[]> {
    if (values.length === 0) return [];
    type Row = [
      string,
      string,
      string,
      string,
      string | null,
      string,
      string,
      string,
      boolean | number,
      string,
      string | null,
    ];
    const team =
      this.provider === "sqlite"
        ? `(SELECT json_group_array(DISTINCT m."employeeId") FROM "AuditMember" m JOIN "Audit" a ON a."id" = m."auditId" WHERE a."leaveId" = l."id")`
        : `(SELECT CAST(json_agg(DISTINCT m."employeeId") AS text) FROM "AuditMember" m JOIN "Audit" a ON a."id" = m."auditId" WHERE a."leaveId" = l."id")`;
    const select = `SELECT l."id" AS "id", l."kind" AS "kind", l."holderId" AS "holderId", l."postId" AS "postId", l."substituteId" AS "substituteId", l."unitId" AS "unitId",
        l."startDate" AS "startDate", l."endDate" AS "endDate", l."sealed" AS "sealed", l."status" AS "status", ${team} AS "team"
      FROM "Leave" l WHERE ${
        where === "scope"
          ? `l."holderId" IN (SELECT a."employeeId" FROM "OrgUnit" u CROSS JOIN "KeyPost" k CROSS JOIN "Assignment" a
              WHERE k."unitId" = u."id" AND a."postId" = k."id" AND a."kind" = 'holder' AND a."endDate" IS NULL
                AND k."active" = true AND ${under(values, this.provider)})`
          : inIds(this.provider, `l."${where}"`, 1)
      }`;
    const columns = [
      "id",
      "kind",
      "holderId",
      "postId",
      "substituteId",
      "unitId",
      "startDate",
      "endDate",
      "sealed",
      "status",
      "team",
    ];
    const rows = await jsonRows<Row>(
      this.db,
      this.provider,
      select,
      columns,
      where === "scope" ? [...values] : [idsParam(this.provider, values)],
      `q."startDate", q."id"`,
    );
    return rows.map(([id, kind, holderId, postId, substituteId, unitId, startDate, endDate, sealed, status, team]) => ({
      id,
      kind: kind as LeaveKind,
      holderId,
      postId,
      substituteId,
      unitId,
      startDate,
      endDate,
      sealed: bool(sealed),
      status: status as LeaveState,
      auditTeam: team === null ? [] : (JSON.parse(team) as string[]),
    }));
  }

  leavesOf(holderIds: readonly string[]): Promise<LeaveFact[]> {
    return this.#leaves("holderId", holderIds);
  }

  leavesByIds(ids: readonly string[]): Promise<LeaveFact[]> {
    return this.#leaves("id", ids);
  }

  leavesOfHoldersIn(scope: ScopePaths): Promise<LeaveFact[]> {
    return this.#leaves("scope", scope);
  }

  holdingFigures(query: HoldingFiguresQuery): Promise<HoldingFigureRow[]> {
    return selectHoldingFigures(this.db, this.provider, query);
  }

  audits(scope: ScopePaths): Promise<AuditFact[]> {
    return selectScopeAudits(this.db, this.provider, scope);
  }

  auditsOf(holderIds: readonly string[]): Promise<AuditFact[]> {
    return selectHolderAudits(this.db, this.provider, holderIds);
  }

  /** The audits of these units (ReportQueries.audits once the scope is unit ids), in id order. */
  async auditsOfUnits(unitIds: readonly string[]): Promise<AuditFact[]> {
    const out: AuditFact[] = [];
    for (const part of chunks([...unitIds])) {
      const rows = await this.db.audit.findMany({
        where: { unitId: { in: part } },
        select: {
          id: true,
          postId: true,
          unitId: true,
          holderId: true,
          leaveId: true,
          status: true,
          dueDate: true,
          closedAt: true,
          signatures: { select: { at: true }, orderBy: { at: "asc" }, take: 1 },
        },
      });
      const codes = new Map(
        (
          await this.db.keyPost.findMany({
            where: { id: { in: [...new Set(rows.map((r) => r.postId))] } },
            select: { id: true, code: true },
          })
        ).map((p) => [p.id, p.code]),
      );
      for (const { signatures, ...r } of rows)
        out.push({ ...r, postCode: codes.get(r.postId) ?? r.postId, signedAt: signatures[0]?.at ?? null });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async findings(auditIds: readonly string[]): Promise<FindingFact[]> {
    const out: FindingFact[] = [];
    for (const part of chunks([...new Set(auditIds)])) {
      const rows = await this.db.finding.findMany({
        where: { auditId: { in: part } },
        select: { auditId: true, seq: true, severity: true, description: true, createdAt: true },
      });
      out.push(...rows.map((f) => ({ ...f, description: this.fields.open(FINDING_TEXT, f.description) })));
    }
    return out;
  }

  async rectifications(auditIds: readonly string[]): Promise<RectificationFact[]> {
    const out: RectificationFact[] = [];
    for (const part of chunks([...new Set(auditIds)])) {
      const rows = await this.db.rectification.findMany({
        where: { auditId: { in: part } },
        select: {
          id: true,
          auditId: true,
          ownerId: true,
          description: true,
          dueDate: true,
          status: true,
          closedAt: true,
        },
      });
      out.push(...rows.map((r) => ({ ...r, description: this.fields.open(RECTIFICATION_TEXT, r.description) })));
    }
    return out;
  }

  unacknowledgedNotices(now: Date): Promise<NoticeFact[]> {
    return unacknowledgedNotices(this.db, now);
  }

  namedHoldings(scope: ScopePaths): Promise<NamedHoldingFact[]> {
    return selectNamedHoldings(this.db, this.provider, scope);
  }

  dueCandidates(query: DueCandidateQuery): Promise<DueCandidate[]> {
    return queryDueCandidates(this.db, this.provider, query);
  }

  async actorByCode(code: string): Promise<Actor | undefined> {
    const people = new PrismaPeopleRepository(this.db, prismaSql(this.db, this.provider));
    const person = await people.byCode(code);
    if (!person || person.status === "left") return undefined;
    return {
      employeeId: person.id,
      unitPath: person.unitPath,
      grants: person.grants,
      onLeave: await people.isAway(person.id),
    };
  }
}
