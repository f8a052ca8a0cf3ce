// A small bank written straight into a test database: the cast every app-layer test works with.
// HO (Asia/Shanghai) → BR1 → SB1, and BR2. Codes are the bank's own; ids are generated.
import { randomUUID } from "node:crypto";
import type { Database } from "../../src/infra/db/database.ts";

export const CAST = {
  hr: { code: "E-HR", name: "何人事", nameEn: "Helen HR", unit: "BR1", roles: [["hr", "BR1"]] },
  compliance: { code: "E-CO", name: "高合规", nameEn: "Colin Compliance", unit: "HO", roles: [["compliance", "HO"]] },
  complianceHead: {
    code: "E-CH",
    name: "钟合规",
    nameEn: "Chloe Head",
    unit: "HO",
    roles: [["compliance_head", "HO"]],
  },
  holder: { code: "E-TL", name: "张柜员", nameEn: "Tom Teller", unit: "SB1", roles: [] },
  substitute: { code: "E-SU", name: "李代岗", nameEn: "Sue Substitute", unit: "SB1", roles: [] },
  manager: { code: "E-MG", name: "王行长", nameEn: "Mark Manager", unit: "SB1", roles: [["manager", "SB1"]] },
  otherManager: { code: "E-M2", name: "赵经理", nameEn: "Mia Manager", unit: "BR2", roles: [["manager", "BR2"]] },
  leader: { code: "E-A1", name: "陈组长", nameEn: "Alan Leader", unit: "HO", roles: [["auditor", "HO"]] },
  lead: { code: "E-A2", name: "刘主审", nameEn: "Lily Lead", unit: "HO", roles: [["auditor", "HO"]] },
  member: { code: "E-A3", name: "孙审计", nameEn: "Sam Member", unit: "HO", roles: [["auditor", "HO"]] },
  executive: { code: "E-VP", name: "周副行长", nameEn: "Victor VP", unit: "HO", roles: [["executive", "HO"]] },
  incoming: { code: "E-IN", name: "吴新任", nameEn: "Ivy Incoming", unit: "SB1", roles: [] },
  stranger: { code: "E-XX", name: "郑路人", nameEn: "Xavier Stranger", unit: "BR2", roles: [] },
} as const;

export type CastName = keyof typeof CAST;

export interface SmallBank {
  readonly ids: Record<CastName, string>;
  readonly units: Record<"HO" | "BR1" | "SB1" | "BR2", { id: string; path: string }>;
  readonly post: { id: string; code: string };
  readonly calendarId: string;
}

export async function seedSmallBank(
  db: Database,
  options: { timeZone?: string; withIdentities?: boolean } = {},
): Promise<SmallBank> {
  const p = db.prisma;
  const timeZone = options.timeZone ?? "Asia/Shanghai";
  const calendarId = randomUUID();
  await p.calendar.create({ data: { id: calendarId, code: "CAL", name: "Test calendar", weekendDays: "6,7" } });
  const unit = async (code: string, parent: { id: string; path: string } | null, kind: string) => {
    const id = randomUUID();
    const path = `${parent?.path ?? "/"}${code}/`;
    await p.orgUnit.create({
      data: { id, code, name: code, kind, parentId: parent?.id ?? null, path, timeZone, calendarId },
    });
    return { id, path };
  };
  const HO = await unit("HO", null, "head_office");
  const BR1 = await unit("BR1", HO, "branch");
  const SB1 = await unit("SB1", BR1, "sub_branch");
  const BR2 = await unit("BR2", HO, "branch");
  const units = { HO, BR1, SB1, BR2 };
  const ids = {} as Record<CastName, string>;
  let n = 0;
  for (const [key, c] of Object.entries(CAST) as [CastName, (typeof CAST)[CastName]][]) {
    n += 1;
    const id = randomUUID();
    ids[key] = id;
    await p.employee.create({
      data: {
        id,
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        email: `${c.code.toLowerCase()}@bank.example`,
        unitId: units[c.unit].id,
      },
    });
    for (const [role, scope] of c.roles)
      await p.roleGrant.create({
        data: { id: randomUUID(), employeeId: id, role, unitId: units[scope as keyof typeof units].id },
      });
    if (options.withIdentities !== false) {
      await p.chatIdentity.create({
        data: {
          id: randomUUID(),
          employeeId: id,
          platform: "slack",
          externalId: `U0TEST${String(n).padStart(3, "0")}`,
          tenantId: "T0TEST",
        },
      });
    }
  }
  const policyId = randomUUID();
  await p.policy.create({
    data: {
      id: policyId,
      code: "TEST-OPS",
      name: "Test operations policy",
      category: "operations",
      maxTenureMonths: 36,
      leaveEveryMonths: 12,
      leaveMinWorkingDays: 5,
      complianceLeadWorkingDays: 2,
    },
  });
  const templateId = randomUUID();
  await p.checklistTemplate.create({
    data: {
      id: templateId,
      code: "CL-TELLER",
      name: "Teller checklist",
      items: {
        create: [
          { id: randomUUID(), seq: 1, text: "核对现金库存", textEn: "Count the cash on hand" },
          { id: randomUUID(), seq: 2, text: "检查重要空白凭证", textEn: "Check blank vouchers" },
          { id: randomUUID(), seq: 3, text: "核查授权记录", textEn: "Review authorisation records" },
        ],
      },
    },
  });
  const postId = randomUUID();
  await p.keyPost.create({
    data: {
      id: postId,
      code: "P-TELLER-SB1",
      name: "柜员",
      nameEn: "Teller",
      unitId: SB1.id,
      category: "operations",
      riskPoints: JSON.stringify(["cash"]),
      checklistTemplateId: templateId,
      standardDefined: true,
    },
  });
  await p.assignment.create({
    data: { id: randomUUID(), employeeId: ids.holder, postId, kind: "holder", startDate: "2023-01-09" },
  });
  return { ids, units, post: { id: postId, code: "P-TELLER-SB1" }, calendarId };
}
