// The small bank of test/support/small-bank.ts, filled with the facts the regulator's figures are
// about: posts, holders, leaves (one sealed and still ahead), audits, findings, rectification
// items and notices. Every fact is plain data here (FACTS), so that the tests can work out the
// expected figures from it with their own straightforward code. The reference instant is NOW
// (Monday 16 March 2026, Asia/Shanghai); the calendar is Monday–Friday without holidays.
import { randomUUID } from "node:crypto";
import type { Database } from "../../../src/infra/db/database.ts";
import { seedSmallBank, type SmallBank } from "../../support/small-bank.ts";

export const NOW = "2026-03-16T10:00:00+08:00";
export const TODAY = "2026-03-16";

type Unit = "HO" | "BR1" | "SB1" | "BR2";
type Cast = "holder" | "substitute" | "leader" | "lead" | "compliance" | "manager";

export const POLICIES = {
  "TEST-OPS": {
    category: "operations",
    maxTenureMonths: 36,
    leaveEveryMonths: 12,
    leaveMinWorkingDays: 5,
    warningDays: [90, 30, 7],
    escalateAfterHours: 72,
  },
  "TEST-AUTH": {
    category: "authority",
    maxTenureMonths: 24,
    leaveEveryMonths: 12,
    leaveMinWorkingDays: 5,
    warningDays: [90, 30, 7],
    escalateAfterHours: 72,
  },
  "TEST-OVS": {
    category: "oversight",
    maxTenureMonths: 60,
    leaveEveryMonths: 12,
    leaveMinWorkingDays: 10,
    warningDays: [90, 30, 7],
    escalateAfterHours: 72,
  },
  "TEST-VAULT": {
    category: null,
    maxTenureMonths: 12,
    leaveEveryMonths: 6,
    leaveMinWorkingDays: 3,
    warningDays: [60, 14],
    escalateAfterHours: 24,
  },
} as const;
export type PolicyCode = keyof typeof POLICIES;

export interface PostSeed {
  readonly code: string;
  readonly unit: Unit;
  readonly category: "operations" | "authority" | "oversight";
  readonly override?: PolicyCode;
  readonly standard: boolean;
  readonly checklist: "CL-TELLER" | "CL-EMPTY" | null;
  readonly active: boolean;
  /** Employee code of the open holder (new employees are created in the post's unit). */
  readonly holder: string | null;
  readonly start: string | null;
}

export const POSTS: readonly PostSeed[] = [
  {
    code: "P-TELLER-SB1",
    unit: "SB1",
    category: "operations",
    standard: true,
    checklist: "CL-TELLER",
    active: true,
    holder: "E-TL",
    start: "2023-01-09",
  },
  {
    code: "P-ACCT-SB1",
    unit: "SB1",
    category: "operations",
    standard: false,
    checklist: null,
    active: true,
    holder: "E-AC",
    start: "2024-04-01",
  },
  {
    code: "P-VAULT-SB1",
    unit: "SB1",
    category: "operations",
    override: "TEST-VAULT",
    standard: true,
    checklist: "CL-EMPTY",
    active: true,
    holder: "E-VK",
    start: "2025-04-20",
  },
  {
    code: "P-HEAD-BR1",
    unit: "BR1",
    category: "authority",
    standard: true,
    checklist: "CL-TELLER",
    active: true,
    holder: "E-HB",
    start: "2024-03-01",
  },
  {
    code: "P-VACANT-BR1",
    unit: "BR1",
    category: "operations",
    standard: false,
    checklist: null,
    active: true,
    holder: null,
    start: null,
  },
  {
    code: "P-CREDIT-BR2",
    unit: "BR2",
    category: "operations",
    standard: true,
    checklist: null,
    active: true,
    holder: "E-CR",
    start: "2025-01-10",
  },
  {
    code: "P-OLD-BR2",
    unit: "BR2",
    category: "operations",
    standard: true,
    checklist: "CL-TELLER",
    active: false,
    holder: "E-OLD",
    start: "2019-01-01",
  },
  {
    code: "P-AUDIT-HO",
    unit: "HO",
    category: "oversight",
    standard: false,
    checklist: "CL-TELLER",
    active: true,
    holder: "E-OV",
    start: "2022-06-01",
  },
];

export interface LeaveSeed {
  readonly key: string;
  readonly holder: string;
  readonly post: string;
  readonly start: string;
  readonly end: string;
  readonly status: string;
  readonly sealed: boolean;
}

export const LEAVES: readonly LeaveSeed[] = [
  {
    key: "L1",
    holder: "E-TL",
    post: "P-TELLER-SB1",
    start: "2025-06-02",
    end: "2025-06-06",
    status: "closed",
    sealed: true,
  },
  {
    key: "L2",
    holder: "E-AC",
    post: "P-ACCT-SB1",
    start: "2025-02-03",
    end: "2025-02-07",
    status: "closed",
    sealed: true,
  },
  // Sealed, planned, not started: only HR, compliance and its audit team may count it.
  {
    key: "L3",
    holder: "E-AC",
    post: "P-ACCT-SB1",
    start: "2026-03-23",
    end: "2026-03-27",
    status: "compliance_notified",
    sealed: true,
  },
  {
    key: "L4",
    holder: "E-VK",
    post: "P-VAULT-SB1",
    start: "2025-10-13",
    end: "2025-10-15",
    status: "closed",
    sealed: false,
  },
  {
    key: "L5",
    holder: "E-HB",
    post: "P-HEAD-BR1",
    start: "2025-09-01",
    end: "2025-09-03",
    status: "closed",
    sealed: true,
  },
  {
    key: "L7",
    holder: "E-OV",
    post: "P-AUDIT-HO",
    start: "2026-03-09",
    end: "2026-03-20",
    status: "audit",
    sealed: true,
  },
  {
    key: "L8",
    holder: "E-HB",
    post: "P-HEAD-BR1",
    start: "2025-11-03",
    end: "2025-11-07",
    status: "cancelled",
    sealed: true,
  },
];

export interface AuditSeed {
  readonly key: string;
  readonly leave: string | null;
  readonly post: string;
  readonly holder: string;
  readonly status: string;
  readonly due: string | null;
  readonly signedAt: string | null;
  readonly closedAt: string | null;
  readonly findings: readonly { readonly severity: string; readonly at: string }[];
  readonly items: readonly { readonly due: string; readonly closedAt: string | null }[];
}

export const AUDITS: readonly AuditSeed[] = [
  {
    key: "A1",
    leave: "L1",
    post: "P-TELLER-SB1",
    holder: "E-TL",
    status: "closed",
    due: "2025-06-30",
    signedAt: "2025-06-25T10:00:00+08:00",
    closedAt: "2025-07-10T10:00:00+08:00",
    findings: [
      { severity: "low", at: "2025-06-20T10:00:00+08:00" },
      { severity: "medium", at: "2025-06-21T10:00:00+08:00" },
    ],
    items: [],
  },
  {
    key: "A2",
    leave: "L4",
    post: "P-VAULT-SB1",
    holder: "E-VK",
    status: "rectifying",
    due: "2025-10-31",
    signedAt: "2025-11-05T10:00:00+08:00",
    closedAt: null,
    findings: [
      { severity: "high", at: "2025-10-20T10:00:00+08:00" },
      { severity: "critical", at: "2025-10-21T10:00:00+08:00" },
      { severity: "low", at: "2025-10-22T10:00:00+08:00" },
    ],
    items: [
      { due: "2025-12-31", closedAt: "2025-12-20T10:00:00+08:00" },
      { due: "2026-01-31", closedAt: "2026-02-10T10:00:00+08:00" },
      { due: "2026-02-28", closedAt: null },
    ],
  },
  // The audit of the sealed leave L3: its team may see it; no due date yet.
  {
    key: "A3",
    leave: "L3",
    post: "P-ACCT-SB1",
    holder: "E-AC",
    status: "team_formed",
    due: null,
    signedAt: null,
    closedAt: null,
    findings: [],
    items: [],
  },
  {
    key: "A4",
    leave: "L5",
    post: "P-HEAD-BR1",
    holder: "E-HB",
    status: "fieldwork",
    due: "2025-09-30",
    signedAt: null,
    closedAt: null,
    findings: [{ severity: "medium", at: "2025-09-20T10:00:00+08:00" }],
    items: [{ due: "2026-04-30", closedAt: null }],
  },
  {
    key: "A5",
    leave: "L7",
    post: "P-AUDIT-HO",
    holder: "E-OV",
    status: "fieldwork",
    due: "2026-04-03",
    signedAt: null,
    closedAt: null,
    findings: [],
    items: [],
  },
  {
    key: "A6",
    leave: null,
    post: "P-CREDIT-BR2",
    holder: "E-CR",
    status: "closed",
    due: "2025-01-15",
    signedAt: "2025-01-18T10:00:00+08:00",
    closedAt: "2025-01-20T10:00:00+08:00",
    findings: [{ severity: "high", at: "2025-01-12T10:00:00+08:00" }],
    items: [{ due: "2025-02-28", closedAt: null }],
  },
  {
    key: "A7",
    leave: null,
    post: "P-TELLER-SB1",
    holder: "E-TL",
    status: "cancelled",
    due: "2025-12-01",
    signedAt: null,
    closedAt: null,
    findings: [],
    items: [],
  },
];

export interface NoticeSeed {
  readonly key: string;
  readonly to: string;
  readonly subject: "rotation" | "leave" | "employee";
  /** Leave key, post code (rotation), or employee code. */
  readonly about: string;
  readonly at: string;
  readonly visibleFrom?: string;
  readonly acknowledged?: boolean;
  readonly status?: string;
  readonly platforms: readonly string[];
}

export const NOTICES: readonly NoticeSeed[] = [
  {
    key: "N1",
    to: "E-TL",
    subject: "rotation",
    about: "P-TELLER-SB1",
    at: "2026-03-10T09:00:00+08:00",
    platforms: ["slack", "teams"],
  },
  { key: "N2", to: "E-VK", subject: "leave", about: "L4", at: "2026-03-15T12:00:00+08:00", platforms: ["slack"] },
  { key: "N3", to: "E-VK", subject: "leave", about: "L4", at: "2026-03-14T12:00:00+08:00", platforms: ["slack"] },
  { key: "N4", to: "E-CO", subject: "leave", about: "L3", at: "2026-03-12T09:00:00+08:00", platforms: ["slack"] },
  {
    key: "N5",
    to: "E-TL",
    subject: "rotation",
    about: "P-TELLER-SB1",
    at: "2026-01-10T09:00:00+08:00",
    acknowledged: true,
    platforms: ["slack"],
  },
  {
    key: "N6",
    to: "E-TL",
    subject: "rotation",
    about: "P-TELLER-SB1",
    at: "2026-01-11T09:00:00+08:00",
    status: "superseded",
    platforms: ["slack"],
  },
  {
    key: "N7",
    to: "E-AC",
    subject: "leave",
    about: "L3",
    at: "2026-03-01T09:00:00+08:00",
    visibleFrom: "2026-03-23T00:00:00+08:00",
    platforms: ["slack"],
  },
  { key: "N8", to: "E-MG", subject: "employee", about: "E-HB", at: "2026-03-11T09:00:00+08:00", platforms: ["slack"] },
];

export interface ReportBank extends SmallBank {
  /** Employee id by code. */
  readonly people: Record<string, string>;
  readonly postIds: Record<string, string>;
  readonly leaveIds: Record<string, string>;
  readonly auditIds: Record<string, string>;
  readonly unitOf: Record<string, Unit>;
}

const TEAM: readonly Cast[] = ["leader", "lead"];

export async function seedReportBank(db: Database): Promise<ReportBank> {
  const bank = await seedSmallBank(db, { withIdentities: false });
  const p = db.prisma;
  // The small bank's teller post and its holder's assignment are replaced by POSTS.
  await p.assignment.deleteMany({});
  await p.keyPost.deleteMany({});
  const people: Record<string, string> = {};
  for (const e of await p.employee.findMany({ select: { id: true, code: true } })) people[e.code] = e.id;
  const unitOf: Record<string, Unit> = {};
  const policyIds: Record<string, string> = {};
  for (const [code, pol] of Object.entries(POLICIES)) {
    if (code === "TEST-OPS") {
      policyIds[code] = (await p.policy.findUniqueOrThrow({ where: { code } })).id;
      continue;
    }
    policyIds[code] = randomUUID();
    const { warningDays, ...rest } = pol;
    await p.policy.create({
      data: {
        id: policyIds[code],
        code,
        name: code,
        ...rest,
        warningDays: warningDays.join(","),
        complianceLeadWorkingDays: 2,
      },
    });
  }
  const templates: Record<string, string> = {
    "CL-TELLER": (await p.checklistTemplate.findUniqueOrThrow({ where: { code: "CL-TELLER" } })).id,
    "CL-EMPTY": randomUUID(),
  };
  await p.checklistTemplate.create({ data: { id: templates["CL-EMPTY"]!, code: "CL-EMPTY", name: "Empty" } });
  const postIds: Record<string, string> = {};
  for (const post of POSTS) {
    postIds[post.code] = randomUUID();
    unitOf[post.code] = post.unit;
    await p.keyPost.create({
      data: {
        id: postIds[post.code]!,
        code: post.code,
        name: post.code,
        unitId: bank.units[post.unit].id,
        category: post.category,
        standardDefined: post.standard,
        active: post.active,
        policyId: post.override ? policyIds[post.override]! : null,
        checklistTemplateId: post.checklist ? templates[post.checklist]! : null,
      },
    });
    if (!post.holder || !post.start) continue;
    if (!people[post.holder]) {
      people[post.holder] = randomUUID();
      await p.employee.create({
        data: {
          id: people[post.holder]!,
          code: post.holder,
          name: `Holder ${post.holder}`,
          unitId: bank.units[post.unit].id,
        },
      });
    }
    await p.assignment.create({
      data: { id: randomUUID(), employeeId: people[post.holder]!, postId: postIds[post.code]!, startDate: post.start },
    });
  }
  // History and acting cover that no figure may count.
  await p.assignment.create({
    data: {
      id: randomUUID(),
      employeeId: people["E-TL"]!,
      postId: postIds["P-ACCT-SB1"]!,
      startDate: "2020-01-01",
      endDate: "2022-12-31",
      endReason: "rotation",
    },
  });
  await p.assignment.create({
    data: {
      id: randomUUID(),
      employeeId: people["E-SU"]!,
      postId: postIds["P-TELLER-SB1"]!,
      kind: "acting",
      startDate: "2025-06-02",
    },
  });

  const leaveIds: Record<string, string> = {};
  for (const l of LEAVES) {
    leaveIds[l.key] = randomUUID();
    const unit = bank.units[unitOf[l.post]!];
    await p.leave.create({
      data: {
        id: leaveIds[l.key]!,
        kind: "regular",
        holderId: people[l.holder]!,
        postId: postIds[l.post]!,
        substituteId: people["E-SU"]!,
        unitId: unit.id,
        startDate: l.start,
        endDate: l.end,
        sealed: l.sealed,
        status: l.status,
        plannedById: people["E-HR"]!,
      },
    });
  }
  const auditIds: Record<string, string> = {};
  const ids = bank.ids as Record<Cast, string>;
  for (const a of AUDITS) {
    auditIds[a.key] = randomUUID();
    await p.audit.create({
      data: {
        id: auditIds[a.key]!,
        leaveId: a.leave ? leaveIds[a.leave]! : null,
        postId: postIds[a.post]!,
        holderId: people[a.holder]!,
        unitId: bank.units[unitOf[a.post]!].id,
        status: a.status,
        dueDate: a.due,
        closedAt: a.closedAt ? new Date(a.closedAt) : null,
        members: {
          create: TEAM.map((m, i) => ({
            id: randomUUID(),
            employeeId: ids[m],
            role: i === 0 ? "team_leader" : "lead_auditor",
          })),
        },
        signatures: a.signedAt
          ? { create: [{ id: randomUUID(), employeeId: people["E-VP"]!, at: new Date(a.signedAt) }] }
          : undefined,
        findings: {
          create: a.findings.map((f, i) => ({
            id: randomUUID(),
            seq: i + 1,
            severity: f.severity,
            description: `${a.key} finding ${i + 1}`,
            createdById: ids.leader,
            createdAt: new Date(f.at),
          })),
        },
        rectifications: {
          create: a.items.map((r, i) => ({
            id: randomUUID(),
            description: `${a.key} item ${i + 1}`,
            ownerId: people[a.holder]!,
            dueDate: r.due,
            status: r.closedAt ? "closed" : "open",
            closedAt: r.closedAt ? new Date(r.closedAt) : null,
            closingNote: r.closedAt ? "done" : "",
          })),
        },
      },
    });
  }
  const rotationId = randomUUID();
  await p.rotation.create({
    data: {
      id: rotationId,
      postId: postIds["P-TELLER-SB1"]!,
      outgoingId: people["E-TL"]!,
      plannedDate: "2026-01-09",
      status: "overdue",
    },
  });
  for (const n of NOTICES) {
    const subjectId =
      n.subject === "rotation" ? rotationId : n.subject === "leave" ? leaveIds[n.about]! : people[n.about]!;
    for (const platform of n.platforms) {
      await p.notice.create({
        data: {
          id: randomUUID(),
          dedupeKey: `${n.subject}:${subjectId}:${n.key}:v1:${people[n.to]}@${platform}`,
          recipientId: people[n.to]!,
          platform,
          kind: n.key,
          subjectType: n.subject,
          subjectId,
          card: "{}",
          status: n.status ?? "sent",
          createdAt: new Date(n.at),
          visibleFrom: n.visibleFrom ? new Date(n.visibleFrom) : null,
          acknowledgedAt: n.acknowledged ? new Date(n.at) : null,
        },
      });
    }
  }
  return { ...bank, people, postIds, leaveIds, auditIds, unitOf };
}
