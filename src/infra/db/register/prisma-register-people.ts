// The organisation half of the register repository: units, employees, their role grants and
// chat identities — batched raw SQL (register-sql.ts) inside the import's transaction.
import type { Role } from "../../../domain/access/roles.ts";
import type {
  ChatPlatform,
  EmployeeFields,
  EmployeeRecord,
  EmployeeRef,
  IdentityRecord,
  NewIdentity,
  NewRoleGrant,
  RoleGrantRecord,
  UnitRecord,
} from "../../../ports/register-repository.ts";
import type { RegisterSql } from "./register-sql.ts";

const UNIT_COLUMNS = ["id", "code", "name", "nameEn", "kind", "parentId", "path", "timeZone", "calendarId"] as const;
const EMPLOYEE_COLUMNS = ["id", "code", "name", "nameEn", "email", "unitId", "status", "locale"] as const;

export async function codeMap(
  sql: RegisterSql,
  table: "Calendar" | "Policy" | "ChecklistTemplate",
): Promise<Map<string, string>> {
  const rows = await sql.all<{ id: string; code: string }>(`SELECT "id", "code" FROM "${table}"`);
  return new Map(rows.map((r) => [r.code, r.id]));
}

export function allUnits(sql: RegisterSql): Promise<UnitRecord[]> {
  return sql.all<UnitRecord>(`SELECT ${UNIT_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "OrgUnit"`);
}

const CREATED = ["createdAt", "updatedAt"];
const UPDATED = ["updatedAt"];

export function insertUnits(sql: RegisterSql, rows: readonly UnitRecord[], at: Date): Promise<void> {
  return sql.insert(
    "OrgUnit",
    UNIT_COLUMNS.map((name) => ({ name })),
    rows.map((u) => UNIT_COLUMNS.map((c) => u[c])),
    { columns: CREATED, at },
  );
}

export function updateUnits(sql: RegisterSql, rows: readonly UnitRecord[], at: Date): Promise<void> {
  const fields = UNIT_COLUMNS.slice(1);
  return sql.update(
    "OrgUnit",
    fields.map((name) => ({ name })),
    rows.map((u) => [u.id, ...fields.map((c) => u[c])]),
    { columns: UPDATED, at },
  );
}

export async function employeesByCode(sql: RegisterSql, codes: readonly string[]): Promise<EmployeeRecord[]> {
  type Row = [
    string,
    string,
    string,
    string | null,
    string | null,
    string,
    string,
    string | null,
    [string, string][],
    [string, ChatPlatform, string][],
  ];
  const rows = await sql.arrays<Row>(
    [
      ...EMPLOYEE_COLUMNS.map((c) => `e."${c}"`),
      sql.nested([`g."role"`, `g."unitId"`], `FROM "RoleGrant" g WHERE g."employeeId" = e."id"`),
      sql.nested([`i."id"`, `i."platform"`, `i."externalId"`], `FROM "ChatIdentity" i WHERE i."employeeId" = e."id"`),
    ],
    `FROM "Employee" e WHERE ${sql.inList(`e."code"`)}`,
    codes,
  );
  return rows.map(([id, code, name, nameEn, email, unitId, status, locale, grants, identities]) => ({
    id,
    code,
    name,
    nameEn,
    email,
    unitId,
    status,
    locale,
    roles: grants.map(([role, grantUnitId]): RoleGrantRecord => ({ role: role as Role, unitId: grantUnitId })),
    identities: identities.map(([identityId, platform, externalId]): IdentityRecord => ({
      id: identityId,
      platform,
      externalId,
    })),
  }));
}

export async function employeeCodesByEmail(sql: RegisterSql, emails: readonly string[]): Promise<Map<string, string>> {
  const rows = await sql.arrays<[string, string]>(
    [`"email"`, `"code"`],
    `FROM "Employee" WHERE ${sql.inList(`"email"`)}`,
    emails,
  );
  return new Map(rows);
}

export async function employeeCodesByIdentity(
  sql: RegisterSql,
  platform: ChatPlatform,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  // The platform is one of two constants, never user text; the ids travel as the bound parameter.
  const rows = await sql.arrays<[string, string]>(
    [`i."externalId"`, `e."code"`],
    `FROM "ChatIdentity" i JOIN "Employee" e ON e."id" = i."employeeId" WHERE i."platform" = '${platform === "slack" ? "slack" : "teams"}' AND ${sql.inList(`i."externalId"`)}`,
    externalIds,
  );
  return new Map(rows);
}

export async function employeeRefs(sql: RegisterSql, codes: readonly string[]): Promise<EmployeeRef[]> {
  const rows = await sql.arrays<[string, string, string, string]>(
    [`"id"`, `"code"`, `"status"`, `"unitId"`],
    `FROM "Employee" WHERE ${sql.inList(`"code"`)}`,
    codes,
  );
  return rows.map(([id, code, status, unitId]) => ({ id, code, status, unitId }));
}

export function insertEmployees(sql: RegisterSql, rows: readonly EmployeeFields[], at: Date): Promise<void> {
  return sql.insertRecords("Employee", EMPLOYEE_COLUMNS, rows, { columns: CREATED, at });
}

export function updateEmployees(sql: RegisterSql, rows: readonly EmployeeFields[], at: Date): Promise<void> {
  const fields = EMPLOYEE_COLUMNS.slice(1);
  return sql.update(
    "Employee",
    fields.map((name) => ({ name })),
    rows.map((e) => [e.id, ...fields.map((c) => e[c])]),
    { columns: UPDATED, at },
  );
}

export function clearEmails(sql: RegisterSql, employeeIds: readonly string[]): Promise<void> {
  return sql.execute(`UPDATE "Employee" SET "email" = NULL WHERE ${sql.inList(`"id"`)}`, employeeIds);
}

export function deleteRoleGrants(sql: RegisterSql, employeeIds: readonly string[]): Promise<void> {
  return sql.execute(`DELETE FROM "RoleGrant" WHERE ${sql.inList(`"employeeId"`)}`, employeeIds);
}

export function insertRoleGrants(sql: RegisterSql, rows: readonly NewRoleGrant[]): Promise<void> {
  return sql.insertRecords("RoleGrant", ["id", "employeeId", "role", "unitId"], rows);
}

export function deleteIdentities(sql: RegisterSql, ids: readonly string[]): Promise<void> {
  return sql.execute(`DELETE FROM "ChatIdentity" WHERE ${sql.inList(`"id"`)}`, ids);
}

export function insertIdentities(sql: RegisterSql, rows: readonly NewIdentity[]): Promise<void> {
  return sql.insertRecords("ChatIdentity", ["id", "employeeId", "platform", "externalId"], rows);
}
