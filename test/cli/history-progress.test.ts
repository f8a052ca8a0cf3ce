// Progress on stderr for the history ledgers (issue #14, "CLI manners"): a past-leave ledger of
// 10 000 rows or more prints a line every 10 000 rows written, on a terminal only — like the
// register import's "employees: 10,000 rows read…", whose test (import-export.test.ts) also shows
// that nothing is printed when stderr is not a terminal (the same io.interactive gate). What is
// printed does not depend on the engine, and 10 000 rows written one by one cost the slower one
// tens of seconds, so this runs on SQLite alone; the ledger import itself is tested on both
// (day-one-bank.test.ts, export-round-trip).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { emptyDatabaseUrl } from "../support/databases.ts";

const DAY = 86_400_000;
const day = (i: number) => new Date(Date.UTC(1990, 0, 1) + i * DAY).toISOString().slice(0, 10);

describe("keypost import of a big leave ledger", () => {
  let url: string;
  let remove: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), "keypost-ledger-"));
  beforeAll(async () => {
    ({ url, remove } = await emptyDatabaseUrl("sqlite"));
    writeFileSync(join(dir, "units.csv"), "code,name,kind,time_zone\nHO,总行,head_office,Asia/Shanghai\n");
    writeFileSync(join(dir, "employees.csv"), "code,name,unit_code\nE1,甲,HO\n");
    writeFileSync(join(dir, "posts.csv"), "code,name,unit_code,category\nP1,柜员,HO,operations\n");
    writeFileSync(join(dir, "assignments.csv"), "employee_code,post_code,start_date\nE1,P1,1989-01-02\n");
    // One single-day leave a day from 1990: 10 000 rows, none in the future.
    const rows = Array.from({ length: 10_000 }, (_, i) => `E1,P1,${day(i)},${day(i)}`);
    writeFileSync(join(dir, "leaves.csv"), ["employee_code,post_code,leave_start,leave_end", ...rows].join("\n"));
  });
  afterAll(async () => {
    await remove();
  });

  const run = async (interactive: boolean) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io: CliIo = { interactive, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
    const files = ["units.csv", "employees.csv", "posts.csv", "assignments.csv", "leaves.csv"].map((f) => join(dir, f));
    const code = await main(["import", "--dry-run", ...files], io, { DATABASE_URL: url, LOG_LEVEL: "silent" });
    return { code, stdout, stderr };
  };

  it("prints a line every 10 000 rows written on a terminal", async () => {
    const shown = await run(true);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toEqual(["past leaves: 10,000 rows written…"]);
    expect(shown.stdout).toContain("past leaves: 10000 created, 0 updated, 0 unchanged");
  }, 240_000);
});
