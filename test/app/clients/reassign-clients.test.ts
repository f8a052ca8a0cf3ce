// clients.reassign: HR moves named clients between relationship managers, with history.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { makeWorld, type World } from "../rotation/rotation-world.ts";
import { reassignClients } from "../../../src/app/clients/reassign-clients.ts";
import { whoServesClient } from "../../../src/app/rotation/register-queries.ts";

describe.each(ENGINES)("client reassignment on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "2026-03-02T02:00:00Z");
  });
  afterEach(async () => db.drop());

  it("moves the named clients once, with history and a log entry each", async () => {
    const move = { from: "E-RM", to: "E-SU", clients: ["C-001"], note: "portfolio balancing" };
    expect(await w.run(reassignClients, move, "hr")).toMatchObject({
      ok: true,
      message: { en: "1 client(s) moved from E-RM to E-SU." },
    });
    expect(await w.run(reassignClients, move, "hr")).toMatchObject({ ok: false, code: "ALREADY_DONE" });
    const served = await w.system((tx) => whoServesClient(tx, "C-001"));
    expect(served?.history.map((s) => [s.manager.code, s.from, s.until, s.reason])).toEqual([
      ["E-RM", "2023-03-01", "2026-03-02", "import"],
      ["E-SU", "2026-03-02", null, "manual"],
    ]);
    expect((await w.system((tx) => whoServesClient(tx, "C-002")))?.current?.manager.code).toBe("E-RM");
    const entries = await db.prisma.auditLogEntry.findMany({ where: { action: "client.reassigned" } });
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.data)).toMatchObject({
      client: "C-001",
      from: "E-RM",
      to: "E-SU",
      reason: "manual",
      note: "portfolio balancing",
    });
    expect(await w.system((tx) => whoServesClient(tx, "C-NOPE"))).toBeUndefined();
  });

  it("refuses clients the giver does not serve, unknown clients, HR out of scope and HR on leave", async () => {
    expect(await w.run(reassignClients, { from: "E-RM", to: "E-IN", clients: ["C-001", "C-003"] }, "hr")).toMatchObject(
      { ok: false, code: "NOT_FOUND", detail: { code: "C-003" } },
    );
    expect(await w.run(reassignClients, { from: "E-RM", to: "E-IN", clients: ["C-404"] }, "hr")).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      detail: { code: "C-404" },
    });
    expect(await w.run(reassignClients, { from: "E-RM", to: "E-IN", clients: ["C-001"] }, "hrOther")).toMatchObject({
      ok: false,
      code: "OUT_OF_SCOPE",
    });
    expect(await w.run(reassignClients, { from: "E-RM", to: "E-RM", clients: ["C-001"] }, "hr")).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    await w.onLeave("hr");
    expect(await w.run(reassignClients, { from: "E-RM", to: "E-IN", clients: ["C-001"] }, "hr")).toMatchObject({
      ok: false,
      code: "SUSPENDED",
    });
    expect(await db.prisma.clientAssignment.count()).toBe(3);
  });
});
