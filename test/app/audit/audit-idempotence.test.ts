// Idempotence: every audit command sent twice (a platform retry, a second click on another copy)
// changes the state once and tells nobody twice; the same button pressed twice is ALREADY_DONE.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addFinding } from "../../../src/app/audit/add-finding.ts";
import { addRectification } from "../../../src/app/audit/add-rectification.ts";
import { closeAudit } from "../../../src/app/audit/close-audit.ts";
import { closeRectification } from "../../../src/app/audit/close-rectification.ts";
import { draftPlan } from "../../../src/app/audit/draft-plan.ts";
import { draftReport } from "../../../src/app/audit/draft-report.ts";
import { formTeam } from "../../../src/app/audit/form-team.ts";
import { giveOpinion } from "../../../src/app/audit/give-opinion.ts";
import { issueNotice } from "../../../src/app/audit/issue-notice.ts";
import { markItem } from "../../../src/app/audit/mark-item.ts";
import { approvePlan } from "../../../src/app/audit/review-plan.ts";
import { signReport } from "../../../src/app/audit/sign-report.ts";
import type { UseCase } from "../../../src/app/kernel/use-case.ts";
import { ENGINES } from "../../support/databases.ts";
import {
  TEAM,
  button,
  cardOf,
  makeWorld,
  ok,
  request,
  seedLeave,
  startLeave,
  type Who,
  type World,
} from "./audit-world.ts";

describe.each(ENGINES)("audit idempotence on %s", (engine) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(engine);
  });
  afterEach(async () => w.close());

  /** Everything a command could change: the audit's rows, the notices, the log (refusals aside). */
  async function snapshot(auditId: string) {
    const p = w.db.prisma;
    const audit = await p.audit.findUniqueOrThrow({
      where: { id: auditId },
      include: { members: true, items: true, findings: true, opinions: true, signatures: true, rectifications: true },
    });
    return {
      status: audit.status,
      version: audit.version,
      members: audit.members.length,
      items: audit.items.map((i) => `${i.seq}:${i.result}`).sort(),
      findings: audit.findings.length,
      opinions: audit.opinions.length,
      signatures: audit.signatures.length,
      rectifications: audit.rectifications.map((r) => r.status),
      notices: await p.notice.count(),
      log: await p.auditLogEntry.count({ where: { NOT: { action: { endsWith: ".refused" } } } }),
    };
  }

  it("runs each command twice and changes the state once", { timeout: 300_000 }, async () => {
    const leaveId = await seedLeave(w);
    const auditId = await request(w, leaveId);
    const twice = async <I>(useCase: UseCase<I>, raw: Record<string, unknown>, who: Who) => {
      ok(await w.run(useCase as UseCase<unknown>, { auditId, ...raw }, who));
      const once = await snapshot(auditId);
      expect(await w.run(useCase as UseCase<unknown>, { auditId, ...raw }, who), useCase.name).toMatchObject({
        ok: false,
        code: "ALREADY_DONE",
      });
      expect(await snapshot(auditId), useCase.name).toEqual(once);
    };
    await twice(formTeam, { team: TEAM }, "compliance");
    await twice(draftPlan, { plan: "Cash and vouchers." }, "leader");
    await twice(approvePlan, {}, "complianceHead");
    await startLeave(w, leaveId);
    await twice(issueNotice, {}, "lead");
    await twice(markItem, { seq: 1, result: "pass" }, "member");
    await twice(
      markItem,
      { seq: 2, result: "exception", note: "Short by one", evidenceUrl: "https://dms.bank.example/2" },
      "member",
    );
    await twice(markItem, { seq: 3, result: "not_applicable" }, "lead");
    await twice(addFinding, { severity: "medium", description: "One voucher short", itemSeq: 2 }, "member");
    await twice(draftReport, { report: "One medium finding." }, "leader");
    await twice(addRectification, { findingSeq: 1, owner: "E-SU", dueDate: "2026-12-20" }, "lead");
    await twice(giveOpinion, { agrees: true }, "holder");
    await twice(signReport, {}, "executive");
    const rect = await w.db.prisma.rectification.findFirstOrThrow({ where: { auditId } });
    const closeRect = async () =>
      w.run(closeRectification, { rectificationId: rect.id, note: "Reconciled" }, "substitute");
    ok(await closeRect());
    const closedOnce = await snapshot(auditId);
    expect(await closeRect()).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    expect(await snapshot(auditId)).toEqual(closedOnce);
    await twice(closeAudit, {}, "compliance");

    expect(await w.db.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).toMatchObject({ status: "closed" });
    const notices = await w.db.prisma.notice.findMany({ where: { subjectId: auditId } });
    expect(new Set(notices.map((n) => n.dedupeKey)).size).toBe(notices.length);
  });

  it("answers ALREADY_DONE to the same button pressed twice, with the current card", { timeout: 120_000 }, async () => {
    const leaveId = await seedLeave(w);
    const auditId = await request(w, leaveId);
    ok(await w.run(formTeam, { auditId, team: TEAM }, "compliance"));
    ok(await w.run(draftPlan, { auditId, plan: "Cash." }, "leader"));
    const approve = button(await cardOf(w, "complianceHead", "audit_plan_submitted"), "Approve");
    ok(await w.press(approve, "complianceHead"));
    const once = await snapshot(auditId);
    const again = await w.press(approve, "complianceHead");
    expect(again).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
      card: { title: { en: "Audit plan for approval" }, actions: [] },
    });
    expect(await snapshot(auditId)).toEqual(once);

    await startLeave(w, leaveId);
    ok(await w.run(issueNotice, { auditId }, "leader"));
    const pass = button(await cardOf(w, "member", "audit_fieldwork"), "#1 Pass");
    ok(await w.press(pass, "member"));
    const marked = await snapshot(auditId);
    expect(await w.press(pass, "member")).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
      card: { title: { en: "Off-post audit checklist · P-TELLER-SB1" } },
    });
    expect(await snapshot(auditId)).toEqual(marked);
  });
});
