// On PostgreSQL the import's writes leave without waiting for each other's answers, and a first
// load's index builds wait for the next file's first reads (decision 13.s12g-2): the server works
// while the importer reads and checks the next rows. What is sent and answered, in order, is read off
// the import's own session, wrapped to keep a journal; the statements still run on the test server.
// A statement the server refuses in the middle still fails the import with its own error (not
// "current transaction is aborted"), and nothing is written; a dry run fails on a put-off key check
// as the real import would (the store settles before it judges the result). The arrays travel as literals Keypost
// writes itself (13.s12g-5): every awkward text comes back from the server as it went in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/infra/db/database.ts";
import type { SqlSession } from "../../../src/infra/db/sql-session.ts";
import type { RegisterRepository } from "../../../src/ports/register-repository.ts";
import { PrismaRegisterStore } from "../../../src/infra/db/register/prisma-register-repository.ts";
import { arrayLiteral } from "../../../src/infra/db/register/register-sql.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";
import { NOW, SAMPLES, counts, filesIn, importFiles, tableCounts } from "./register-support.ts";

type Event = { readonly kind: "sent" | "answered"; readonly sql: string; readonly first?: unknown };

/** The same database; the sessions of its driver transactions note each statement sent and answered. */
function journaled(db: Database, events: Event[]): Database {
  const wrap = (session: SqlSession): SqlSession => {
    const note =
      <T>(send: (sql: string, ...args: unknown[]) => Promise<T>) =>
      (sql: string, ...args: unknown[]): Promise<T> => {
        events.push({ kind: "sent", sql, first: args[0] });
        const answer = send(sql, ...args);
        void answer.then(
          () => events.push({ kind: "answered", sql }),
          () => events.push({ kind: "answered", sql }),
        );
        return answer;
      };
    return {
      rows: note((sql, ...args) => session.rows(sql, ...args)),
      run: note((sql, ...args) => session.run(sql, ...args)),
      queue: note((sql, ...args) => session.queue(sql, ...args)),
      pipeline: session.pipeline,
    };
  };
  return { ...db, driverTransaction: (work, options) => db.driverTransaction((s) => work(wrap(s)), options) };
}

/** The most statements that were sent and not yet answered at one time. */
function mostInFlight(events: readonly Event[]): number {
  let open = 0;
  let most = 0;
  for (const e of events) {
    open += e.kind === "sent" ? 1 : -1;
    most = Math.max(most, open);
  }
  return most;
}

const firstSent = (events: readonly Event[], pattern: RegExp, first?: unknown) =>
  events.findIndex((e) => e.kind === "sent" && pattern.test(e.sql) && (first === undefined || e.first === first));

describe("the register import's writes on postgres", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase("postgres");
  });
  afterEach(async () => {
    await db.drop();
  });

  it("leave without waiting for each other, and a first load's index builds follow the next file's first reads", async () => {
    const events: Event[] = [];
    const first = counts(await importFiles(journaled(db, events), filesIn(SAMPLES)));
    expect(first.employees![0]).toBeGreaterThan(0);

    // A chunk's employees, role grants and chat identities are on the wire together.
    expect(mostInFlight(events)).toBeGreaterThanOrEqual(3);
    // The employees' indexes are built after the posts' bulk load has read its catalog (the next
    // file's first reads go before them; its first write takes them along) …
    const codeIndex = firstSent(events, /^CREATE UNIQUE INDEX "Employee_code_key"/);
    expect(firstSent(events, /"pg_constraint"/, "KeyPost")).toBeGreaterThan(0);
    expect(codeIndex).toBeGreaterThan(firstSent(events, /"pg_constraint"/, "KeyPost"));
    // … and before anything reads the employees by code (the assignments file).
    expect(codeIndex).toBeLessThan(firstSent(events, /FROM "Employee" WHERE/));
    // Every index and key is back when the import commits: a second import changes nothing.
    const again = counts(await importFiles(db, filesIn(SAMPLES)));
    expect(Object.values(again).every(([created, updated]) => created === 0 && updated === 0)).toBe(true);
    const committed = await tableCounts(db);
    expect(committed.log).toBe(1);
  });

  it("a statement refused in the middle fails the import with its own error, nothing written", async () => {
    const before = await tableCounts(db);
    const store = new PrismaRegisterStore(db);
    const at = new Date(NOW);
    const row = { code: "E1", name: "甲", nameEn: null, email: null, status: "active", locale: null };
    const load = store.transaction(
      async (repo) => {
        const [unit] = await repo.allUnits();
        const unitId = unit?.id ?? (await seedUnit(repo, at));
        await repo.beginBulkLoad("employees");
        await repo.insertEmployees([{ ...row, id: "e-1", unitId }], at);
        // The same id again: the primary key (never dropped) refuses it, and the write does not wait.
        await repo.insertEmployees([{ ...row, id: "e-1", code: "E2", unitId }], at);
        await repo.insertRoleGrants([{ id: "g-1", employeeId: "e-1", role: "auditor", unitId }]);
        await repo.endBulkLoad("employees");
        await repo.employeeRefs(["E1"]); // a read behind the refusal
        return true;
      },
      () => true,
    );
    await expect(load).rejects.toMatchObject({ code: "23505" });
    expect(await tableCounts(db)).toEqual(before);
  });
  it("a dry run still fails on what the put-off key checks refuse, as a real import would", async () => {
    const store = new PrismaRegisterStore(db);
    const row = { code: "E1", name: "甲", nameEn: null, email: null, status: "active", locale: null };
    const dryRun = store.transaction(
      async (repo) => {
        await repo.beginBulkLoad("employees");
        await repo.insertEmployees([{ ...row, id: "e-1", unitId: "no-such-unit" }], new Date(NOW));
        await repo.endBulkLoad("employees"); // the foreign key goes back only when something needs it
        return true;
      },
      () => false, // nothing to commit: the result alone is handed out
    );
    await expect(dryRun).rejects.toThrow(/foreign key|FOREIGN KEY/);
    expect((await tableCounts(db)).employees).toBe(0);
  });
});

describe("an array literal on postgres", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase("postgres");
  });
  afterEach(async () => {
    await db.drop();
  });

  it("brings every text back as it was, NULL as null, and refuses what has no single text", async () => {
    const texts = [
      "plain",
      "",
      "NULL",
      "null",
      'a "quoted" word',
      "back\\slash\\",
      "{braces}",
      "a,b",
      " spaced ",
      "新\n行",
      "\t",
    ];
    const values = [...texts, null, undefined];
    const back = await db.driverTransaction((sql) =>
      sql.rows<{ v: string | null }>(
        `SELECT v FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n`,
        arrayLiteral(values.length, (i) => values[i]),
      ),
    );
    expect(back.map((r) => r.v)).toEqual([...texts, null, null]);
    const flags = await db.driverTransaction((sql) =>
      sql.rows<{ v: boolean }>(
        `SELECT unnest($1::boolean[]) AS v`,
        arrayLiteral(2, (i) => i === 0),
      ),
    );
    expect(flags.map((r) => r.v)).toEqual([true, false]);
    expect(() => arrayLiteral(1, () => new Date(NOW))).toThrow(TypeError);
  });
});

async function seedUnit(repo: RegisterRepository, at: Date): Promise<string> {
  await repo.insertUnits(
    [
      {
        id: "u-1",
        code: "HQ",
        name: "总行",
        nameEn: null,
        kind: "head_office",
        parentId: null,
        path: "/u-1/",
        timeZone: "Asia/Shanghai",
        calendarId: null,
      },
    ],
    at,
  );
  return "u-1";
}
