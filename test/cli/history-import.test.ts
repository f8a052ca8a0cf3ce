// The bank's ledgers (台帐) of past off-post audits, with their outcome, imported with `keypost
// import` beside the register and the leave ledger, on both engines: the audit timeliness and
// findings figures count them from day one; every bad row is named (`file:row:column — reason`)
// and the whole command writes nothing; the same ledger again is a no-op.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";

const NOW = "2026-12-01T02:00:00Z";

const FILES: Record<string, string> = {
  "units.csv": ["code,name,kind,parent_code,time_zone", "HO,总行,head_office,,Asia/Shanghai"].join("\n"),
  "employees.csv": [
    "code,name,unit_code,roles",
    "E0,合规,HO,compliance@HO",
    "E1,甲,HO,",
    "E2,乙,HO,",
    "E3,丙,HO,",
  ].join("\n"),
  "posts.csv": [
    "code,name,unit_code,category",
    "P1,柜员一,HO,operations",
    "P2,柜员二,HO,operations",
    "P3,柜员三,HO,operations",
  ].join("\n"),
  "assignments.csv": [
    "employee_code,post_code,start_date",
    "E1,P1,2022-01-03",
    "E2,P2,2023-05-04",
    "E3,P3,2024-02-01",
  ].join("\n"),
  "leaves.csv": ["employee_code,post_code,leave_start,leave_end", "E1,P1,2026-03-02,2026-03-06"].join("\n"),
  // Due in the last 12 months: E1's on time, E2's late (done 3 days after), E3's done before
  // the window (not counted). One with no due date.
  "audits.csv": [
    "employee_code,post_code,leave_start,audit_due,audit_done,outcome,findings",
    "E1,P1,2026-03-02,2026-03-20,2026-03-18,findings,high:1;low:2",
    "E2,P2,,2026-06-10,2026-06-13,clean,",
    "E3,P3,,2025-06-10,2025-06-09,findings,medium:1",
    "E3,P3,,,2026-09-01,clean,",
  ].join("\n"),
};

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe.each(ENGINES)("past audits imported on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  let dir: string;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    dir = mkdtempSync(join(tmpdir(), "keypost-history-"));
  });
  afterEach(async () => {
    await remove();
  });

  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text + "\n");
  };
  const run = async (...args: string[]) => {
    const io = capture();
    const code = await main(args, io, { DATABASE_URL: url, LOG_LEVEL: "silent" });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const all = () => Object.keys(FILES).map((f) => join(dir, f));
  const report = async <T>(name: string): Promise<T> => {
    const r = await run("export", name, "--at", NOW, "--format", "json");
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout.join("\n")) as T;
  };

  it("counts them in audit timeliness and findings, and the same ledger again changes nothing", async () => {
    write(FILES);
    const first = await run("import", ...all());
    expect(first).toMatchObject({ code: 0, stderr: [] });
    expect(first.stdout).toContain("past leaves: 1 created, 0 updated, 0 unchanged");
    expect(first.stdout).toContain("past audits: 4 created, 0 updated, 0 unchanged");
    const again = await run("import", join(dir, "leaves.csv"), join(dir, "audits.csv"));
    expect(again.stdout).toEqual([
      "past leaves: 0 created, 0 updated, 1 unchanged",
      "past audits: 0 created, 0 updated, 4 unchanged",
    ]);

    type Timeliness = {
      total: { numerator: number; denominator: number };
      late: { postCode: string; daysLate: number }[];
    };
    const timeliness = await report<Timeliness>("audit-timeliness");
    expect(timeliness.total).toMatchObject({ numerator: 1, denominator: 2 });
    expect(timeliness.late).toMatchObject([{ postCode: "P2", daysLate: 3 }]);

    type Findings = { total: number; bySeverity: { severity: string; numerator: number }[] };
    const findings = await report<Findings>("findings");
    expect(findings.total).toBe(3); // E3's medium finding is older than 12 months
    expect(Object.fromEntries(findings.bySeverity.map((s) => [s.severity, s.numerator]))).toMatchObject({
      low: 2,
      medium: 0,
      high: 1,
      critical: 0,
    });

    // A corrected outcome updates the audit in place.
    write({ "audits.csv": FILES["audits.csv"]!.replace("high:1;low:2", "critical:1") });
    const corrected = await run("import", join(dir, "audits.csv"));
    expect(corrected.stdout).toEqual(["past audits: 0 created, 1 updated, 3 unchanged"]);
    const after = await report<Findings>("findings");
    expect(after.total).toBe(1);
  });

  it("reads and writes a ledger larger than one list of bound values: 1 200 holders, each on leave and audited", async () => {
    // Set-wise writes (decision 13.s9i-5): the leaves, audits and findings of more holders than
    // SQLite takes bound values in one statement through Prisma (999) are read in slices or joined.
    const n = 1200;
    const code = (i: number) => String(i).padStart(4, "0");
    const rows = (make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i));
    write({
      "units.csv": FILES["units.csv"]!,
      "employees.csv": ["code,name,unit_code", ...rows((i) => `E${code(i)},员工${i},HO`)].join("\n"),
      "posts.csv": ["code,name,unit_code,category", ...rows((i) => `P${code(i)},岗位${i},HO,operations`)].join("\n"),
      "assignments.csv": [
        "employee_code,post_code,start_date",
        ...rows((i) => `E${code(i)},P${code(i)},2022-01-03`),
      ].join("\n"),
      "leaves.csv": [
        "employee_code,post_code,leave_start,leave_end",
        ...rows((i) => `E${code(i)},P${code(i)},2026-03-02,2026-03-06`),
      ].join("\n"),
      "audits.csv": [
        "employee_code,post_code,leave_start,audit_due,audit_done,outcome,findings",
        ...rows(
          (i) => `E${code(i)},P${code(i)},2026-03-02,2026-03-20,2026-03-18,${i % 3 ? "clean," : "findings,low:1"}`,
        ),
      ].join("\n"),
    });
    const first = await run("import", ...all());
    expect(first).toMatchObject({ code: 0, stderr: [] });
    expect(first.stdout).toContain(`past audits: ${n} created, 0 updated, 0 unchanged`);
    const again = await run("import", join(dir, "leaves.csv"), join(dir, "audits.csv"));
    expect(again.stdout).toEqual([
      `past leaves: 0 created, 0 updated, ${n} unchanged`,
      `past audits: 0 created, 0 updated, ${n} unchanged`,
    ]);
    const audits = readFileSync(join(dir, "audits.csv"), "utf8").replace(
      "E1199,P1199,2026-03-02,2026-03-20,2026-03-18,clean,",
      "E1199,P1199,2026-03-02,2026-03-20,2026-03-18,findings,high:1",
    );
    write({ "audits.csv": audits.trimEnd() });
    const corrected = await run("import", join(dir, "audits.csv"));
    expect(corrected.stdout).toEqual([`past audits: 0 created, 1 updated, ${n - 1} unchanged`]);
    type Findings = { total: number; bySeverity: { severity: string; numerator: number }[] };
    const findings = await report<Findings>("findings");
    expect(Object.fromEntries(findings.bySeverity.map((s) => [s.severity, s.numerator]))).toMatchObject({
      low: n / 3,
      high: 1,
    });
  });

  it("names every bad row and writes nothing, the register given with it included", async () => {
    write({
      ...FILES,
      "audits.csv": [
        "employee_code,post_code,leave_start,audit_due,audit_done,outcome,findings,auditor",
        "E1,P1,2026-03-02,2026-03-20,2026-03-18,findings,,x",
        "E2,P2,,2026-06-10,2026-02-30,clean,",
        "E3,P3,,,2027-01-05,clean,low:1",
        "E3,P3,,,2026-09-01,passed,huge:2",
      ].join("\n"),
    });
    const bad = await run("import", ...all());
    expect(bad.code).toBe(2);
    const file = join(dir, "audits.csv");
    expect(bad.stderr).toEqual([
      `${file}:2:auditor — unknown column (known: employee_code, post_code, leave_start, audit_due, audit_done, outcome, findings)`,
      `${file}:2:findings — required when the outcome is findings, e.g. high:1;low:2`,
      `${file}:3:audit_done — "2026-02-30" is not a date: expected YYYY-MM-DD, e.g. 2025-03-02`,
      `${file}:4:audit_done — in the future (2027-01-05): an audit still to come is run in Keypost`,
      `${file}:4:findings — a clean audit has no findings: leave it empty`,
      `${file}:5:outcome — must be clean or findings`,
      `${file}:5:findings — unknown severity "huge" (known: low, medium, high, critical)`,
      "7 problems: nothing was imported",
    ]);
    // A leave the ledger does not hold.
    write({ "audits.csv": FILES["audits.csv"]!.replace("E1,P1,2026-03-02", "E1,P1,2026-03-09") });
    const noLeave = await run("import", ...all());
    expect(noLeave.code).toBe(2);
    expect(noLeave.stderr).toEqual([
      `${file}:2:leave_start — no leave of E1 on P1 started on 2026-03-09 (import the leave ledger with it)`,
      "1 problem: nothing was imported",
    ]);
    type Timeliness = { total: { denominator: number } };
    expect((await report<Timeliness>("audit-timeliness")).total.denominator).toBe(0);
    const units = await run("import", "--dry-run", join(dir, "units.csv"));
    expect(units.stdout.join("\n")).toMatch(/units: 1 created/);
  });
});
