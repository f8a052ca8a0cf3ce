import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { PrismaPolicyRepository } from "../../src/infra/db/prisma-policy-repository.ts";

describe.each(ENGINES)("PrismaPolicyRepository on %s", (engine) => {
  let db: TestDatabase;
  let policies: PrismaPolicyRepository;

  const post = async (id: string, category: string, policyCode?: string) => {
    const policy = policyCode ? await db.prisma.policy.findUniqueOrThrow({ where: { code: policyCode } }) : undefined;
    await db.prisma.keyPost.create({
      data: { id, code: id, name: id, unitId: "HO", category, policyId: policy?.id ?? null },
    });
  };

  beforeAll(async () => {
    db = await testDatabase(engine);
    policies = new PrismaPolicyRepository(db.prisma);
    await db.prisma.orgUnit.create({
      data: { id: "HO", code: "HO", name: "Head office", kind: "head_office", path: "/HO/", timeZone: "Asia/Shanghai" },
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("applies a preset once: a second time changes nothing", async () => {
    const first = await policies.applyPreset("cn-bank");
    expect(first).toEqual({
      preset: "cn-bank",
      codes: [
        "cn-bank.authority",
        "cn-bank.operations",
        "cn-bank.oversight",
        "cn-bank-cash",
        "cn-bank-accounting",
        "cn-bank-vault",
      ],
      created: 6,
      updated: 0,
      unchanged: 0,
    });
    expect(await policies.applyPreset("cn-bank")).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(await db.prisma.policy.count()).toBe(6);
    expect(await db.prisma.setting.findUnique({ where: { key: "org.policyPreset" } })).toMatchObject({
      value: "cn-bank",
    });
    expect(await db.prisma.policy.findUnique({ where: { code: "cn-bank-cash" } })).toMatchObject({
      category: null,
      preset: "cn-bank",
      maxTenureMonths: 12,
      leaveMinWorkingDays: 5,
      warningDays: "90,30,7",
      reminderHours: "24,48",
    });
  });

  it("resolves posts: category default, or the override they point at", async () => {
    await post("TELLER", "operations", "cn-bank-cash");
    await post("CREDIT", "operations");
    await post("HEAD", "authority");
    expect(await policies.forPost("TELLER")).toMatchObject({
      code: "cn-bank-cash",
      maxTenureMonths: 12,
      leaveMinWorkingDays: 5,
      sources: ["cn-bank.operations", "cn-bank-cash"],
    });
    expect(await policies.forPost("CREDIT")).toMatchObject({
      code: "cn-bank.operations",
      maxTenureMonths: 36,
      warningDays: [90, 30, 7],
    });
    const many = await policies.forPosts(["HEAD", "CREDIT", "nope"]);
    expect([...many.keys()].sort()).toEqual(["CREDIT", "HEAD"]);
    expect(many.get("HEAD")).toMatchObject({ code: "cn-bank.authority", category: "authority" });
    await expect(policies.forPost("nope")).rejects.toMatchObject({ code: "POLICY_NOT_FOUND" });
  });

  it("switches the active preset; re-applying resets edited rows", async () => {
    await db.prisma.policy.update({ where: { code: "cn-bank.operations" }, data: { leaveMinWorkingDays: 7 } });
    expect(await policies.forPost("CREDIT")).toMatchObject({ leaveMinWorkingDays: 7 });
    expect(await policies.applyPreset("cn-bank")).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    expect(await policies.applyPreset("us-fdic")).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(await policies.forPost("CREDIT")).toMatchObject({
      code: "us-fdic.operations",
      leaveMinWorkingDays: 10,
      maxTenureMonths: 60,
    });
    // the teller still points at its own complete policy
    expect(await policies.forPost("TELLER")).toMatchObject({
      code: "cn-bank-cash",
      leaveMinWorkingDays: 5,
      sources: ["us-fdic.operations", "cn-bank-cash"],
    });
    await expect(policies.applyPreset("eu-eba")).rejects.toMatchObject({ code: "POLICY_PRESET_UNKNOWN" });
    expect(await db.prisma.setting.findUnique({ where: { key: "org.policyPreset" } })).toMatchObject({
      value: "us-fdic",
    });
  });

  it("saves custom policies idempotently and refuses broken ones", async () => {
    const trader = {
      code: "desk-trader",
      name: "Trading desk",
      preset: "custom",
      category: null,
      maxTenureMonths: 48,
      leaveEveryMonths: 12,
      leaveMinWorkingDays: 10,
      complianceLeadWorkingDays: 3,
      warningDays: [60, 14],
      reminderHours: [4, 8],
      escalateAfterHours: 24,
    };
    expect(await policies.save(trader)).toBe("created");
    expect(await policies.save(trader)).toBe("unchanged");
    expect(await policies.save({ ...trader, complianceLeadWorkingDays: 5 })).toBe("updated");
    expect(await policies.byCode("desk-trader")).toEqual({ ...trader, complianceLeadWorkingDays: 5 });
    expect(await policies.byCode("nope")).toBeUndefined();
    await expect(policies.save({ ...trader, warningDays: [14, 60] })).rejects.toMatchObject({ code: "POLICY_INVALID" });
    expect((await policies.list()).map((p) => p.code)).toContain("desk-trader");
  });

  it("without an active preset, uses the only defaults stored, and refuses several", async () => {
    await db.prisma.setting.delete({ where: { key: "org.policyPreset" } });
    await expect(policies.forPost("CREDIT")).rejects.toMatchObject({ code: "POLICY_CATEGORY_MISSING" });
    await db.prisma.policy.deleteMany({ where: { preset: "us-fdic" } });
    expect(await policies.forPost("CREDIT")).toMatchObject({ code: "cn-bank.operations" });
  });

  it("joins a transaction it is given: all or nothing", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await new PrismaPolicyRepository(tx).applyPreset("sg-mas");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.prisma.policy.count({ where: { preset: "sg-mas" } })).toBe(0);
  });
});
