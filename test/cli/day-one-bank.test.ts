// Acceptance for issue 14: a bank's first day without the demo. Empty database → the bank's own
// policy file (with a 24-month post override) → its register → the overdue, due-in-30 and
// due-in-90 sets and leave coverage, each compared with figures this test computes by itself from
// the input files at a fixed "now" (its own month arithmetic, not the product's).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";

const NOW = "2026-12-01T02:00:00Z"; // 10:00 in Shanghai
const TODAY = "2026-12-01";

/** A small deterministic generator, so the bank is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

// ---- the test's own calendar arithmetic (UTC dates, months clamped to the month's end) ----
const toDate = (d: string) => new Date(`${d}T00:00:00Z`);
const fromDate = (d: Date) => d.toISOString().slice(0, 10);
function plusMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDate(new Date(Date.UTC(year, month, Math.min(d, last))));
}
const daysFrom = (a: string, b: string) => Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);

const HOLIDAYS = new Set(["2026-10-01", "2027-01-01"]);
const isWorkday = (d: string) => ![0, 6].includes(toDate(d).getUTCDay()) && !HOLIDAYS.has(d);
const plusDays = (d: string, n: number) => fromDate(new Date(toDate(d).getTime() + n * 86_400_000));
/** The last of `n` working days starting on `start` (a working day). */
function spanEnd(start: string, n: number): string {
  let day = start;
  for (let left = n - 1; left > 0;) {
    day = plusDays(day, 1);
    if (isWorkday(day)) left -= 1;
  }
  return day;
}
function workdaysIn(start: string, end: string): number {
  let n = 0;
  for (let d = start; d <= end; d = plusDays(d, 1)) if (isWorkday(d)) n += 1;
  return n;
}

interface PastLeave {
  readonly start: string;
  readonly end: string;
}

interface PastAudit {
  readonly leaveStart: string;
  readonly due: string;
  readonly done: string;
  readonly findings: Record<string, number>;
}

interface Holding {
  readonly employee: string;
  readonly post: string;
  readonly category: "authority" | "operations" | "oversight";
  readonly override: boolean;
  readonly start: string;
  readonly leaves: PastLeave[];
  readonly audits: PastAudit[];
  /** The post held before, left by a rotation on `start` (the bank's rotation history). */
  readonly rotatedFrom: string | null;
}

function bank(dir: string): { holdings: Holding[]; files: Record<string, string> } {
  const random = lcg(16);
  const categories = ["authority", "operations", "oversight"] as const;
  const holdings: Holding[] = [];
  const employees = ["code,name,name_en,email,unit_code,roles"];
  const posts = ["code,name,name_en,unit_code,category,policy_code"];
  const assignments = ["employee_code,post_code,kind,start_date,end_date,end_reason"];
  employees.push("E000,合规甲,Compliance A,cmp@bank.example,HO,compliance@HO;compliance_head@HO");
  for (let i = 1; i <= 60; i++) {
    const employee = `E${String(i).padStart(3, "0")}`;
    const post = `P-${String(i).padStart(3, "0")}`;
    const category = categories[i % 3]!;
    const override = category === "operations" && i % 2 === 0;
    // Starts from 6 years ago to last month, so every set has members.
    const start = fromDate(new Date(toDate("2020-12-01").getTime() + Math.floor(random() * 2_160) * 86_400_000));
    // The bank's ledger: most holders took a leave in the last 18 months (some too short to count).
    const leaves: PastLeave[] = [];
    const earliest = [start, plusDays(TODAY, -540)].sort()[1]!;
    const room = daysFrom(earliest, plusDays(TODAY, -10));
    if (room > 0 && random() < 0.7) {
      let first = plusDays(earliest, Math.floor(random() * room));
      while (!isWorkday(first)) first = plusDays(first, 1);
      leaves.push({ start: first, end: spanEnd(first, random() < 0.2 ? 3 : 5) });
    }
    // The bank's audit ledger: each past leave was audited, some late, some with findings.
    const audits: PastAudit[] = leaves.map((l) => {
      const due = plusDays(l.end, 10);
      const done = [plusDays(l.end, 3 + Math.floor(random() * 12)), plusDays(TODAY, -1)].sort()[0]!;
      const findings: Record<string, number> =
        random() < 0.4 ? { low: 1 + Math.floor(random() * 3), ...(random() < 0.5 ? { high: 1 } : {}) } : {};
      return { leaveStart: l.start, due, done, findings };
    });
    // Every tenth holder came to the post by a rotation from another one (history in the assignments file).
    const rotatedFrom = i % 10 === 5 ? `P-OLD-${i}` : null;
    holdings.push({ employee, post, category, override, start, leaves, audits, rotatedFrom });
    employees.push(`${employee},员工${i},Staff ${i},s${i}@bank.example,BR1,`);
    posts.push(`${post},岗位${i},Post ${i},BR1,${category},${override ? "teller-24" : ""}`);
    assignments.push(`${employee},${post},holder,${start},,`);
    if (rotatedFrom !== null) {
      posts.push(`${rotatedFrom},旧岗位${i},Old post ${i},BR1,${category},`);
      assignments.push(`${employee},${rotatedFrom},holder,${plusMonths(start, -70)},${start},rotation`);
    }
  }
  const files = {
    "policies.csv": [
      "code,name,category,base,max_tenure_months,leave_every_months,leave_min_working_days",
      "bank.authority,Authority posts,authority,,36,12,5",
      "bank.operations,Operations posts,operations,,48,12,5",
      "bank.oversight,Oversight posts,oversight,,60,12,5",
      "teller-24,Tellers: 24 months,,operations,24,,",
    ].join("\n"),
    "calendar.csv": ["calendar,date,kind,name", "CN,2026-10-01,holiday,国庆节", "CN,2027-01-01,holiday,元旦"].join(
      "\n",
    ),
    "units.csv": [
      "code,name,name_en,kind,parent_code,time_zone,calendar_code",
      "HO,总行,Head Office,head_office,,Asia/Shanghai,CN",
      "BR1,北京分行,Beijing Branch,branch,HO,Asia/Shanghai,",
    ].join("\n"),
    "employees.csv": employees.join("\n"),
    "posts.csv": posts.join("\n"),
    // The same posts before the bank's policies exist: no policy codes yet.
    "posts-plain.csv": posts.map((line) => line.replace(/,teller-24$/, ",")).join("\n"),
    "assignments.csv": assignments.join("\n"),
    "leave-history.csv": [
      "employee_code,post_code,leave_start,leave_end",
      ...holdings.flatMap((h) => h.leaves.map((l) => `${h.employee},${h.post},${l.start},${l.end}`)),
    ].join("\n"),
    "audit-history.csv": [
      "employee_code,post_code,leave_start,audit_due,audit_done,outcome,findings",
      ...holdings.flatMap((h) =>
        h.audits.map((a) => {
          const findings = Object.entries(a.findings)
            .map(([severity, n]) => `${severity}:${n}`)
            .join(";");
          const outcome = findings === "" ? "clean" : "findings";
          return `${h.employee},${h.post},${a.leaveStart},${a.due},${a.done},${outcome},${findings}`;
        }),
      ),
    ].join("\n"),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text + "\n");
  return { holdings, files };
}

const MONTHS = { authority: 36, operations: 48, oversight: 60 } as const;
const monthsOf = (h: Holding) => (h.override ? 24 : MONTHS[h.category]);

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe.each(ENGINES)("day one for a real bank on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  let dir: string;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    dir = mkdtempSync(join(tmpdir(), "keypost-day-one-"));
  });
  afterEach(async () => {
    await remove();
  });

  const run = async (...args: string[]) => {
    const io = capture();
    const code = await main(args, io, { DATABASE_URL: url, LOG_LEVEL: "silent" });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const json = async <T>(args: string[], stderr: string[] = []): Promise<T> => {
    const result = await run(...args);
    expect(result.stderr).toEqual(stderr);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout.join("\n")) as T;
  };

  it("policies, register, then the sets and coverage equal the test's own figures", async () => {
    const { holdings } = bank(dir);
    const files = ["calendar.csv", "units.csv", "employees.csv", "posts-plain.csv", "assignments.csv"].map((f) =>
      join(dir, f),
    );
    expect(await run("import", ...files)).toMatchObject({ code: 0, stderr: [] });
    // Without policies, the export says so instead of a silent zero.
    const blind = await run("export", "rotation-compliance", "--at", NOW);
    expect(blind.code).toBe(0);
    expect(blind.stderr).toEqual([
      expect.stringMatching(
        /^warning: 66 posts have no policy: P-001, P-002, .* … and 46 more — the figures leave them out/,
      ),
    ]);

    const policy = await run("policy", "import", join(dir, "policies.csv"));
    expect(policy).toMatchObject({ code: 0, stderr: [] });
    expect(policy.stdout[0]).toBe("policies: 4 created, 0 updated, 0 unchanged");
    const second = await run(
      "import",
      join(dir, "posts.csv"),
      join(dir, "audit-history.csv"),
      join(dir, "leave-history.csv"),
    );
    expect(second).toMatchObject({ code: 0, stderr: [] });
    const pastLeaves = holdings.reduce((n, h) => n + h.leaves.length, 0);
    expect(second.stdout).toContain(`past leaves: ${pastLeaves} created, 0 updated, 0 unchanged`);
    expect(second.stdout).toContain(`past audits: ${pastLeaves} created, 0 updated, 0 unchanged`);
    expect((await run("import", join(dir, "leave-history.csv"), join(dir, "audit-history.csv"))).stdout).toEqual([
      `past leaves: 0 created, 0 updated, ${pastLeaves} unchanged`,
      `past audits: 0 created, 0 updated, ${pastLeaves} unchanged`,
    ]);

    // The test's figures.
    const deadline = (h: Holding) => plusMonths(h.start, monthsOf(h));
    const left = (h: Holding) => daysFrom(TODAY, deadline(h));
    const overdue = holdings.filter((h) => left(h) < 0).map((h) => h.post);
    const due30 = holdings.filter((h) => left(h) >= 0 && left(h) <= 30).map((h) => h.post);
    const due90 = holdings.filter((h) => left(h) >= 0 && left(h) <= 90).map((h) => h.post);
    const countedFrom = (h: Holding) =>
      h.leaves
        .map((l) => l.end)
        .sort()
        .at(-1) ?? h.start;
    const leaveOverdue = holdings
      .filter((h) => daysFrom(TODAY, plusMonths(countedFrom(h), 12)) < 0)
      .map((h) => h.post)
      .sort();
    const yearAgo = plusMonths(TODAY, -12);
    const covered = holdings.filter((h) =>
      h.leaves.some((l) => l.start >= yearAgo && l.start <= TODAY && workdaysIn(l.start, l.end) >= 5),
    ).length;
    expect(covered).toBeGreaterThan(10);
    expect(covered).toBeLessThan(50);
    expect(overdue.length).toBeGreaterThan(3);
    expect(due30.length).toBeGreaterThan(0);
    expect(due90.length).toBeGreaterThan(due30.length);
    expect(holdings.some((h) => h.override && left(h) < 0 && plusMonths(h.start, 48) >= TODAY)).toBe(true);

    // What Keypost says.
    type Rotation = {
      total: { numerator: number; denominator: number };
      withoutPolicy: number;
      rows: { postCode: string; deadline: string; withinLimit: boolean; maxTenureMonths: number }[];
    };
    const rotation = await json<Rotation>(["export", "rotation-compliance", "--at", NOW, "--format", "json"]);
    expect(rotation.withoutPolicy).toBe(0);
    expect(rotation.total).toMatchObject({ numerator: 60 - overdue.length, denominator: 60 });
    expect(
      rotation.rows
        .filter((r) => !r.withinLimit)
        .map((r) => r.postCode)
        .sort(),
    ).toEqual([...overdue].sort());
    for (const h of holdings)
      expect(rotation.rows.find((r) => r.postCode === h.post)).toMatchObject({
        deadline: deadline(h),
        maxTenureMonths: monthsOf(h),
      });

    type Warnings = { rows: { kind: string; postCode: string; daysLeft: number }[] };
    const warnings = await json<Warnings>(
      ["export", "early-warnings", "--at", NOW, "--format", "json"],
      [
        "warning: no chat platform is configured (Slack or Teams): no notice can reach a key-post holder — the figures leave them out (keypost doctor)",
      ],
    );
    const kind = (k: string, max = Infinity) =>
      warnings.rows
        .filter((r) => r.kind === k && r.daysLeft <= max)
        .map((r) => r.postCode)
        .sort();
    expect(kind("tenure_overdue")).toEqual([...overdue].sort());
    expect(kind("tenure_warning", 30)).toEqual([...due30].sort());
    expect(kind("tenure_warning")).toEqual([...due90].sort());
    expect(kind("leave_overdue")).toEqual(leaveOverdue);

    type Coverage = { total: { numerator: number; denominator: number } };
    const coverage = await json<Coverage>(["export", "leave-coverage", "--at", NOW, "--format", "json"]);
    expect(coverage.total).toMatchObject({ numerator: covered, denominator: 60 });

    // The audit ledger: audits due in the last 12 months, done by their due date ÷ those due; the
    // findings recorded (on the day the audit was done) in the last 12 months.
    const audits = holdings.flatMap((h) => h.audits.map((a) => ({ ...a, post: h.post })));
    const due = audits.filter((a) => a.due >= yearAgo && a.due < TODAY);
    const onTime = due.filter((a) => a.done <= a.due);
    expect(onTime.length).toBeGreaterThan(0);
    expect(onTime.length).toBeLessThan(due.length);
    type Timeliness = { total: { numerator: number; denominator: number }; late: { postCode: string }[] };
    const timeliness = await json<Timeliness>(["export", "audit-timeliness", "--at", NOW, "--format", "json"]);
    expect(timeliness.total).toMatchObject({ numerator: onTime.length, denominator: due.length });
    expect(timeliness.late.map((r) => r.postCode).sort()).toEqual(
      due
        .filter((a) => a.done > a.due)
        .map((a) => a.post)
        .sort(),
    );
    const recorded = audits.filter((a) => a.done >= yearAgo && a.done <= TODAY);
    const countOf = (severity: string) => recorded.reduce((n, a) => n + (a.findings[severity] ?? 0), 0);
    type Findings = { total: number; bySeverity: { severity: string; numerator: number }[] };
    const findings = await json<Findings>(["export", "findings", "--at", NOW, "--format", "json"]);
    expect(findings.total).toBe(countOf("low") + countOf("high"));
    expect(findings.bySeverity.find((s) => s.severity === "high")?.numerator).toBe(countOf("high"));
    expect(countOf("high")).toBeGreaterThan(0);

    // Rotations from the bank's history (ended assignments, end_reason rotation): the holders who
    // came by a rotation count their tenure from it, not from their first day at the bank.
    const rotated = holdings.filter((h) => h.rotatedFrom !== null);
    expect(rotated.length).toBe(6);
    for (const h of rotated) expect(rotation.rows.find((r) => r.postCode === h.post)?.deadline).toBe(deadline(h));
    expect(rotation.rows.some((r) => r.postCode.startsWith("P-OLD-"))).toBe(false);
  });
});
