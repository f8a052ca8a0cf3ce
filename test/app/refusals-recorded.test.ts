// Every refusal is a fact in the audit log, questions included, and compliance is told of a
// suspended holder's attempt: a holder on mandatory leave may not change their language (settings
// are not among the two things they may do), their questions are refused and recorded and
// compliance told (the message says so); another branch's manager's refused question is recorded
// (compliance is not told: the message does not say so).
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ask } from "../../src/app/home/query.ts";
import { setLocale } from "../../src/app/home/set-locale.ts";
import { execute } from "../../src/app/kernel/execute.ts";
import { askQuestion } from "../../src/app/questions/ask-question.query.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { testKernel } from "../support/kernel.ts";
import { seedSmallBank, type SmallBank } from "../support/small-bank.ts";

describe.each(ENGINES)("refusals are recorded on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  beforeEach(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db);
    await db.prisma.leave.create({
      data: {
        id: randomUUID(),
        kind: "regular",
        holderId: bank.ids.holder,
        postId: bank.post.id,
        unitId: bank.units.SB1.id,
        startDate: "2026-11-30",
        endDate: "2026-12-04",
        status: "started",
        plannedById: bank.ids.hr,
      },
    });
  });
  afterEach(async () => db?.drop());

  const kernel = () => testKernel(db, "2026-12-01T02:00:00Z");
  const holder = () => ({ personId: bank.ids.holder, platform: "slack" as const });
  const logged = (action: string, actorId: string) => db.prisma.auditLogEntry.findMany({ where: { action, actorId } });
  const complianceTold = () => db.prisma.notice.findMany({ where: { kind: "suspended_attempt" } });

  it("a holder on leave cannot change their language: SUSPENDED, logged, compliance told", async () => {
    const out = await execute(kernel(), setLocale, { locale: "en" }, holder());
    expect(out).toMatchObject({ ok: false, code: "SUSPENDED" });
    expect(out.ok === false && out.message.en).toMatch(/compliance/i);
    expect((await db.prisma.employee.findUniqueOrThrow({ where: { id: bank.ids.holder } })).locale).toBeNull();
    expect(await logged("profile.set_locale.refused", bank.ids.holder)).toHaveLength(1);
    expect((await complianceTold()).map((n) => n.recipientId).sort()).toEqual(
      [bank.ids.compliance, bank.ids.complianceHead].sort(),
    );
    // Anyone else still may.
    expect(
      await execute(kernel(), setLocale, { locale: "en" }, { personId: bank.ids.manager, platform: "slack" }),
    ).toMatchObject({ ok: true });
  });

  it("a holder on leave asking a question is refused, logged, and compliance is told", async () => {
    const out = await ask(kernel(), askQuestion, { text: "谁在休假" }, holder());
    expect(out).toMatchObject({ ok: false, code: "SUSPENDED" });
    const entries = await logged("question.ask.refused", bank.ids.holder);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.data)).toMatchObject({ code: "SUSPENDED" });
    expect(await complianceTold()).toHaveLength(2);
    // Help is not a refusal.
    expect(await ask(kernel(), askQuestion, { text: "help" }, holder())).toMatchObject({ ok: true });
    expect(await logged("question.ask.refused", bank.ids.holder)).toHaveLength(1);
  });

  it("another branch's manager asking about SB1 is refused OUT_OF_SCOPE and the refusal is logged", async () => {
    const other = { personId: bank.ids.otherManager, platform: "teams" as const };
    const out = await ask(kernel(), askQuestion, { text: "status of SB1" }, other);
    expect(out).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
    const entries = await logged("question.ask.refused", bank.ids.otherManager);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.data)).toMatchObject({ code: "OUT_OF_SCOPE" });
    expect(await complianceTold()).toHaveLength(0);
  });
});
