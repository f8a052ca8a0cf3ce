// The due scan's one query: open holder assignments of active posts whose start (tenure) or leave
// clock (the end of the holder's latest started mandatory leave, else the start) is on or before
// their policy's cut-off day. Dates are "YYYY-MM-DD" text, so the comparisons are plain text
// comparisons on both engines and no date function runs per row. The policy is joined on
// COALESCE(post's own policy id, 'category:' || category), against a VALUES table of cut-offs.
//
// Shape, for a million assignments: every table is read ONCE, sequentially — the active posts
// with their cut-offs (p) and each holder's latest started leave (lv) are materialised, and the
// assignments are scanned in full rather than through the endDate index, which would cost a
// random row lookup per open holding (plus one into KeyPost and one into Leave: measured 2–4×
// slower on SQLite). SQLite then joins p and lv through automatic in-memory indexes, PostgreSQL
// through hash joins. (`|| ''` and COALESCE keep SQLite off an index on purpose.) The rows come
// back as ONE JSON text built by the database (json_group_array / json_agg): a driver's per-row,
// per-cell decoding would cost more than the query itself.
import type { DueCandidate, DueCandidateQuery } from "../../../ports/report-queries.ts";
import { STARTED_STATES } from "../../../domain/leave/leave.machine.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { dialect } from "../raw-sql.ts";

const STARTED_LIST = STARTED_STATES.map((s) => `'${s}'`).join(", ");
const COLUMNS = ["assignmentId", "employeeId", "postId", "unitId", "startDate", "policyKey", "lastLeaveEnd"] as const;

export function dueCandidatesSql(provider: Provider, query: DueCandidateQuery): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const p = (value: unknown): string => {
    args.push(value);
    return `CAST($${args.length} AS TEXT)`;
  };
  const values = query.thresholds.map((t) => `(${p(t.policyKey)}, ${p(t.tenureBy)}, ${p(t.leaveBy)})`);
  if (values.length === 0) return { sql: "", args };
  const scope = query.scope ?? [];
  const scoped = scope.length > 0 && !scope.includes("/");
  const postWhere = [`k."active" = TRUE`];
  if (scoped)
    postWhere.push(`(${scope.map((path) => `substr(u."path", 1, length(${p(path)})) = ${p(path)}`).join(" OR ")})`);
  const where = [
    `COALESCE(a."endDate", '') = ''`,
    `a."kind" = 'holder'`,
    `a."startDate" <= ${p(query.startedBy)}`,
    `(a."startDate" <= p."tenureBy" OR COALESCE(lv."lastEnd", a."startDate") <= p."leaveBy")`,
  ];
  if (query.afterId !== undefined) where.push(`a."id" > ${p(query.afterId)}`);
  const paged = Number.isSafeInteger(query.limit) && query.limit < Number.MAX_SAFE_INTEGER;
  const inner = `
SELECT a."id" AS "assignmentId", a."employeeId" AS "employeeId", a."postId" AS "postId", p."unitId" AS "unitId",
       a."startDate" AS "startDate", p."pkey" AS "policyKey", lv."lastEnd" AS "lastLeaveEnd"
FROM "Assignment" a
JOIN "p" ON p."id" = a."postId"
LEFT JOIN "lv" ON lv."holderId" = a."employeeId"
WHERE ${where.join("\n  AND ")}
${paged ? `ORDER BY a."id" LIMIT ${Math.trunc(query.limit)}` : ""}`;
  const cells = COLUMNS.map((c) => `q."${c}"`).join(", ");
  const outer =
    provider === "sqlite"
      ? `SELECT json_group_array(json_array(${cells})) AS "rows" FROM (${inner}) q`
      : `SELECT COALESCE(json_agg(json_build_array(${cells})), '[]')::text AS "rows" FROM (${inner}) q`;
  const sql = `
WITH "t"("pkey", "tenureBy", "leaveBy") AS (VALUES ${values.join(", ")}),
"p" AS MATERIALIZED (
  SELECT k."id" AS "id", k."unitId" AS "unitId", t."pkey" AS "pkey", t."tenureBy" AS "tenureBy", t."leaveBy" AS "leaveBy"
  FROM "KeyPost" k JOIN "t" ON t."pkey" = COALESCE(k."policyId", 'category:' || k."category")
  ${scoped ? `JOIN "OrgUnit" u ON u."id" = k."unitId"` : ""}
  WHERE ${postWhere.join(" AND ")}),
"lv" AS MATERIALIZED (
  SELECT "holderId" AS "holderId", MAX("endDate") AS "lastEnd" FROM "Leave" WHERE "status" || '' IN (${STARTED_LIST}) GROUP BY "holderId")
${outer}`;
  return { sql, args };
}

type Cells = [string, string, string, string, string, string, string | null];

export async function queryDueCandidates(
  db: Prisma | Tx,
  provider: Provider,
  query: DueCandidateQuery,
): Promise<DueCandidate[]> {
  const { sql, args } = dueCandidatesSql(provider, query);
  if (sql === "") return [];
  const [text, ordered] = dialect(provider, sql, args);
  const [result] = await db.$queryRawUnsafe<{ rows: string }[]>(text, ...ordered);
  const rows = (JSON.parse(result?.rows ?? "[]") as Cells[]).map(
    ([assignmentId, employeeId, postId, unitId, startDate, policyKey, lastLeaveEnd]) => ({
      assignmentId,
      employeeId,
      postId,
      unitId,
      startDate,
      policyKey,
      lastLeaveEnd,
    }),
  );
  // A page is read in id order (keyset pagination takes its last id); a whole scan needs no order.
  if (query.afterId !== undefined || query.limit < Number.MAX_SAFE_INTEGER)
    rows.sort((x, y) => (x.assignmentId < y.assignmentId ? -1 : x.assignmentId > y.assignmentId ? 1 : 0));
  return rows;
}
