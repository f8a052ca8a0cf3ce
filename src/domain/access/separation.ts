// Separation of duties: an auditor is never the audited holder nor the substitute; the executive who
// signs is not on the audit team (nor the audited holder); a substitute is not on leave and is not
// the holder.
import type { ReasonCode } from "../errors.ts";

export const TEAM_ROLES = ["team_leader", "lead_auditor", "member"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface TeamMember {
  readonly employeeId: string;
  readonly role: TeamRole;
}

/** The people an audit looks at. */
export interface AuditSubject {
  readonly holderId: string;
  readonly substituteId: string | null;
}

export interface SubstituteCandidate {
  readonly employeeId: string;
  readonly onLeave: boolean;
}

export function substituteCheck(substitute: SubstituteCandidate, holderId: string): ReasonCode | null {
  if (substitute.employeeId === holderId) return "SUBSTITUTE_IS_HOLDER";
  if (substitute.onLeave) return "SUBSTITUTE_ON_LEAVE";
  return null;
}

/** A team is one team leader, one lead auditor and any members, each person once, none of them audited. */
export function auditTeamCheck(team: readonly TeamMember[], subject: AuditSubject): ReasonCode | null {
  if (team.some((m) => m.employeeId === subject.holderId || m.employeeId === subject.substituteId)) {
    return "AUDITOR_CONFLICT";
  }
  if (new Set(team.map((m) => m.employeeId)).size !== team.length) return "TEAM_INVALID";
  const leaders = team.filter((m) => m.role === "team_leader").length;
  const leads = team.filter((m) => m.role === "lead_auditor").length;
  if (leaders > 1 || leads > 1) return "TEAM_INVALID";
  if (leaders === 0 || leads === 0) return "TEAM_INCOMPLETE";
  return null;
}

export function isOnTeam(team: readonly TeamMember[], employeeId: string): boolean {
  return team.some((m) => m.employeeId === employeeId);
}

export function signerCheck(signerId: string, team: readonly TeamMember[], subject: AuditSubject): ReasonCode | null {
  if (isOnTeam(team, signerId)) return "SIGNER_ON_TEAM";
  if (signerId === subject.holderId) return "SEPARATION_OF_DUTIES";
  return null;
}
