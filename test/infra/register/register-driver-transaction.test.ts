// The register import runs on a transaction with no Prisma in it (decision 13.s9i-1): a database
// whose Prisma client and Prisma transactions throw at any use still imports the samples, writes
// the audit-log entry, re-imports with nothing changed, refuses a bad file with nothing written and
// rolls a dry run back — on both engines. The rows are then read back through Prisma, as the rest
// of Keypost reads them. And a first load's foreign keys still refuse what the checks would miss. With a prelude (the CLI's reference files) the store still takes Prisma's
// transaction, which test/cli/import-reference.test.ts covers.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/infra/db/database.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { PrismaRegisterStore } from "../../../src/infra/db/register/prisma-register-repository.ts";
import { selectForeignKeys } from "../../../src/infra/db/sql/select-foreign-keys.sql.ts";
import { selectTableIndexes } from "../../../src/infra/db/sql/select-table-indexes.sql.ts";
import { NOW, SAMPLES, counts, errorLines, filesIn, importFiles, tableCounts } from "./register-support.ts";

/** The same database, with every way into Prisma closed: a use fails the import loudly. */
function withoutPrisma(db: Database): Database {
  const closed = (what: string) => () => {
    throw new Error(`the register import used Prisma (${what})`);
  };
  return {
    ...db,
    prisma: new Proxy(db.prisma, { get: (_target, name) => closed(`prisma.${String(name)}`)() }),
    transaction: closed("transaction"),
    unit: closed("unit"),
  };
}

describe.each(ENGINES)("the register import on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => {
    await db.drop();
  });

  it("needs no Prisma: imports with its audit-log entry, re-imports unchanged, rolls a dry run back", async () => {
    const driverOnly = withoutPrisma(db);
    const dry = await importFiles(driverOnly, filesIn(SAMPLES), { dryRun: true });
    expect(counts(dry).employees![0]).toBeGreaterThan(0);
    expect((await tableCounts(db)).employees).toBe(0);

    const first = counts(await importFiles(driverOnly, filesIn(SAMPLES)));
    const after = await tableCounts(db);
    expect(after.employees).toBe(first.employees![0]);
    expect(after.log).toBe(1);
    const entry = await db.prisma.auditLogEntry.findFirstOrThrow();
    expect(entry.action).toBe("register.imported");

    const again = counts(await importFiles(driverOnly, filesIn(SAMPLES)));
    expect(Object.values(again).every(([created, updated]) => created === 0 && updated === 0)).toBe(true);
    expect(await tableCounts(db)).toEqual(after);
  });

  it("a reference the import's checks missed fails a first load and rolls it back, keys and indexes intact", async () => {
    // On PostgreSQL a first load drops the foreign keys and adds them back (decision 13.s9i-2): the
    // validation, not the insert, must then refuse an employee of a unit that does not exist.
    const schema = () =>
      db.transaction(async (_tx, sql) => [
        ...(await selectTableIndexes(sql, db.provider, "Employee")),
        ...(db.provider === "postgres" ? await selectForeignKeys(sql, "Employee") : []),
      ]);
    const before = await schema();
    const store = new PrismaRegisterStore(db);
    const load = store.transaction(
      async (repo) => {
        await repo.beginBulkLoad("employees");
        const row = { code: "E1", name: "甲", nameEn: null, email: null, status: "active", locale: null };
        await repo.insertEmployees([{ ...row, id: "e-1", unitId: "no-such-unit" }], new Date(NOW));
        await repo.endBulkLoad("employees");
        return true;
      },
      () => true,
    );
    await expect(load).rejects.toThrow(/foreign key|FOREIGN KEY/);
    expect((await tableCounts(db)).employees).toBe(0);
    expect(await schema()).toEqual(before);
  });

  it("needs no Prisma to refuse a bad file: the row and field named, nothing written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keypost-driver-import-"));
    cpSync(SAMPLES, dir, { recursive: true });
    const employees = join(dir, "employees.csv");
    const lines = readFileSync(employees, "utf8").split("\n");
    lines[2] = lines[2]!.replace(/,[^,]*@[^,]*,/, ",not-an-address,");
    writeFileSync(employees, lines.join("\n"));
    const before = await tableCounts(db);
    const refused = errorLines(await importFiles(withoutPrisma(db), filesIn(dir)));
    expect(refused.some((line) => line.startsWith("employees.csv:3:email"))).toBe(true);
    expect(await tableCounts(db)).toEqual(before);
  });
});
