// The scope's open holdings with their codes and names, as ONE JSON text (decision 20.29): a unit
// page of the dashboard builds its table of holders and its early warnings from the same read, shared
// for the page (sharedReads). Before, the two were separate statements (a table page ordered and cut
// by the database, and the warnings' candidates prefiltered by date cut-offs) that each read the
// head office's ~19 000 holdings and their holders again — 1.08 s on PostgreSQL for that page. The
// application now decides which holdings started by their today, which can be due, their order
// (code points, as `byCode`) and the page shown; the database only reads. The holdings are the
// reports' own (`selectScopeHoldings`: active posts, open holder assignments, the scope as a path
// prefix), units first (CROSS JOIN fixes SQLite's join order; a sub-branch reads its few posts by index).
import type { NamedHoldingFact, ScopePaths } from "../../../ports/report-queries.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { jsonRows } from "./json-rows.sql.ts";
import { under } from "./scope-reads.sql.ts";

const COLUMNS = ["aid", "emp", "ecode", "ename", "enameEn", "pid", "pcode", "unitId", "category", "policyId", "start"];

export async function selectNamedHoldings(
  db: Prisma | Tx,
  provider: Provider,
  scope: ScopePaths,
): Promise<NamedHoldingFact[]> {
  if (scope.length === 0) return [];
  const select = `SELECT a."id" AS "aid", a."employeeId" AS "emp", e."code" AS "ecode", e."name" AS "ename",
      e."nameEn" AS "enameEn", k."id" AS "pid", k."code" AS "pcode", u."id" AS "unitId", k."category" AS "category",
      k."policyId" AS "policyId", a."startDate" AS "start"
    FROM "OrgUnit" u
    CROSS JOIN "KeyPost" k
    CROSS JOIN "Assignment" a
    JOIN "Employee" e ON e."id" = a."employeeId"
    WHERE k."unitId" = u."id" AND a."postId" = k."id" AND a."kind" = 'holder' AND a."endDate" IS NULL
      AND k."active" = true AND ${under(scope, provider)}`;
  type Row = [string, string, string, string, string | null, string, string, string, string, string | null, string];
  const rows = await jsonRows<Row>(db, provider, select, COLUMNS, [...scope]);
  return rows.map((r) => ({
    assignmentId: r[0],
    employeeId: r[1],
    employeeCode: r[2],
    employeeName: r[3],
    employeeNameEn: r[4],
    postId: r[5],
    postCode: r[6],
    unitId: r[7],
    category: r[8],
    policyId: r[9],
    startDate: r[10],
  }));
}
