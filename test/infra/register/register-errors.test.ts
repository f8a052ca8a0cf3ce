import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { errorLines, filesIn, importFiles, tableCounts } from "./register-support.ts";

const BROKEN = join(import.meta.dirname, "broken");

/** Every problem of the broken files, units first (the order they are imported in), rows in order. */
const EXPECTED = [
  'units.csv:3:time_zone — unknown time zone "Asia/Shangai": expected an IANA name such as Asia/Shanghai',
  'units.csv:4:parent_code — unknown parent unit "HQ"',
  'units.csv:5:code — duplicate unit code "BR1" (first on line 3)',
  "units.csv:6:parent_code — a head office has no parent unit",
  "units.csv:7:parent_code — the parents make a cycle: X1 → X2 → X1",
  "units.csv:8:parent_code — the parents make a cycle: X2 → X1 → X2",
  'units.csv:10:calendar_code — unknown calendar "CN" (import calendars first: docs/calendars.md)',
  'employees.csv:2:roles — unknown unit "BRX" in auditor@BRX',
  'employees.csv:3:email — "li.si@bank" is not an e-mail address',
  'employees.csv:3:slack_user_id — "u0002" is not a Slack user id (U… or W…, capitals and digits)',
  'employees.csv:4:roles — unknown role "auditorr" in "auditorr@HO": expected one of hr, compliance, compliance_head, auditor, manager, executive, admin',
  'employees.csv:4:teams_aad_object_id — "not-a-guid" is not a Teams (Entra ID) object id: expected a GUID',
  'employees.csv:6:roles — "hr@" is not role@unit-code (e.g. auditor@BR1)',
  "employees.csv:8:code — required",
  'posts.csv:3:category — "boss" is not one of: authority, operations, oversight',
  'posts.csv:4:standard_defined — "maybe" is not true or false',
  'assignments.csv:2:start_date — "2024-02-30" is not a date: expected YYYY-MM-DD, e.g. 2026-11-28',
  "assignments.csv:3:end_date — 2024-02-01 is before the start date 2024-03-01",
  'assignments.csv:4:employee_code — unknown employee "E9"',
  'assignments.csv:4:post_code — unknown post "P9"',
  "assignments.csv:7:start_date — duplicate assignment: E1 holder of P1 from 2025-01-01 (first on line 6)",
  'assignments.csv:8:kind — "deputy" is not one of: holder, acting',
  'clients.csv:2:manager_code — unknown employee "E404"',
  "clients.csv:3:since — a date without a manager_code",
];

function write(files: Record<string, string | Buffer>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "keypost-register-"));
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

const UNITS = "code,name,kind,parent_code,time_zone\nHO,总行,head_office,,Asia/Shanghai\nBR1,北京分行,branch,HO,\n";

describe.each(ENGINES)("broken register files on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
  });
  afterEach(async () => {
    await db.drop();
  });

  it("yield every row-level problem as file:row:column — reason, and write nothing", async () => {
    const outcome = await importFiles(db, filesIn(BROKEN));
    expect(errorLines(outcome)).toEqual(EXPECTED);
    expect(Object.values(await tableCounts(db)).every((n) => n === 0)).toBe(true);
  });

  it("a dry run of broken files reports the same problems", async () => {
    expect(errorLines(await importFiles(db, filesIn(BROKEN), { dryRun: true }))).toEqual(EXPECTED);
  });

  it("one bad row in one file keeps every other file out too", async () => {
    const paths = write({ "units.csv": UNITS, "employees.csv": "code,name,unit_code\nE1,张三,BR1\nE2,李四,BR9\n" });
    expect(errorLines(await importFiles(db, paths))).toEqual(['employees.csv:3:unit_code — unknown unit "BR9"']);
    expect(await db.prisma.orgUnit.count()).toBe(0);
  });

  it("refuses files it cannot read as a register: unknown and missing columns, not UTF-8, no kind, bad JSON", async () => {
    const paths = write({
      "units.csv": "code,name,kind,colour\nHO,总行,head_office,red\n",
      "employees.csv": "code,unit_code\nE1,HO\n",
      "posts.csv": Buffer.concat([
        Buffer.from("code,name,unit_code,category\nP1,"),
        Buffer.from([0xb9, 0xf1, 0xd4, 0xb1]),
        Buffer.from(",HO,operations\n"),
      ]),
      "people.csv": "who,where\nE1,HO\n",
      "clients.json": '{ "kind": "units", "rows": [] }',
      "assignments.json":
        '{\n  "kind": "assignments",\n  "rows": [\n    {"employee_code": "E1", "post_code": "P1", "start_date": "2026-01-01"},\n    {"employee_code": "E1", "post_code": "P1", "start_date": "2026-13-01", "shift": "night"},\n    {"employee_code": ["E1"], "post_code": "P1", "start_date": "2026-01-02"}\n  ]\n}\n',
    });
    expect(errorLines(await importFiles(db, paths))).toEqual([
      "people.csv — cannot tell which register this is: name it units.csv, employees.csv, posts.csv, assignments.csv, clients.csv (or *.units.csv …), or give it the header of one kind",
      'clients.json:1:kind — the file is named for clients but says "units"',
      "units.csv:1:colour — unknown column for units (known: code, name, name_en, kind, parent_code, time_zone, calendar_code)",
      "employees.csv:1:name — missing required column",
      'posts.csv:2 — the file is not UTF-8 text: save it as "CSV UTF-8" (Excel) or convert it from GBK',
      // employees.csv could not be read, so E1 is nowhere; P1 neither (posts.csv stopped at line 2)
      'assignments.json:4:employee_code — unknown employee "E1"',
      'assignments.json:4:post_code — unknown post "P1"',
      "assignments.json:5:shift — unknown column for assignments (known: employee_code, post_code, kind, start_date, end_date, end_reason)",
      "assignments.json:6:employee_code — must be text, not a list",
    ]);
  });
});
