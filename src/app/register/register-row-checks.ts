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

/** No ids: one list shared by every row without any (rows are read, never changed). */
const NO_IDS: readonly string[] = [];

function ids(value: Cell | undefined, pattern: RegExp, lower: boolean): Checked<readonly string[]> {
  if (value === undefined) return NO_IDS;
  if (typeof value === "string" && value.indexOf(";") === -1 && value.indexOf("；") === -1) {
    // One id, the common case: list's split, trim and filter give [trimmed] or [].
    const item = value.trim();
    if (item === "") return NO_IDS;
    if (item.length > MAX_TEXT) return NO;
    const id = lower ? item.toLowerCase() : item;
    return pattern.test(id) ? [id] : NO;
  }
  const items = list(value);
  if (items === undefined) return NO_IDS;
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

/** A chunk's columns, each fetched once; a column the file lacks reads as blank. */
type Columns = ReadonlyMap<string, readonly (Cell | undefined)[]>;
const BLANK: readonly (Cell | undefined)[] = [];
const col = (columns: Columns, name: string) => columns.get(name) ?? BLANK;

const NO_ROLES: EmployeeRow["roles"] = [];

function employees(columns: Columns): (i: number) => EmployeeRow | undefined {
  const codes = col(columns, "code");
  const names = col(columns, "name");
  const namesEn = col(columns, "name_en");
  const emails = col(columns, "email");
  const unitCodes = col(columns, "unit_code");
  const statuses = col(columns, "status");
  const locales = col(columns, "locale");
  const slackIds = col(columns, "slack_user_id");
  const teamsIds = col(columns, "teams_aad_object_id");
  const roleCells = col(columns, "roles");
  return (i) => {
    const rowCode = code(codes[i]);
    const name = text(names[i]);
    const nameEn = text(namesEn[i]);
    const mail = email(emails[i]);
    const unitCode = code(unitCodes[i]);
    const status = oneOf(IMPORTED_STATUSES, statuses[i]);
    const lang = locale(locales[i]);
    const slack = ids(slackIds[i], SLACK_ID, false);
    const teams = ids(teamsIds[i], GUID, true);
    if (rowCode === undefined || rowCode === NO || name === undefined || name === NO || unitCode === undefined)
      return undefined;
    if (unitCode === NO || nameEn === NO || mail === NO || status === NO || lang === NO || slack === NO || teams === NO)
      return undefined;
    let roles: EmployeeRow["roles"] = NO_ROLES;
    const rolesCell = roleCells[i];
    if (rolesCell !== undefined) {
      // Roles are rare (managers, auditors, HR): their cell keeps its zod schema, alone.
      const parsed = ROLES_CELL.safeParse(rolesCell);
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
  };
}

const POST_NUMBERS = [
  "max_tenure_months",
  "leave_every_months",
  "leave_min_working_days",
  "compliance_lead_working_days",
] as const;

function posts(columns: Columns): (i: number) => PostRow | undefined {
  const codes = col(columns, "code");
  const names = col(columns, "name");
  const namesEn = col(columns, "name_en");
  const unitCodes = col(columns, "unit_code");
  const categories = col(columns, "category");
  const risks = col(columns, "risk_points");
  const policies = col(columns, "policy_code");
  const templates = col(columns, "checklist_template_code");
  const standards = col(columns, "standard_defined");
  const actives = col(columns, "active");
  const numbers = POST_NUMBERS.map((name) => col(columns, name));
  return (i) => {
    const rowCode = code(codes[i]);
    const name = text(names[i]);
    const nameEn = text(namesEn[i]);
    const unitCode = code(unitCodes[i]);
    const category = oneOf(POST_CATEGORIES, categories[i]);
    const riskPoints = list(risks[i]);
    const policyCode = code(policies[i]);
    const templateCode = code(templates[i]);
    const standardDefined = flag(standards[i]);
    const active = flag(actives[i]);
    if (rowCode === undefined || rowCode === NO || name === undefined || name === NO) return undefined;
    if (unitCode === undefined || unitCode === NO || category === undefined || category === NO) return undefined;
    if (nameEn === NO || riskPoints === NO || policyCode === NO || templateCode === NO) return undefined;
    if (standardDefined === NO || active === NO) return undefined;
    let ownNumbers = false;
    for (const column of numbers) {
      const n = text(column[i]);
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
  };
}

function assignments(columns: Columns): (i: number) => AssignmentRow | undefined {
  const employeeCodes = col(columns, "employee_code");
  const postCodes = col(columns, "post_code");
  const kinds = col(columns, "kind");
  const starts = col(columns, "start_date");
  const ends = col(columns, "end_date");
  const reasons = col(columns, "end_reason");
  return (i) => {
    const employeeCode = code(employeeCodes[i]);
    const postCode = code(postCodes[i]);
    const kind = oneOf(ASSIGNMENT_KINDS, kinds[i]);
    const startDate = date(starts[i]);
    const endDate = date(ends[i]);
    const endReason = oneOf(END_REASONS, reasons[i]);
    if (employeeCode === undefined || employeeCode === NO || postCode === undefined || postCode === NO)
      return undefined;
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
  };
}

/**
 * The kinds with a compiled check (the large ones), read from a chunk's columns: given the
 * columns, the check of row i. Units and clients keep zod alone.
 */
export const COLUMN_ROW_CHECKS: {
  readonly [K in RegisterKind]?: (columns: Columns) => (i: number) => RowOf[K] | undefined;
} = { employees, posts, assignments };

/** The same checks for one row given by its cells (the property test's form). */
export const COMPILED_ROW_CHECKS: { readonly [K in RegisterKind]?: (cells: Cells) => RowOf[K] | undefined } = {
  employees: (cells) => employees(columnsOf(cells))(0),
  posts: (cells) => posts(columnsOf(cells))(0),
  assignments: (cells) => assignments(columnsOf(cells))(0),
};

function columnsOf(cells: Cells): Columns {
  return new Map(Object.entries(cells).map(([name, value]) => [name, [value]]));
}
