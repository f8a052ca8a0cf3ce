// What importing one employee row changes: the employee's fields, and its roles and chat
// identities, which the file's sets replace. Pure: records in, a change set out.
import type { ChatPlatform, EmployeeFields, EmployeeRecord, IdentityRecord, NewIdentity, NewRoleGrant, RoleGrantRecord } from "../../ports/register-repository.ts";
import type { NewId } from "../../ports/ids.ts";
import { changeLine, changed } from "./import-context.ts";
import type { EmployeeRow } from "./register-rows.ts";

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
  readonly line?: string;
}

export function identityKey(platform: ChatPlatform, externalId: string): string {
  return `${platform}:${externalId}`;
}

export function identitiesOf(row: EmployeeRow): { platform: ChatPlatform; externalId: string }[] {
  return [...row.slackUserIds.map((externalId) => ({ platform: "slack" as const, externalId })), ...row.teamsObjectIds.map((externalId) => ({ platform: "teams" as const, externalId }))];
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

export function employeeChange(input: ResolvedEmployee, before: EmployeeRecord | undefined, newId: NewId, unitCodeOf: (id: string) => string): EmployeeChange {
  const { row } = input;
  const id = before?.id ?? newId();
  const fields: EmployeeFields = {
    id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    email: row.email,
    unitId: input.unitId,
    status: nextStatus(before?.status, row.status),
    locale: row.locale,
  };
  const grants = () => input.grants.map((g) => ({ id: newId(), employeeId: id, role: g.role, unitId: g.unitId }));
  const wanted = identitiesOf(row);
  const kept = new Set((before?.identities ?? []).map((i) => identityKey(i.platform, i.externalId)));
  const wantedKeys = new Set(wanted.map((i) => identityKey(i.platform, i.externalId)));
  const dropIdentities = (before?.identities ?? []).filter((i) => !wantedKeys.has(identityKey(i.platform, i.externalId))).map((i) => i.id);
  const addIdentities = wanted.filter((i) => !kept.has(identityKey(i.platform, i.externalId))).map((i) => ({ id: newId(), employeeId: id, ...i }));

  if (!before) {
    return { kind: "created", fields, writeFields: true, emailChanged: false, replaceGrants: true, grants: grants(), dropIdentities, addIdentities, line: `+ ${row.code} ${row.name}` };
  }
  const rolesOf = (gs: readonly RoleGrantRecord[]) => gs.map((g) => `${g.role}@${unitCodeOf(g.unitId)}`).sort();
  const rolesChanged = [...new Set(before.roles.map(grantKey))].sort().join(";") !== [...new Set(input.grants.map(grantKey))].sort().join(";");
  const idsOf = (list: readonly Pick<IdentityRecord, "platform" | "externalId">[], platform: ChatPlatform) => list.filter((i) => i.platform === platform).map((i) => i.externalId).sort();
  const diffs = [
    changed("name", before.name, fields.name),
    changed("name_en", before.nameEn, fields.nameEn),
    changed("email", before.email, fields.email),
    before.unitId === fields.unitId ? undefined : changed("unit_code", unitCodeOf(before.unitId), unitCodeOf(fields.unitId)),
    changed("status", before.status, fields.status),
    changed("locale", before.locale, fields.locale),
    rolesChanged ? changed("roles", rolesOf(before.roles), rolesOf(input.grants)) : undefined,
    changed("slack_user_id", idsOf(before.identities, "slack"), idsOf(wanted, "slack")),
    changed("teams_aad_object_id", idsOf(before.identities, "teams"), idsOf(wanted, "teams")),
  ].filter((d) => d !== undefined);
  const fieldsChanged =
    before.name !== fields.name ||
    before.nameEn !== fields.nameEn ||
    before.email !== fields.email ||
    before.unitId !== fields.unitId ||
    before.status !== fields.status ||
    before.locale !== fields.locale;
  return {
    kind: diffs.length === 0 ? "unchanged" : "updated",
    fields,
    writeFields: fieldsChanged,
    emailChanged: before.email !== fields.email,
    replaceGrants: rolesChanged,
    grants: rolesChanged ? grants() : [],
    dropIdentities,
    addIdentities,
    line: diffs.length === 0 ? undefined : changeLine(row.code, diffs),
  };
}
