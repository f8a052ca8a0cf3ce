import { describe, expect, it } from "vitest";
import { covers, hasRole, isUnitPath, roleCheck } from "../../src/domain/access/roles.ts";
import type { LeaveVisibility } from "../../src/domain/access/secrecy.ts";
import { canSeeLeave, isRevealed } from "../../src/domain/access/secrecy.ts";
import { auditTeamCheck, signerCheck, substituteCheck } from "../../src/domain/access/separation.ts";
import { suspensionCheck } from "../../src/domain/access/suspension.ts";
import {
  UNIT,
  auditorInScope,
  compliance,
  complianceHead,
  executive,
  holder,
  hr,
  hrElsewhere,
  manager,
  member,
  onLeave,
  person,
  stranger,
  substitute,
} from "./people.ts";

describe("scope", () => {
  it("a grant covers its unit and the subtree below, nothing else", () => {
    expect(covers("/HO/", "/HO/BR1/SB1/")).toBe(true);
    expect(covers("/HO/BR1/", "/HO/BR1/")).toBe(true);
    expect(covers("/HO/BR1/", "/HO/BR10/")).toBe(false);
    expect(covers("/HO/BR1/SB1/", "/HO/BR1/")).toBe(false);
    expect(covers("/HO/BR2/", "/HO/BR1/SB1/")).toBe(false);
  });

  it("a malformed path covers nothing and is covered by nothing", () => {
    expect(isUnitPath("/HO/BR1")).toBe(false);
    expect(isUnitPath("HO/")).toBe(false);
    expect(isUnitPath("")).toBe(false);
    expect(isUnitPath("/HO//")).toBe(false);
    expect(covers("/HO/BR1", "/HO/BR10/")).toBe(false);
    expect(covers("", "/HO/")).toBe(false);
    expect(covers("/HO/", "/HO/BR1")).toBe(false);
  });

  it("hasRole looks for that role in scope", () => {
    expect(hasRole(hr, "hr", UNIT)).toBe(true);
    expect(hasRole(hr, "compliance", UNIT)).toBe(false);
    expect(hasRole(hrElsewhere, "hr", UNIT)).toBe(false);
  });

  it("roleCheck tells 'not your unit' from 'not your job'", () => {
    expect(roleCheck(hr, ["hr", "compliance"], UNIT)).toBeNull();
    expect(roleCheck(hrElsewhere, ["hr"], UNIT)).toBe("OUT_OF_SCOPE");
    expect(roleCheck(hrElsewhere, ["compliance"], UNIT)).toBe("NOT_AUTHORISED");
    expect(roleCheck(stranger, ["hr"], UNIT)).toBe("NOT_AUTHORISED");
  });
});

describe("suspension", () => {
  const away = onLeave(holder);

  it("lets anyone not on leave do anything", () => {
    expect(suspensionCheck(holder, { name: "leave.plan" })).toBeNull();
  });

  it("leaves a holder on leave only their own notice and their own audit opinion", () => {
    expect(suspensionCheck(away, { name: "acknowledge_own_notice", ownerId: holder.employeeId })).toBeNull();
    expect(suspensionCheck(away, { name: "give_audit_opinion", ownerId: holder.employeeId })).toBeNull();
    expect(suspensionCheck(away, { name: "acknowledge_own_notice", ownerId: substitute.employeeId })).toBe("SUSPENDED");
    expect(suspensionCheck(away, { name: "give_audit_opinion" })).toBe("SUSPENDED");
    expect(suspensionCheck(away, { name: "audit.sign", ownerId: holder.employeeId })).toBe("SUSPENDED");
  });
});

describe("separation of duties", () => {
  it("a substitute is neither the holder nor on leave", () => {
    expect(substituteCheck({ employeeId: holder.employeeId, onLeave: false }, holder.employeeId)).toBe(
      "SUBSTITUTE_IS_HOLDER",
    );
    expect(substituteCheck({ employeeId: substitute.employeeId, onLeave: true }, holder.employeeId)).toBe(
      "SUBSTITUTE_ON_LEAVE",
    );
    expect(substituteCheck({ employeeId: substitute.employeeId, onLeave: false }, holder.employeeId)).toBeNull();
  });

  it("a signer is off the team and not the holder", () => {
    const team = [{ employeeId: member.employeeId, role: "member" as const }];
    const subject = { holderId: holder.employeeId, substituteId: substitute.employeeId };
    expect(signerCheck(member.employeeId, team, subject)).toBe("SIGNER_ON_TEAM");
    expect(signerCheck(holder.employeeId, team, subject)).toBe("SEPARATION_OF_DUTIES");
    expect(signerCheck(executive.employeeId, team, subject)).toBeNull();
  });

  it("a team with no substitute named only excludes the holder", () => {
    const team = [
      { employeeId: "a", role: "team_leader" as const },
      { employeeId: "b", role: "lead_auditor" as const },
    ];
    expect(auditTeamCheck(team, { holderId: holder.employeeId, substituteId: null })).toBeNull();
  });
});

describe("secrecy", () => {
  const start = new Date("2026-03-02T00:00:00+08:00");
  const before = new Date("2026-03-01T23:59:59+08:00");
  const after = new Date("2026-03-02T09:00:00+08:00");
  const sealed: LeaveVisibility = {
    holderId: holder.employeeId,
    substituteId: substitute.employeeId,
    unitPath: UNIT,
    sealed: true,
    status: "compliance_notified",
    startsAt: start,
    auditTeam: [member.employeeId],
  };
  const started: LeaveVisibility = { ...sealed, status: "started" };

  const cases = [
    ["HR in scope", hr, true, true],
    ["HR of another branch", hrElsewhere, false, false],
    ["compliance", compliance, true, true],
    ["the compliance head", complianceHead, true, true],
    ["a member of its audit team", member, true, true],
    ["the holder", holder, false, true],
    ["the holder, even an HR officer in scope", person(holder.employeeId, [["hr", "/HO/"]]), false, true],
    ["the substitute", substitute, false, true],
    ["the manager in scope", manager, false, true],
    ["an executive in scope", executive, false, true],
    ["an auditor off the team", auditorInScope, false, false],
    ["an admin", person("admin", [["admin", "/HO/"]]), false, false],
    ["a manager of another branch", person("mgr-br2", [["manager", "/HO/BR2/"]]), false, false],
    ["a colleague", stranger, false, false],
  ] as const;

  it.each(cases)("%s: before the start %s, after %s", (_who, viewer, beforeStart, afterStart) => {
    expect(canSeeLeave(viewer, sealed, before)).toBe(beforeStart);
    expect(canSeeLeave(viewer, started, after)).toBe(afterStart);
  });

  it("is revealed at the start instant, not a millisecond before", () => {
    expect(isRevealed(started, new Date(start.getTime() - 1))).toBe(false);
    expect(isRevealed(started, start)).toBe(true);
  });

  it("a leave cancelled before it started stays sealed for good", () => {
    expect(canSeeLeave(holder, { ...sealed, status: "cancelled" }, after)).toBe(false);
    expect(canSeeLeave(manager, { ...sealed, status: "cancelled" }, new Date("2027-01-01T00:00:00Z"))).toBe(false);
  });

  it("a leave stuck before `start` past its start date stays sealed (fail closed)", () => {
    expect(canSeeLeave(holder, { ...sealed, status: "planned" }, after)).toBe(false);
  });

  it("an unsealed leave is visible to the holder at any time", () => {
    expect(canSeeLeave(holder, { ...sealed, sealed: false, status: "planned" }, before)).toBe(true);
  });

  it("an invalid clock reveals nothing", () => {
    expect(canSeeLeave(holder, started, new Date(Number.NaN))).toBe(false);
  });
});
