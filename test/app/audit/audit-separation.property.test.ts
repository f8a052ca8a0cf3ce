// Separation of duties, through audit.form_team, for generated teams: a team is formed exactly when
// the domain's team rule allows it, and a formed team never holds the audited holder nor the
// substitute; a refused one leaves no member behind.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formTeam } from "../../../src/app/audit/form-team.ts";
import { TEAM_ROLES, auditTeamCheck, type TeamRole } from "../../../src/domain/access/separation.ts";
import { ENGINES } from "../../support/databases.ts";
import { CAST } from "../../support/small-bank.ts";
import { makeWorld, request, seedLeave, type World } from "./audit-world.ts";

const POOL = ["holder", "substitute", "leader", "lead", "member", "executive", "stranger", "manager", "hr"] as const;

const person = fc.constantFrom(...POOL);
/** Any roles at all (mostly refused), or well-shaped teams — one leader, one lead auditor, members — drawn from the same pool (often formed). */
const teams = fc.oneof(
  fc.array(fc.record({ who: person, role: fc.constantFrom(...TEAM_ROLES) }), { minLength: 1, maxLength: 5 }),
  fc
    .tuple(person, person, fc.array(person, { maxLength: 3 }))
    .map(([leader, lead, members]) => [
      { who: leader, role: "team_leader" as const },
      { who: lead, role: "lead_auditor" as const },
      ...members.map((who) => ({ who, role: "member" as const })),
    ]),
);

describe.each(ENGINES)("separation of duties through audit.form_team on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(engine);
  });
  afterAll(async () => w.close());

  it(
    "forms exactly the teams the rule allows, never with the holder or the substitute",
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(teams, fc.boolean(), async (proposed, byCode) => {
          const leaveId = await seedLeave(w);
          const auditId = await request(w, leaveId);
          const team = proposed.map((p) => ({ employeeId: w.ids[p.who], role: p.role as TeamRole }));
          const expected = auditTeamCheck(team, { holderId: w.ids.holder, substituteId: w.ids.substitute });
          const raw = proposed.map((p) => ({ person: byCode ? CAST[p.who].code : w.ids[p.who], role: p.role }));

          const outcome = await w.run(formTeam, { auditId, team: raw }, "compliance");
          const members = await w.db.prisma.auditMember.findMany({ where: { auditId } });
          if (expected === null) {
            expect(outcome).toMatchObject({ ok: true });
            expect(members.map((m) => `${m.employeeId}:${m.role}`).sort()).toEqual(
              team.map((m) => `${m.employeeId}:${m.role}`).sort(),
            );
          } else {
            expect(outcome).toMatchObject({ ok: false, code: expected });
            expect(members).toEqual([]);
          }
          expect(members.some((m) => m.employeeId === w.ids.holder || m.employeeId === w.ids.substitute)).toBe(false);
        }),
        { numRuns: 25 },
      );
    },
  );
});
