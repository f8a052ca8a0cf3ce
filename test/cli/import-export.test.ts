import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { SAMPLES, filesIn } from "../infra/register/register-support.ts";

function capture(interactive = false): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const BROKEN = join(import.meta.dirname, "..", "infra", "register", "broken");

describe.each(ENGINES)("keypost import and export on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
  });
  afterEach(async () => {
    await remove();
  });

  const run = async (args: string[], interactive = false) => {
    const io = capture(interactive);
    const code = await main(args, io, { DATABASE_URL: url, LOG_LEVEL: "silent" });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  it("imports the sample files (exit 0, a line per kind); again, everything is unchanged", async () => {
    expect(await run(["import", ...filesIn(SAMPLES)])).toEqual({
      code: 0,
      stdout: [
        "units: 5 created, 0 updated, 0 unchanged",
        "employees: 8 created, 0 updated, 0 unchanged",
        "posts: 5 created, 0 updated, 0 unchanged",
        "assignments: 6 created, 0 updated, 0 unchanged",
        "clients: 4 created, 0 updated, 0 unchanged",
      ],
      stderr: [],
    });
    expect((await run(["import", ...filesIn(SAMPLES)])).stdout).toEqual([
      "units: 0 created, 0 updated, 5 unchanged",
      "employees: 0 created, 0 updated, 8 unchanged",
      "posts: 0 created, 0 updated, 5 unchanged",
      "assignments: 0 created, 0 updated, 6 unchanged",
      "clients: 0 created, 0 updated, 4 unchanged",
    ]);
  });

  it("--dry-run prints what would change, with the first changes, and writes nothing", async () => {
    const dry = await run(["import", "--dry-run", join(SAMPLES, "units.csv"), join(SAMPLES, "posts.csv")]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toEqual([
      "dry run: nothing was written",
      "units: 5 created, 0 updated, 0 unchanged",
      "  + HO 总行",
      "  + BR1 北京分行",
      "  + BR1-01 朝阳支行",
      "  + BR2 上海分行",
      "  + HK 香港分行",
      "posts: 5 created, 0 updated, 0 unchanged",
      "  + P-BR1-01-RM 朝阳支行客户经理",
      "  + P-BR1-01-TELLER 朝阳支行柜员",
      "  + P-BR1-HEAD 北京分行行长",
      "  + P-BR2-BILLS 上海分行票据岗",
      "  + P-HO-CMP 总行合规经理",
    ]);
    expect((await run(["import", "--dry-run", join(SAMPLES, "units.csv")])).stdout[1]).toBe(
      "units: 5 created, 0 updated, 0 unchanged",
    );
  });

  it("exits 2 with the row-level problems of broken files on stderr, and writes nothing", async () => {
    const result = await run(["import", ...filesIn(BROKEN)]);
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toHaveLength(25);
    expect(result.stderr[0]).toBe(
      `${join(BROKEN, "units.csv")}:3:time_zone — unknown time zone "Asia/Shangai": expected an IANA name such as Asia/Shanghai`,
    );
    expect(result.stderr.at(-1)).toBe("24 problems: nothing was imported");
    const dir = mkdtempSync(join(tmpdir(), "keypost-export-"));
    expect((await run(["export", "register", "--out", dir])).stdout).toEqual([
      `units: 0 rows → ${join(dir, "units.csv")}`,
      `employees: 0 rows → ${join(dir, "employees.csv")}`,
      `posts: 0 rows → ${join(dir, "posts.csv")}`,
      `assignments: 0 rows → ${join(dir, "assignments.csv")}`,
      `clients: 0 rows → ${join(dir, "clients.csv")}`,
      `calendars: 0 rows → ${join(dir, "calendars.csv")}`,
      `checklists: 0 rows → ${join(dir, "checklists.csv")}`,
      `policies: 0 rows → ${join(dir, "policies.csv")}`,
      `leave-history: 0 rows → ${join(dir, "leave-history.csv")}`,
      `audit-history: 0 rows → ${join(dir, "audit-history.csv")}`,
    ]);
  });

  it("export register writes the import formats back: CSV equal to the samples, JSON that imports to the same", async () => {
    await run(["import", ...filesIn(SAMPLES)]);
    const csv = mkdtempSync(join(tmpdir(), "keypost-export-"));
    expect((await run(["export", "register", "--format", "csv", "--out", csv])).code).toBe(0);
    for (const file of filesIn(SAMPLES))
      expect(readFileSync(join(csv, basename(file)), "utf8")).toBe(readFileSync(file, "utf8"));
    const json = mkdtempSync(join(tmpdir(), "keypost-export-"));
    expect((await run(["export", "register", `--format=json`, `--out=${json}`])).code).toBe(0);
    for (const file of filesIn(join(SAMPLES, "json"), ".json"))
      expect(readFileSync(join(json, basename(file)), "utf8")).toBe(readFileSync(file, "utf8"));
    expect((await run(["import", ...filesIn(json, ".json")])).stdout).toContain(
      "employees: 0 created, 0 updated, 8 unchanged",
    );
  });
});

describe("keypost import and export: usage", () => {
  let url: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl("sqlite"));
  });
  afterEach(async () => {
    await remove();
  });

  const run = async (args: string[], interactive = false) => {
    const io = capture(interactive);
    const code = await main(args, io, { DATABASE_URL: url, LOG_LEVEL: "silent" });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  it("refuses bad usage with exit 2 and one line", async () => {
    expect(await run(["import"])).toEqual({
      code: 2,
      stdout: [],
      stderr: ["keypost import: name the register files to import, e.g. keypost import units.csv employees.csv"],
    });
    expect((await run(["import", "--force", "units.csv"])).stderr[0]).toMatch(
      /^keypost import: unknown option "--force"/,
    );
    expect(await run(["import", "/nowhere/units.csv"])).toEqual({
      code: 2,
      stdout: [],
      stderr: ["/nowhere/units.csv — no such file", "1 problem: nothing was imported"],
    });
    const unknown = await run(["export", "payroll"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr[0]).toMatch(/^keypost export: unknown report "payroll" \(known: register(, [a-z-]+)*\)$/);
    expect((await run(["export"])).stderr[0]).toMatch(/^keypost export: name the report to export \(known: register/);
    expect(await run(["export", "register", "--format", "xml"])).toEqual({
      code: 2,
      stdout: [],
      stderr: ['keypost export: --format must be csv or json (got "xml")'],
    });
    expect((await run(["export", "register", "--colour", "red"])).stderr[0]).toMatch(
      /^keypost export: unexpected "--colour"/,
    );
  });

  it("shows progress on stderr for big files when stderr is a terminal, not otherwise", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keypost-register-"));
    writeFileSync(join(dir, "units.csv"), "code,name,kind,time_zone\nHO,总行,head_office,Asia/Shanghai\n");
    const rows = Array.from({ length: 20_000 }, (_, i) => `E${i},员工${i},HO`);
    writeFileSync(join(dir, "employees.csv"), ["code,name,unit_code", ...rows].join("\n"));
    const quiet = await run(["import", "--dry-run", join(dir, "units.csv"), join(dir, "employees.csv")]);
    expect(quiet.stderr).toEqual([]);
    const shown = await run(["import", "--dry-run", join(dir, "units.csv"), join(dir, "employees.csv")], true);
    expect(shown.stderr).toEqual(["employees: 10,000 rows read…", "employees: 20,000 rows read…"]);
    expect(shown.stdout).toContain("employees: 20000 created, 0 updated, 0 unchanged");
  });
});
