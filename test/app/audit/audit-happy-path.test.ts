// The whole off-post audit of a sealed leave, from HR's request to the closed audit, pressed
// through the cards' buttons as each person would: rows, notices and log asserted along the way.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueNotice } from "../../../src/app/audit/issue-notice.ts";
import type { Card } from "../../../src/ports/card.ts";
import { ENGINES } from "../../support/databases.ts";
import {
  button,
  cardOf,
  logActions,
  makeWorld,
  noticeKinds,
  ok,
  request,
  seedLeave,
  startLeave,
  type World,
} from "./audit-world.ts";

const SEALED_UNTIL = new Date("2026-12-06T16:00:00Z");

describe.each(ENGINES)("off-post audit happy path on %s", (engine) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(engine);
  });
  afterEach(async () => w.close());

  it(
    "goes from requested to closed with a rectification, telling each person once and logging every step",
    { timeout: 180_000 },
    async () => {
      const leaveId = await seedLeave(w);
      const auditId = await request(w, leaveId);
      const audit = () =>
        w.db.prisma.audit.findUniqueOrThrow({
          where: { id: auditId },
          include: {
            members: true,
            items: { orderBy: { seq: "asc" } },
            findings: true,
            opinions: true,
            signatures: true,
            rectifications: true,
          },
        });
      expect(await audit()).toMatchObject({ status: "requested", leaveId, holderId: w.ids.holder, version: 1 });
      expect((await audit()).items.map((i) => [i.seq, i.textEn, i.result])).toEqual([
        [1, "Count the cash on hand", "pending"],
        [2, "Check blank vouchers", "pending"],
        [3, "Review authorisation records", "pending"],
      ]);

      // Compliance forms the team from its card; the team may know of the sealed leave.
      ok(
        await w.press(button(await cardOf(w, "compliance", "audit_requested"), "Form team"), "compliance", {
          leader: "E-A1",
          lead: "E-A2",
          members: "E-A3",
        }),
      );
      expect((await audit()).members.map((m) => [m.employeeId, m.role]).sort()).toEqual(
        [
          [w.ids.leader, "team_leader"],
          [w.ids.lead, "lead_auditor"],
          [w.ids.member, "member"],
        ].sort(),
      );
      ok(
        await w.press(button(await cardOf(w, "leader", "audit_assigned"), "Draft plan"), "leader", {
          plan: "Cash, vouchers, authorisations.",
        }),
      );
      ok(await w.press(button(await cardOf(w, "complianceHead", "audit_plan_submitted"), "Approve"), "complianceHead"));
      expect(await audit()).toMatchObject({ status: "plan_approved", planApprovedById: w.ids.complianceHead });

      // Before the start: no button to issue the notice, and the command is refused; the holder and the manager know nothing.
      expect((await cardOf(w, "leader", "audit_plan_approved")).actions).toEqual([]);
      expect(await w.run(issueNotice, { auditId }, "leader")).toMatchObject({ ok: false, code: "LEAVE_SEALED" });
      expect(
        await w.db.prisma.notice.count({
          where: { recipientId: { in: [w.ids.holder, w.ids.manager, w.ids.substitute] } },
        }),
      ).toBe(0);

      // The leave starts (handed over); the notice goes out, fieldwork begins, the leave moves to audit.
      await startLeave(w, leaveId);
      ok(await w.run(issueNotice, { auditId }, "leader"));
      expect(await audit()).toMatchObject({ status: "fieldwork", noticeIssuedAt: new Date("2026-12-07T02:00:00Z") });
      expect(await w.db.prisma.leave.findUniqueOrThrow({ where: { id: leaveId } })).toMatchObject({ status: "audit" });
      expect((await cardOf(w, "holder", "audit_notice")).title.en).toBe("Off-post audit notice");

      // The checklist, item by item from the team's cards.
      const checklist = await cardOf(w, "member", "audit_fieldwork");
      expect(checklist.table?.rows).toHaveLength(3);
      expect(checklist.actions.map((a) => a.label.en)).toEqual([
        "#1 Pass",
        "#1 Exception",
        "#1 N/A",
        "#2 Pass",
        "#2 Exception",
        "#2 N/A",
        "#3 Pass",
        "#3 Exception",
        "#3 N/A",
        "Add finding",
      ]);
      ok(await w.press(button(checklist, "#1 Pass"), "member"));
      ok(
        await w.press(button(await cardOf(w, "lead", "audit_fieldwork"), "#2 Exception"), "lead", {
          note: "Two vouchers missing",
          evidenceUrl: "https://dms.bank.example/ev/2",
        }),
      );
      ok(
        await w.press(button(await cardOf(w, "lead", "audit_fieldwork"), "Add finding"), "lead", {
          severity: "high",
          itemSeq: "2",
          description: "Blank vouchers unaccounted for",
          evidenceUrl: "https://dms.bank.example/ev/2",
        }),
      );
      ok(
        await w.press(button(await cardOf(w, "member", "audit_fieldwork"), "#3 N/A"), "member", {
          note: "No authorisations this period",
          evidenceUrl: "",
        }),
      );
      expect((await audit()).items.map((i) => [i.result, i.note, i.evidenceUrl, i.markedById])).toEqual([
        ["pass", "", "", w.ids.member],
        ["exception", "Two vouchers missing", "https://dms.bank.example/ev/2", w.ids.lead],
        ["not_applicable", "No authorisations this period", "", w.ids.member],
      ]);

      // Only the leaders may draft the report, once every item is marked.
      expect((await cardOf(w, "member", "audit_fieldwork")).actions.map((a) => a.label.en)).not.toContain(
        "Draft report",
      );
      ok(
        await w.press(button(await cardOf(w, "leader", "audit_fieldwork"), "Draft report"), "leader", {
          report: "One high finding: blank vouchers.",
        }),
      );
      ok(
        await w.press(button(await cardOf(w, "lead", "audit_fieldwork"), "Raise rectification"), "lead", {
          findingSeq: "1",
          owner: "E-MG",
          dueDate: "2026-12-31",
        }),
      );
      expect(
        await w.db.prisma.notice.count({ where: { recipientId: w.ids.manager, kind: "rectification_assigned" } }),
      ).toBe(0);

      // The holder, on leave, answers; the executive signs; the owner closes the item; compliance closes the audit.
      const opinion = await cardOf(w, "holder", "audit_report_for_opinion");
      expect(opinion.actions.map((a) => a.label.en)).toEqual(["Agree", "Disagree"]);
      ok(await w.press(button(opinion, "Disagree"), "holder", { reason: "The vouchers were in the vault" }));
      ok(await w.press(button(await cardOf(w, "executive", "audit_report_to_sign"), "Sign"), "executive"));
      expect(await audit()).toMatchObject({ status: "rectifying" });
      const rect = (await audit()).rectifications[0]!;
      expect(rect).toMatchObject({
        findingSeq: 1,
        ownerId: w.ids.manager,
        dueDate: "2026-12-31",
        status: "open",
        description: "Blank vouchers unaccounted for",
      });
      ok(
        await w.press(button(await cardOf(w, "manager", "rectification_assigned"), "Close"), "manager", {
          note: "Vouchers reconciled and locked away",
        }),
      );
      ok(await w.press(button(await cardOf(w, "compliance", "audit_ready_to_close"), "Close audit"), "compliance"));

      const done = await audit();
      expect(done).toMatchObject({
        status: "closed",
        closedAt: new Date("2026-12-07T02:00:00Z"),
        reportText: "One high finding: blank vouchers.",
      });
      expect(done.findings.map((f) => [f.seq, f.severity, f.itemSeq, f.createdById])).toEqual([
        [1, "high", 2, w.ids.lead],
      ]);
      expect(done.opinions.map((o) => [o.employeeId, o.agrees, o.reason])).toEqual([
        [w.ids.holder, false, "The vouchers were in the vault"],
      ]);
      expect(done.signatures.map((s) => s.employeeId)).toEqual([w.ids.executive]);
      expect(done.rectifications.map((r) => [r.status, r.closingNote, r.closedById])).toEqual([
        ["closed", "Vouchers reconciled and locked away", w.ids.manager],
      ]);

      expect(await noticeKinds(w, auditId)).toEqual(
        [
          "audit_requested→compliance",
          "audit_requested→complianceHead",
          "audit_assigned→leader",
          "audit_assigned→lead",
          "audit_assigned→member",
          "audit_plan_submitted→complianceHead",
          "audit_plan_approved→leader",
          "audit_plan_approved→lead",
          "audit_plan_approved→member",
          "audit_notice→holder",
          "audit_notice→manager",
          "audit_fieldwork→leader",
          "audit_fieldwork→lead",
          "audit_fieldwork→member",
          "audit_report_for_opinion→holder",
          "audit_opinion_given→leader",
          "audit_opinion_given→lead",
          "audit_opinion_given→member",
          "audit_report_to_sign→executive",
          "audit_signed→holder",
          "audit_signed→compliance",
          "audit_ready_to_close→compliance",
          "audit_ready_to_close→complianceHead",
          "audit_closed→leader",
          "audit_closed→lead",
          "audit_closed→member",
          "audit_closed→holder",
        ].sort(),
      );
      expect(await noticeKinds(w, rect.id)).toEqual(
        [
          "rectification_assigned→manager",
          "rectification_closed→lead",
          "rectification_closed→leader",
          "rectification_closed→member",
        ].sort(),
      );

      expect(await logActions(w)).toEqual([
        "audit.requested",
        "audit.team_formed",
        "audit.plan_drafted",
        "audit.plan_approved",
        "audit.issue_notice.refused",
        "audit.notice_issued",
        "audit.fieldwork_started",
        "audit.item_marked",
        "audit.item_marked",
        "audit.finding_recorded",
        "audit.item_marked",
        "audit.report_drafted",
        "audit.rectification_opened",
        "audit.opinion_given",
        "audit.signed",
        "audit.rectification_started",
        "audit.rectification_closed",
        "audit.closed",
      ]);
      // Every line about the audit of the sealed leave stays hidden until its start.
      const lines = await w.db.prisma.auditLogEntry.findMany({
        where: { action: { startsWith: "audit." }, NOT: { action: { endsWith: ".refused" } } },
      });
      expect(lines.every((l) => l.sealedUntil?.getTime() === SEALED_UNTIL.getTime())).toBe(true);
      expect(lines.find((l) => l.action === "audit.opinion_given")).toMatchObject({
        actorId: w.ids.holder,
        platform: "teams",
      });

      // Every card of every notice kind says its words in both languages.
      for (const notice of await w.db.prisma.notice.findMany({
        where: { subjectType: { in: ["audit", "rectification"] } },
      })) {
        const card = JSON.parse(notice.card) as Card;
        const texts = [
          card.title,
          ...card.fields.map((f) => f.label),
          ...card.actions.map((a) => a.label),
          ...(card.table?.columns ?? []),
        ];
        for (const text of texts) {
          expect(text["zh-CN"].trim(), notice.kind).not.toBe("");
          if (/[A-Za-z]{2}/.test(text.en)) expect(text["zh-CN"], `${notice.kind}: ${text.en}`).not.toBe(text.en);
        }
      }
    },
  );
});
