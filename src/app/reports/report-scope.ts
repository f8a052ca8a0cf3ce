// Who sees which figures. A report covers the subtrees of the viewer's grants of a reporting role;
// within them, a leave counts only when the secrecy rule lets the viewer know of it: once revealed
// (started, or never sealed) by anyone whose scope reaches the holding; before that only by HR,
// compliance and its audit team (canSeeLeave).
import { isRevealed, canSeeLeave, type LeaveVisibility } from "../../domain/access/secrecy.ts";
import { covers, type Actor, type Role } from "../../domain/access/roles.ts";
import { DomainError } from "../../domain/errors.ts";
import type { ScopePaths } from "../../ports/report-queries.ts";

/** The roles that may ask for figures about their units: management, HR and compliance. */
export const REPORT_ROLES: readonly Role[] = ["hr", "compliance", "compliance_head", "manager", "executive"];

/**
 * The unit paths the viewer's figures cover: every grant of a reporting role, without paths
 * another one covers already. NOT_AUTHORISED when there is none (nobody gets a report of nothing);
 * SUSPENDED while the viewer's own mandatory leave runs.
 */
export function reportScope(viewer: Actor): ScopePaths {
  // A holder on leave exercises no role: no figures, no answers, no dashboard (issue #17).
  if (viewer.onLeave) throw new DomainError("SUSPENDED");
  const paths = [...new Set(viewer.grants.filter((g) => REPORT_ROLES.includes(g.role)).map((g) => g.unitPath))];
  const minimal = paths
    .filter((p) => !paths.some((q) => q !== p && covers(q, p)))
    .filter((p) => covers(p, p))
    .sort();
  if (minimal.length === 0) throw new DomainError("NOT_AUTHORISED");
  return minimal;
}

export function inScope(scope: ScopePaths, unitPath: string): boolean {
  return scope.some((p) => covers(p, unitPath));
}

/**
 * Whether a leave may be counted in the viewer's figures at `now`: a revealed leave is a fact about
 * a holding the viewer's scope already reaches; a sealed one not yet started only for those
 * `canSeeLeave` lets see it (never its holder).
 */
export function leaveCounts(viewer: Actor, leave: LeaveVisibility, now: Date): boolean {
  return isRevealed(leave, now) || canSeeLeave(viewer, leave, now);
}

/**
 * The operator's view: what `keypost export` runs as. HR, compliance and the compliance head over
 * the whole bank ("/"), so sealed leaves count before they start (docs/reports.md says why).
 */
export const OPERATOR_VIEWER: Actor = {
  employeeId: "operator",
  unitPath: "/",
  grants: [
    { role: "hr", unitPath: "/" },
    { role: "compliance", unitPath: "/" },
    { role: "compliance_head", unitPath: "/" },
  ],
  onLeave: false,
};
