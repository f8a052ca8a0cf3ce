// Independent oracle for question set 8. Written from the README, docs/policies.md,
// docs/reports.md, the shared DOMAIN.md and the register CSVs only.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { DateTime } from "luxon";

export const NOW = "2026-12-01T10:00:00+08:00";

export interface EvalItem {
  id: string;
  asker: string;
  lang: "zh-CN" | "en";
  q: string;
  meaning: unknown;
}

export type Expectation =
  | { kind: "people"; codes: string[] }
  | { kind: "count"; value: number }
  | { kind: "date"; value: string }
  | { kind: "refused" }
  | { kind: "not-understood" };

/** My reading of a question. */
export interface Meaning {
  /** what is asked */
  t:
    | "overdue" // holders past their tenure limit
    | "due" // tenure limit within the next `days` days, not overdue
    | "leave_overdue" // next mandatory leave due date has passed
    | "leave_due" // next mandatory leave due within `days` days, not overdue
    | "on_leave" // who is on leave now
    | "holder" // who holds `post`
    | "holders" // every holder in the unit (a unit's status card)
    | "client_rm" // who serves `client` (or the client named `clientName`)
    | "person" // one person's status
    | "person_date" // one person's date: `field`
    | "count_overdue"
    | "count_due"
    | "count_clients"
    | "count_posts"
    | "count_staff"
    | "count_holders"
    | "nonsense";
  /** unit asked about; absent = the asker's own scope */
  unit?: string;
  days?: number;
  post?: string;
  client?: string;
  /** a client's English name (clients.csv name_en); the unit narrows duplicates */
  clientName?: string;
  person?: string;
  field?: "tenure_deadline" | "leave_due" | "since";
}

const here = dirname(fileURLToPath(import.meta.url));
const bankDir = join(here, "..", "..", "..", "..", "samples", "demo-bank");

type Row = Record<string, string>;
function readCsv(name: string): Row[] {
  return parse(readFileSync(join(bankDir, name), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  }) as Row[];
}

export const register = {
  units: readCsv("units.csv"),
  employees: readCsv("employees.csv"),
  posts: readCsv("posts.csv"),
  assignments: readCsv("assignments.csv"),
  clients: readCsv("clients.csv"),
};

const REPORT_ROLES = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);

/** cn-bank: category defaults 36 months; cash/accounting/vault overrides 12 months; leave every 12. */
const POLICY: Record<string, { tenure: number; leaveEvery: number }> = {
  "cn-bank.authority": { tenure: 36, leaveEvery: 12 },
  "cn-bank.operations": { tenure: 36, leaveEvery: 12 },
  "cn-bank.oversight": { tenure: 36, leaveEvery: 12 },
  "cn-bank-cash": { tenure: 12, leaveEvery: 12 },
  "cn-bank-accounting": { tenure: 12, leaveEvery: 12 },
  "cn-bank-vault": { tenure: 12, leaveEvery: 12 },
};

function policyOf(post: Row): { tenure: number; leaveEvery: number } {
  const own = post.policy_code ? POLICY[post.policy_code] : undefined;
  if (own) return own;
  const cat = POLICY[`cn-bank.${post.category}`];
  if (!cat) throw new Error(`no policy for ${post.code}`);
  return cat;
}

function unitRow(code: string): Row {
  const u = register.units.find((x) => x.code === code);
  if (!u) throw new Error(`unknown unit ${code}`);
  return u;
}

/** true when `unit` is `ancestor` or below it */
function within(unit: string, ancestor: string): boolean {
  let cur: string | undefined = unit;
  while (cur) {
    if (cur === ancestor) return true;
    cur = unitRow(cur).parent_code || undefined;
  }
  return false;
}

function employee(code: string): Row {
  const e = register.employees.find((x) => x.code === code);
  if (!e) throw new Error(`unknown employee ${code}`);
  return e;
}

/** the units the asker's reporting roles cover (the subtree roots) */
export function scopeRoots(asker: string): string[] {
  const roles = employee(asker).roles ?? "";
  const roots: string[] = [];
  for (const g of roles.split(";").filter(Boolean)) {
    const [role, unit] = g.split("@");
    if (role && unit && REPORT_ROLES.has(role)) roots.push(unit);
  }
  return roots;
}

function inScope(asker: string, unit: string): boolean {
  return scopeRoots(asker).some((r) => within(unit, r));
}

function localToday(unit: string): DateTime {
  return DateTime.fromISO(NOW).setZone(unitRow(unit).time_zone).startOf("day");
}

function addMonths(date: string, months: number): DateTime {
  // luxon clamps to the month end (2024-02-29 + 12 months = 2025-02-28)
  return DateTime.fromISO(date, { zone: "utc" }).plus({ months });
}

interface Holding {
  employee: string;
  post: Row;
  start: string;
  deadline: DateTime;
  leaveDue: DateTime;
  today: DateTime;
}

let cached: Holding[] | undefined;
function holdings(): Holding[] {
  if (cached) return cached;
  const out: Holding[] = [];
  for (const a of register.assignments) {
    if (a.kind !== "holder" || a.end_date) continue;
    const post = register.posts.find((p) => p.code === a.post_code);
    if (!post || post.active !== "true") continue;
    const today = localToday(post.unit_code!);
    const todayUtc = DateTime.fromISO(today.toISODate()!, { zone: "utc" });
    if (a.start_date! > today.toISODate()!) continue;
    const pol = policyOf(post);
    // no leaves in the register yet: the leave clock is the assignment's start
    out.push({
      employee: a.employee_code!,
      post,
      start: a.start_date!,
      deadline: addMonths(a.start_date!, pol.tenure),
      leaveDue: addMonths(a.start_date!, pol.leaveEvery),
      today: todayUtc,
    });
  }
  cached = out;
  return out;
}

function daysUntil(h: Holding, d: DateTime): number {
  return Math.round(d.diff(h.today, "days").days);
}

const isOverdue = (h: Holding) => daysUntil(h, h.deadline) < 0;
const isDue = (h: Holding, n: number) => {
  const d = daysUntil(h, h.deadline);
  return d >= 0 && d <= n;
};
const isLeaveOverdue = (h: Holding) => daysUntil(h, h.leaveDue) < 0;
const isLeaveDue = (h: Holding, n: number) => {
  const d = daysUntil(h, h.leaveDue);
  return d >= 0 && d <= n;
};

/** the subtree roots the question covers, or "refused" */
function coverage(asker: string, unit: string | undefined): string[] | "refused" {
  const roots = scopeRoots(asker);
  if (roots.length === 0) return "refused";
  if (unit === undefined) return roots;
  return inScope(asker, unit) ? [unit] : "refused";
}

function inRoots(unit: string, roots: string[]): boolean {
  return roots.some((r) => within(unit, r));
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

function resolveClient(m: Meaning, roots: string[]): Row[] {
  if (m.client) return register.clients.filter((c) => c.code === m.client);
  const name = (m.clientName ?? "").toLowerCase();
  const all = register.clients.filter((c) => (c.name_en ?? "").toLowerCase() === name || c.name === m.clientName);
  const narrowed = all.filter((c) => inRoots(c.unit_code!, roots));
  return narrowed.length > 0 ? narrowed : all;
}

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m.t === "nonsense") return { kind: "not-understood" };
  if (scopeRoots(item.asker).length === 0) return { kind: "refused" };

  switch (m.t) {
    case "person":
    case "person_date": {
      const p = employee(m.person!);
      const hs = holdings().filter((h) => h.employee === p.code);
      const units = [p.unit_code!, ...hs.map((h) => h.post.unit_code!)];
      if (!units.some((u) => inScope(item.asker, u))) return { kind: "refused" };
      if (m.t === "person") return { kind: "people", codes: [p.code!] };
      const h = hs[0];
      if (!h) throw new Error(`${item.id}: ${p.code} holds no post`);
      const d =
        m.field === "since"
          ? DateTime.fromISO(h.start, { zone: "utc" })
          : m.field === "leave_due"
            ? h.leaveDue
            : h.deadline;
      return { kind: "date", value: d.toISODate()! };
    }
    case "holder": {
      const post = register.posts.find((p) => p.code === m.post);
      if (!post) throw new Error(`${item.id}: unknown post ${m.post}`);
      if (!inScope(item.asker, post.unit_code!)) return { kind: "refused" };
      return {
        kind: "people",
        codes: uniq(
          holdings()
            .filter((h) => h.post.code === post.code)
            .map((h) => h.employee),
        ),
      };
    }
    case "client_rm": {
      const cov = coverage(item.asker, m.unit);
      if (cov === "refused") return { kind: "refused" };
      const cs = resolveClient(m, cov);
      if (cs.length === 0) throw new Error(`${item.id}: unknown client`);
      const visible = cs.filter((c) => inScope(item.asker, c.unit_code!));
      if (visible.length === 0) return { kind: "refused" };
      return { kind: "people", codes: uniq(visible.map((c) => c.manager_code!)) };
    }
    default:
      break;
  }

  const cov = coverage(item.asker, m.unit);
  if (cov === "refused") return { kind: "refused" };
  const hs = holdings().filter((h) => inRoots(h.post.unit_code!, cov));
  const days = m.days ?? 30;
  switch (m.t) {
    case "overdue":
      return { kind: "people", codes: uniq(hs.filter(isOverdue).map((h) => h.employee)) };
    case "due":
      return { kind: "people", codes: uniq(hs.filter((h) => isDue(h, days)).map((h) => h.employee)) };
    case "leave_overdue":
      return { kind: "people", codes: uniq(hs.filter(isLeaveOverdue).map((h) => h.employee)) };
    case "leave_due":
      return {
        kind: "people",
        codes: uniq(hs.filter((h) => isLeaveDue(h, days)).map((h) => h.employee)),
      };
    case "on_leave":
      return { kind: "people", codes: [] }; // no leaves in the register at NOW
    case "holders":
      return { kind: "people", codes: uniq(hs.map((h) => h.employee)) };
    case "count_overdue":
      return { kind: "count", value: hs.filter(isOverdue).length };
    case "count_due":
      return { kind: "count", value: hs.filter((h) => isDue(h, days)).length };
    case "count_holders":
      return { kind: "count", value: hs.length };
    case "count_clients":
      return {
        kind: "count",
        value: register.clients.filter((c) => inRoots(c.unit_code!, cov)).length,
      };
    case "count_posts":
      return {
        kind: "count",
        value: register.posts.filter((p) => p.active === "true" && inRoots(p.unit_code!, cov)).length,
      };
    case "count_staff":
      return {
        kind: "count",
        value: register.employees.filter((e) => e.status === "active" && inRoots(e.unit_code!, cov)).length,
      };
    default:
      throw new Error(`${item.id}: unknown meaning ${JSON.stringify(m)}`);
  }
}

export function loadItems(): EvalItem[] {
  return readFileSync(join(here, "questions.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvalItem);
}
