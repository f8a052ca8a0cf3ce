// keypost policy apply|import|show|export on both engines: checked files (all-or-nothing, errors
// as file:row:column), re-import a no-op, where each number comes from, versioned audit-log events,
// export → import a no-op, a binary file refused as "not UTF-8 text".
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { openDatabase } from "../../src/infra/db/database.ts";
import { verifyLog } from "../../src/infra/db/audit-log-verifier.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const POLICIES = [
  "code,name,category,base,max_tenure_months,leave_every_months,leave_min_working_days,warning_days",
  "bank.authority,Authority,authority,,36,12,5,",
  "bank.operations,Operations,operations,,36,12,5,",
  "bank.oversight,Oversight,oversight,,60,12,10,",
  'teller-24,Tellers,,operations,24,,,"60,14"',
].join("\n");

describe.each(ENGINES)("keypost policy on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  let dir: string;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    dir = mkdtempSync(join(tmpdir(), "keypost-policy-"));
  });
  afterEach(async () => {
    await remove();
  });

  const runAt = async (at: string, ...args: string[]) => {
    const io = capture();
    const code = await main(args, io, { DATABASE_URL: url, LOG_LEVEL: "silent" }, new FixedClock(at));
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const run = async (...args: string[]) => {
    const io = capture();
    const code = await main(args, io, { DATABASE_URL: url, LOG_LEVEL: "silent" });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const policyEvents = async () => {
    const db = openDatabase(url);
    try {
      const rows = await db.prisma.auditLogEntry.findMany({
        where: { subjectType: "policy" },
        orderBy: { seq: "asc" },
        select: { action: true, subjectId: true, data: true, platform: true },
      });
      return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
    } finally {
      await db.close();
    }
  };

  it("imports a file, re-imports as a no-op, logs each change with its version and old → new", async () => {
    const path = file("policies.csv", POLICIES);
    const first = await run("policy", "import", path);
    expect(first).toEqual({
      code: 0,
      stdout: [
        "policies: 4 created, 0 updated, 0 unchanged",
        "  + bank.authority",
        "  + bank.operations",
        "  + bank.oversight",
        "  + teller-24",
        "  active preset: none → custom",
      ],
      stderr: [],
    });
    expect((await run("policy", "import", path)).stdout).toEqual(["policies: 0 created, 0 updated, 4 unchanged"]);
    expect(await policyEvents()).toHaveLength(5);

    const edited = file(
      "edited.csv",
      POLICIES.replace("teller-24,Tellers,,operations,24", "teller-24,Tellers,,operations,18"),
    );
    expect((await run("policy", "import", edited)).stdout).toEqual([
      "policies: 0 created, 1 updated, 3 unchanged",
      "  ~ teller-24: maxTenureMonths 24 → 18",
    ]);
    const events = await policyEvents();
    expect(events).toHaveLength(6);
    expect(events.at(-1)).toMatchObject({
      action: "policy.changed",
      subjectId: "teller-24",
      platform: "cli",
      data: { version: 2, changes: { maxTenureMonths: [24, 18] }, policy: { code: "teller-24", maxTenureMonths: 18 } },
    });
    expect(events[3]).toMatchObject({
      subjectId: "teller-24",
      data: {
        version: 1,
        policy: { leaveEveryMonths: 12, leaveMinWorkingDays: 5, warningDays: [60, 14], reminderHours: [24, 48] },
      },
    });
    const db = openDatabase(url);
    try {
      expect((await verifyLog(db)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("refuses a file with any bad row, names row and column, and writes nothing", async () => {
    const path = file(
      "bad.csv",
      [
        "code,name,category,base,max_tenure_months,leave_every_months,leave_min_working_days,colour",
        "a,A,authority,,36,12,5,",
        "b,B,operations,,0,12,5,",
        "c,C,overseer,,36,12,5,",
        "d,D,,nowhere,24,,,",
        "a,A again,,operations,12,,,red",
      ].join("\n"),
    );
    const result = await run("policy", "import", path);
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toEqual([
      `${path}:2:category — no default for oversight: a file with category defaults sets all three`,
      `${path}:3:max_tenure_months — must be a whole number from 1 to 600`,
      `${path}:4:category — must be one of authority, operations, oversight, or blank for an override`,
      `${path}:5:base — unknown policy "nowhere"`,
      `${path}:6:colour — unknown column (known: code, name, preset, category, base, max_tenure_months, leave_every_months, leave_min_working_days, compliance_lead_working_days, warning_days, reminder_hours, escalate_after_hours)`,
      `${path}:6:code — "a" appears twice (also row 2)`,
      "6 problems: nothing was imported",
    ]);
    expect(await policyEvents()).toEqual([]);
    expect((await run("policy", "show")).stdout).toContain("active preset: none");
  });

  it("refuses a binary file as not UTF-8 text, without echoing it", async () => {
    const path = file("policies.csv", Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0x0a]));
    const result = await run("policy", "import", path);
    expect(result.code).toBe(2);
    expect(result.stderr[0]).toBe(`${path} — not UTF-8 text: save it as "CSV UTF-8" (Excel) or convert it from GBK`);
  });

  it("applies a preset; show --post says where each number comes from; export → import is a no-op", async () => {
    expect((await run("policy", "apply", "cn-bank")).stdout[0]).toBe("policies: 6 created, 0 updated, 0 unchanged");
    expect((await run("policy", "apply", "cn-bank")).stdout).toEqual(["policies: 0 created, 0 updated, 6 unchanged"]);
    expect((await run("policy", "apply", "eu-eba")).code).toBe(2);
    const units = file(
      "units.csv",
      "code,name,kind,parent_code,time_zone\nHO,总行,head_office,,Asia/Shanghai\nBR1,北京分行,branch,HO,Asia/Shanghai\n",
    );
    const posts = file(
      "posts.csv",
      "code,name,unit_code,category,policy_code\nP-T,柜员,BR1,operations,teller-24\nP-H,行长,BR1,authority,\n",
    );
    expect(
      (
        await run(
          "policy",
          "import",
          file(
            "p.csv",
            POLICIES.split("\n")
              .filter((l, i) => i === 0 || l.startsWith("teller"))
              .join("\n"),
          ),
        )
      ).code,
    ).toBe(0);
    expect((await run("import", units, posts)).code).toBe(0);

    const teller = await run("policy", "show", "--post", "P-T");
    expect(teller.code).toBe(0);
    expect(teller.stdout.join("\n")).toMatch(/max_tenure_months\s+24\s+post override teller-24 \(the bank's own\)/);
    expect(teller.stdout.join("\n")).toMatch(/warning_days\s+60,14\s+post override teller-24/);
    expect(teller.stdout.join("\n")).toMatch(
      /leave_every_months\s+12\s+category default cn-bank\.operations \(preset cn-bank\)/,
    );
    const head = await run("policy", "show", "--post", "P-H");
    expect(head.stdout.join("\n")).toMatch(/max_tenure_months\s+36\s+category default cn-bank\.authority/);

    for (const format of ["csv", "json"]) {
      const out = join(dir, `export.${format}`);
      expect((await run("policy", "export", "--format", format, "--out", out)).code).toBe(0);
      expect(readFileSync(out, "utf8")).toContain("teller-24");
      expect((await run("policy", "import", out)).stdout).toEqual(["policies: 0 created, 0 updated, 7 unchanged"]);
    }
  });

  it("show on an empty database says there is no policy, exit 1", async () => {
    const result = await run("policy", "show");
    expect(result.code).toBe(1);
    expect(result.stdout[1]).toMatch(/no policy is stored/);
  });

  it("figures for a past date use the policy in force then", async () => {
    const v1 = file("v1.csv", POLICIES);
    const v2 = file(
      "v2.csv",
      POLICIES.replace("bank.operations,Operations,operations,,36", "bank.operations,Operations,operations,,12"),
    );
    expect((await runAt("2025-01-01T00:00:00Z", "policy", "import", v1)).code).toBe(0);
    const units = file("units.csv", "code,name,kind,parent_code,time_zone\nHO,总行,head_office,,Asia/Shanghai\n");
    const employees = file("employees.csv", "code,name,unit_code\nE1,甲,HO\n");
    const posts = file("posts.csv", "code,name,unit_code,category\nP-OPS,运营,HO,operations\n");
    const assignments = file("assignments.csv", "employee_code,post_code,start_date\nE1,P-OPS,2024-01-01\n");
    expect((await runAt("2025-01-01T00:00:00Z", "import", units, employees, posts, assignments)).code).toBe(0);
    expect((await runAt("2026-06-01T00:00:00Z", "policy", "import", v2)).stdout[1]).toBe(
      "  ~ bank.operations: maxTenureMonths 36 → 12",
    );
    const rotation = async (at: string) => {
      const result = await run("export", "rotation-compliance", "--at", at, "--format", "json");
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout.join("\n")) as { rows: { maxTenureMonths: number; withinLimit: boolean }[] })
        .rows[0];
    };
    // Before the change: 36 months, within the limit; after it: 12 months, overdue since 2025-01-01.
    expect(await rotation("2026-05-01T00:00:00Z")).toMatchObject({ maxTenureMonths: 36, withinLimit: true });
    expect(await rotation("2026-07-01T00:00:00Z")).toMatchObject({ maxTenureMonths: 12, withinLimit: false });
    // Before the first version was recorded, the first version stands.
    expect(await rotation("2024-06-01T00:00:00Z")).toMatchObject({ maxTenureMonths: 36 });
  });
});
