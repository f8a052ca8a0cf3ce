// The due scan's one query: open holder assignments of active posts whose start (tenure) or leave
// clock (the end of the holder's latest started mandatory leave, else the start) is on or before
// their policy's cut-off day. Dates are "YYYY-MM-DD" text, so the comparisons are plain text
// comparisons on both engines and no date function runs per row. The policy is joined on
// COALESCE(post's own policy id, 'category:' || category), against a VALUES table of cut-offs.
import type { DueCandidate, DueCandidateQuery } from "../../../ports/report-queries.ts";
import { STARTED_STATES } from "../../../domain/leave/leave.machine.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { dialect } from "../raw-sql.ts";

const STARTED_LIST = STARTED_STATES.map((s) => `'${s}'`).join(", ");

export function dueCandidatesSql(query: DueCandidateQuery): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const p = (value: unknown): string => {
    args.push(value);
    return `$${args.length}`;
  };
  const values = query.thresholds.map((t) => `(CAST(${p(t.policyKey)} AS TEXT), CAST(${p(t.tenureBy)} AS TEXT), CAST(${p(t.leaveBy)} AS TEXT))`);
  if (values.length === 0) return { sql: "", args };
  const scope = query.scope ?? [];
  const scoped = scope.length > 0 && !scope.includes("/");
  const where = [
    `a."endDate" IS NULL`,
    `a."kind" = 'holder'`,
    `k."active" = TRUE`,
    `a."startDate" <= ${p(query.startedBy)}`,
    `(a."startDate" <= t."tenureBy" OR COALESCE(lv."lastEnd", a."startDate") <= t."leaveBy")`,
  ];
  if (scoped) where.push(`(${scope.map((path) => `substr(u."path", 1, length(CAST(${p(path)} AS TEXT))) = CAST(${p(path)} AS TEXT)`).join(" OR ")})`);
  if (query.afterId !== undefined) where.push(`a."id" > ${p(query.afterId)}`);
  const paged = Number.isSafeInteger(query.limit) && query.limit < Number.MAX_SAFE_INTEGER;
  const sql = `
WITH "t"("pkey", "tenureBy", "leaveBy") AS (VALUES ${values.join(", ")}),
"lv" AS (SELECT "holderId", MAX("endDate") AS "lastEnd" FROM "Leave" WHERE "status" IN (${STARTED_LIST}) GROUP BY "holderId")
SELECT a."id" AS "assignmentId", a."employeeId" AS "employeeId", a."postId" AS "postId", k."unitId" AS "unitId",
       a."startDate" AS "startDate", t."pkey" AS "policyKey", lv."lastEnd" AS "lastLeaveEnd"
FROM "Assignment" a
JOIN "KeyPost" k ON k."id" = a."postId"
JOIN "t" ON t."pkey" = COALESCE(k."policyId", 'category:' || k."category")
LEFT JOIN "lv" ON lv."holderId" = a."employeeId"
${scoped ? `JOIN "OrgUnit" u ON u."id" = k."unitId"` : ""}
WHERE ${where.join("\n  AND ")}
${paged ? `ORDER BY a."id" LIMIT ${p(query.limit)}` : ""}`;
  return { sql, args };
}

export async function queryDueCandidates(db: Prisma | Tx, provider: Provider, query: DueCandidateQuery): Promise<DueCandidate[]> {
  const { sql, args } = dueCandidatesSql(query);
  if (sql === "") return [];
  const [text, ordered] = dialect(provider, sql, args);
  return db.$queryRawUnsafe<DueCandidate[]>(text, ...ordered);
}
