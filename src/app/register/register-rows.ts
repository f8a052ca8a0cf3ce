// One typed row per register kind: the zod schema that parses a file row into it, and the
// inverse that turns it back into cells for the exporter. Codes are the bank's own keys.
import {
  UNIT_KINDS,
  IMPORTED_STATUSES,
  POST_CATEGORIES,
  ASSIGNMENT_KINDS,
  END_REASONS,
} from "../../ports/register-rows.ts";
import type {
  UnitRow,
  EmployeeRow,
  PostRow,
  AssignmentRow,
  ClientRow,
  OutCell,
  RowOf,
  RoleScope,
} from "../../ports/register-rows.ts";
import { z } from "zod";
import {
  CODE,
  DATE,
  EMAIL,
  FLAG,
  LIST,
  LOCALE,
  ROLES_CELL,
  SLACK_USER_IDS,
  TEAMS_OBJECT_IDS,
  TEXT,
  TIME_ZONE,
  oneOf,
} from "./register-fields.ts";
import type { RegisterKind } from "../../ports/register-kinds.ts";
import type { RawRow, RowError } from "../../ports/register-source.ts";
import { COMPILED_ROW_CHECKS } from "./register-row-checks.ts";

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

const unitSchema = z
  .object({
    code: CODE,
    name: TEXT,
    name_en: TEXT.optional(),
    kind: oneOf(UNIT_KINDS),
    parent_code: CODE.optional(),
    time_zone: TIME_ZONE.optional(),
    calendar_code: CODE.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind === "head_office" && r.parent_code !== undefined)
      ctx.addIssue({ code: "custom", path: ["parent_code"], message: "a head office has no parent unit" });
    if (r.kind !== "head_office" && r.parent_code === undefined)
      ctx.addIssue({ code: "custom", path: ["parent_code"], message: `required for a ${r.kind.replace("_", "-")}` });
    if (r.parent_code === r.code)
      ctx.addIssue({ code: "custom", path: ["parent_code"], message: "a unit cannot be its own parent" });
  })
  .transform((r): UnitRow => ({
    code: r.code,
    name: r.name,
    nameEn: orNull(r.name_en),
    kind: r.kind,
    parentCode: orNull(r.parent_code),
    timeZone: orNull(r.time_zone),
    calendarCode: orNull(r.calendar_code),
  }));

const employeeSchema = z
  .object({
    code: CODE,
    name: TEXT,
    name_en: TEXT.optional(),
    email: EMAIL.optional(),
    unit_code: CODE,
    status: oneOf(IMPORTED_STATUSES).optional(),
    locale: LOCALE.optional(),
    roles: ROLES_CELL.optional(),
    slack_user_id: SLACK_USER_IDS.optional(),
    teams_aad_object_id: TEAMS_OBJECT_IDS.optional(),
  })
  .transform((r): EmployeeRow => ({
    code: r.code,
    name: r.name,
    nameEn: orNull(r.name_en),
    email: orNull(r.email),
    unitCode: r.unit_code,
    status: r.status ?? "active",
    locale: orNull(r.locale),
    roles: r.roles ?? [],
    slackUserIds: r.slack_user_id ?? [],
    teamsObjectIds: r.teams_aad_object_id ?? [],
  }));

/** The post columns that carry the post's own policy numbers. */
export const POST_NUMBER_COLUMNS = [
  "max_tenure_months",
  "leave_every_months",
  "leave_min_working_days",
  "compliance_lead_working_days",
] as const;

/** The code of the policy holding a post's own numbers. */
export const ownPolicyCode = (postCode: string): string => `post.${postCode}`;

const WHOLE = TEXT.regex(/^\d{1,4}$/, { error: (issue) => `"${String(issue.input)}" is not a whole number` });

const postSchema = z
  .object({
    code: CODE,
    name: TEXT,
    name_en: TEXT.optional(),
    unit_code: CODE,
    category: oneOf(POST_CATEGORIES),
    risk_points: LIST.optional(),
    policy_code: CODE.optional(),
    checklist_template_code: CODE.optional(),
    standard_defined: FLAG.optional(),
    active: FLAG.optional(),
    max_tenure_months: WHOLE.optional(),
    leave_every_months: WHOLE.optional(),
    leave_min_working_days: WHOLE.optional(),
    compliance_lead_working_days: WHOLE.optional(),
  })
  .transform((r): PostRow => ({
    code: r.code,
    name: r.name,
    nameEn: orNull(r.name_en),
    unitCode: r.unit_code,
    category: r.category,
    riskPoints: r.risk_points ?? [],
    // A post with its own numbers points at the policy the importer made of them.
    policyCode: POST_NUMBER_COLUMNS.some((c) => r[c] !== undefined) ? ownPolicyCode(r.code) : orNull(r.policy_code),
    checklistTemplateCode: orNull(r.checklist_template_code),
    standardDefined: r.standard_defined ?? false,
    active: r.active ?? true,
  }));

const assignmentSchema = z
  .object({
    employee_code: CODE,
    post_code: CODE,
    kind: oneOf(ASSIGNMENT_KINDS).optional(),
    start_date: DATE,
    end_date: DATE.optional(),
    end_reason: oneOf(END_REASONS).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.end_date !== undefined && r.end_date < r.start_date)
      ctx.addIssue({
        code: "custom",
        path: ["end_date"],
        message: `${r.end_date} is before the start date ${r.start_date}`,
      });
    if (r.end_reason !== undefined && r.end_date === undefined)
      ctx.addIssue({ code: "custom", path: ["end_reason"], message: "an end reason needs an end date" });
  })
  .transform((r): AssignmentRow => ({
    employeeCode: r.employee_code,
    postCode: r.post_code,
    kind: r.kind ?? "holder",
    startDate: r.start_date,
    endDate: orNull(r.end_date),
    endReason: orNull(r.end_reason),
  }));

const clientSchema = z
  .object({
    code: CODE,
    name: TEXT,
    name_en: TEXT.optional(),
    unit_code: CODE.optional(),
    manager_code: CODE.optional(),
    since: DATE.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.since !== undefined && r.manager_code === undefined)
      ctx.addIssue({ code: "custom", path: ["since"], message: "a date without a manager_code" });
  })
  .transform((r): ClientRow => ({
    code: r.code,
    name: r.name,
    nameEn: orNull(r.name_en),
    unitCode: orNull(r.unit_code),
    managerCode: orNull(r.manager_code),
    since: orNull(r.since),
  }));

const SCHEMAS: { [K in RegisterKind]: z.ZodType<RowOf[K]> } = {
  units: unitSchema,
  employees: employeeSchema,
  posts: postSchema,
  assignments: assignmentSchema,
  clients: clientSchema,
};

export type ParsedRow<K extends RegisterKind> = { ok: true; row: RowOf[K] } | { ok: false; errors: RowError[] };

/**
 * Parses one raw row; every problem of the row is reported, one per column. A row the kind's
 * compiled checks accept (register-row-checks.ts) is taken as they return it; any other goes
 * through the zod schema, which words the problems.
 */
export function parseRow<K extends RegisterKind>(kind: K, file: string, raw: RawRow): ParsedRow<K> {
  const row = COMPILED_ROW_CHECKS[kind]?.(raw.cells);
  return row === undefined ? parseRowWithZod(kind, file, raw) : { ok: true, row };
}

/** The zod schema alone: what parseRow falls back to, and what the compiled checks are tested against. */
export function parseRowWithZod<K extends RegisterKind>(kind: K, file: string, raw: RawRow): ParsedRow<K> {
  const parsed = SCHEMAS[kind].safeParse(raw.cells);
  if (parsed.success) return { ok: true, row: parsed.data };
  const seen = new Set<string>();
  const errors: RowError[] = [];
  for (const issue of parsed.error.issues) {
    const column = issue.path.length > 0 ? String(issue.path[0]) : "";
    if (seen.has(column)) continue; // one problem per column is enough to fix it
    seen.add(column);
    errors.push({ file, line: raw.line, column, reason: issue.message });
  }
  return { ok: false, errors };
}

export function formatRole(scope: RoleScope): string {
  return scope.unitCode === null ? scope.role : `${scope.role}@${scope.unitCode}`;
}

export const FORMATTERS: { [K in RegisterKind]: (row: RowOf[K]) => Record<string, OutCell> } = {
  units: (r) => ({
    code: r.code,
    name: r.name,
    name_en: r.nameEn,
    kind: r.kind,
    parent_code: r.parentCode,
    time_zone: r.timeZone,
    calendar_code: r.calendarCode,
  }),
  employees: (r) => ({
    code: r.code,
    name: r.name,
    name_en: r.nameEn,
    email: r.email,
    unit_code: r.unitCode,
    status: r.status,
    locale: r.locale,
    roles: r.roles.map(formatRole),
    slack_user_id: r.slackUserIds,
    teams_aad_object_id: r.teamsObjectIds,
  }),
  posts: (r) => ({
    code: r.code,
    name: r.name,
    name_en: r.nameEn,
    unit_code: r.unitCode,
    category: r.category,
    risk_points: r.riskPoints,
    policy_code: r.policyCode,
    checklist_template_code: r.checklistTemplateCode,
    standard_defined: r.standardDefined,
    active: r.active,
  }),
  assignments: (r) => ({
    employee_code: r.employeeCode,
    post_code: r.postCode,
    kind: r.kind,
    start_date: r.startDate,
    end_date: r.endDate,
    end_reason: r.endReason,
  }),
  clients: (r) => ({
    code: r.code,
    name: r.name,
    name_en: r.nameEn,
    unit_code: r.unitCode,
    manager_code: r.managerCode,
    since: r.since,
  }),
};
