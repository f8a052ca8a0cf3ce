// The reports' big reads — a scope's key posts, its holders, the people they name — as one JSON
// text each (json-rows.sql.ts): on the 100 000-employee register a bank-wide report reads ~19 000
// posts and holdings, and Prisma's per-row decoding of those (with the checklist count as a nested
// relation) took seconds (decision 20.15). Same rows, same order as the ORM reads they replace;
// test/infra/report-scope-reads.test.ts compares them on a generated bank on both engines.
// The scope ("the unit is in one of these subtrees") is a prefix test on the unit's path, one
// placeholder per scope path (a viewer has a handful), never LIKE: Prisma's `startsWith` does not
// escape `_` and `%`, so "/HO/B_1%/" also matched "/HO/BR1/…" (the test shows it). Units first
// (CROSS JOIN fixes SQLite's join order): a sub-branch's scope then reads its few posts by index
// instead of every open assignment of the bank.
import type { EmployeeFact, HoldingFact, PostFact, ScopePaths } from "../../../ports/report-queries.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { bool, idsParam, inIds, jsonRows } from "./json-rows.sql.ts";

/** `u."path"` starts with one of the scope's paths, which are parameters $1 … $n. */
export function under(scope: ScopePaths): string {
  return `(${scope.map((_, i) => `substr(u."path", 1, length(CAST($${i + 1} AS text))) = CAST($${i + 1} AS text)`).join(" OR ")})`;
}

export async function selectScopePosts(db: Prisma | Tx, provider: Provider, scope: ScopePaths): Promise<PostFact[]> {
  if (scope.length === 0) return [];
  type Row = [string, string, string, string, string, string | null, boolean | number, string | null, number | null];
  const select = `SELECT k."id" AS "id", k."code" AS "code", k."name" AS "name", k."unitId" AS "unitId",
      k."category" AS "category", k."policyId" AS "policyId", k."standardDefined" AS "standardDefined",
      t."code" AS "checklistCode",
      (SELECT COUNT(*) FROM "ChecklistTemplateItem" i WHERE i."templateId" = t."id") AS "checklistItems"
    FROM "OrgUnit" u
    CROSS JOIN "KeyPost" k
    LEFT JOIN "ChecklistTemplate" t ON t."id" = k."checklistTemplateId"
    WHERE k."unitId" = u."id" AND k."active" = true AND ${under(scope)}`;
  const rows = await jsonRows<Row>(
    db,
    provider,
    select,
    ["id", "code", "name", "unitId", "category", "policyId", "standardDefined", "checklistCode", "checklistItems"],
    [...scope],
    `q."code"`,
  );
  return rows.map(([id, code, name, unitId, category, policyId, standardDefined, checklistCode, items]) => ({
    id,
    code,
    name,
    unitId,
    category,
    policyId,
    standardDefined: bool(standardDefined),
    checklistCode,
    checklistItems: checklistCode === null ? 0 : Number(items ?? 0),
  }));
}

export async function selectScopeHoldings(
  db: Prisma | Tx,
  provider: Provider,
  scope: ScopePaths,
): Promise<HoldingFact[]> {
  if (scope.length === 0) return [];
  type Row = [string, string, string, string];
  const select = `SELECT a."id" AS "id", a."employeeId" AS "employeeId", a."postId" AS "postId", a."startDate" AS "startDate"
    FROM "OrgUnit" u
    CROSS JOIN "KeyPost" k
    CROSS JOIN "Assignment" a
    WHERE k."unitId" = u."id" AND a."postId" = k."id" AND a."kind" = 'holder' AND a."endDate" IS NULL
      AND k."active" = true AND ${under(scope)}`;
  const rows = await jsonRows<Row>(
    db,
    provider,
    select,
    ["id", "employeeId", "postId", "startDate"],
    [...scope],
    `q."id"`,
  );
  return rows.map(([assignmentId, employeeId, postId, startDate]) => ({ assignmentId, employeeId, postId, startDate }));
}

export async function selectEmployees(
  db: Prisma | Tx,
  provider: Provider,
  ids: readonly string[],
): Promise<Map<string, EmployeeFact>> {
  const out = new Map<string, EmployeeFact>();
  if (ids.length === 0) return out;
  type Row = [string, string, string, string | null];
  const select = `SELECT e."id" AS "id", e."code" AS "code", e."name" AS "name", e."nameEn" AS "nameEn" FROM "Employee" e WHERE ${inIds(provider, `e."id"`, 1)}`;
  for (const [id, code, name, nameEn] of await jsonRows<Row>(
    db,
    provider,
    select,
    ["id", "code", "name", "nameEn"],
    [idsParam(provider, ids)],
  ))
    out.set(id, { id, code, name, nameEn });
  return out;
}
