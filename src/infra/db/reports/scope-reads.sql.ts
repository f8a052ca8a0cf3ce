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
import type {
  AuditFact,
  EmployeeFact,
  HoldingFact,
  PostFact,
  ScopePaths,
  UnitFact,
} from "../../../ports/report-queries.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { bool, idsParam, inIds, jsonRows } from "./json-rows.sql.ts";

/**
 * `u."path"` starts with one of the scope's paths, which are parameters $1 … $n. On PostgreSQL
 * (`provider` given) as a LIKE with the path's `\`, `%` and `_` escaped — the same test, exactly —
 * because the planner estimates a LIKE prefix from the column's statistics but a `substr(…) = …`
 * as 0.5 % of the units: a bank-wide scope (every unit) then planned as ten units, and the
 * holdings were read by ~19 000 index probes instead of one hash join (93 → 39 ms; decision 20.25).
 * SQLite's LIKE ignores ASCII case, so SQLite keeps the prefix test (its join order is fixed by
 * CROSS JOIN anyway).
 */
export function under(scope: ScopePaths, provider?: Provider): string {
  const one = (n: number) =>
    provider === "postgres"
      ? `u."path" LIKE (replace(replace(replace(CAST($${n} AS text), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%') ESCAPE '\\'`
      : `substr(u."path", 1, length(CAST($${n} AS text))) = CAST($${n} AS text)`;
  return `(${scope.map((_, i) => one(i + 1)).join(" OR ")})`;
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
    WHERE k."unitId" = u."id" AND k."active" = true AND ${under(scope, provider)}`;
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
      AND k."active" = true AND ${under(scope, provider)}`;
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

/** An instant as the engine gives it in JSON, as ISO text (PostgreSQL's timestamp(3) holds UTC). */
function isoText(provider: Provider, column: string): string {
  return provider === "sqlite" ? column : `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The audits of a scope's units, each with its post's code and its first signature, in id order
 * (the Prisma read it replaces read the scope's units, then their audits 500 units at a time, then
 * the post codes: ~1.4 s bank-wide under load). Audits are scanned, not reached through units: a
 * bank has a few thousand a year, and the scope test is a prefix test on the unit's path.
 */
export async function selectScopeAudits(db: Prisma | Tx, provider: Provider, scope: ScopePaths): Promise<AuditFact[]> {
  if (scope.length === 0) return [];
  return selectAudits(db, provider, under(scope, provider), [...scope]);
}

/**
 * Every audit of these holders, wherever it was: a keyed read (the holder index), for a person's
 * status, which shows one person's audits and read every audit of the asker's scope to keep them
 * (decision 16.s9d-1). The application keeps those in scope, as it does after `selectScopeAudits`.
 */
export async function selectHolderAudits(
  db: Prisma | Tx,
  provider: Provider,
  holderIds: readonly string[],
): Promise<AuditFact[]> {
  if (holderIds.length === 0) return [];
  return selectAudits(db, provider, inIds(provider, `a."holderId"`, 1), [idsParam(provider, holderIds)]);
}

async function selectAudits(
  db: Prisma | Tx,
  provider: Provider,
  where: string,
  args: readonly unknown[],
): Promise<AuditFact[]> {
  type Row = [
    string,
    string,
    string,
    string,
    string,
    string | null,
    string,
    string | null,
    string | null,
    string | null,
  ];
  const select = `SELECT a."id" AS "id", a."postId" AS "postId", COALESCE(k."code", a."postId") AS "postCode",
      a."unitId" AS "unitId", a."holderId" AS "holderId", a."leaveId" AS "leaveId", a."status" AS "status",
      a."dueDate" AS "dueDate", ${isoText(provider, `a."closedAt"`)} AS "closedAt",
      ${isoText(provider, `(SELECT MIN(s."at") FROM "AuditSignature" s WHERE s."auditId" = a."id")`)} AS "signedAt"
    FROM "Audit" a
    JOIN "OrgUnit" u ON u."id" = a."unitId"
    LEFT JOIN "KeyPost" k ON k."id" = a."postId"
    WHERE ${where}`;
  const rows = await jsonRows<Row>(
    db,
    provider,
    select,
    ["id", "postId", "postCode", "unitId", "holderId", "leaveId", "status", "dueDate", "closedAt", "signedAt"],
    args,
    `q."id"`,
  );
  return rows.map(([id, postId, postCode, unitId, holderId, leaveId, status, dueDate, closedAt, signedAt]) => ({
    id,
    postId,
    postCode,
    unitId,
    holderId,
    leaveId,
    status,
    dueDate,
    closedAt: closedAt === null ? null : new Date(closedAt),
    signedAt: signedAt === null ? null : new Date(signedAt),
  }));
}

/** Every unit with its own calendar's code (null: it inherits its parent's), in path order. */
export async function selectUnits(db: Prisma | Tx, provider: Provider): Promise<UnitFact[]> {
  type Row = [string, string, string, string, string, string | null];
  const select = `SELECT u."id" AS "id", u."code" AS "code", u."name" AS "name", u."path" AS "path",
      u."timeZone" AS "timeZone", c."code" AS "calendarCode"
    FROM "OrgUnit" u LEFT JOIN "Calendar" c ON c."id" = u."calendarId"`;
  const rows = await jsonRows<Row>(
    db,
    provider,
    select,
    ["id", "code", "name", "path", "timeZone", "calendarCode"],
    [],
    `q."path"`,
  );
  return rows.map(([id, code, name, path, timeZone, calendarCode]) => ({
    id,
    code,
    name,
    path,
    timeZone,
    calendarCode,
  }));
}
