// A table of holders from the database (decision 20.24): the scope's open holdings of active posts
// that started by their today, with the codes and names the table shows, ordered by unit code, post
// code and employee code, and only the page asked for — one statement that also counts them all. A
// unit page of the head office shows 500 of ~19 000 holders: the report read every post, holding and
// holder to build every row. Codes are ordered by code point on both engines (PostgreSQL: COLLATE
// "C"), as the reports' `byCode` orders them.
import type { HoldingRowFact, HoldingRows, HoldingRowsQuery } from "../../../ports/report-queries.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { dialect } from "../raw-sql.ts";
import { jsonTable } from "./holding-figures.sql.ts";
import { under } from "./scope-reads.sql.ts";

const ZONES = [
  ["zone", "text"],
  ["today", "text"],
] as const;
const COLUMNS = [
  "aid",
  "emp",
  "ecode",
  "ename",
  "enameEn",
  "pid",
  "pcode",
  "unitId",
  "ucode",
  "category",
  "policyId",
  "start",
];

export async function selectHoldingRows(
  db: Prisma | Tx,
  provider: Provider,
  query: HoldingRowsQuery,
): Promise<HoldingRows> {
  if (query.scope.length === 0 || query.todays.length === 0) return { total: 0, rows: [] };
  const scope = [...query.scope];
  const z = scope.length + 1;
  const c = provider === "postgres" ? ` COLLATE "C"` : "";
  const order = `p."ucode"${c}, p."pcode"${c}, p."ecode"${c}, p."aid"${c}`;
  const window = query.window
    ? ` ORDER BY ${order.replaceAll("p.", "h.")} LIMIT ${Math.max(0, Math.trunc(query.window.count))} OFFSET ${Math.max(0, Math.trunc(query.window.first))}`
    : "";
  const cells = COLUMNS.map((col) => `p."${col}"`).join(", ");
  const rows =
    provider === "sqlite"
      ? `(SELECT json_group_array(json_array(${cells}) ORDER BY ${order}) FROM (SELECT * FROM "h"${window}) p)`
      : `(SELECT COALESCE(json_agg(json_build_array(${cells}) ORDER BY ${order}), '[]')::text FROM (SELECT * FROM "h"${window}) p)`;
  const sql = `WITH "z" AS MATERIALIZED (${jsonTable(provider, z, ZONES)}),
    "h" AS MATERIALIZED (
      SELECT a."id" AS "aid", a."employeeId" AS "emp", e."code" AS "ecode", e."name" AS "ename", e."nameEn" AS "enameEn",
        k."id" AS "pid", k."code" AS "pcode", u."id" AS "unitId", u."code" AS "ucode", k."category" AS "category",
        k."policyId" AS "policyId", a."startDate" AS "start"
      FROM "OrgUnit" u
      CROSS JOIN "KeyPost" k
      CROSS JOIN "Assignment" a
      JOIN "z" ON z."zone" = u."timeZone"
      JOIN "Employee" e ON e."id" = a."employeeId"
      WHERE k."unitId" = u."id" AND a."postId" = k."id" AND a."kind" = 'holder' AND a."endDate" IS NULL
        AND k."active" = true AND a."startDate" <= z."today" AND ${under(scope, provider)})
    SELECT (SELECT COUNT(*) FROM "h") AS "total", ${rows} AS "rows"`;
  const todays = JSON.stringify(query.todays.map((t) => [t.timeZone, t.today]));
  const [text, args] = dialect(provider, sql, [...scope, todays]);
  const [result] = await db.$queryRawUnsafe<{ total: number | bigint; rows: string | null }[]>(text, ...args);
  type Row = [
    string,
    string,
    string,
    string,
    string | null,
    string,
    string,
    string,
    string,
    string,
    string | null,
    string,
  ];
  const facts: HoldingRowFact[] = (JSON.parse(result?.rows ?? "[]") as Row[]).map(
    ([
      assignmentId,
      employeeId,
      employeeCode,
      employeeName,
      employeeNameEn,
      postId,
      postCode,
      unitId,
      unitCode,
      category,
      policyId,
      startDate,
    ]) => ({
      assignmentId,
      employeeId,
      employeeCode,
      employeeName,
      employeeNameEn,
      postId,
      postCode,
      unitId,
      unitCode,
      category,
      policyId,
      startDate,
    }),
  );
  return { total: Number(result?.total ?? 0), rows: facts };
}
