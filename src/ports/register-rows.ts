// The register's rows as the core reads and writes them: one typed row per register kind, and
// the closed sets their columns take. Parsing them from files is src/app/register's business.
import type { Role } from "../domain/access/roles.ts";
import type { RegisterKind } from "./register-kinds.ts";

export interface RoleScope {
  readonly role: Role;
  /** The unit the role covers (with its subtree); null = the employee's own unit. */
  readonly unitCode: string | null;
}

export const UNIT_KINDS = ["head_office", "branch", "sub_branch", "department"] as const;
export const IMPORTED_STATUSES = ["active", "left"] as const;
export const POST_CATEGORIES = ["authority", "operations", "oversight"] as const;
export const ASSIGNMENT_KINDS = ["holder", "acting"] as const;
export const END_REASONS = ["rotation", "leave_cover_ended", "left", "correction"] as const;

export interface UnitRow {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly kind: (typeof UNIT_KINDS)[number];
  readonly parentCode: string | null;
  /** null = the parent's time zone. */
  readonly timeZone: string | null;
  readonly calendarCode: string | null;
}

export interface EmployeeRow {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly email: string | null;
  readonly unitCode: string;
  readonly status: (typeof IMPORTED_STATUSES)[number];
  readonly locale: "zh-CN" | "en" | null;
  readonly roles: readonly RoleScope[];
  readonly slackUserIds: readonly string[];
  readonly teamsObjectIds: readonly string[];
}

export interface PostRow {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly unitCode: string;
  readonly category: (typeof POST_CATEGORIES)[number];
  readonly riskPoints: readonly string[];
  readonly policyCode: string | null;
  readonly checklistTemplateCode: string | null;
  readonly standardDefined: boolean;
  readonly active: boolean;
}

export interface AssignmentRow {
  readonly employeeCode: string;
  readonly postCode: string;
  readonly kind: (typeof ASSIGNMENT_KINDS)[number];
  readonly startDate: string;
  readonly endDate: string | null;
  readonly endReason: (typeof END_REASONS)[number] | null;
}

export interface ClientRow {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly unitCode: string | null;
  readonly managerCode: string | null;
  /** null = keep the current manager's date, or today for a new manager. */
  readonly since: string | null;
}

export interface RowOf {
  units: UnitRow;
  employees: EmployeeRow;
  posts: PostRow;
  assignments: AssignmentRow;
  clients: ClientRow;
}

/** A cell as written back: text, a list, a flag, or empty. */
export type OutCell = string | readonly string[] | boolean | null;

/** One exported row: cells by column name, in the import formats. */
export type ExportRow = Readonly<Record<string, OutCell>>;

/** Writes one kind's rows to one file; answers where, and how many rows. */
export interface RegisterFileWriter {
  write(
    kind: RegisterKind,
    columns: readonly string[],
    rows: AsyncIterable<ExportRow>,
  ): Promise<{ file: string; rows: number }>;
}
