// One row of every model, written and read back field by field on both engines: proves the SQLite
// and PostgreSQL migration folders carry every column of prisma/schema.prisma with its type
// (dates to the millisecond, booleans, nulls, Int bounds, Chinese and astral-plane text).
// The model list comes from the generated client: a model added without a case here fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { Prisma } from "../../src/infra/db/generated/sqlite/client.ts";
import { Prisma as PgPrisma } from "../../src/infra/db/generated/postgres/client.ts";

type Row = Record<string, unknown>;
interface Case {
  /** Every scalar column, set to a non-default, non-null value where the column allows it. */
  create: Row;
  /** What an update changes (nullable columns back to null, flags flipped); null for appended facts. */
  update: Row | null;
}
interface Delegate {
  create(args: { data: Row }): Promise<Row>;
  findUnique(args: { where: Row }): Promise<Row | null>;
  update(args: { where: Row; data: Row }): Promise<Row>;
  delete(args: { where: Row }): Promise<Row>;
  count(): Promise<number>;
}

const d = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_123); // a distinct instant per column
const TEXT = "强制休假·离岗审计 🏦 “引号” \\ 'x'";

// In creation order: parents before children. Records keyed by Prisma.ModelName, so tsc fails too.
const CASES: Record<Prisma.ModelName, Case> = {
  Setting: { create: { key: "org.名称", value: TEXT }, update: { value: "" } },
  Calendar: {
    create: { id: "cal1", code: "CN", name: "中国大陆工作日历", weekendDays: "6,7" },
    update: { weekendDays: "5,6" },
  },
  CalendarDay: {
    create: { id: "cd1", calendarId: "cal1", date: "2026-10-01", kind: "holiday", name: "国庆节" },
    update: { kind: "workday", name: "" },
  },
  OrgUnit: {
    create: {
      id: "u1",
      code: "BR1",
      name: "北京分行",
      nameEn: "Beijing Branch",
      kind: "branch",
      parentId: "u0",
      path: "/HO/BR1/",
      timeZone: "Asia/Shanghai",
      calendarId: "cal1",
      createdAt: d(1),
      updatedAt: d(2),
    },
    update: { nameEn: null, parentId: null, calendarId: null, updatedAt: d(3) },
  },
  Employee: {
    create: {
      id: "e1",
      code: "E0001",
      name: "张伟",
      nameEn: "Zhang Wei",
      email: "zhang.wei@bank.example",
      unitId: "u1",
      status: "on_leave",
      locale: "zh-CN",
      preferredPlatform: "teams",
      createdAt: d(4),
      updatedAt: d(5),
    },
    update: { nameEn: null, email: null, locale: null, preferredPlatform: null, status: "active", updatedAt: d(6) },
  },
  RoleGrant: { create: { id: "rg1", employeeId: "e1", role: "auditor", unitId: "u1" }, update: { role: "manager" } },
  ChatIdentity: {
    create: {
      id: "ci1",
      employeeId: "e1",
      platform: "teams",
      externalId: "aad-00000000-0000",
      tenantId: "tenant-1",
      conversationRef: `{"会话":"19:abc"}`,
      installedAt: d(7),
    },
    update: { conversationRef: null, installedAt: null, tenantId: "" },
  },
  Policy: {
    create: {
      id: "p1",
      code: "OPS",
      name: "运营类岗位",
      preset: "cn-bank",
      category: "operations",
      maxTenureMonths: 36,
      leaveEveryMonths: 12,
      leaveMinWorkingDays: 5,
      complianceLeadWorkingDays: 3,
      warningDays: "60,14",
      reminderHours: "4,8",
      escalateAfterHours: 2_147_483_647,
    },
    update: { preset: null, category: null, escalateAfterHours: -2_147_483_648 },
  },
  ChecklistTemplate: { create: { id: "ct1", code: "TELLER", name: "柜员离岗审计清单" }, update: { name: TEXT } },
  ChecklistTemplateItem: {
    create: { id: "cti1", templateId: "ct1", seq: 1, text: "核对库存现金", textEn: "Count the cash" },
    update: { textEn: "" },
  },
  KeyPost: {
    create: {
      id: "kp1",
      code: "BR1-TELLER",
      name: "柜员",
      nameEn: "Teller",
      unitId: "u1",
      category: "operations",
      riskPoints: `["现金","印章"]`,
      policyId: "p1",
      checklistTemplateId: "ct1",
      standardDefined: true,
      active: false,
      createdAt: d(8),
      updatedAt: d(9),
    },
    update: {
      nameEn: null,
      policyId: null,
      checklistTemplateId: null,
      standardDefined: false,
      active: true,
      updatedAt: d(10),
    },
  },
  Assignment: {
    create: {
      id: "as1",
      employeeId: "e1",
      postId: "kp1",
      kind: "acting",
      startDate: "2026-01-05",
      endDate: "2026-02-05",
      endReason: "leave_cover_ended",
      rotationId: "rot1",
      leaveId: "lv1",
      createdAt: d(11),
    },
    update: { endDate: null, endReason: null, rotationId: null, leaveId: null },
  },
  Client: {
    create: {
      id: "cl1",
      code: "C001",
      name: "北京某某贸易有限公司",
      nameEn: "Beijing Mou Trading Co., Ltd.",
      unitId: "u1",
    },
    update: { unitId: null, nameEn: null },
  },
  ClientAssignment: {
    create: {
      id: "ca1",
      clientId: "cl1",
      employeeId: "e1",
      startDate: "2026-01-01",
      endDate: "2026-06-30",
      reason: "rotation",
      rotationId: "rot1",
    },
    update: { endDate: null, reason: null, rotationId: null },
  },
  RotationPlan: {
    create: {
      id: "rp1",
      year: 2026,
      unitId: "u1",
      status: "approved",
      approvedById: "e1",
      approvedAt: d(12),
      createdAt: d(13),
    },
    update: { status: "draft", approvedById: null, approvedAt: null },
  },
  Rotation: {
    create: {
      id: "rot1",
      planId: "rp1",
      postId: "kp1",
      outgoingId: "e1",
      incomingId: "e2",
      destinationPostId: "kp2",
      plannedDate: "2026-06-30",
      status: "approved",
      handoverId: "h1",
      version: 3,
      createdById: "e1",
      approvedById: "e3",
      doneAt: d(14),
      createdAt: d(15),
      updatedAt: d(16),
    },
    update: {
      planId: null,
      incomingId: null,
      destinationPostId: null,
      handoverId: null,
      createdById: null,
      approvedById: null,
      doneAt: null,
      version: 4,
      updatedAt: d(17),
    },
  },
  Leave: {
    create: {
      id: "lv1",
      kind: "triggered",
      trigger: "tip_off",
      triggerRef: "mer1",
      holderId: "e1",
      postId: "kp1",
      substituteId: "e2",
      unitId: "u1",
      startDate: "2026-03-02",
      endDate: "2026-03-13",
      sealed: false,
      status: "started",
      reason: "群众举报：账实不符",
      plannedById: "e3",
      complianceNotifiedAt: d(18),
      startedAt: d(19),
      closedAt: new Date("2099-12-31T23:59:59.999Z"),
      cancelledAt: new Date("1969-12-31T23:59:59.999Z"),
      version: 2,
      createdAt: d(20),
      updatedAt: d(21),
    },
    update: {
      trigger: null,
      triggerRef: null,
      substituteId: null,
      complianceNotifiedAt: null,
      startedAt: null,
      closedAt: null,
      cancelledAt: null,
      sealed: true,
      updatedAt: d(22),
    },
  },
  Handover: {
    create: {
      id: "h1",
      postId: "kp1",
      fromId: "e1",
      toId: "e2",
      witnessId: "e3",
      purpose: "leave_start",
      leaveId: "lv1",
      rotationId: "rot1",
      status: "confirmed",
      periodStart: "2026-03-02",
      version: 2,
      openedAt: d(23),
      completedAt: d(24),
    },
    update: { witnessId: null, leaveId: null, rotationId: null, periodStart: null, completedAt: null, status: "open" },
  },
  HandoverItem: {
    create: { id: "hi1", handoverId: "h1", seq: 1, kind: "seal", description: "业务公章一枚", quantity: "1 枚" },
    update: { quantity: "" },
  },
  HandoverConfirmation: {
    create: {
      id: "hc1",
      handoverId: "h1",
      itemSeq: 0,
      side: "witness",
      employeeId: "e3",
      platform: "teams",
      at: d(25),
    },
    update: null,
  },
  Audit: {
    create: {
      id: "au1",
      leaveId: "lv1",
      rotationId: "rot1",
      postId: "kp1",
      holderId: "e1",
      unitId: "u1",
      status: "fieldwork",
      planText: "审计方案",
      planApprovedById: "e4",
      noticeIssuedAt: d(26),
      reportText: TEXT,
      dueDate: "2026-03-20",
      version: 5,
      requestedAt: d(27),
      closedAt: d(28),
    },
    update: {
      leaveId: null,
      rotationId: null,
      planApprovedById: null,
      noticeIssuedAt: null,
      dueDate: null,
      closedAt: null,
      reportText: "",
    },
  },
  AuditMember: {
    create: { id: "am1", auditId: "au1", employeeId: "e4", role: "lead_auditor" },
    update: { role: "member" },
  },
  AuditChecklistItem: {
    create: {
      id: "aci1",
      auditId: "au1",
      seq: 1,
      text: "核对库存现金",
      textEn: "Count the cash",
      result: "exception",
      note: "短款 200 元",
      evidenceUrl: "https://dms.example/证据/1",
      markedById: "e4",
      markedAt: d(29),
    },
    update: { result: "pending", note: "", markedById: null, markedAt: null },
  },
  EvidenceFile: {
    create: {
      id: "ef1",
      auditId: "au1",
      itemSeq: 2,
      name: "盘点表 🏦.pdf",
      mediaType: "application/pdf",
      bytes: 2_147_483_647,
      sha256: "a".repeat(64),
      uploadedById: "e1",
      uploadedAt: d(40),
    },
    update: null,
  },
  Finding: {
    create: {
      id: "f1",
      auditId: "au1",
      seq: 1,
      severity: "high",
      description: "账实不符",
      itemSeq: 1,
      evidenceUrl: "https://dms.example/f/1",
      createdById: "e4",
      createdAt: d(30),
    },
    update: { severity: "critical", itemSeq: null, evidenceUrl: "" },
  },
  AuditOpinion: {
    create: { id: "ao1", auditId: "au1", employeeId: "e1", agrees: false, reason: "不同意：已补账", at: d(31) },
    update: null,
  },
  AuditSignature: { create: { id: "as1", auditId: "au1", employeeId: "e5", at: d(32) }, update: null },
  Rectification: {
    create: {
      id: "r1",
      auditId: "au1",
      findingSeq: 1,
      description: "补齐现金",
      ownerId: "e1",
      dueDate: "2026-04-30",
      status: "closed",
      closingNote: "已整改",
      closedById: "e4",
      closedAt: d(33),
      createdAt: d(34),
    },
    update: { findingSeq: null, status: "open", closingNote: "", closedById: null, closedAt: null },
  },
  MajorEventReport: {
    create: {
      id: "mer1",
      reporterId: "e1",
      kind: "large_debt",
      description: "配偶经营企业亏损",
      occurredOn: "2026-02-14",
      status: "leave_triggered",
      triagedById: "e3",
      triageNote: "需强制休假",
      leaveId: "lv1",
      filedAt: d(35),
      triagedAt: d(36),
      version: 3,
    },
    update: { status: "filed", triagedById: null, triageNote: "", leaveId: null, triagedAt: null },
  },
  Notice: {
    create: {
      id: "n1",
      dedupeKey: "leave:lv1:start:e1",
      recipientId: "e1",
      platform: "slack",
      kind: "leave.start",
      subjectType: "Leave",
      subjectId: "lv1",
      card: `{"title":"强制休假通知"}`,
      visibleFrom: d(37),
      status: "sent",
      attempts: 2,
      nextAttemptAt: d(38),
      lastError: "429 稍后重试",
      messageRef: "C1:1712.0001",
      sentAt: d(39),
      acknowledgedAt: d(40),
      remindersSent: 1,
      escalatedAt: d(41),
      needsUpdate: true,
      createdAt: d(42),
    },
    update: {
      visibleFrom: null,
      messageRef: null,
      sentAt: null,
      acknowledgedAt: null,
      escalatedAt: null,
      needsUpdate: false,
      lastError: "",
    },
  },
  ActionToken: {
    create: {
      id: "at1",
      action: "leave.ack",
      subjectType: "Leave",
      subjectId: "lv1",
      subjectVersion: 2,
      recipientId: "e1",
      args: `{"备注":"已知悉"}`,
      createdAt: d(43),
      usedAt: d(44),
    },
    update: { usedAt: null },
  },
  CommandReceipt: {
    create: { key: "slack:T1:action:123", result: `{"ok":true,"消息":"已确认"}`, createdAt: d(45) },
    update: null,
  },
  InboundRequest: {
    create: {
      key: "slack:request:v0=ab:0",
      platform: "slack",
      payload: `{"type":"block_actions","文字":"确认"}`,
      receivedAt: d(50),
      attempts: 2,
      leaseUntil: d(51),
      doneAt: d(52),
      error: "超时",
    },
    update: { doneAt: null },
  },
  DashboardLink: {
    create: { tokenHash: "sha256:链接", personId: "e1", createdAt: d(53), expiresAt: d(54), usedAt: d(55) },
    update: { usedAt: null },
  },
  DigestLine: {
    create: {
      id: "dl1",
      digestKey: "digest.daily:e1:2026-03-05",
      recipientId: "e1",
      sendAt: d(60),
      noticeKey: "leave:l1:planned:e2",
      subjectType: "leave",
      subjectId: "l1",
      lateId: "e2",
      line: JSON.stringify({ title: TEXT }),
      createdAt: d(61),
    },
    update: { line: "{}" },
  },
  DashboardSession: {
    create: { tokenHash: "sha256:会话", personId: "e1", createdAt: d(56), lastSeenAt: d(57), endedAt: d(58) },
    update: { endedAt: null },
  },
  ScheduledSlot: {
    create: {
      id: "ss1",
      job: "leave.start",
      slot: "2026-03-02T09:00+08:00",
      claimedBy: "host-a",
      claimedAt: d(46),
      finishedAt: d(47),
    },
    update: { finishedAt: null },
  },
  SenderLease: {
    create: { key: "slack", holder: "host-a:4242:副本", leaseUntil: d(59) },
    update: { holder: "host-b", leaseUntil: d(60) },
  },
  AuditLogEntry: {
    create: {
      seq: 1,
      at: d(48),
      actorId: "e3",
      platform: "scheduler",
      action: "leave.started",
      subjectType: "Leave",
      subjectId: "lv1",
      sealedUntil: d(49),
      data: `{"说明":"开始"}`,
      personal: `{"说明":{"owners":["e3"],"salt":"c2FsdA"}}`,
      prevHash: "0".repeat(64),
      hash: "a".repeat(64),
    },
    update: null, // append-only
  },
};

const MODELS = Object.keys(CASES) as Prisma.ModelName[];
const keyOf = (row: Row): Row =>
  "id" in row
    ? { id: row.id }
    : "key" in row
      ? { key: row.key }
      : "tokenHash" in row
        ? { tokenHash: row.tokenHash }
        : { seq: row.seq };
const scalarFields = (model: string) =>
  Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!).sort();

describe("the round-trip cases", () => {
  it("cover every model of both generated clients", () => {
    expect([...MODELS].sort()).toEqual(Object.values(Prisma.ModelName).sort());
    expect(Object.values(PgPrisma.ModelName).sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it.each(MODELS)("%s: set every scalar column", (model) => {
    expect(Object.keys(CASES[model].create).sort()).toEqual(scalarFields(model));
  });
});

describe.each(ENGINES)("schema round trip on %s", (engine) => {
  let db: TestDatabase;
  const delegate = (model: string) =>
    (db.prisma as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;
  beforeAll(async () => {
    db = await testDatabase(engine);
    // The one row outside the cases: a parent for the OrgUnit self-relation.
    await db.prisma.orgUnit.create({
      data: { id: "u0", code: "HO", name: "总行", kind: "head_office", path: "/HO/", timeZone: "Asia/Shanghai" },
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  it.each(MODELS)("%s: created, read back, updated, read back", async (model) => {
    const { create, update } = CASES[model];
    const where = keyOf(create);
    await delegate(model).create({ data: create });
    expect(await delegate(model).findUnique({ where })).toEqual(create);
    if (update === null) return;
    await delegate(model).update({ where, data: update });
    expect(await delegate(model).findUnique({ where })).toEqual({ ...create, ...update });
  });

  it("enforces foreign keys and cascades as the schema says", async () => {
    await expect(
      db.prisma.roleGrant.create({ data: { id: "rg-x", employeeId: "nobody", role: "hr", unitId: "u1" } }),
    ).rejects.toThrow();
    await db.prisma.employee.create({ data: { id: "e9", code: "E9", name: "李娜", unitId: "u1" } });
    await db.prisma.roleGrant.create({ data: { id: "rg9", employeeId: "e9", role: "hr", unitId: "u1" } });
    await db.prisma.chatIdentity.create({ data: { id: "ci9", employeeId: "e9", platform: "slack", externalId: "U9" } });
    await expect(db.prisma.orgUnit.delete({ where: { id: "u1" } })).rejects.toThrow(); // employees restrict it
    await db.prisma.employee.delete({ where: { id: "e9" } });
    expect(await db.prisma.roleGrant.findUnique({ where: { id: "rg9" } })).toBeNull();
    expect(await db.prisma.chatIdentity.findUnique({ where: { id: "ci9" } })).toBeNull();
  });

  it("deletes every row, children first, leaving every table empty", async () => {
    for (const model of [...MODELS].reverse()) {
      await delegate(model).delete({ where: keyOf(CASES[model].create) });
    }
    await db.prisma.orgUnit.delete({ where: { id: "u0" } });
    for (const model of MODELS) expect(await delegate(model).count(), model).toBe(0);
  });
});
