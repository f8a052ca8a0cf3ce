// The bank of the independent day-one test: its own files (policy, calendar, register) and the
// figures the test expects, computed here from those files with the rules as docs/policies.md and
// docs/reports.md state them. Written without reading Keypost's implementation.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The fixed instant the reports are taken at: 12:00 in Asia/Shanghai on 2026-12-01. */
export const AT = "2026-12-01T04:00:00Z";
export const TODAY = "2026-12-01";
export const HORIZON = 30;

interface Policy {
  maxTenureMonths: number;
  leaveEveryMonths: number;
  leaveMinWorkingDays: number;
}

// The policy file: the three category defaults and one override (tellers, 24 months).
export const POLICY_ROWS = [
  "code,name,category,base,max_tenure_months,leave_every_months,leave_min_working_days",
  "bank.authority,Authority posts,authority,,36,12,5",
  "bank.operations,Operations posts,operations,,36,12,5",
  "bank.oversight,Oversight posts,oversight,,60,12,5",
  "teller-24,Tellers: 24 months,,operations,24,,",
];
const DEFAULTS: Record<Category, Policy> = {
  authority: { maxTenureMonths: 36, leaveEveryMonths: 12, leaveMinWorkingDays: 5 },
  operations: { maxTenureMonths: 36, leaveEveryMonths: 12, leaveMinWorkingDays: 5 },
  oversight: { maxTenureMonths: 60, leaveEveryMonths: 12, leaveMinWorkingDays: 5 },
};
const OVERRIDES: Record<string, Policy> = {
  "teller-24": { ...DEFAULTS.operations, maxTenureMonths: 24 },
};

type Category = "authority" | "operations" | "oversight";

interface Post {
  code: string;
  unit: string;
  category: Category;
  policyCode?: string;
  ownMaxTenure?: number; // the post's own number in posts.csv
  active?: boolean;
}

export const POSTS: Post[] = [
  { code: "P-T1", unit: "BR1", category: "operations", policyCode: "teller-24" },
  { code: "P-T2", unit: "BR1", category: "operations", policyCode: "teller-24" },
  { code: "P-T3", unit: "BR1", category: "operations", policyCode: "teller-24" },
  { code: "P-T4", unit: "BR2", category: "operations", policyCode: "teller-24" },
  { code: "P-T5", unit: "BR2", category: "operations", policyCode: "teller-24" },
  { code: "P-V1", unit: "BR1", category: "operations", ownMaxTenure: 24 },
  { code: "P-V2", unit: "BR2", category: "operations", ownMaxTenure: 24 },
  { code: "P-V3", unit: "BR2", category: "operations", ownMaxTenure: 24 },
  { code: "P-OP1", unit: "BR1", category: "operations" },
  { code: "P-OP2", unit: "BR1", category: "operations" },
  { code: "P-OP3", unit: "BR2", category: "operations" },
  { code: "P-OP4", unit: "BR2", category: "operations" },
  { code: "P-A1", unit: "HO", category: "authority" },
  { code: "P-A2", unit: "BR1", category: "authority" },
  { code: "P-A3", unit: "BR2", category: "authority" },
  { code: "P-O1", unit: "HO", category: "oversight" },
  { code: "P-O2", unit: "HO", category: "oversight" },
  { code: "P-O3", unit: "BR1", category: "oversight" },
  { code: "P-RET", unit: "BR1", category: "operations", active: false }, // retired: never counts
];

interface Assignment {
  employee: string;
  post: string;
  kind?: "holder" | "acting";
  start: string;
  end?: string;
  endReason?: string;
}

// Start dates chosen around TODAY = 2026-12-01 (comments: deadline, days from today).
export const ASSIGNMENTS: Assignment[] = [
  // 24 months (override teller-24)
  { employee: "E101", post: "P-T1", start: "2024-10-15" }, // 2026-10-15: overdue
  { employee: "E102", post: "P-T2", start: "2024-11-30" }, // 2026-11-30: overdue by one day
  { employee: "E103", post: "P-T3", start: "2024-12-01" }, // 2026-12-01: today, still within (0 days)
  { employee: "E104", post: "P-T4", start: "2024-12-20" }, // 2026-12-20: 19 days
  { employee: "E105", post: "P-T5", start: "2025-06-01" }, // 2027-06-01: not due
  // history and an acting cover on a teller post: never counted
  { employee: "E120", post: "P-T1", start: "2021-05-10", end: "2024-10-14", endReason: "rotation" },
  {
    employee: "E121",
    post: "P-T2",
    kind: "acting",
    start: "2025-09-01",
    end: "2025-09-05",
    endReason: "leave_cover_ended",
  },
  { employee: "E122", post: "P-T3", kind: "acting", start: "2026-11-20" }, // an open acting cover
  // 24 months (the post's own number in posts.csv)
  { employee: "E106", post: "P-V1", start: "2024-08-31" }, // 2026-08-31: overdue
  { employee: "E107", post: "P-V2", start: "2025-02-10" }, // 2027-02-10: 71 days
  { employee: "E108", post: "P-V3", start: "2025-12-15" }, // 2027-12-15: not due; leave due 2026-12-15
  // 36 months (operations default)
  { employee: "E109", post: "P-OP1", start: "2023-12-31" }, // 2026-12-31: 30 days exactly
  { employee: "E110", post: "P-OP2", start: "2024-03-01" }, // 2027-03-01: 90 days exactly
  { employee: "E111", post: "P-OP3", start: "2024-02-29" }, // 2027-02-28 (clamped): 89 days
  { employee: "E112", post: "P-OP4", start: "2026-03-01" }, // not due
  // 36 months (authority default)
  { employee: "E113", post: "P-A1", start: "2023-06-01" }, // 2026-06-01: overdue
  { employee: "E114", post: "P-A2", start: "2025-01-01" }, // not due
  { employee: "E101", post: "P-A3", start: "2023-12-05" }, // 2026-12-05: 4 days (a second holding of E101)
  // 60 months (oversight default)
  { employee: "E115", post: "P-O1", start: "2021-11-15" }, // 2026-11-15: overdue
  { employee: "E116", post: "P-O2", start: "2022-01-10" }, // 2027-01-10: 40 days
  { employee: "E117", post: "P-O3", start: "2027-01-04" }, // starts after today: not a holding yet
  { employee: "E118", post: "P-O3", start: "2021-01-04", end: "2026-11-27", endReason: "rotation" }, // ended: history
  // a retired post's open holder
  { employee: "E119", post: "P-RET", start: "2020-01-01" },
];

const EMPLOYEES = [
  { code: "E001", unit: "HO", roles: "hr@HO;compliance@HO;compliance_head@HO" },
  { code: "E002", unit: "HO", roles: "executive@HO" },
  { code: "E003", unit: "HO", roles: "auditor@HO" },
  ...Array.from({ length: 23 }, (_, i) => ({
    code: `E${101 + i}`,
    unit: i % 2 === 0 ? "BR1" : "BR2",
    roles: "",
  })),
];

/** The years the calendar covers: one holiday each year and a make-up Saturday in 2026. */
const CALENDAR_ROWS = [
  "calendar,date,kind,name",
  ...[2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028].map((y) => `BANK,${y}-01-01,holiday,New Year`),
  "BANK,2026-10-01,holiday,National Day",
  "BANK,2026-10-10,workday,make-up Saturday",
];

function csv(rows: (string | number | undefined)[][]): string {
  return rows.map((r) => r.map((c) => (c === undefined ? "" : String(c))).join(",")).join("\n") + "\n";
}

export interface BankFiles {
  policies: string;
  calendar: string;
  units: string;
  employees: string;
  posts: string;
  assignments: string;
  clients: string;
}

/** Writes the bank's files into `dir`; with `withPolicies: false` the posts name no policy and carry no numbers. */
export function writeBankFiles(dir: string, { withPolicies = true } = {}): BankFiles {
  mkdirSync(dir, { recursive: true });
  const f = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return {
    policies: f("policies.csv", POLICY_ROWS.join("\n") + "\n"),
    calendar: f("calendar-bank.csv", CALENDAR_ROWS.join("\n") + "\n"),
    units: f(
      "units.csv",
      csv([
        ["code", "name", "name_en", "kind", "parent_code", "time_zone", "calendar_code"],
        ["HO", "总行", "Head Office", "head_office", "", "Asia/Shanghai", "BANK"],
        ["BR1", "北京分行", "Beijing Branch", "branch", "HO", "", ""],
        ["BR2", "上海分行", "Shanghai Branch", "branch", "HO", "", ""],
      ]),
    ),
    employees: f(
      "employees.csv",
      csv([
        ["code", "name", "name_en", "unit_code", "status", "roles"],
        ...EMPLOYEES.map((e) => [e.code, `员工${e.code}`, `Staff ${e.code}`, e.unit, "active", e.roles]),
      ]),
    ),
    posts: f(
      "posts.csv",
      csv([
        ["code", "name", "unit_code", "category", "policy_code", "standard_defined", "active", "max_tenure_months"],
        ...POSTS.map((p) => [
          p.code,
          `岗位${p.code}`,
          p.unit,
          p.category,
          withPolicies ? p.policyCode : "",
          "true",
          p.active === false ? "false" : "true",
          withPolicies ? p.ownMaxTenure : "",
        ]),
      ]),
    ),
    assignments: f(
      "assignments.csv",
      csv([
        ["employee_code", "post_code", "kind", "start_date", "end_date", "end_reason"],
        ...ASSIGNMENTS.map((a) => [a.employee, a.post, a.kind ?? "holder", a.start, a.end, a.endReason]),
      ]),
    ),
    clients: f(
      "clients.csv",
      csv([
        ["code", "name", "unit_code", "manager_code", "since"],
        ["C001", "北京恒通商贸有限公司", "BR1", "E109", "2024-01-02"],
        ["C002", "上海浦江物流有限公司", "BR2", "E111", "2024-03-01"],
      ]),
    ),
  };
}

// ---- the test's own arithmetic ----

function parse(d: string): [number, number, number] {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  return [y, m, day];
}
function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
/** Adds calendar months, clamping to the month's last day (docs/reports.md: "month-end clamped"). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parse(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return fmt(ny, nm, Math.min(d, last));
}
export function daysBetween(from: string, to: string): number {
  const [a, b, c] = parse(from);
  const [x, y, z] = parse(to);
  return Math.round((Date.UTC(x, y - 1, z) - Date.UTC(a, b - 1, c)) / 86_400_000);
}

export interface Holding {
  employee: string;
  post: string;
  category: Category;
  start: string;
  deadline: string;
  daysLeft: number;
  leaveDue: string;
}

function policyOf(post: Post): Policy {
  const base = post.policyCode ? OVERRIDES[post.policyCode]! : DEFAULTS[post.category];
  return post.ownMaxTenure ? { ...base, maxTenureMonths: post.ownMaxTenure } : base;
}

/** Open holder assignments of active posts, started by today (docs/reports.md, *Holdings*). */
export function holdings(today = TODAY): Holding[] {
  return ASSIGNMENTS.filter((a) => (a.kind ?? "holder") === "holder")
    .filter((a) => a.start <= today && a.end === undefined)
    .map((a) => ({ a, post: POSTS.find((p) => p.code === a.post)! }))
    .filter(({ post }) => post.active !== false)
    .map(({ a, post }) => {
      const policy = policyOf(post);
      const deadline = addMonths(a.start, policy.maxTenureMonths);
      return {
        employee: a.employee,
        post: a.post,
        category: post.category,
        start: a.start,
        deadline,
        daysLeft: daysBetween(today, deadline),
        // no mandatory leave in the files: the leave clock is the assignment's start
        leaveDue: addMonths(a.start, policy.leaveEveryMonths),
      };
    });
}

/** Every open holding (no end date), whatever its start, of an active post: for the gap check. */
export function openHoldingsAnyPolicy(today = TODAY): string[] {
  return ASSIGNMENTS.filter((a) => (a.kind ?? "holder") === "holder" && a.end === undefined && a.start <= today)
    .filter((a) => POSTS.find((p) => p.code === a.post)!.active !== false)
    .map((a) => `${a.employee}@${a.post}`);
}

export interface Expected {
  holdings: string[];
  overdue: string[];
  due30: string[];
  due90: string[];
  notDue: string[];
  leaveOverdue: string[];
  leaveDueWithinHorizon: string[];
}

const key = (h: Holding): string => `${h.employee}@${h.post}`;

export function expected(today = TODAY, horizon = HORIZON): Expected {
  const hs = holdings(today);
  return {
    holdings: hs.map(key).sort(),
    overdue: hs
      .filter((h) => h.daysLeft < 0)
      .map(key)
      .sort(),
    due30: hs
      .filter((h) => h.daysLeft >= 0 && h.daysLeft <= 30)
      .map(key)
      .sort(),
    due90: hs
      .filter((h) => h.daysLeft > 30 && h.daysLeft <= 90)
      .map(key)
      .sort(),
    notDue: hs
      .filter((h) => h.daysLeft > 90)
      .map(key)
      .sort(),
    leaveOverdue: hs
      .filter((h) => daysBetween(today, h.leaveDue) < 0)
      .map(key)
      .sort(),
    leaveDueWithinHorizon: hs
      .filter((h) => {
        const d = daysBetween(today, h.leaveDue);
        return d >= 0 && d <= horizon;
      })
      .map(key)
      .sort(),
  };
}
