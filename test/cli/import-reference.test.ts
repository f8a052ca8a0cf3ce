import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";

function captured(): CliIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (l) => out_.push(l), err: (l) => err_.push(l), interactive: false };
}

describe.each(ENGINES)("keypost import with calendars and checklists on %s", (engine) => {
  let db: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    db = await testDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), "keypost-import-"));
  });
  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const io = captured();
    const code = await main(["import", ...args], io, { DATABASE_URL: db.url, LOG_LEVEL: "silent" });
    return { code, out: io.out_, err: io.err_ };
  };

  it("imports a calendar CSV, an .ics with its code and a checklist file; again changes nothing", async () => {
    const first = await run(
      "samples/calendars/cn-2026.csv",
      "samples/calendars/us-federal-2026.ics",
      "--calendar",
      "US-FED",
      "samples/demo-bank/checklists.csv",
    );
    expect(first.code).toBe(0);
    expect(first.out).toEqual([
      "calendar CN: 39 created, 0 updated, 0 unchanged",
      "calendar US-FED: 11 created, 0 updated, 0 unchanged",
      "checklists: 7 created, 0 updated, 0 unchanged",
    ]);
    expect(await db.prisma.calendarDay.count()).toBe(50);
    expect(await db.prisma.checklistTemplateItem.count()).toBe(28);
    const again = await run("samples/calendars/cn-2026.csv", "samples/demo-bank/checklists.csv");
    expect(again.out).toEqual([
      "calendar CN: 0 created, 0 updated, 39 unchanged",
      "checklists: 0 created, 0 updated, 7 unchanged",
    ]);
  });

  it("refuses a broken file with row-level reasons and writes nothing of any file", async () => {
    const bad = join(dir, "bad-checklist.csv");
    writeFileSync(
      bad,
      "template_code,template_name,seq,text,text_en\nCL-X,X,1,ok,ok\nCL-X,X,1,again,again\nCL X,X,zero,,\n",
    );
    const result = await run("samples/calendars/cn-2026.csv", bad);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${bad}:3:seq — item 1 of CL-X appears twice`);
    expect(result.err.some((l) => l.startsWith(`${bad}:4:template_code — `))).toBe(true);
    expect(result.err.at(-1)).toMatch(/nothing was imported/);
    expect(await db.prisma.calendarDay.count()).toBe(0);
    expect(await db.prisma.checklistTemplate.count()).toBe(0);
  });

  it("a dry run reports and writes nothing; an .ics without --calendar is bad usage", async () => {
    const dry = await run("samples/calendars/cn-2026.csv", "--dry-run");
    expect(dry).toMatchObject({
      code: 0,
      out: ["dry run: nothing was written", "calendar CN: 39 created, 0 updated, 0 unchanged"],
    });
    expect(await db.prisma.calendarDay.count()).toBe(0);
    const ics = await run("samples/calendars/us-federal-2026.ics");
    expect(ics.code).toBe(2);
    expect(ics.err[0]).toMatch(/give its code/);
  });

  const UNITS = "code,name,kind,parent_code,time_zone,calendar_code\nHO,总行,head_office,,Asia/Shanghai,CN\n";
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("one command is one transaction: a valid calendar is not kept when an assignments file fails", async () => {
    const units = file("units.csv", UNITS);
    const assignments = file("assignments.csv", "employee_code,post_code,start_date\nE404,P-404,2026-01-01\n");
    const result = await run("samples/calendars/cn-2026.csv", units, assignments);
    expect(result.code).toBe(2);
    expect(result.err.at(-1)).toMatch(/nothing was imported/);
    expect(await db.prisma.calendarDay.count()).toBe(0);
    expect(await db.prisma.orgUnit.count()).toBe(0);
  });

  it("a dry run of a calendar and the units naming it does not say unknown calendar", async () => {
    const units = file("units.csv", UNITS);
    const dry = await run("--dry-run", "samples/calendars/cn-2026.csv", units);
    expect(dry).toMatchObject({ code: 0, err: [] });
    expect(dry.out.slice(0, 3)).toEqual([
      "dry run: nothing was written",
      "calendar CN: 39 created, 0 updated, 0 unchanged",
      "units: 1 created, 0 updated, 0 unchanged",
    ]);
    expect(await db.prisma.calendarDay.count()).toBe(0);
    expect(await db.prisma.orgUnit.count()).toBe(0);
    expect((await run("samples/calendars/cn-2026.csv", units)).code).toBe(0);
    expect(await db.prisma.orgUnit.count()).toBe(1);
  });

  it("a policy file and posts with their own numbers (24 months) in one import; again, nothing changes", async () => {
    const policies = file(
      "bank-policies.csv",
      "code,name,category,max_tenure_months,leave_every_months,leave_min_working_days\n" +
        "b.authority,A,authority,36,12,5\nb.operations,O,operations,36,12,5\nb.oversight,S,oversight,60,12,5\n",
    );
    const units = file("units.csv", UNITS);
    const posts = file(
      "posts.csv",
      "code,name,unit_code,category,max_tenure_months,leave_min_working_days\n" +
        "P-T,柜员,HO,operations,24,\nP-H,行长,HO,authority,,\nP-V,金库,HO,operations,,10\n",
    );
    const first = await run("samples/calendars/cn-2026.csv", policies, units, posts);
    expect(first.err).toEqual([]);
    expect(first.out).toEqual([
      "calendar CN: 39 created, 0 updated, 0 unchanged",
      "policies: 5 created, 0 updated, 0 unchanged",
      "units: 1 created, 0 updated, 0 unchanged",
      "posts: 3 created, 0 updated, 0 unchanged",
    ]);
    const own = await db.prisma.keyPost.findUnique({ where: { code: "P-T" }, select: { policy: true } });
    expect(own?.policy).toMatchObject({ code: "post.P-T", maxTenureMonths: 24, leaveEveryMonths: 12 });
    const vault = await db.prisma.keyPost.findUnique({ where: { code: "P-V" }, select: { policy: true } });
    expect(vault?.policy).toMatchObject({ code: "post.P-V", maxTenureMonths: 36, leaveMinWorkingDays: 10 });
    const again = await run("samples/calendars/cn-2026.csv", policies, units, posts);
    expect(again.out).toEqual([
      "calendar CN: 0 created, 0 updated, 39 unchanged",
      "policies: 0 created, 0 updated, 5 unchanged",
      "units: 0 created, 0 updated, 1 unchanged",
      "posts: 0 created, 0 updated, 3 unchanged",
    ]);
  });

  it("a post's bad own number is refused by row and column, and nothing of any file is written", async () => {
    const policies = file(
      "bank-policies.json",
      JSON.stringify({
        kind: "policies",
        rows: [
          {
            code: "b.authority",
            category: "authority",
            max_tenure_months: 36,
            leave_every_months: 12,
            leave_min_working_days: 5,
          },
          {
            code: "b.operations",
            category: "operations",
            max_tenure_months: 36,
            leave_every_months: 12,
            leave_min_working_days: 5,
          },
          {
            code: "b.oversight",
            category: "oversight",
            max_tenure_months: 60,
            leave_every_months: 12,
            leave_min_working_days: 5,
          },
        ],
      }),
    );
    const units = file("units.csv", UNITS);
    const posts = file("posts.csv", "code,name,unit_code,category,leave_every_months\nP-T,柜员,HO,operations,900\n");
    const result = await run("samples/calendars/cn-2026.csv", policies, units, posts);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([
      `${posts}:2:leave_every_months — must be a whole number from 1 to 120`,
      "1 problem: nothing was imported",
    ]);
    expect(await db.prisma.policy.count()).toBe(0);
    expect(await db.prisma.calendarDay.count()).toBe(0);
  });

  it("a leave ledger with bad rows is refused by row and column, and nothing of any file is written", async () => {
    const units = file("units.csv", UNITS);
    const employees = file("employees.csv", "code,name,unit_code\nE1,甲,HO\n");
    const posts = file("posts.csv", "code,name,unit_code,category\nP-1,柜员,HO,operations\n");
    const ledger = file(
      "ledger.csv",
      [
        "employee_code,post_code,leave_start,leave_end",
        "E1,P-1,2025-03-03,2025-03-07",
        "E9,P-1,2025-04-07,2025-04-11",
        "E1,P-1,2025-05-09,2025-05-05",
        "E1,P-1,2099-01-05,2099-01-09",
        "E1,P-1,2025-13-01,2025-03-07",
      ].join("\n"),
    );
    const result = await run("samples/calendars/cn-2026.csv", units, employees, posts, ledger);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([
      `${ledger}:4:leave_end — ends before it starts (2025-05-09)`,
      `${ledger}:5:leave_start — in the future (2099-01-05): plan it in Keypost instead`,
      `${ledger}:6:leave_start — "2025-13-01" is not a date: expected YYYY-MM-DD, e.g. 2025-03-02`,
      "3 problems: nothing was imported",
    ]);
    expect(await db.prisma.orgUnit.count()).toBe(0);
    const fixed = file(
      "ledger-ok.csv",
      "employee_code,post_code,leave_start,leave_end\nE9,P-1,2025-04-07,2025-04-11\n",
    );
    const unknown = await run("samples/calendars/cn-2026.csv", units, employees, posts, fixed);
    expect(unknown.err).toEqual([
      `${fixed}:2:employee_code — unknown employee "E9"`,
      "1 problem: nothing was imported",
    ]);
    expect(await db.prisma.keyPost.count()).toBe(0);
  });
});
