// Independent oracle for question set 6: computes each expected answer from the register CSVs
// and this set's own reading of README.md, docs/policies.md and docs/reports.md.
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

/** This set's reading of a question. */
export interface Meaning {
  t:
    | "overdue" // holders past their tenure limit
    | "due" // tenure limit within `days`, not overdue
    | "leave_overdue" // mandatory leave past its due date
    | "leave_due" // mandatory leave due within `days`, not overdue
    | "on_leave" // who is on leave now
    | "holder" // who holds `post`
    | "serves" // who serves `client`
    | "count_overdue"
    | "count_due"
    | "count_posts" // key posts in the unit
    | "count_clients" // clients booked in the unit
    | "count_holders" // key-post holdings in the unit
    | "person_deadline" // the last day `person` may stay in post
    | "person_leave_due" // when `person`'s next mandatory leave is due
    | "person_since" // since when `person` holds their post
    | "post_deadline" // the current holder's tenure deadline of `post`
    | "nonsense";
  unit?: string;
  post?: string;
  person?: string;
  client?: string;
  days?: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const bank = join(root, "samples", "demo-bank");

type Row = Record<string, string>;
function csv(name: string): Row[] {
  return parse(readFileSync(join(bank, name), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Row[];
}

const units = csv("units.csv");
const employees = csv("employees.csv");
const posts = csv("posts.csv");
const assignments = csv("assignments.csv");
const clients = csv("clients.csv");

export const EMPLOYEE_CODES = new Set(employees.map((e) => e.code ?? ""));

const REPORT_ROLES = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);

/** cn-bank preset (docs/policies.md): category defaults 36/12, cash/accounting/vault 12/12. */
const POLICY_TENURE: Record<string, number> = {
  "cn-bank.authority": 36,
  "cn-bank.operations": 36,
  "cn-bank.oversight": 36,
  "cn-bank-cash": 12,
  "cn-bank-accounting": 12,
  "cn-bank-vault": 12,
};
const LEAVE_EVERY_MONTHS = 12;

const today = DateTime.fromISO(NOW, { setZone: true }).setZone("Asia/Shanghai").startOf("day");

function d(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: "Asia/Shanghai" }).startOf("day");
}
function plusMonths(iso: string, months: number): DateTime {
  // luxon clamps to the month's end (2026-01-31 + 1 month = 2026-02-28), as the docs say.
  return d(iso).plus({ months });
}

function parentOf(code: string): string | undefined {
  const u = units.find((x) => x.code === code);
  return u && u.parent_code ? u.parent_code : undefined;
}
/** True when `unit` is `ancestor` or below it. */
function within(unit: string, ancestor: string): boolean {
  let cur: string | undefined = unit;
  while (cur) {
    if (cur === ancestor) return true;
    cur = parentOf(cur);
  }
  return false;
}

function employee(code: string): Row {
  const e = employees.find((x) => x.code === code);
  if (!e) throw new Error(`unknown employee ${code}`);
  return e;
}
function post(code: string): Row {
  const p = posts.find((x) => x.code === code);
  if (!p) throw new Error(`unknown post ${code}`);
  return p;
}

/** Units an asker's reporting roles reach (roots of subtrees). */
function scopeRoots(asker: string): string[] {
  const roles = (employee(asker).roles ?? "").split(";").filter(Boolean);
  const roots: string[] = [];
  for (const r of roles) {
    const [role, unit] = r.split("@");
    if (role && unit && REPORT_ROLES.has(role)) roots.push(unit);
  }
  return roots;
}
function inScope(roots: string[], unit: string): boolean {
  return roots.some((r) => within(unit, r));
}

interface Holding {
  employee: string;
  post: string;
  unit: string;
  start: string;
  deadline: DateTime;
  leaveDue: DateTime;
}

function holdings(): Holding[] {
  const out: Holding[] = [];
  for (const a of assignments) {
    if (a.kind !== "holder" || a.end_date) continue;
    if (!a.start_date || d(a.start_date) > today) continue;
    const p = post(a.post_code ?? "");
    if (p.active !== "true") continue;
    const policy = p.policy_code || `cn-bank.${p.category}`;
    const months = POLICY_TENURE[policy];
    if (months === undefined) throw new Error(`no policy ${policy}`);
    out.push({
      employee: a.employee_code ?? "",
      post: p.code ?? "",
      unit: p.unit_code ?? "",
      start: a.start_date,
      deadline: plusMonths(a.start_date, months),
      // No leave has been taken yet: the leave clock is the assignment's start.
      leaveDue: plusMonths(a.start_date, LEAVE_EVERY_MONTHS),
    });
  }
  return out;
}
const HOLDINGS = holdings();

function overdue(h: Holding): boolean {
  return today > h.deadline;
}
function dueWithin(deadline: DateTime, days: number): boolean {
  return deadline >= today && deadline <= today.plus({ days });
}

export function loadItems(): EvalItem[] {
  return readFileSync(join(here, "questions.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalItem);
}

function people(codes: string[]): Expectation {
  return { kind: "people", codes: [...new Set(codes)].sort() };
}

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m.t === "nonsense") return { kind: "not-understood" };
  const roots = scopeRoots(item.asker);
  if (roots.length === 0) return { kind: "refused" };

  // The units the answer covers: the named unit (must be in scope) or the asker's scope.
  if (m.unit !== undefined) {
    if (!units.some((u) => u.code === m.unit)) throw new Error(`unknown unit ${m.unit}`);
    if (!inScope(roots, m.unit)) return { kind: "refused" };
  }
  const covers = (unit: string) => (m.unit !== undefined ? within(unit, m.unit) : inScope(roots, unit));
  const hs = HOLDINGS.filter((h) => covers(h.unit));
  const days = m.days ?? 30;

  switch (m.t) {
    case "overdue":
      return people(hs.filter(overdue).map((h) => h.employee));
    case "count_overdue":
      return { kind: "count", value: hs.filter(overdue).length };
    case "due":
      return people(hs.filter((h) => dueWithin(h.deadline, days)).map((h) => h.employee));
    case "count_due":
      return { kind: "count", value: hs.filter((h) => dueWithin(h.deadline, days)).length };
    case "leave_overdue":
      return people(hs.filter((h) => today > h.leaveDue).map((h) => h.employee));
    case "leave_due":
      return people(hs.filter((h) => dueWithin(h.leaveDue, days)).map((h) => h.employee));
    case "on_leave":
      return people([]); // no leaves in the register at NOW
    case "count_posts":
      return {
        kind: "count",
        value: posts.filter((p) => p.active === "true" && covers(p.unit_code ?? "")).length,
      };
    case "count_clients":
      return { kind: "count", value: clients.filter((c) => covers(c.unit_code ?? "")).length };
    case "count_holders":
      return { kind: "count", value: hs.length };
    case "holder": {
      const p = post(m.post ?? "");
      if (!inScope(roots, p.unit_code ?? "")) return { kind: "refused" };
      return people(HOLDINGS.filter((h) => h.post === p.code).map((h) => h.employee));
    }
    case "post_deadline": {
      const p = post(m.post ?? "");
      if (!inScope(roots, p.unit_code ?? "")) return { kind: "refused" };
      const h = HOLDINGS.find((x) => x.post === p.code);
      if (!h) throw new Error(`post ${p.code} has no holder`);
      return { kind: "date", value: h.deadline.toISODate() ?? "" };
    }
    case "serves": {
      // A client is named by code, or by a name several units' clients share: keep those in scope.
      const wanted = clients.filter((c) => c.code === m.client || c.name === m.client || c.name_en === m.client);
      if (wanted.length === 0) throw new Error(`unknown client ${m.client}`);
      const visible = wanted.filter(
        (c) => inScope(roots, c.unit_code ?? "") || inScope(roots, employee(c.manager_code ?? "").unit_code ?? ""),
      );
      if (visible.length === 0) return { kind: "refused" };
      return people(visible.map((c) => c.manager_code ?? ""));
    }
    case "person_deadline":
    case "person_leave_due":
    case "person_since": {
      const e = employee(m.person ?? "");
      const held = HOLDINGS.filter((h) => h.employee === e.code);
      const visible = inScope(roots, e.unit_code ?? "") || held.some((h) => inScope(roots, h.unit));
      if (!visible) return { kind: "refused" };
      const h = held[0];
      if (!h) throw new Error(`${e.code} holds no post`);
      const value = m.t === "person_deadline" ? h.deadline : m.t === "person_leave_due" ? h.leaveDue : d(h.start);
      return { kind: "date", value: value.toISODate() ?? "" };
    }
  }
  throw new Error(`unknown meaning ${JSON.stringify(m)}`);
}
