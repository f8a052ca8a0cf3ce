// The register's history questions asked as queries (ask), on both engines: the teller E-TL rotated
// on 9 January 2026 from the teller post in SB1 to a credit post in BR2, E-IN took the teller post
// and E-TL's client. Who may ask: a reporting role whose units reach the subject.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../../src/app/home/query.ts";
import {
  askWhereDidPersonGo,
  askWhoServesClient,
  askWhoTookPost,
} from "../../../src/app/reports/register-history.query.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";
import { seedSmallBank, type CastName, type SmallBank } from "../../support/small-bank.ts";

const AT = "2026-03-16T10:00:00+08:00";

describe.each(ENGINES)("register history questions on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  beforeAll(async () => {
    db = await testDatabase(engine);
    bank = await seedSmallBank(db, { withIdentities: false });
    const p = db.prisma;
    const credit = randomUUID();
    const rotation = randomUUID();
    await p.keyPost.create({
      data: { id: credit, code: "P-CREDIT-BR2", name: "信贷", unitId: bank.units.BR2.id, category: "operations" },
    });
    await p.rotation.create({
      data: {
        id: rotation,
        postId: bank.post.id,
        outgoingId: bank.ids.holder,
        incomingId: bank.ids.incoming,
        destinationPostId: credit,
        plannedDate: "2026-01-09",
        status: "done",
      },
    });
    await p.assignment.updateMany({
      where: { employeeId: bank.ids.holder, postId: bank.post.id },
      data: { endDate: "2026-01-09", endReason: "rotation" },
    });
    await p.assignment.create({
      data: {
        id: randomUUID(),
        employeeId: bank.ids.incoming,
        postId: bank.post.id,
        startDate: "2026-01-09",
        rotationId: rotation,
      },
    });
    await p.assignment.create({
      data: {
        id: randomUUID(),
        employeeId: bank.ids.holder,
        postId: credit,
        startDate: "2026-01-09",
        rotationId: rotation,
      },
    });
    // A substitute's acting cover never shows in the answers.
    await p.assignment.create({
      data: {
        id: randomUUID(),
        employeeId: bank.ids.substitute,
        postId: bank.post.id,
        kind: "acting",
        startDate: "2025-06-02",
        endDate: "2025-06-06",
      },
    });
    const client = randomUUID();
    await p.client.create({ data: { id: client, code: "C-001", name: "客户一", unitId: bank.units.SB1.id } });
    await p.clientAssignment.create({
      data: {
        id: randomUUID(),
        clientId: client,
        employeeId: bank.ids.holder,
        startDate: "2023-01-09",
        endDate: "2026-01-09",
        reason: "import",
      },
    });
    await p.clientAssignment.create({
      data: {
        id: randomUUID(),
        clientId: client,
        employeeId: bank.ids.incoming,
        startDate: "2026-01-09",
        reason: "rotation",
        rotationId: rotation,
      },
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const as = (name: CastName) => ({ personId: bank.ids[name], platform: "console" as const });

  it("where did E-TL go: asked by the manager of the unit they left, and of the one they joined", async () => {
    for (const name of ["manager", "otherManager", "compliance"] as const) {
      const answer = await ask(testKernel(db, AT), askWhereDidPersonGo, { code: "E-TL" }, as(name));
      expect(answer.ok, name).toBe(true);
      if (!answer.ok) continue;
      expect(answer.value.moves.map((m) => [m.from.code, m.leftOn, m.to?.code, m.successor?.code])).toEqual([
        ["P-TELLER-SB1", "2026-01-09", "P-CREDIT-BR2", "E-IN"],
      ]);
      expect(answer.value.holdsNow.map((h) => h.post.code)).toEqual(["P-CREDIT-BR2"]);
    }
    expect(await ask(testKernel(db, AT), askWhereDidPersonGo, { code: "E-XX" }, as("manager"))).toMatchObject({
      ok: false,
      code: "OUT_OF_SCOPE",
    });
  });

  it("who took the teller post, who serves C-001: in scope only", async () => {
    const took = await ask(testKernel(db, AT), askWhoTookPost, { code: "P-TELLER-SB1" }, as("manager"));
    expect(took.ok && took.value.history.map((t) => [t.holder.code, t.from, t.until])).toEqual([
      ["E-TL", "2023-01-09", "2026-01-09"],
      ["E-IN", "2026-01-09", null],
    ]);
    const serves = await ask(testKernel(db, AT), askWhoServesClient, { code: "C-001" }, as("hr"));
    expect(serves.ok && [serves.value.current?.manager.code, serves.value.history.length]).toEqual(["E-IN", 2]);
    expect(await ask(testKernel(db, AT), askWhoTookPost, { code: "P-TELLER-SB1" }, as("otherManager"))).toMatchObject({
      ok: false,
      code: "OUT_OF_SCOPE",
    });
    expect(await ask(testKernel(db, AT), askWhoServesClient, { code: "C-001" }, as("otherManager"))).toMatchObject({
      ok: false,
      code: "OUT_OF_SCOPE",
    });
  });

  it("refusals: no reporting role, an unknown code, a blank code", async () => {
    expect(await ask(testKernel(db, AT), askWhoTookPost, { code: "P-TELLER-SB1" }, as("holder"))).toMatchObject({
      ok: false,
      code: "NOT_AUTHORISED",
    });
    expect(await ask(testKernel(db, AT), askWhoTookPost, { code: "P-NOPE" }, as("compliance"))).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await ask(testKernel(db, AT), askWhoServesClient, { code: " " }, as("compliance"))).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
  });
});
