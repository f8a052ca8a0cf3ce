// On PostgreSQL the inbox takes the requests that arrive together in one statement (decision
// 13.s13s-1): each caller still learns whether its own key was new, a replay (stored before, or
// twice in the same group) is accepted once, every row is stored as sent, and a row the server
// refuses fails its own request only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/infra/db/database.ts";
import { GroupedInboxIntake } from "../../src/infra/db/grouped-inbox-intake.ts";
import type { SqlSession } from "../../src/infra/db/sql-session.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";

const at = (ms: number) => new Date(Date.UTC(2026, 2, 9, 1, 0, 0, ms));

describe("GroupedInboxIntake on postgres", () => {
  let db: TestDatabase;
  /** Every statement the intake sent (its text), through the database it was given. */
  const sent: string[] = [];
  let counted: Database;

  beforeAll(async () => {
    db = await testDatabase("postgres");
    counted = {
      ...db,
      sql: (tx) => {
        const inner = db.sql(tx);
        const session: SqlSession = {
          rows: (sql, ...args) => (sent.push(sql), inner.rows(sql, ...args)),
          run: (sql, ...args) => (sent.push(sql), inner.run(sql, ...args)),
          queue: (sql, ...args) => (sent.push(sql), inner.queue(sql, ...args)),
        };
        return session;
      },
    };
  });
  afterAll(async () => {
    await db.drop();
  });

  it("requests arriving together are one statement; each answer is its own key's", async () => {
    const intake = new GroupedInboxIntake(counted);
    expect(await intake.accept({ key: "old", platform: "slack", payload: `{"n":0}`, receivedAt: at(0) })).toBe(true);
    sent.length = 0;
    const payload = (i: number) => JSON.stringify({ i, text: `确认 "quoted" back\\slash {braces}, 😀` });
    const requests = [
      ...Array.from({ length: 60 }, (_, i) => ({
        key: `k${i}`,
        platform: "slack" as const,
        payload: payload(i),
        receivedAt: at(i + 1),
      })),
      { key: "old", platform: "slack" as const, payload: `{"n":1}`, receivedAt: at(100) },
      { key: "k7", platform: "slack" as const, payload: `{"again":true}`, receivedAt: at(101) },
    ];
    const answers = await Promise.all(requests.map((r) => intake.accept(r)));
    expect(answers).toEqual([...Array<boolean>(60).fill(true), false, false]);
    expect(sent.length).toBeLessThanOrEqual(2);
    const rows = await db.prisma.inboundRequest.findMany({ orderBy: { receivedAt: "asc" } });
    expect(rows.map((r) => [r.key, r.payload, r.receivedAt.getTime(), r.attempts, r.doneAt])).toEqual([
      ["old", `{"n":0}`, at(0).getTime(), 0, null],
      ...Array.from({ length: 60 }, (_, i) => [`k${i}`, payload(i), at(i + 1).getTime(), 0, null]),
    ]);
  });

  it("a row the server refuses fails its own request; the others are stored", async () => {
    const intake = new GroupedInboxIntake(counted);
    const answers = await Promise.allSettled(
      ["g1", "bad\u0000key", "g2"].map((key, i) =>
        intake.accept({ key, platform: "slack", payload: "{}", receivedAt: at(200 + i) }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(answers.filter((a) => a.status === "fulfilled").map((a) => a.value)).toEqual([true, true]);
    const keys = await db.prisma.inboundRequest.findMany({
      where: { key: { startsWith: "g" } },
      select: { key: true },
    });
    expect(keys.map((k) => k.key).sort()).toEqual(["g1", "g2"]);
  });
});
