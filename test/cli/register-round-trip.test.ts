// Export → import into an empty database → export gives the same files, byte for byte, on both
// engines: for the demo bank (calendars, checklists, the cn-bank preset's policies, the register)
// and for a bank with history (its own policies with a post's own numbers, a rotation in the
// assignments, the leave and audit ledgers). The register export carries everything the bank's
// controls need, so a bank can be moved or restored from its files.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/infra/db/database.ts";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";

const HISTORY_BANK: Record<string, string> = {
  "calendar.csv": ["calendar,date,kind,name", "CN,2026-10-01,holiday,国庆节", "CN,2026-09-27,workday,"].join("\n"),
  "policies.csv": [
    "code,name,category,base,max_tenure_months,leave_every_months,leave_min_working_days",
    "bank.authority,Authority posts,authority,,36,12,5",
    "bank.operations,Operations posts,operations,,48,12,5",
    "bank.oversight,Oversight posts,oversight,,60,12,5",
  ].join("\n"),
  "units.csv": [
    "code,name,name_en,kind,parent_code,time_zone,calendar_code",
    "HO,总行,Head Office,head_office,,Asia/Shanghai,CN",
    "BR1,北京分行,Beijing Branch,branch,HO,,",
  ].join("\n"),
  "employees.csv": [
    "code,name,name_en,unit_code,roles",
    "E0,合规,Compliance,HO,compliance@HO",
    "E1,甲,Jia,BR1,",
    "E2,乙,Yi,BR1,",
  ].join("\n"),
  "posts.csv": [
    "code,name,unit_code,category,max_tenure_months",
    "P1,柜员一,BR1,operations,24",
    "P2,柜员二,BR1,operations,",
    "P3,行长,BR1,authority,",
  ].join("\n"),
  "assignments.csv": [
    "employee_code,post_code,start_date,end_date,end_reason",
    "E1,P2,2019-03-01,2024-03-04,rotation",
    "E1,P1,2024-03-04,,",
    "E2,P2,2024-03-04,,",
  ].join("\n"),
  "leaves.csv": [
    "employee_code,post_code,leave_start,leave_end,kind",
    "E1,P1,2026-03-02,2026-03-06,regular",
    "E1,P2,2023-05-08,2023-05-12,regular",
    "E2,P2,2026-06-01,2026-06-05,triggered",
  ].join("\n"),
  "audits.csv": [
    "employee_code,post_code,leave_start,audit_due,audit_done,outcome,findings",
    "E1,P1,2026-03-02,2026-03-20,2026-03-18,findings,high:1;low:2",
    "E1,P2,,2024-03-20,2024-03-22,clean,",
    "E2,P2,2026-06-01,,2026-06-12,findings,critical:1",
  ].join("\n"),
};

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe.each(ENGINES)("the register's round trip on %s", (engine) => {
  const removers: (() => Promise<void>)[] = [];
  let first: string;
  let second: string;
  beforeEach(async () => {
    const a = await emptyDatabaseUrl(engine);
    const b = await emptyDatabaseUrl(engine);
    removers.push(a.remove, b.remove);
    first = a.url;
    second = b.url;
  });
  afterEach(async () => {
    for (const remove of removers.splice(0)) await remove();
  });

  const run = async (url: string, ...args: string[]) => {
    const io = capture();
    const code = await main(args, io, { DATABASE_URL: url, LOG_LEVEL: "silent" });
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    return io.stdout;
  };
  const exported = async (url: string, format: "csv" | "json") => {
    const dir = mkdtempSync(join(tmpdir(), "keypost-round-trip-"));
    await run(url, "export", "register", "--format", format, "--out", dir);
    return dir;
  };
  const files = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((f) => [f, readFileSync(join(dir, f))]),
    );
  /** Export the first database, import that into the empty second one, export it: the same bytes. */
  const roundTrip = async (format: "csv" | "json") => {
    const out = await exported(first, format);
    const dir = readdirSync(out).map((f) => join(out, f));
    await run(second, "import", ...dir);
    const back = await exported(second, format);
    const before = files(out);
    expect(Object.keys(files(back))).toEqual(Object.keys(before));
    for (const [name, bytes] of Object.entries(files(back)))
      expect({ name, text: bytes.toString("utf8") }).toEqual({ name, text: before[name]!.toString("utf8") });
    for (const [name, bytes] of Object.entries(files(back))) expect(bytes.equals(before[name]!)).toBe(true);
    return before;
  };

  it("the demo bank: calendars, checklists, policies and the register come back the same", async () => {
    await run(first, "demo");
    const csv = await roundTrip("csv");
    const lines = (name: string) => csv[name]!.toString("utf8").trimEnd().split("\n").length - 1;
    expect(Object.keys(csv)).toEqual([
      "assignments.csv",
      "audit-history.csv",
      "calendars.csv",
      "checklists.csv",
      "clients.csv",
      "employees.csv",
      "leave-history.csv",
      "policies.csv",
      "posts.csv",
      "units.csv",
    ]);
    expect(lines("calendars.csv")).toBeGreaterThan(30);
    expect(lines("checklists.csv")).toBeGreaterThan(20);
    expect(lines("policies.csv")).toBeGreaterThan(3);
    expect(lines("posts.csv")).toBe(23);
  });

  it("a bank with history: leaves, audits with their findings, a rotation and a post's own numbers", async () => {
    const input = mkdtempSync(join(tmpdir(), "keypost-history-bank-"));
    for (const [name, text] of Object.entries(HISTORY_BANK)) writeFileSync(join(input, name), text + "\n");
    await run(first, "import", ...Object.keys(HISTORY_BANK).map((f) => join(input, f)));
    // A leave and its audit run in Keypost itself (not imported): the audit signed late in the
    // evening in Beijing (still the 17th in UTC), closed days later; a cancelled leave stays out.
    const db = openDatabase(first);
    try {
      const id = async (model: "employee" | "keyPost", code: string) =>
        (
          await (db.prisma[model] as { findUniqueOrThrow: (q: unknown) => Promise<{ id: string }> }).findUniqueOrThrow({
            where: { code },
          })
        ).id;
      const [e2, p2, e0] = [await id("employee", "E2"), await id("keyPost", "P2"), await id("employee", "E0")];
      const unitId = (await db.prisma.keyPost.findUniqueOrThrow({ where: { id: p2 } })).unitId;
      const leave = { holderId: e2, postId: p2, unitId, kind: "regular", sealed: true, plannedById: e0 };
      await db.prisma.leave.create({
        data: { ...leave, id: randomUUID(), startDate: "2026-11-02", endDate: "2026-11-06", status: "closed" },
      });
      await db.prisma.leave.create({
        data: { ...leave, id: randomUUID(), startDate: "2026-11-16", endDate: "2026-11-20", status: "cancelled" },
      });
      const leaveId = (await db.prisma.leave.findFirstOrThrow({ where: { startDate: "2026-11-02" } })).id;
      const auditId = randomUUID();
      await db.prisma.audit.create({
        data: {
          id: auditId,
          leaveId,
          postId: p2,
          holderId: e2,
          unitId,
          status: "closed",
          dueDate: "2026-11-20",
          closedAt: new Date("2026-11-24T03:00:00Z"),
        },
      });
      await db.prisma.auditSignature.create({
        data: { id: randomUUID(), auditId, employeeId: e0, at: new Date("2026-11-17T20:30:00Z") },
      });
      await db.prisma.finding.create({
        data: { id: randomUUID(), auditId, seq: 1, severity: "medium", description: "短款", createdById: e0 },
      });
    } finally {
      await db.close();
    }
    const csv = await roundTrip("csv");
    const text = (name: string) => csv[name]!.toString("utf8").replace(/^\uFEFF/, "");
    // The ledgers as exported: by post, then day; findings mildest first.
    expect(text("leave-history.csv")).toBe(
      [
        "employee_code,post_code,leave_start,leave_end,kind",
        "E1,P1,2026-03-02,2026-03-06,regular",
        "E1,P2,2023-05-08,2023-05-12,regular",
        "E2,P2,2026-06-01,2026-06-05,triggered",
        "E2,P2,2026-11-02,2026-11-06,regular",
        "",
      ].join("\n"),
    );
    expect(text("audit-history.csv")).toBe(
      [
        "employee_code,post_code,leave_start,audit_due,audit_done,outcome,findings",
        "E1,P1,2026-03-02,2026-03-20,2026-03-18,findings,low:2;high:1",
        "E1,P2,,2024-03-20,2024-03-22,clean,",
        "E2,P2,2026-06-01,,2026-06-12,findings,critical:1",
        "E2,P2,2026-11-02,2026-11-20,2026-11-18,findings,medium:1",
        "",
      ].join("\n"),
    );
    expect(text("posts.csv")).toContain("post.P1");
    expect(text("policies.csv")).toMatch(/^post\.P1,.*,24,12,5,/m);
    expect(text("assignments.csv")).toContain("E1,P2,holder,2019-03-01,2024-03-04,rotation");
  });

  it("the same in JSON", async () => {
    const input = mkdtempSync(join(tmpdir(), "keypost-history-bank-"));
    for (const [name, text] of Object.entries(HISTORY_BANK)) writeFileSync(join(input, name), text + "\n");
    await run(first, "import", ...Object.keys(HISTORY_BANK).map((f) => join(input, f)));
    const json = await roundTrip("json");
    expect(json["audit-history.json"]!.toString("utf8")).toContain('"findings":"low:2;high:1"');
    expect(json["policies.json"]!.toString("utf8")).toContain('"code":"post.P1"');
  });
});
