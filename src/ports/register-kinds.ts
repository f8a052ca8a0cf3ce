// The five kinds of register file, their columns, and how a file's kind is recognised.
// REGISTER_KINDS is the order kinds are reported and exported in; each kind refers only to kinds
// before it, so it is also an order to import in (the importer takes posts before employees, which
// neither refers to: import-register.ts). Formats: docs/register-files.md.

export const REGISTER_KINDS = ["units", "employees", "posts", "assignments", "clients"] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
}

const col = (name: string, required = false): ColumnSpec => ({ name, required });

/** Columns per kind, in the order the exporter writes them. */
/** A post's own numbers, optional columns of posts files (a bank that sets none leaves them out). */
export const POST_NUMBER_COLUMNS = [
  "max_tenure_months",
  "leave_every_months",
  "leave_min_working_days",
  "compliance_lead_working_days",
] as const;

export const REGISTER_COLUMNS: Record<RegisterKind, readonly ColumnSpec[]> = {
  units: [
    col("code", true),
    col("name", true),
    col("name_en"),
    col("kind", true),
    col("parent_code"),
    col("time_zone"),
    col("calendar_code"),
  ],
  employees: [
    col("code", true),
    col("name", true),
    col("name_en"),
    col("email"),
    col("unit_code", true),
    col("status"),
    col("locale"),
    col("roles"),
    col("slack_user_id"),
    col("teams_aad_object_id"),
  ],
  posts: [
    col("code", true),
    col("name", true),
    col("name_en"),
    col("unit_code", true),
    col("category", true),
    col("risk_points"),
    col("policy_code"),
    col("checklist_template_code"),
    col("standard_defined"),
    col("active"),
    // The post's own numbers (docs/policies.md): the importer stores them as policy "post.<code>".
    ...POST_NUMBER_COLUMNS.map((name) => col(name)),
  ],
  assignments: [
    col("employee_code", true),
    col("post_code", true),
    col("kind"),
    col("start_date", true),
    col("end_date"),
    col("end_reason"),
  ],
  clients: [col("code", true), col("name", true), col("name_en"), col("unit_code"), col("manager_code"), col("since")],
};

export function isRegisterKind(value: unknown): value is RegisterKind {
  return typeof value === "string" && (REGISTER_KINDS as readonly string[]).includes(value);
}

export function columnNames(kind: RegisterKind): string[] {
  return REGISTER_COLUMNS[kind].map((c) => c.name);
}

/** The columns of a file of `kind` that sets no post's own numbers: what generated banks write. */
export function plainColumnNames(kind: RegisterKind): string[] {
  const own: readonly string[] = POST_NUMBER_COLUMNS;
  return columnNames(kind).filter((name) => !own.includes(name));
}

/** "Name EN" / "name-en" / " NAME_EN " → "name_en": the forms spreadsheet users produce. */
export function normaliseColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * The kind a file name announces: `units.csv`, `2026-11.units.csv`, `bank_units.json`,
 * `demo-employees.csv` … (the kind is the last word before the extension).
 */
export function kindFromFileName(fileName: string): RegisterKind | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const match = /(?:^|[._-])([a-z]+)\.(?:csv|json)$/i.exec(base);
  const word = match?.[1]?.toLowerCase();
  return isRegisterKind(word) ? word : undefined;
}

/**
 * The kind a header row describes: the one kind whose required columns are all there and which
 * knows every column of the header. Undefined when no kind, or more than one, fits.
 */
export function kindFromHeader(header: readonly string[]): RegisterKind | undefined {
  const names = header.map(normaliseColumnName).filter((n) => n !== "");
  const fits = REGISTER_KINDS.filter((kind) => {
    const known = new Set(columnNames(kind));
    return (
      names.every((n) => known.has(n)) && REGISTER_COLUMNS[kind].every((c) => !c.required || names.includes(c.name))
    );
  });
  return fits.length === 1 ? fits[0] : undefined;
}
