// The register rows' checks compiled by hand, for the rows that pass them: a 100 000-employee
// import ran a zod object schema per row, and zod (with the garbage its issue machinery and
// transforms leave) was the largest part of the import's own CPU after the database. Each function
// here accepts only a row every check of its zod schema (register-rows.ts) accepts, and returns the
// very row zod would; anything it is not sure of — a cell that is not text, any failed check, a
// roles cell it cannot read — returns undefined, and the zod schema parses the row instead and
// words every problem, as before. So no message changes: zod still writes them all
// (test/app/register/register-row-checks.test.ts compares both on generated rows).
import { z } from "zod";
import type { Cell } from "../../ports/register-source.ts";
import {
  ASSIGNMENT_KINDS,
  END_REASONS,
  IMPORTED_STATUSES,
  POST_CATEGORIES,
  type AssignmentRow,
  type EmployeeRow,
  type PostRow,
  type RowOf,
} from "../../ports/register-rows.ts";
import type { RegisterKind } from "../../ports/register-kinds.ts";
import { isLocalDate } from "../../domain/calendar/local-date.ts";
import { ROLES_CELL } from "./register-fields.ts";

type Cells = Readonly<Record<string, Cell>>;

/** A sentinel: the cell is present but not acceptable here (zod decides what to say). */
const NO = Symbol("no");
type Checked<T> = T | typeof NO;

const MAX_TEXT = 500;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SLACK_ID = /^[UW][A-Z0-9]{2,20}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WHOLE = /^\d{1,4}$/;
const LIST_SEPARATOR = /[;；]/;
const EMAIL = z.regexes.email;

/** TEXT: a string of at most 500 characters (undefined: the cell is absent). */
function text(value: Cell | undefined): Checked<string | undefined> {
  if (value === undefined) return undefined;
  return typeof value === "string" && value.length <= MAX_TEXT ? value : NO;
}

function code(value: Cell | undefined): Checked<string | undefined> {
  const t = text(value);
  return t === undefined || t === NO || CODE.test(t) ? t : NO;
}

function oneOf<T extends string>(values: readonly T[], value: Cell | undefined): Checked<T | undefined> {
  const t = text(value);
  if (t === undefined || t === NO) return t;
  const lower = t.toLowerCase();
  return (values as readonly string[]).includes(lower) ? (lower as T) : NO;
}

function date(value: Cell | undefined): Checked<string | undefined> {
  const t = text(value);
  return t === undefined || t === NO || isLocalDate(t) ? t : NO;
}

/** LIST from a CSV cell: split at ; or ；, trimmed, empty items dropped. */
function list(value: Cell | undefined): Checked<string[] | undefined> {
  if (value === undefined) return undefined;
  if (typeof value !== "string") return NO;
  const items: string[] = [];
  for (const item of value.split(LIST_SEPARATOR)) {
    const trimmed = item.trim();
    if (trimmed !== "") items.push(trimmed);
  }
  return items;
}

const FLAGS: ReadonlyMap<string, boolean> = new Map([
  ...["true", "yes", "y", "1", "是"].map((v) => [v, true] as const),
  ...["false", "no", "n", "0", "否"].map((v) => [v, false] as const),
]);

function flag(value: Cell | undefined): Checked<boolean | undefined> {
  const t = text(value);
  if (t === undefined || t === NO) return t;
  return FLAGS.get(t.toLowerCase()) ?? NO;
}

function locale(value: Cell | undefined): Checked<"zh-CN" | "en" | undefined> {
  const t = text(value);
  if (t === undefined || t === NO) return t;
  const v = t.toLowerCase();
  return v === "zh-cn" || v === "zh" ? "zh-CN" : v === "en" ? "en" : NO;
}

function email(value: Cell | undefined): Checked<string | undefined> {
  const t = text(value);
  if (t === undefined || t === NO) return t;
  const lower = t.toLowerCase();
  return EMAIL.test(lower) ? lower : NO;
}

function ids(value: Cell | undefined, pattern: RegExp, lower: boolean): Checked<string[]> {
  const items = list(value);
  if (items === undefined) return [];
  if (items === NO) return NO;
  const out: string[] = [];
  for (const item of items) {
    if (item.length > MAX_TEXT) return NO;
    const id = lower ? item.toLowerCase() : item;
    if (!pattern.test(id)) return NO;
    out.push(id);
  }
  return out;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function employee(c: Cells): EmployeeRow | undefined {
  const rowCode = code(c.code);
  const name = text(c.name);
  const nameEn = text(c.name_en);
  const mail = email(c.email);
  const unitCode = code(c.unit_code);
  const status = oneOf(IMPORTED_STATUSES, c.status);
  const lang = locale(c.locale);
  const slack = ids(c.slack_user_id, SLACK_ID, false);
  const teams = ids(c.teams_aad_object_id, GUID, true);
  if (rowCode === undefined || rowCode === NO || name === undefined || name === NO || unitCode === undefined)
    return undefined;
  if (unitCode === NO || nameEn === NO || mail === NO || status === NO || lang === NO || slack === NO || teams === NO)
    return undefined;
  let roles: EmployeeRow["roles"] = [];
  if (c.roles !== undefined) {
    // Roles are rare (managers, auditors, HR): their cell keeps its zod schema, alone.
    const parsed = ROLES_CELL.safeParse(c.roles);
    if (!parsed.success) return undefined;
    roles = parsed.data;
  }
  return {
    code: rowCode,
    name,
    nameEn: orNull(nameEn),
    email: orNull(mail),
    unitCode,
    status: status ?? "active",
    locale: orNull(lang),
    roles,
    slackUserIds: slack,
    teamsObjectIds: teams,
  };
}

const POST_NUMBERS = [
  "max_tenure_months",
  "leave_every_months",
  "leave_min_working_days",
  "compliance_lead_working_days",
] as const;

function post(c: Cells): PostRow | undefined {
  const rowCode = code(c.code);
  const name = text(c.name);
  const nameEn = text(c.name_en);
  const unitCode = code(c.unit_code);
  const category = oneOf(POST_CATEGORIES, c.category);
  const riskPoints = list(c.risk_points);
  const policyCode = code(c.policy_code);
  const templateCode = code(c.checklist_template_code);
  const standardDefined = flag(c.standard_defined);
  const active = flag(c.active);
  if (rowCode === undefined || rowCode === NO || name === undefined || name === NO) return undefined;
  if (unitCode === undefined || unitCode === NO || category === undefined || category === NO) return undefined;
  if (nameEn === NO || riskPoints === NO || policyCode === NO || templateCode === NO) return undefined;
  if (standardDefined === NO || active === NO) return undefined;
  let ownNumbers = false;
  for (const column of POST_NUMBERS) {
    const n = text(c[column]);
    if (n === NO || (n !== undefined && !WHOLE.test(n))) return undefined;
    if (n !== undefined) ownNumbers = true;
  }
  return {
    code: rowCode,
    name,
    nameEn: orNull(nameEn),
    unitCode,
    category,
    riskPoints: riskPoints ?? [],
    policyCode: ownNumbers ? `post.${rowCode}` : orNull(policyCode),
    checklistTemplateCode: orNull(templateCode),
    standardDefined: standardDefined ?? false,
    active: active ?? true,
  };
}

function assignment(c: Cells): AssignmentRow | undefined {
  const employeeCode = code(c.employee_code);
  const postCode = code(c.post_code);
  const kind = oneOf(ASSIGNMENT_KINDS, c.kind);
  const startDate = date(c.start_date);
  const endDate = date(c.end_date);
  const endReason = oneOf(END_REASONS, c.end_reason);
  if (employeeCode === undefined || employeeCode === NO || postCode === undefined || postCode === NO) return undefined;
  if (startDate === undefined || startDate === NO || kind === NO || endDate === NO || endReason === NO)
    return undefined;
  if (endDate !== undefined && endDate < startDate) return undefined;
  if (endReason !== undefined && endDate === undefined) return undefined;
  return {
    employeeCode,
    postCode,
    kind: kind ?? "holder",
    startDate,
    endDate: orNull(endDate),
    endReason: orNull(endReason),
  };
}

/** The kinds with a compiled check (the large ones); units and clients keep zod alone. */
export const COMPILED_ROW_CHECKS: { readonly [K in RegisterKind]?: (cells: Cells) => RowOf[K] | undefined } = {
  employees: employee,
  posts: post,
  assignments: assignment,
};
