// Refusals surfaced through the use cases, row by row: each changes nothing (the audit's status and
// version stay), answers its code, and is logged as "<use case>.refused" (input that does not parse
// is refused before anything runs, and is not).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRectification } from "../../../src/app/audit/add-rectification.ts";
import { closeAudit } from "../../../src/app/audit/close-audit.ts";
import { closeRectification } from "../../../src/app/audit/close-rectification.ts";
import { draftReport } from "../../../src/app/audit/draft-report.ts";
import { formTeam } from "../../../src/app/audit/form-team.ts";
import { giveOpinion } from "../../../src/app/audit/give-opinion.ts";
import { issueNotice } from "../../../src/app/audit/issue-notice.ts";
import { markItem } from "../../../src/app/audit/mark-item.ts";
import { approvePlan, rejectPlan } from "../../../src/app/audit/review-plan.ts";
import { signReport } from "../../../src/app/audit/sign-report.ts";
import type { UseCase } from "../../../src/app/kernel/use-case.ts";
import type { AuditState } from "../../../src/domain/audit/audit.machine.ts";
import { ENGINES } from "../../support/databases.ts";
import { driveTo, makeWorld, ok, type Who, type World } from "./audit-world.ts";

interface Row {
  readonly name: string;
  readonly state: AuditState;
  readonly sealed?: boolean;
  readonly who: Who;
  readonly useCase: UseCase<unknown>;
  readonly input: (auditId: string, w: World) => Promise<unknown> | unknown;
  readonly code: string;
}

/** The rows hold use cases of different inputs; each is run with raw input, parsed by the use case. */
const u = <I>(useCase: UseCase<I>) => useCase as unknown as UseCase<unknown>;

const team = (...people: [string, string][]) => people.map(([person, role]) => ({ person, role }));

const ROWS: Row[] = [
  {
    name: "the report before every item is marked",
    state: "fieldwork",
    who: "leader",
    useCase: u(draftReport),
    input: (auditId) => ({ auditId, report: "Early" }),
    code: "CHECKLIST_INCOMPLETE",
  },
  {
    name: "an exception without a note",
    state: "fieldwork",
    who: "member",
    useCase: u(markItem),
    input: (auditId) => ({ auditId, seq: 1, result: "exception", note: "   " }),
    code: "NOTE_REQUIRED",
  },
  {
    name: "a plan returned without reasons",
    state: "plan_drafted",
    who: "complianceHead",
    useCase: u(rejectPlan),
    input: (auditId) => ({ auditId, reason: "" }),
    code: "NOTE_REQUIRED",
  },
  {
    name: "disagreeing without reasons",
    state: "report_drafted",
    who: "holder",
    useCase: u(giveOpinion),
    input: (auditId) => ({ auditId, agrees: false, reason: " " }),
    code: "REASON_REQUIRED",
  },
  {
    name: "an executive on the team signs",
    state: "opinion_given",
    who: "member",
    useCase: u(signReport),
    input: (auditId) => ({ auditId }),
    code: "SIGNER_ON_TEAM",
  },
  {
    name: "the substitute on the team",
    state: "requested",
    who: "compliance",
    useCase: u(formTeam),
    input: (auditId) => ({
      auditId,
      team: team(["E-A1", "team_leader"], ["E-A2", "lead_auditor"], ["E-SU", "member"]),
    }),
    code: "AUDITOR_CONFLICT",
  },
  {
    name: "the holder leading the team",
    state: "requested",
    who: "compliance",
    useCase: u(formTeam),
    input: (auditId) => ({ auditId, team: team(["E-TL", "team_leader"], ["E-A2", "lead_auditor"]) }),
    code: "AUDITOR_CONFLICT",
  },
  {
    name: "a team without a lead auditor",
    state: "requested",
    who: "compliance",
    useCase: u(formTeam),
    input: (auditId) => ({ auditId, team: team(["E-A1", "team_leader"], ["E-A3", "member"]) }),
    code: "TEAM_INCOMPLETE",
  },
  {
    name: "someone else's opinion (the substitute)",
    state: "report_drafted",
    who: "substitute",
    useCase: u(giveOpinion),
    input: (auditId) => ({ auditId, agrees: true }),
    code: "NOT_A_PARTY",
  },
  {
    name: "a team member answering for the holder",
    state: "report_drafted",
    who: "leader",
    useCase: u(giveOpinion),
    input: (auditId) => ({ auditId, agrees: true }),
    code: "NOT_A_PARTY",
  },
  {
    name: "a member who is not on the team marks an item",
    state: "fieldwork",
    who: "complianceHead",
    useCase: u(markItem),
    input: (auditId) => ({ auditId, seq: 1, result: "pass" }),
    code: "NOT_A_PARTY",
  },
  {
    name: "compliance of another branch forms the team",
    state: "requested",
    sealed: false,
    who: "complianceBr2",
    useCase: u(formTeam),
    input: (auditId) => ({ auditId, team: team(["E-A1", "team_leader"], ["E-A2", "lead_auditor"]) }),
    code: "OUT_OF_SCOPE",
  },
  {
    name: "an executive of another branch signs",
    state: "opinion_given",
    who: "executiveBr2",
    useCase: u(signReport),
    input: (auditId) => ({ auditId }),
    code: "OUT_OF_SCOPE",
  },
  {
    name: "a manager approves the plan",
    state: "plan_drafted",
    sealed: false,
    who: "manager",
    useCase: u(approvePlan),
    input: (auditId) => ({ auditId }),
    code: "NOT_AUTHORISED",
  },
  {
    name: "the notice of a sealed leave before its start",
    state: "plan_approved",
    who: "leader",
    useCase: u(issueNotice),
    input: (auditId) => ({ auditId }),
    code: "LEAVE_SEALED",
  },
  {
    name: "a card of an older version",
    state: "plan_drafted",
    who: "complianceHead",
    useCase: u(approvePlan),
    input: (auditId) => ({ auditId, expectedVersion: 1 }),
    code: "STALE_ACTION",
  },
  {
    name: "closing the audit before it is signed",
    state: "report_drafted",
    who: "compliance",
    useCase: u(closeAudit),
    input: (auditId) => ({ auditId }),
    code: "INVALID_TRANSITION",
  },
  {
    name: "closing the audit with a rectification open",
    state: "opinion_given",
    who: "compliance",
    useCase: u(closeAudit),
    input: async (auditId, w) => {
      ok(await w.run(addRectification, { auditId, findingSeq: 1, owner: "E-MG", dueDate: "2026-12-31" }, "lead"));
      ok(await w.run(signReport, { auditId }, "executive"));
      return { auditId };
    },
    code: "RECTIFICATION_OPEN",
  },
  {
    name: "closing a rectification without a note",
    state: "opinion_given",
    who: "manager",
    useCase: u(closeRectification),
    input: async (auditId, w) => {
      ok(await w.run(addRectification, { auditId, findingSeq: 1, owner: "E-MG", dueDate: "2026-12-31" }, "lead"));
      const rect = await w.db.prisma.rectification.findFirstOrThrow({ where: { auditId } });
      return { rectificationId: rect.id, note: "" };
    },
    code: "NOTE_REQUIRED",
  },
  {
    name: "evidence that is not an https link",
    state: "fieldwork",
    who: "member",
    useCase: u(markItem),
    input: (auditId) => ({ auditId, seq: 1, result: "pass", evidenceUrl: "http://dms.bank.example/1" }),
    code: "INVALID_INPUT",
  },
  {
    name: "a rectification due before today",
    state: "opinion_given",
    who: "lead",
    useCase: u(addRectification),
    input: (auditId) => ({ auditId, findingSeq: 1, owner: "E-MG", dueDate: "2026-12-01" }),
    code: "INVALID_INPUT",
  },
];

describe.each(ENGINES)("audit refusals on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(engine);
    // The member is also an executive in scope: still never the one who signs.
    await w.db.prisma.roleGrant.create({
      data: { id: randomUUID(), employeeId: w.ids.member, role: "executive", unitId: w.bank.units.HO.id },
    });
  });
  afterAll(async () => w.close());

  it.each(ROWS)("$code: $name", { timeout: 120_000 }, async (row) => {
    const { auditId } = await driveTo(w, row.state, { sealed: row.sealed ?? true });
    const input = await row.input(auditId, w);
    const before = await w.db.prisma.audit.findUniqueOrThrow({ where: { id: auditId } });
    const refusedBefore = await w.db.prisma.auditLogEntry.count({ where: { action: `${row.useCase.name}.refused` } });

    const outcome = await w.run(row.useCase, input, row.who);
    expect(outcome).toMatchObject({ ok: false, code: row.code });

    expect(await w.db.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).toMatchObject({
      status: before.status,
      version: before.version,
    });
    const refused = await w.db.prisma.auditLogEntry.findMany({
      where: { action: `${row.useCase.name}.refused` },
      orderBy: { seq: "desc" },
    });
    if (row.code === "INVALID_INPUT") {
      expect(refused).toHaveLength(refusedBefore);
    } else {
      expect(refused).toHaveLength(refusedBefore + 1);
      expect(refused[0]).toMatchObject({ actorId: w.ids[row.who] });
      expect(JSON.parse(refused[0]!.data)).toMatchObject({ code: row.code });
    }
  });
});
