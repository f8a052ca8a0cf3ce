// Who a rotation's notices go to and who may see its card. Roles are scoped: HR and compliance over
// the post's unit; the holder's manager is the nearest manager above the post (not the holder).
import type { Actor, Role } from "../../domain/access/roles.ts";
import { covers, hasAnyRole } from "../../domain/access/roles.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { personLabel } from "./person-label.ts";

/** The people holding `role` on the deepest unit that has one, at or above `unitPath`. */
export async function nearestWithRole(
  tx: TxPorts,
  role: Role,
  unitPath: string,
  exclude: readonly (string | null)[] = [],
): Promise<Person[]> {
  const all = (await tx.people.withRoleCovering(role, unitPath)).filter((p) => !exclude.includes(p.id));
  const depth = (p: Person) =>
    Math.max(...p.grants.filter((g) => g.role === role && covers(g.unitPath, unitPath)).map((g) => g.unitPath.length));
  const deepest = Math.max(...all.map(depth));
  return all.filter((p) => depth(p) === deepest);
}

/** Everyone holding one of `roles` over the unit, each once. */
export async function withRolesOver(
  tx: TxPorts,
  roles: readonly Role[],
  unitPath: string,
  exclude: readonly (string | null)[] = [],
): Promise<Person[]> {
  const seen = new Map<string, Person>();
  for (const role of roles)
    for (const p of await tx.people.withRoleCovering(role, unitPath)) if (!exclude.includes(p.id)) seen.set(p.id, p);
  return [...seen.values()];
}

/** Who approves a rotation or a plan over a unit: its nearest managers, else its nearest executives. */
export async function approversOver(
  tx: TxPorts,
  unitPath: string,
  exclude: readonly (string | null)[] = [],
): Promise<Person[]> {
  const managers = await nearestWithRole(tx, "manager", unitPath, exclude);
  return managers.length > 0 ? managers : nearestWithRole(tx, "executive", unitPath, exclude);
}

export function isOfficerOver(actor: Actor, roles: readonly Role[], unitPath: string): boolean {
  return hasAnyRole(actor, roles, unitPath);
}

/** A name as both languages show it. */
export function nameOf(person: Pick<Person, "name" | "nameEn" | "code"> | undefined): { zh: string; en: string } {
  if (!person) return { zh: "—", en: "—" };
  const label = personLabel(person);
  return { zh: label["zh-CN"], en: label.en };
}
