// The org register as the import and export use cases see it. Every method works on batches (a
// chunk of codes in, a chunk of rows out): the importer streams files of 100 000 rows and more,
// and a round trip per row would cost more than the whole import should take.
import type { Role } from "../domain/access/roles.ts";
import type { LogEntryInput } from "./audit-log.ts";
import type { AssignmentRow, ClientRow, EmployeeRow, PostRow, UnitRow } from "./register-rows.ts";

export type ChatPlatform = "slack" | "teams";

export interface UnitRecord {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly kind: string;
  readonly parentId: string | null;
  readonly path: string;
  readonly timeZone: string;
  readonly calendarId: string | null;
}

export interface RoleGrantRecord {
  readonly role: Role;
  readonly unitId: string;
}

export interface IdentityRecord {
  readonly id: string;
  readonly platform: ChatPlatform;
  readonly externalId: string;
}

export interface EmployeeFields {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly email: string | null;
  readonly unitId: string;
  /** active | on_leave | suspended | left — the last is the only one an import sets besides active. */
  readonly status: string;
  readonly locale: string | null;
}

export interface EmployeeRecord extends EmployeeFields {
  readonly roles: readonly RoleGrantRecord[];
  readonly identities: readonly IdentityRecord[];
}

export interface EmployeeRef {
  readonly id: string;
  readonly code: string;
  readonly status: string;
  readonly unitId: string;
}

export interface PostRecord {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly unitId: string;
  readonly category: string;
  readonly riskPoints: readonly string[];
  readonly policyId: string | null;
  readonly checklistTemplateId: string | null;
  readonly standardDefined: boolean;
  readonly active: boolean;
}

export interface AssignmentRecord {
  readonly id: string;
  readonly employeeId: string;
  readonly postId: string;
  readonly kind: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly endReason: string | null;
}

/** A new assignment naming its employee and post by code (a first load: see insertAssignmentsByCode). */
export interface NewAssignmentByCode {
  readonly id: string;
  readonly employeeCode: string;
  readonly postCode: string;
  readonly kind: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly endReason: string | null;
}

export interface ClientRecord {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly unitId: string | null;
  /** The open relationship-manager assignment (no end date), if any. */
  readonly current: {
    readonly id: string;
    readonly employeeId: string;
    readonly employeeCode: string;
    readonly startDate: string;
  } | null;
}

export interface NewRoleGrant extends RoleGrantRecord {
  readonly id: string;
  readonly employeeId: string;
}

export interface NewIdentity extends IdentityRecord {
  readonly employeeId: string;
}

export interface NewClientAssignment {
  readonly id: string;
  readonly clientId: string;
  readonly employeeId: string;
  readonly startDate: string;
  readonly reason: string;
}

/** The kinds whose first import loads its tables in bulk (beginBulkLoad). */
export type BulkKind = "employees" | "posts" | "assignments";

/**
 * Reads and writes of one import, all inside one transaction. `at` stamps createdAt/updatedAt. A
 * write given an empty list writes nothing (the importer's write-behind does not queue it).
 */
export interface RegisterRepository {
  /**
   * Whether the kind's table holds any row. An import into an empty table skips the lookups of
   * existing rows — the common case of a first, large import (duplicates within the files are
   * caught in memory).
   */
  isEmpty(kind: "employees" | "posts" | "assignments" | "clients"): Promise<boolean>;

  /**
   * The kind's tables are empty (isEmpty) and about to take a whole file's rows: the store may stop
   * keeping their secondary indexes row by row and build each once, sorted, at `endBulkLoad` —
   * which comes before anything reads those tables again. Inside the import's transaction: a dry
   * run or a refused import rolls it all back. Employees cover their role grants and chat ids.
   */
  beginBulkLoad(kind: BulkKind): Promise<void>;
  /**
   * Reads now what `beginBulkLoad` of these kinds will need (their tables' index definitions), so
   * that it does not wait behind the writes queued before it (an import calls it before its first write).
   */
  prepareBulkLoad(kinds: readonly BulkKind[]): Promise<void>;
  endBulkLoad(kind: BulkKind): Promise<void>;

  /** Small reference tables, whole: code → id. */
  calendarIds(): Promise<Map<string, string>>;
  policyIds(): Promise<Map<string, string>>;
  checklistTemplateIds(): Promise<Map<string, string>>;

  allUnits(): Promise<UnitRecord[]>;
  insertUnits(rows: readonly UnitRecord[], at: Date): Promise<void>;
  updateUnits(rows: readonly UnitRecord[], at: Date): Promise<void>;

  employeesByCode(codes: readonly string[]): Promise<EmployeeRecord[]>;
  /** e-mail → the code of the employee who has it. */
  employeeCodesByEmail(emails: readonly string[]): Promise<Map<string, string>>;
  /** externalId → the code of the employee it belongs to, on one platform. */
  employeeCodesByIdentity(platform: ChatPlatform, externalIds: readonly string[]): Promise<Map<string, string>>;
  employeeRefs(codes: readonly string[]): Promise<EmployeeRef[]>;
  insertEmployees(rows: readonly EmployeeFields[], at: Date): Promise<void>;
  updateEmployees(rows: readonly EmployeeFields[], at: Date): Promise<void>;
  clearEmails(employeeIds: readonly string[]): Promise<void>;
  deleteRoleGrants(employeeIds: readonly string[]): Promise<void>;
  insertRoleGrants(rows: readonly NewRoleGrant[]): Promise<void>;
  deleteIdentities(ids: readonly string[]): Promise<void>;
  insertIdentities(rows: readonly NewIdentity[]): Promise<void>;

  postsByCode(codes: readonly string[]): Promise<PostRecord[]>;
  postIdsByCode(codes: readonly string[]): Promise<Map<string, string>>;
  insertPosts(rows: readonly PostRecord[], at: Date): Promise<void>;
  updatePosts(rows: readonly PostRecord[], at: Date): Promise<void>;

  /** Every assignment of these employees (history included). */
  assignmentsOf(employeeIds: readonly string[]): Promise<AssignmentRecord[]>;
  insertAssignments(rows: readonly AssignmentRecord[], at: Date): Promise<void>;
  /**
   * The same rows naming the employee and the post by code, for a load whose employees and posts
   * were all written by this import (so the importer knows which codes exist without asking): the
   * statement looks the ids up itself. A code that is nowhere fails the write.
   */
  insertAssignmentsByCode(rows: readonly NewAssignmentByCode[], at: Date): Promise<void>;
  updateAssignments(rows: readonly AssignmentRecord[]): Promise<void>;

  clientsByCode(codes: readonly string[]): Promise<ClientRecord[]>;
  insertClients(rows: readonly Omit<ClientRecord, "current">[]): Promise<void>;
  updateClients(rows: readonly Omit<ClientRecord, "current">[]): Promise<void>;
  endClientAssignments(rows: readonly { id: string; endDate: string }[]): Promise<void>;
  updateClientAssignmentStarts(rows: readonly { id: string; startDate: string }[]): Promise<void>;
  insertClientAssignments(rows: readonly NewClientAssignment[]): Promise<void>;

  appendLog(entry: LogEntryInput): Promise<void>;
}

export interface RegisterStore {
  /**
   * Runs `work` in one transaction and commits only when `commit(result)` says so; otherwise every
   * write is rolled back and the result is returned all the same (dry runs, invalid files).
   */
  transaction<T>(work: (repo: RegisterRepository) => Promise<T>, commit: (result: T) => boolean): Promise<T>;
}

/** The register as files show it, in the exporter's order (docs/register-files.md). */
export interface RegisterExportSource {
  units(): AsyncIterable<UnitRow>;
  employees(): AsyncIterable<EmployeeRow>;
  posts(): AsyncIterable<PostRow>;
  assignments(): AsyncIterable<AssignmentRow>;
  clients(): AsyncIterable<ClientRow>;
}
