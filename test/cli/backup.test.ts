// keypost backup: a consistent copy of a SQLite database taken while a writer keeps writing to it
// (the service's situation), that opens, passes its integrity check and holds the rows committed
// before the copy began; refused with a clear line for PostgreSQL, an existing file, or no file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { sqlitePath } from "../../src/infra/db/database.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import { seedSmallBank } from "../support/small-bank.ts";

function capture(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, interactive: false, out: (l) => lines.push(l), err: (l) => lines.push(l) };
}

describe("keypost backup", () => {
  let db: TestDatabase | undefined;
  const dir = mkdtempSync(join(tmpdir(), "keypost-backup-"));
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it("copies a database that is being written to, consistently", { timeout: 60_000 }, async () => {
    db = await testDatabase("sqlite");
    await seedSmallBank(db);
    const employees = await db.prisma.employee.count();
    // Another connection writes settings rows all the time the copy runs.
    const writer = new BetterSqlite3(sqlitePath(db.url));
    const insert = writer.prepare(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?)`);
    let n = 0;
    const writing = setInterval(() => insert.run(`k${n++}`, "v"), 1);
    const target = join(dir, "copy.db");
    const io = capture();
    try {
      expect(await main(["backup", target], io, { DATABASE_URL: db.url, LOG_LEVEL: "silent" })).toBe(0);
    } finally {
      clearInterval(writing);
      writer.close();
    }
    expect(io.lines).toEqual([expect.stringMatching(/^backed up \d+ pages \(.* MB\) to .*copy\.db; integrity ok$/)]);
    const copy = new BetterSqlite3(target, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect((copy.prepare(`SELECT count(*) AS n FROM "Employee"`).get() as { n: number }).n).toBe(employees);
      const copied = (copy.prepare(`SELECT count(*) AS n FROM "Setting" WHERE "key" LIKE 'k%'`).get() as { n: number })
        .n;
      expect(copied).toBeLessThanOrEqual(n);
    } finally {
      copy.close();
    }
    // Never over an existing file.
    const again = capture();
    expect(await main(["backup", target], again, { DATABASE_URL: db.url, LOG_LEVEL: "silent" })).toBe(1);
    expect(again.lines[0]).toMatch(/exists already/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses PostgreSQL and a missing argument with one line, exit 2", async () => {
    const pg = capture();
    expect(await main(["backup", "x.db"], pg, { DATABASE_URL: "postgres://db.internal/keypost" })).toBe(2);
    expect(pg.lines[0]).toMatch(/use pg_dump|with pg_dump/);
    const none = capture();
    expect(await main(["backup"], none, {})).toBe(2);
  });
});
