// Reads the register back as file rows, for the exporter: page by page (keyset on the code, in
// byte order on both engines — COLLATE "C" on PostgreSQL), so a large register streams.
import type { Role } from "../../../domain/access/roles.ts";
import type { AssignmentRow, ClientRow, EmployeeRow, PostRow, UnitRow } from "../../../ports/register-rows.ts";
import type { RegisterExportSource } from "../../../ports/register-repository.ts";
import type { Database } from "../database.ts";
import { dialect } from "../raw-sql.ts";
import { prismaSql } from "../sql-session.ts";
import { toPostRecord } from "./prisma-register-posts.ts";
import { RegisterSql, groupBy } from "./register-sql.ts";

const PAGE = 1000;

type UnitKind = UnitRow["kind"];
type Category = PostRow["category"];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class PrismaRegisterReader implements RegisterExportSource {
  readonly #sql: RegisterSql;

  constructor(private readonly db: Database) {
    this.#sql = new RegisterSql(db.provider, prismaSql(db.prisma, db.provider));
  }

  get #collate(): string {
    return this.db.provider === "postgres" ? ` COLLATE "C"` : "";
  }

  /** Pages of `select … WHERE <code> > $1 ORDER BY <code> LIMIT n`, in byte order of the code. */
  async *#pages<T extends { code: string }>(select: string, code: string): AsyncGenerator<T[]> {
    let after = "";
    for (;;) {
      const [text, args] = dialect(
        this.db.provider,
        `${select} WHERE ${code}${this.#collate} > $1 ORDER BY ${code}${this.#collate} LIMIT ${PAGE}`,
        [after],
      );
      const rows = await this.db.prisma.$queryRawUnsafe<T[]>(text, ...args);
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.code;
      if (rows.length < PAGE) return;
    }
  }

  async *units(): AsyncGenerator<UnitRow> {
    const rows = await this.#sql.all<{
      id: string;
      code: string;
      name: string;
      nameEn: string | null;
      kind: string;
      parentId: string | null;
      path: string;
      timeZone: string;
      calendarCode: string | null;
    }>(
      `SELECT u."id", u."code", u."name", u."nameEn", u."kind", u."parentId", u."path", u."timeZone", c."code" AS "calendarCode" FROM "OrgUnit" u LEFT JOIN "Calendar" c ON c."id" = u."calendarId"`,
    );
    const codes = new Map(rows.map((u) => [u.id, u.code]));
    rows.sort((a, b) => byText(a.path, b.path));
    for (const u of rows) {
      yield {
        code: u.code,
        name: u.name,
        nameEn: u.nameEn,
        kind: u.kind as UnitKind,
        parentCode: u.parentId === null ? null : (codes.get(u.parentId) ?? null),
        timeZone: u.timeZone,
        calendarCode: u.calendarCode,
      };
    }
  }

  async *employees(): AsyncGenerator<EmployeeRow> {
    const select = `SELECT e."id", e."code", e."name", e."nameEn", e."email", e."status", e."locale", u."code" AS "unitCode" FROM "Employee" e JOIN "OrgUnit" u ON u."id" = e."unitId"`;
    type Row = {
      id: string;
      code: string;
      name: string;
      nameEn: string | null;
      email: string | null;
      status: string;
      locale: string | null;
      unitCode: string;
    };
    for await (const page of this.#pages<Row>(select, `e."code"`)) {
      const ids = page.map((e) => e.id);
      const roles = await this.#sql.arrays<[string, string, string]>(
        [`g."employeeId"`, `g."role"`, `u."code"`],
        `FROM "RoleGrant" g JOIN "OrgUnit" u ON u."id" = g."unitId" WHERE ${this.#sql.inList(`g."employeeId"`)}`,
        ids,
      );
      const identities = await this.#sql.arrays<[string, string, string]>(
        [`"employeeId"`, `"platform"`, `"externalId"`],
        `FROM "ChatIdentity" WHERE ${this.#sql.inList(`"employeeId"`)}`,
        ids,
      );
      const rolesOf = groupBy(roles, (g) => g[0]);
      const identitiesOf = groupBy(identities, (i) => i[0]);
      for (const e of page) {
        const mine = identitiesOf.get(e.id) ?? [];
        const externalIds = (platform: string) =>
          mine
            .filter((i) => i[1] === platform)
            .map((i) => i[2])
            .sort(byText);
        yield {
          code: e.code,
          name: e.name,
          nameEn: e.nameEn,
          email: e.email,
          unitCode: e.unitCode,
          status: e.status === "left" ? "left" : "active",
          locale: e.locale === "zh-CN" || e.locale === "en" ? e.locale : null,
          roles: (rolesOf.get(e.id) ?? [])
            .map(([, role, unitCode]) => ({ role: role as Role, unitCode }))
            .sort((a, b) => byText(`${a.role}@${a.unitCode}`, `${b.role}@${b.unitCode}`)),
          slackUserIds: externalIds("slack"),
          teamsObjectIds: externalIds("teams"),
        };
      }
    }
  }

  async *posts(): AsyncGenerator<PostRow> {
    const select = `SELECT p."id", p."code", p."name", p."nameEn", p."unitId", p."category", p."riskPoints", p."policyId", p."checklistTemplateId", p."standardDefined", p."active",
        u."code" AS "unitCode", po."code" AS "policyCode", t."code" AS "templateCode"
      FROM "KeyPost" p JOIN "OrgUnit" u ON u."id" = p."unitId" LEFT JOIN "Policy" po ON po."id" = p."policyId" LEFT JOIN "ChecklistTemplate" t ON t."id" = p."checklistTemplateId"`;
    type Row = Parameters<typeof toPostRecord>[0] & {
      unitCode: string;
      policyCode: string | null;
      templateCode: string | null;
    };
    for await (const page of this.#pages<Row>(select, `p."code"`)) {
      for (const row of page) {
        const p = toPostRecord(row);
        yield {
          code: p.code,
          name: p.name,
          nameEn: p.nameEn,
          unitCode: row.unitCode,
          category: p.category as Category,
          riskPoints: p.riskPoints,
          policyCode: row.policyCode,
          checklistTemplateCode: row.templateCode,
          standardDefined: p.standardDefined,
          active: p.active,
        };
      }
    }
  }

  async *assignments(): AsyncGenerator<AssignmentRow> {
    for await (const posts of this.#pages<{ id: string; code: string }>(
      `SELECT p."id", p."code" FROM "KeyPost" p`,
      `p."code"`,
    )) {
      const found = await this.#sql.arrays<[string, string, string, string, string | null, string | null]>(
        [`a."postId"`, `e."code"`, `a."kind"`, `a."startDate"`, `a."endDate"`, `a."endReason"`],
        `FROM "Assignment" a JOIN "Employee" e ON e."id" = a."employeeId" WHERE ${this.#sql.inList(`a."postId"`)}`,
        posts.map((p) => p.id),
      );
      const rows = found.map(([postId, employeeCode, kind, startDate, endDate, endReason]) => ({
        postId,
        employeeCode,
        kind,
        startDate,
        endDate,
        endReason,
      }));
      const codeOf = new Map(posts.map((p) => [p.id, p.code]));
      const sorted = rows
        .map((a) => ({ ...a, postCode: codeOf.get(a.postId)! }))
        .sort(
          (a, b) =>
            byText(a.postCode, b.postCode) ||
            byText(a.startDate, b.startDate) ||
            byText(a.kind, b.kind) ||
            byText(a.employeeCode, b.employeeCode),
        );
      for (const a of sorted) {
        yield {
          employeeCode: a.employeeCode,
          postCode: a.postCode,
          kind: a.kind as AssignmentRow["kind"],
          startDate: a.startDate,
          endDate: a.endDate,
          endReason: a.endReason as AssignmentRow["endReason"],
        };
      }
    }
  }

  async *clients(): AsyncGenerator<ClientRow> {
    const select = `SELECT c."id", c."code", c."name", c."nameEn", u."code" AS "unitCode", e."code" AS "managerCode", ca."startDate" AS "since"
      FROM "Client" c LEFT JOIN "OrgUnit" u ON u."id" = c."unitId"
      LEFT JOIN "ClientAssignment" ca ON ca."clientId" = c."id" AND ca."endDate" IS NULL
      LEFT JOIN "Employee" e ON e."id" = ca."employeeId"`;
    type Row = {
      code: string;
      name: string;
      nameEn: string | null;
      unitCode: string | null;
      managerCode: string | null;
      since: string | null;
    };
    let last: string | undefined;
    for await (const page of this.#pages<Row>(select, `c."code"`)) {
      for (const c of page) {
        if (c.code === last) continue; // two open assignments (Keypost never writes them): one is shown
        last = c.code;
        yield {
          code: c.code,
          name: c.name,
          nameEn: c.nameEn,
          unitCode: c.unitCode,
          managerCode: c.managerCode,
          since: c.since,
        };
      }
    }
  }
}
