// The audit tests' world: the small bank, a leave row seeded straight into the database (the audit
// tests do not go through the leave use cases), a few extra people (out of scope, an executive on
// the team), and helpers to drive an audit from one state to the next as the right people.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Card, CardAction } from "../../../src/ports/card.ts";
import { auditCatalog } from "../../../src/app/audit/audit.catalog.ts";
import { requestAudit } from "../../../src/app/audit/request-audit.ts";
import { formTeam } from "../../../src/app/audit/form-team.ts";
import { draftPlan } from "../../../src/app/audit/draft-plan.ts";
import { approvePlan } from "../../../src/app/audit/review-plan.ts";
import { issueNotice } from "../../../src/app/audit/issue-notice.ts";
import { markItem } from "../../../src/app/audit/mark-item.ts";
import { addFinding } from "../../../src/app/audit/add-finding.ts";
import { draftReport } from "../../../src/app/audit/draft-report.ts";
import { giveOpinion } from "../../../src/app/audit/give-opinion.ts";
import { envOf, execute, type Kernel } from "../../../src/app/kernel/execute.ts";
import type { Outcome } from "../../../src/app/kernel/outcome.ts";
import { pressAction, type ActionRegistry } from "../../../src/app/kernel/press-action.ts";
import type { UseCase } from "../../../src/app/kernel/use-case.ts";
import { noticesCatalog } from "../../../src/app/notices/notices.catalog.ts";
import type { AuditState } from "../../../src/domain/audit/audit.machine.ts";
import type { LogPlatform } from "../../../src/ports/audit-log.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";
import { seedSmallBank, type CastName, type SmallBank } from "../../support/small-bank.ts";
import type { Provider } from "../../../src/infra/db/database.ts";
import type { FixedClock } from "../../../src/infra/fixed-clock.ts";

/** Tuesday 1 December 2026, 10:00 in Shanghai. */
export const BEFORE_START = "2026-12-01T02:00:00Z";
/** The sealed leave's first working day, Monday 7 December 2026: its start is 2026-12-06T16:00Z. */
export const LEAVE_START_DATE = "2026-12-07";
export const AFTER_START = "2026-12-07T02:00:00Z";

export const actions: ActionRegistry = { ...noticesCatalog.actions, ...auditCatalog.actions };

export type Extra = "complianceBr2" | "executiveBr2";
export type Who = CastName | Extra;

export interface World {
  readonly db: TestDatabase;
  readonly bank: SmallBank;
  readonly kernel: Kernel & { clock: FixedClock };
  readonly ids: Record<Who, string>;
  run(useCase: UseCase<unknown>, raw: unknown, who: Who, platform?: LogPlatform): Promise<Outcome>;
  press(action: CardAction, who: Who, values?: Record<string, string>): Promise<Outcome>;
  close(): Promise<void>;
}

export async function makeWorld(engine: Provider, at = BEFORE_START): Promise<World> {
  const db = await testDatabase(engine);
  const bank = await seedSmallBank(db);
  const extra = async (code: string, name: string, role: string, unit: "BR2") => {
    const id = randomUUID();
    await db.prisma.employee.create({
      data: { id, code, name, nameEn: name, email: `${code.toLowerCase()}@bank.example`, unitId: bank.units[unit].id },
    });
    await db.prisma.roleGrant.create({ data: { id: randomUUID(), employeeId: id, role, unitId: bank.units[unit].id } });
    return id;
  };
  const ids = {
    ...bank.ids,
    complianceBr2: await extra("E-C2", "Cora Compliance BR2", "compliance", "BR2"),
    executiveBr2: await extra("E-V2", "Vera VP BR2", "executive", "BR2"),
  };
  const kernel = testKernel(db, at, auditCatalog.cards);
  return {
    db,
    bank,
    kernel,
    ids,
    run: (useCase, raw, who, platform = "slack") => execute(kernel, useCase, raw, { personId: ids[who], platform }),
    press: (action, who, values = {}) =>
      pressAction(kernel, actions, { token: action.token, values }, { personId: ids[who], platform: "teams" }),
    close: () => db.drop(),
  };
}

export interface LeaveSeed {
  postId?: string;
  status?: string;
  sealed?: boolean;
  startDate?: string;
  substitute?: boolean;
}

/** A leave row of the small bank's teller, straight into the database. */
export async function seedLeave(w: World, seed: LeaveSeed = {}): Promise<string> {
  const id = randomUUID();
  await w.db.prisma.leave.create({
    data: {
      id,
      kind: "triggered",
      trigger: "tip_off",
      holderId: w.ids.holder,
      postId: seed.postId ?? w.bank.post.id,
      substituteId: seed.substitute === false ? null : w.ids.substitute,
      unitId: w.bank.units.SB1.id,
      startDate: seed.startDate ?? LEAVE_START_DATE,
      endDate: "2026-12-18",
      sealed: seed.sealed ?? true,
      status: seed.status ?? "compliance_notified",
      plannedById: w.ids.hr,
    },
  });
  return id;
}

/** The leave has started: the holder is away (handed over), the clock after its start. */
export async function startLeave(w: World, leaveId: string, status = "handed_over"): Promise<void> {
  await w.db.prisma.leave.update({
    where: { id: leaveId },
    data: { status, startedAt: new Date("2026-12-06T16:00:00Z") },
  });
  w.kernel.clock.set(AFTER_START);
}

/** HR's notice to compliance, as the leave area sends it. */
export async function request(w: World, leaveId: string, sealed = true, postId = w.bank.post.id): Promise<string> {
  const { auditId } = await w.kernel.uow.run((tx) =>
    requestAudit(tx, envOf(w.kernel), {
      leaveId,
      postId,
      holderId: w.ids.holder,
      unitId: w.bank.units.SB1.id,
      unitPath: w.bank.units.SB1.path,
      sealedUntil: sealed ? new Date("2026-12-06T16:00:00Z") : null,
    }),
  );
  return auditId;
}

export const TEAM = [
  { person: "E-A1", role: "team_leader" },
  { person: "E-A2", role: "lead_auditor" },
  { person: "E-A3", role: "member" },
] as const;

export function ok(outcome: Outcome): Outcome {
  expect(outcome, outcome.ok ? "" : `${outcome.code} ${JSON.stringify(outcome.detail ?? {})}`).toMatchObject({
    ok: true,
  });
  return outcome;
}

const ORDER: AuditState[] = [
  "requested",
  "team_formed",
  "plan_drafted",
  "plan_approved",
  "fieldwork",
  "report_drafted",
  "opinion_given",
];

/**
 * A requested audit of a new leave (sealed unless told), driven to `until` by the right people: the leave is started
 * (handed over) before the notice. Items are marked pass except item 2, an exception with a finding.
 */
export async function driveTo(
  w: World,
  until: AuditState,
  options: {
    sealed?: boolean;
    postId?: string;
    /** Runs once fieldwork has begun, before the items are marked (e.g. attaching evidence files). */
    duringFieldwork?: (auditId: string) => Promise<void>;
  } = {},
): Promise<{ auditId: string; leaveId: string }> {
  const sealed = options.sealed ?? true;
  const leaveId = await seedLeave(w, { sealed, ...(options.postId ? { postId: options.postId } : {}) });
  const auditId = await request(w, leaveId, sealed, options.postId);
  const steps: [AuditState, () => Promise<unknown>][] = [
    ["team_formed", async () => ok(await w.run(formTeam, { auditId, team: TEAM }, "compliance"))],
    [
      "plan_drafted",
      async () => ok(await w.run(draftPlan, { auditId, plan: "Count cash, vouchers, authorisations." }, "leader")),
    ],
    ["plan_approved", async () => ok(await w.run(approvePlan, { auditId }, "complianceHead"))],
    [
      "fieldwork",
      async () => {
        await startLeave(w, leaveId);
        ok(await w.run(issueNotice, { auditId }, "leader"));
      },
    ],
    [
      "report_drafted",
      async () => {
        await options.duringFieldwork?.(auditId);
        ok(await w.run(markItem, { auditId, seq: 1, result: "pass" }, "member"));
        ok(
          await w.run(
            markItem,
            {
              auditId,
              seq: 2,
              result: "exception",
              note: "Two vouchers missing",
              evidenceUrl: "https://dms.bank.example/ev/2",
            },
            "lead",
          ),
        );
        ok(
          await w.run(
            markItem,
            { auditId, seq: 3, result: "not_applicable", note: "No authorisations this period" },
            "member",
          ),
        );
        ok(
          await w.run(
            addFinding,
            {
              auditId,
              severity: "high",
              description: "Blank vouchers unaccounted for",
              itemSeq: 2,
              evidenceUrl: "https://dms.bank.example/ev/2",
            },
            "lead",
          ),
        );
        ok(await w.run(draftReport, { auditId, report: "One high finding: blank vouchers." }, "leader"));
      },
    ],
    ["opinion_given", async () => ok(await w.run(giveOpinion, { auditId, agrees: true }, "holder"))],
  ];
  for (const [state, step] of steps) {
    if (ORDER.indexOf(state) > ORDER.indexOf(until)) break;
    await step();
  }
  return { auditId, leaveId };
}

/** A second post of the teller's unit, with a checklist of `n` items (the holder holds it too). */
export async function seedLongPost(w: World, n: number): Promise<string> {
  const templateId = randomUUID();
  const items = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    seq: i + 1,
    text: `检查事项 ${i + 1}`,
    textEn: `Check ${i + 1}`,
  }));
  await w.db.prisma.checklistTemplate.create({
    data: { id: templateId, code: `CL-LONG-${n}`, name: "Long checklist", items: { create: items } },
  });
  const postId = randomUUID();
  await w.db.prisma.keyPost.create({
    data: {
      id: postId,
      code: `P-VAULT-${n}`,
      name: "金库",
      nameEn: "Vault keeper",
      unitId: w.bank.units.SB1.id,
      category: "operations",
      checklistTemplateId: templateId,
    },
  });
  return postId;
}

/** The card of a person's latest notice of a kind about a subject (one platform row is enough). */
export async function cardOf(w: World, who: Who, kind: string, subjectId?: string): Promise<Card> {
  const rows = await w.db.prisma.notice.findMany({
    where: { recipientId: w.ids[who], kind, ...(subjectId ? { subjectId } : {}) },
    orderBy: { createdAt: "desc" },
  });
  expect(rows.length, `${who} has a ${kind} notice`).toBeGreaterThan(0);
  return JSON.parse(rows[0]!.card) as Card;
}

export function button(card: Card, labelEn: string): CardAction {
  const found = card.actions.find((a) => a.label.en === labelEn);
  expect(found, `button "${labelEn}" among ${card.actions.map((a) => a.label.en).join(" | ")}`).toBeDefined();
  return found!;
}

export async function noticeKinds(w: World, subjectId: string): Promise<string[]> {
  const rows = await w.db.prisma.notice.findMany({ where: { subjectId } });
  const names = Object.fromEntries(Object.entries(w.ids).map(([k, v]) => [v, k]));
  return rows.map((n) => `${n.kind}→${names[n.recipientId]}`).sort();
}

export async function logActions(w: World, prefix = "audit."): Promise<string[]> {
  const rows = await w.db.prisma.auditLogEntry.findMany({
    where: { action: { startsWith: prefix } },
    orderBy: { seq: "asc" },
  });
  return rows.map((r) => r.action);
}
