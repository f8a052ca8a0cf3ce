// audit.form_team: compliance (or the compliance head) in scope names the team — one team leader,
// one lead auditor, any members — never the audited holder nor the leave's substitute (the
// machine's separation rule). Each person on the team is told once; the team may know of a sealed
// leave. Forming it again (before the plan) replaces it.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { TEAM_ROLES, type TeamMember } from "../../domain/access/separation.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, expectedVersion, personRef } from "./audit-inputs.ts";
import { tell } from "./audit-notify.ts";
import { admit, auditContext, auditRef, bump, expectVersion, loadAudit, logAudit } from "./audit-subject.ts";

export const formTeamInput = z.object({
  auditId,
  team: z
    .array(z.object({ person: personRef, role: z.enum(TEAM_ROLES) }))
    .min(1)
    .max(20),
  expectedVersion,
});

/** People are named by id or employee code; someone unknown or gone is NOT_FOUND. */
async function resolveTeam(tx: TxPorts, team: z.infer<typeof formTeamInput>["team"]): Promise<TeamMember[]> {
  const members: TeamMember[] = [];
  for (const entry of team) {
    const person = (await tx.people.byId(entry.person)) ?? (await tx.people.byCode(entry.person));
    if (!person || person.status === "left") throw new DomainError("NOT_FOUND", { person: entry.person });
    members.push({ employeeId: person.id, role: entry.role });
  }
  return members;
}

function sameTeam(a: readonly TeamMember[], b: readonly TeamMember[]): boolean {
  const key = (team: readonly TeamMember[]) =>
    team
      .map((m) => `${m.employeeId}:${m.role}`)
      .sort()
      .join(",");
  return a.length === b.length && key(a) === key(b);
}

export const formTeam = useCase({
  name: "audit.form_team",
  input: formTeamInput,
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "form_team", env.now);
    expectVersion(audit, input.expectedVersion);
    const team = await resolveTeam(tx, input.team);
    if (audit.status === "team_formed" && sameTeam(team, audit.members)) throw new DomainError("ALREADY_DONE");
    const decision = decideOrThrow(
      auditMachine,
      audit.status,
      "form_team",
      auditContext(audit, who.actor, env.now, { team }),
    );
    await bump(tx, audit, { status: decision.to });
    await tx.audits.replaceTeam(audit.id, team);
    await logAudit(tx, env, who, audit, {
      action: "audit.team_formed",
      data: {
        team: team.map((m) => ({ employeeId: m.employeeId, role: m.role })),
        previous: audit.members.map((m) => m.employeeId),
      },
    });
    const formed = await loadAudit(tx, audit.id);
    // Keyed on version 1: a person is told of their assignment once, however often the team is re-formed.
    await tell(tx, env, formed, "audit_assigned", ["audit_team"], who.person.id, 1);
    return { message: bi("审计组已组建。", "The audit team is formed."), touched: [auditRef(audit.id)] };
  },
});
