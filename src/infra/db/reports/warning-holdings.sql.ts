// The early warnings' holdings, counted and prefiltered by the database (decision 20.23): one
// statement answers how many open holdings of the scope have a policy and started by their today
// (the denominator of the tenure and leave warnings) and which of them the month arithmetic cannot
// rule out: started on or before the tenure cut-off or the leave cut-off, or held by someone with a
// started leave the viewer may count (their leave clock is that leave's end, which the application
// compares: a few holders, and an uncorrelated IN list keeps both engines on a hash or an index —
// a LEFT JOIN to the leaves made SQLite scan them once per holding, 3.5 s on the 100 k bank). The application decides every date per (time zone, policy) (`latestStartWithin`, exact,
// as the due scan) and which leaves the viewer may count (the secrecy rule), and sends them as two
// JSON texts; the SQL only compares "YYYY-MM-DD" texts, so both engines count the same. The
// holdings are the reports' own (active posts, open holder assignments, the scope as a path prefix).
// A bank-wide warnings page then decides a few hundred holdings in code instead of ~19 000.
import type { WarningHoldingFact, WarningHoldings, WarningHoldingsQuery } from "../../../ports/report-queries.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { dialect } from "../raw-sql.ts";
import { jsonTable } from "./holding-figures.sql.ts";
import { under } from "./scope-reads.sql.ts";

const RULES = [
  ["zone", "text"],
  ["pkey", "text"],
  ["today", "text"],
  ["tenureBy", "text"],
  ["leaveBy", "text"],
] as const;
const LEAVES = [["holder", "text"]] as const;
const COLUMNS = [
  "aid",
  "emp",
  "ecode",
  "ename",
  "enameEn",
  "pid",
  "pcode",
  "unitId",
  "category",
  "policyId",
  "start",
] as const;

export async function selectWarningHoldings(
  db: Prisma | Tx,
  provider: Provider,
  query: WarningHoldingsQuery,
): Promise<WarningHoldings> {
  if (query.scope.length === 0 || query.rules.length === 0) return { counted: 0, candidates: [] };
  const scope = [...query.scope];
  const r = scope.length + 1;
  const l = scope.length + 2;
  const cells = COLUMNS.map((c) => `c."${c}"`).join(", ");
  const aggregate =
    provider === "sqlite"
      ? `(SELECT json_group_array(json_array(${cells})) FROM "c")`
      : `(SELECT COALESCE(json_agg(json_build_array(${cells})), '[]')::text FROM "c")`;
  // h0: the scope's open holdings (units first: CROSS JOIN fixes SQLite's join order, as in the
  // reports' reads); h: joined to their rule (no rule: no policy, not counted), started by today.
  // Apart, so PostgreSQL plans the holdings from the scope's estimate (one hash join), not from the
  // rules' JSON (estimated at a few rows, which made it probe the assignments and the employees
  // 19 000 times each: 174 + 87 ms, against 65 ms for h0's hash joins).
  const sql = `WITH "r" AS MATERIALIZED (${jsonTable(provider, r, RULES)}),
    "lv" AS MATERIALIZED (${jsonTable(provider, l, LEAVES)}),
    "h0" AS MATERIALIZED (
      SELECT a."id" AS "aid", a."employeeId" AS "emp", k."id" AS "pid", k."code" AS "pcode", u."id" AS "unitId",
        k."category" AS "category", k."policyId" AS "policyId", a."startDate" AS "start", u."timeZone" AS "zone",
        COALESCE(k."policyId", 'category:' || k."category") AS "pkey",
        e."code" AS "ecode", e."name" AS "ename", e."nameEn" AS "enameEn"
      FROM "OrgUnit" u
      CROSS JOIN "KeyPost" k
      CROSS JOIN "Assignment" a
      JOIN "Employee" e ON e."id" = a."employeeId"
      WHERE k."unitId" = u."id" AND a."postId" = k."id" AND a."kind" = 'holder' AND a."endDate" IS NULL
        AND k."active" = true AND ${under(scope, provider)}),
    "h" AS MATERIALIZED (
      SELECT h0.*, r."tenureBy" AS "tenureBy", r."leaveBy" AS "leaveBy"
      FROM "h0" JOIN "r" ON r."zone" = h0."zone" AND r."pkey" = h0."pkey"
      WHERE h0."start" <= r."today"),
    "c" AS (
      SELECT h.* FROM "h"
      WHERE h."start" <= h."tenureBy" OR h."start" <= h."leaveBy"
        OR h."emp" IN (SELECT lv."holder" FROM "lv"))
    SELECT (SELECT COUNT(*) FROM "h") AS "counted", ${aggregate} AS "rows"`;
  const rules = JSON.stringify(query.rules.map((x) => [x.timeZone, x.policyKey, x.today, x.tenureBy, x.leaveBy]));
  const leaves = JSON.stringify([...new Set(query.leaveHolders)].map((holder) => [holder]));
  const [text, args] = dialect(provider, sql, [...scope, rules, leaves]);
  const [result] = await db.$queryRawUnsafe<{ counted: number | bigint; rows: string | null }[]>(text, ...args);
  type Row = [string, string, string, string, string | null, string, string, string, string, string | null, string];
  const candidates: WarningHoldingFact[] = (JSON.parse(result?.rows ?? "[]") as Row[]).map(
    ([
      assignmentId,
      employeeId,
      employeeCode,
      employeeName,
      employeeNameEn,
      postId,
      postCode,
      unitId,
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
      category,
      policyId,
      startDate,
    }),
  );
  return { counted: Number(result?.counted ?? 0), candidates };
}
