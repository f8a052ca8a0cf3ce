import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { loadDemoBank, isEmptyRegister } from "../../src/cli/load-demo-bank.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { startService } from "../../src/main.ts";
import { silentLogger } from "../../src/infra/logger.ts";

const clock = new FixedClock("2026-11-28T01:00:00Z");

describe.each(ENGINES)("the demo bank on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => db.drop());

  it("loads a head office, two branches, ~60 staff, ~20 key posts of all three categories, clients, a preset and checklists; again changes nothing", async () => {
    expect(await isEmptyRegister(db)).toBe(true);
    await loadDemoBank(db, clock);
    const p = db.prisma;
    expect(await p.orgUnit.count({ where: { kind: "branch" } })).toBe(2);
    expect(await p.orgUnit.count({ where: { kind: "head_office" } })).toBe(1);
    expect(await p.employee.count()).toBe(60);
    const categories = await p.keyPost.groupBy({ by: ["category"], _count: { _all: true } });
    expect(Object.fromEntries(categories.map((c) => [c.category, c._count._all]))).toEqual({
      authority: 2,
      operations: 19,
      oversight: 2,
    });
    expect(await p.client.count()).toBe(40);
    expect(await p.policy.count({ where: { preset: "cn-bank" } })).toBeGreaterThanOrEqual(6);
    expect(await p.keyPost.count({ where: { checklistTemplateId: null } })).toBe(0);
    expect(await p.assignment.count({ where: { endDate: null, kind: "holder" } })).toBe(23);
    const roles = new Set((await p.roleGrant.findMany()).map((g) => g.role));
    expect([...roles].sort()).toEqual([
      "admin",
      "auditor",
      "compliance",
      "compliance_head",
      "executive",
      "hr",
      "manager",
    ]);
    expect(await isEmptyRegister(db)).toBe(false);

    const before = await p.auditLogEntry.count();
    const again = await loadDemoBank(db, clock);
    expect(again.filter((l) => / [1-9]\d* (created|updated)/.test(l))).toEqual([]);
    expect(await p.employee.count()).toBe(60);
    expect(await p.auditLogEntry.count()).toBeGreaterThanOrEqual(before);
  });
});

describe("npm start's demo rule", () => {
  let dir: string;
  let cwd: string;
  beforeEach(() => {
    cwd = process.cwd();
    dir = mkdtempSync(join(tmpdir(), "keypost-start-"));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it("fills the new default SQLite database with the demo bank, and never another database", async () => {
    const other = await startService(
      loadConfig({ PORT: "0", KEYPOST_SCHEDULER: "off", DATABASE_URL: "file:./data/other.db" }),
      { clock, log: silentLogger },
    );
    const otherUnits = await other.kernel.uow.run(async (tx) => (await tx.people.byCode("E001")) ?? null);
    await other.close();
    expect(otherUnits).toBeNull();

    const service = await startService(loadConfig({ PORT: "0", KEYPOST_SCHEDULER: "off" }), {
      clock,
      log: silentLogger,
    });
    try {
      const president = await service.kernel.uow.run((tx) => tx.people.byCode("E001"));
      expect(president?.grants.map((g) => g.role).sort()).toEqual(["executive", "manager"]);
      const health = await fetch(`${service.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, database: "ok", migrations: { pending: [] } });
    } finally {
      await service.close();
    }
  });
});
