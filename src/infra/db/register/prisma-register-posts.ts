// The posts half of the register repository: key posts, assignments, clients and their
// relationship-manager assignments — batched raw SQL (register-sql.ts) inside the import's transaction.
import type {
  AssignmentRecord,
  ClientRecord,
  NewAssignmentByCode,
  NewClientAssignment,
  PostRecord,
} from "../../../ports/register-repository.ts";
import { asBool, type RegisterSql } from "./register-sql.ts";

type ClientFields = Omit<ClientRecord, "current">;

const POST_TEXT_COLUMNS = [
  "code",
  "name",
  "nameEn",
  "unitId",
  "category",
  "riskPoints",
  "policyId",
  "checklistTemplateId",
] as const;

interface PostRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  unitId: string;
  category: string;
  riskPoints: string;
  policyId: string | null;
  checklistTemplateId: string | null;
  standardDefined: unknown;
  active: unknown;
}

export function toPostRecord(row: PostRow): PostRecord {
  let riskPoints: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.riskPoints);
    if (Array.isArray(parsed)) riskPoints = parsed.map(String);
  } catch {
    riskPoints = []; // not JSON: treated as none, and rewritten by the next import that names them
  }
  return { ...row, riskPoints, standardDefined: asBool(row.standardDefined), active: asBool(row.active) };
}

/** A post's id and then its fields' values, in POST_FIELDS' order: one array a post, no copy. */
function postRow(p: PostRecord): unknown[] {
  return [
    p.id,
    p.code,
    p.name,
    p.nameEn,
    p.unitId,
    p.category,
    JSON.stringify(p.riskPoints),
    p.policyId,
    p.checklistTemplateId,
    p.standardDefined,
    p.active,
  ];
}

const POST_FIELDS = [
  ...POST_TEXT_COLUMNS.map((name) => ({ name })),
  { name: "standardDefined", type: "bool" as const },
  { name: "active", type: "bool" as const },
];

export async function postsByCode(sql: RegisterSql, codes: readonly string[]): Promise<PostRecord[]> {
  const columns = ["id", ...POST_TEXT_COLUMNS, "standardDefined", "active"] as const;
  const rows = await sql.arrays<unknown[]>(
    columns.map((c) => `"${c}"`),
    `FROM "KeyPost" WHERE ${sql.inList(`"code"`)}`,
    codes,
  );
  return rows.map((r) => toPostRecord(Object.fromEntries(columns.map((c, i) => [c, r[i]])) as unknown as PostRow));
}

export async function postIdsByCode(sql: RegisterSql, codes: readonly string[]): Promise<Map<string, string>> {
  return new Map(
    await sql.arrays<[string, string]>([`"code"`, `"id"`], `FROM "KeyPost" WHERE ${sql.inList(`"code"`)}`, codes),
  );
}

export function insertPosts(sql: RegisterSql, rows: readonly PostRecord[], at: Date): Promise<void> {
  return sql.insert("KeyPost", [{ name: "id" }, ...POST_FIELDS], rows.map(postRow), {
    columns: ["createdAt", "updatedAt"],
    at,
  });
}

export function updatePosts(sql: RegisterSql, rows: readonly PostRecord[], at: Date): Promise<void> {
  return sql.update("KeyPost", POST_FIELDS, rows.map(postRow), { columns: ["updatedAt"], at });
}

export async function assignmentsOf(sql: RegisterSql, employeeIds: readonly string[]): Promise<AssignmentRecord[]> {
  type Row = [string, string, string, string, string, string | null, string | null];
  const rows = await sql.arrays<Row>(
    ["id", "employeeId", "postId", "kind", "startDate", "endDate", "endReason"].map((c) => `"${c}"`),
    `FROM "Assignment" WHERE ${sql.inList(`"employeeId"`)}`,
    employeeIds,
  );
  return rows.map(([id, employeeId, postId, kind, startDate, endDate, endReason]) => ({
    id,
    employeeId,
    postId,
    kind,
    startDate,
    endDate,
    endReason,
  }));
}

export function insertAssignments(sql: RegisterSql, rows: readonly AssignmentRecord[], at: Date): Promise<void> {
  return sql.insertRecords(
    "Assignment",
    ["id", "employeeId", "postId", "kind", "startDate", "endDate", "endReason"],
    rows,
    { columns: ["createdAt"], at },
  );
}

/** A first load's assignments: the employee and post named by code, their ids looked up by the INSERT itself. */
export function insertAssignmentsByCode(
  sql: RegisterSql,
  rows: readonly NewAssignmentByCode[],
  at: Date,
): Promise<void> {
  return sql.insertRecords(
    "Assignment",
    ["id", "employeeCode", "postCode", "kind", "startDate", "endDate", "endReason"],
    rows,
    { columns: ["createdAt"], at },
    { employeeCode: { column: "employeeId", table: "Employee" }, postCode: { column: "postId", table: "KeyPost" } },
  );
}

export function updateAssignments(sql: RegisterSql, rows: readonly AssignmentRecord[]): Promise<void> {
  return sql.update(
    "Assignment",
    [{ name: "endDate" }, { name: "endReason" }],
    rows.map((a) => [a.id, a.endDate, a.endReason]),
  );
}

export async function clientsByCode(sql: RegisterSql, codes: readonly string[]): Promise<ClientRecord[]> {
  type Row = [
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
  ];
  const rows = await sql.arrays<Row>(
    [
      `c."id"`,
      `c."code"`,
      `c."name"`,
      `c."nameEn"`,
      `c."unitId"`,
      `ca."id"`,
      `ca."employeeId"`,
      `e."code"`,
      `ca."startDate"`,
    ],
    `FROM "Client" c
       LEFT JOIN "ClientAssignment" ca ON ca."clientId" = c."id" AND ca."endDate" IS NULL
       LEFT JOIN "Employee" e ON e."id" = ca."employeeId"
      WHERE ${sql.inList(`c."code"`)}`,
    codes,
  );
  const out = new Map<string, ClientRecord>();
  for (const [id, code, name, nameEn, unitId, caId, employeeId, employeeCode, startDate] of rows) {
    const previous = out.get(code)?.current;
    // Two open assignments (Keypost never writes them): the latest start counts.
    if (previous && startDate !== null && previous.startDate >= startDate) continue;
    const current =
      caId === null ? null : { id: caId, employeeId: employeeId!, employeeCode: employeeCode!, startDate: startDate! };
    out.set(code, { id, code, name, nameEn, unitId, current });
  }
  return [...out.values()];
}

export function insertClients(sql: RegisterSql, rows: readonly ClientFields[]): Promise<void> {
  return sql.insert(
    "Client",
    ["id", "code", "name", "nameEn", "unitId"].map((name) => ({ name })),
    rows.map((c) => [c.id, c.code, c.name, c.nameEn, c.unitId]),
  );
}

export function updateClients(sql: RegisterSql, rows: readonly ClientFields[]): Promise<void> {
  return sql.update(
    "Client",
    [{ name: "name" }, { name: "nameEn" }, { name: "unitId" }],
    rows.map((c) => [c.id, c.name, c.nameEn, c.unitId]),
  );
}

export function endClientAssignments(
  sql: RegisterSql,
  rows: readonly { id: string; endDate: string }[],
): Promise<void> {
  return sql.update(
    "ClientAssignment",
    [{ name: "endDate" }],
    rows.map((r) => [r.id, r.endDate]),
  );
}

export function updateClientAssignmentStarts(
  sql: RegisterSql,
  rows: readonly { id: string; startDate: string }[],
): Promise<void> {
  return sql.update(
    "ClientAssignment",
    [{ name: "startDate" }],
    rows.map((r) => [r.id, r.startDate]),
  );
}

export function insertClientAssignments(sql: RegisterSql, rows: readonly NewClientAssignment[]): Promise<void> {
  return sql.insert(
    "ClientAssignment",
    ["id", "clientId", "employeeId", "startDate", "reason"].map((name) => ({ name })),
    rows.map((r) => [r.id, r.clientId, r.employeeId, r.startDate, r.reason]),
  );
}
