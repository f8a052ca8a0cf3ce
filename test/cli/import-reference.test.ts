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
    expect(dry).toMatchObject({ code: 0, out: ["calendar CN: 39 created, 0 updated, 0 unchanged"] });
    expect(await db.prisma.calendarDay.count()).toBe(0);
    const ics = await run("samples/calendars/us-federal-2026.ics");
    expect(ics.code).toBe(2);
    expect(ics.err[0]).toMatch(/give its code/);
  });
});
