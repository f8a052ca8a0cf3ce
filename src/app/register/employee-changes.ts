// What importing one employee row changes: the employee's fields, and its roles and chat
// identities, which the file's sets replace. Pure: records in, a change set out.
import type {
  ChatPlatform,
  EmployeeFields,
  EmployeeRecord,
  IdentityRecord,
  NewIdentity,
  NewRoleGrant,
  RoleGrantRecord,
} from "../../ports/register-repository.ts";
import type { NewId } from "../../ports/ids.ts";
import { changeLine, changed } from "./import-context.ts";
import type { EmployeeRow } from "../../ports/register-rows.ts";

/** A row whose references resolved: its unit and role scopes are unit ids. */
export interface ResolvedEmployee {
  readonly row: EmployeeRow;
  readonly unitId: string;
  readonly grants: readonly RoleGrantRecord[];
}

export interface EmployeeChange {
  readonly kind: "created" | "updated" | "unchanged";
  readonly fields: EmployeeFields;
  /** Write the fields (created or updated ones only). */
  readonly writeFields: boolean;
  readonly emailChanged: boolean;
  /** Replace the grants with `grants` (delete the old set first when updating). */
  readonly replaceGrants: boolean;
  readonly grants: readonly NewRoleGrant[];
  readonly dropIdentities: readonly string[];
  readonly addIdentities: readonly NewIdentity[];
  /** The change as the dry run shows it (made on demand: only the first few are shown); a created one's is createdLine. */
  readonly line?: string | (() => string);
}

/** "+ E0001 张三": a created employee's line. */
export function createdLine(fields: Pick<EmployeeFields, "code" | "name">): string {
  return `+ ${fields.code} ${fields.name}`;
}

export function identityKey(platform: ChatPlatform, externalId: string): string {
  return `${platform}:${externalId}`;
}

export function identitiesOf(row: EmployeeRow): { platform: ChatPlatform; externalId: string }[] {
  const out: { platform: ChatPlatform; externalId: string }[] = [];
  for (const externalId of row.slackUserIds) out.push({ platform: "slack", externalId });
  for (const externalId of row.teamsObjectIds) out.push({ platform: "teams", externalId });
  return out;
}

/**
 * Workflow states (on leave, suspended) belong to Keypost's leave process, not to HR's file: an
 * "active" row leaves them as they are. "left" always wins; "active" brings back someone who left.
 */
export function nextStatus(current: string | undefined, fromFile: EmployeeRow["status"]): string {
  if (fromFile === "left") return "left";
  return current === "on_leave" || current === "suspended" ? current : "active";
}

const grantKey = (g: RoleGrantRecord) => `${g.role}@${g.unitId}`;

/** The same set of grants (order and repeats aside)? Most employees have none: that is the fast path. */
function sameGrants(a: readonly RoleGrantRecord[], b: readonly RoleGrantRecord[]): boolean {
  if (a.length === 0 && b.length === 0) return true;
  const left = new Set(a.map(grantKey));
  const right = new Set(b.map(grantKey));
  return left.size === right.size && [...left].every((k) => right.has(k));
}

const NOTHING: readonly never[] = Object.freeze([]);

/** Whether the list has that chat id (lists of one or two: no set is worth making). */
function listed(
  list: readonly Pick<IdentityRecord, "platform" | "externalId">[],
  platform: ChatPlatform,
  externalId: string,
): boolean {
  for (const i of list) if (i.platform === platform && i.externalId === externalId) return true;
  return false;
}

function newGrants(grants: readonly RoleGrantRecord[], employeeId: string, newId: NewId): NewRoleGrant[] {
  return grants.map((g) => ({ id: newId(), employeeId, role: g.role, unitId: g.unitId }));
}

/** The employee's row as the file has it, its status moved on from `current` (undefined: new). */
function fieldsOf(input: ResolvedEmployee, id: string, current: string | undefined): EmployeeFields {
  const { row } = input;
  return {
    id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    email: row.email,
    unitId: input.unitId,
    status: nextStatus(current, row.status),
    locale: row.locale,
  };
}

/**
 * A new employee's row: its chat ids are appended to `identities` and its grants to `grants`, the ids
 * made in that order (the employee's, its chat ids', its grants'). A first load appends a whole chunk's
 * to one list each, with no change object per row (decision 13.s13i-4).
 */
export function newEmployee(
  input: ResolvedEmployee,
  newId: NewId,
  identities: NewIdentity[],
  grants: NewRoleGrant[],
): EmployeeFields {
  const { row } = input;
  const id = newId();
  for (const externalId of row.slackUserIds)
    identities.push({ id: newId(), employeeId: id, platform: "slack", externalId });
  for (const externalId of row.teamsObjectIds)
    identities.push({ id: newId(), employeeId: id, platform: "teams", externalId });
  for (const g of input.grants) grants.push({ id: newId(), employeeId: id, role: g.role, unitId: g.unitId });
  return fieldsOf(input, id, undefined);
}

/** A new employee: every chat id is added, nothing dropped. */
function created(input: ResolvedEmployee, newId: NewId): EmployeeChange {
  const addIdentities: NewIdentity[] = [];
  const grants: NewRoleGrant[] = [];
  const fields = newEmployee(input, newId, addIdentities, grants);
  return {
    kind: "created",
    fields,
    writeFields: true,
    emailChanged: false,
    replaceGrants: true,
    grants: grants.length === 0 ? NOTHING : grants,
    dropIdentities: NOTHING,
    addIdentities,
    // "+ code name" is made by the step for the few changes shown (createdLine): a first load makes
    // 100 000 of these, and a line each was ~100 bytes of garbage (decision 13.s12i-4).
  };
}

export function employeeChange(
  input: ResolvedEmployee,
  before: EmployeeRecord | undefined,
  newId: NewId,
  unitCodeOf: (id: string) => string,
): EmployeeChange {
  const { row } = input;
  if (!before) return created(input, newId);
  const id = before.id;
  const fields = fieldsOf(input, id, before.status);
  const wanted = identitiesOf(row);
  const had = before.identities;
  const dropIdentities: string[] = [];
  for (const i of had) if (!listed(wanted, i.platform, i.externalId)) dropIdentities.push(i.id);
  const addIdentities: NewIdentity[] = [];
  for (const i of wanted)
    if (!listed(had, i.platform, i.externalId))
      addIdentities.push({ id: newId(), employeeId: id, platform: i.platform, externalId: i.externalId });

  const fieldsChanged =
    before.name !== fields.name ||
    before.nameEn !== fields.nameEn ||
    before.email !== fields.email ||
    before.unitId !== fields.unitId ||
    before.status !== fields.status ||
    before.locale !== fields.locale;
  const rolesChanged = !sameGrants(before.roles, input.grants);
  const identitiesChanged = dropIdentities.length > 0 || addIdentities.length > 0;
  const kind = fieldsChanged || rolesChanged || identitiesChanged ? "updated" : "unchanged";
  return {
    kind,
    fields,
    writeFields: fieldsChanged,
    emailChanged: before.email !== fields.email,
    replaceGrants: rolesChanged,
    grants: rolesChanged ? newGrants(input.grants, id, newId) : [],
    dropIdentities,
    addIdentities,
    line: kind === "unchanged" ? undefined : () => describe(before, fields, input.grants, wanted, unitCodeOf),
  };
}

/** "~ E0002 unit_code BR1 → BR2; roles (empty) → auditor@BR1" — made only for the changes shown. */
function describe(
  before: EmployeeRecord,
  after: EmployeeFields,
  grants: readonly RoleGrantRecord[],
  wanted: readonly Pick<IdentityRecord, "platform" | "externalId">[],
  unitCodeOf: (id: string) => string,
): string {
  const roles = (gs: readonly RoleGrantRecord[]) =>
    [...new Set(gs.map((g) => `${g.role}@${unitCodeOf(g.unitId)}`))].sort();
  const ids = (list: readonly Pick<IdentityRecord, "platform" | "externalId">[], platform: ChatPlatform) =>
    list
      .filter((i) => i.platform === platform)
      .map((i) => i.externalId)
      .sort();
  return changeLine(after.code, [
    changed("name", before.name, after.name),
    changed("name_en", before.nameEn, after.nameEn),
    changed("email", before.email, after.email),
    before.unitId === after.unitId
      ? undefined
      : changed("unit_code", unitCodeOf(before.unitId), unitCodeOf(after.unitId)),
    changed("status", before.status, after.status),
    changed("locale", before.locale, after.locale),
    changed("roles", roles(before.roles), roles(grants)),
    changed("slack_user_id", ids(before.identities, "slack"), ids(wanted, "slack")),
    changed("teams_aad_object_id", ids(before.identities, "teams"), ids(wanted, "teams")),
  ]);
}
