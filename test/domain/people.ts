// The cast of the domain tests: people with their grants, all in or around one sub-branch.
import type { Actor, Role } from "../../src/domain/access/roles.ts";

/** The unit of the post every machine test works on. */
export const UNIT = "/HO/BR1/SB1/";

export function person(employeeId: string, grants: readonly (readonly [Role, string])[] = [], onLeave = false): Actor {
  return { employeeId, unitPath: UNIT, grants: grants.map(([role, unitPath]) => ({ role, unitPath })), onLeave };
}

export function onLeave(actor: Actor): Actor {
  return { ...actor, onLeave: true };
}

export const holder = person("holder");
export const substitute = person("substitute");
export const hr = person("hr", [["hr", "/HO/BR1/"]]);
export const hrElsewhere = person("hr-br2", [["hr", "/HO/BR2/"]]);
export const compliance = person("compliance", [["compliance", "/HO/"]]);
export const complianceHead = person("compliance-head", [["compliance_head", "/HO/"]]);
export const executive = person("vp", [["executive", "/HO/BR1/"]]);
export const manager = person("manager", [["manager", UNIT]]);
export const auditorInScope = person("auditor", [["auditor", "/HO/BR1/"]]);
export const stranger = person("stranger");
export const teamLeader = person("team-leader");
export const leadAuditor = person("lead-auditor");
export const member = person("member");

/** Every role over the whole bank: refused only by the suspension rule, a party rule or a data guard. */
export const everyRole = person("all-roles", [
  ["hr", "/HO/"],
  ["compliance", "/HO/"],
  ["compliance_head", "/HO/"],
  ["auditor", "/HO/"],
  ["manager", "/HO/"],
  ["executive", "/HO/"],
  ["admin", "/HO/"],
]);
