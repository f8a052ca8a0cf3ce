// Independent oracle (set 2): computes the expected answer of each question from the register CSVs
// and this author's own reading of README.md, docs/policies.md, docs/reports.md and DOMAIN.md.
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

const HERE = dirname(fileURLToPath(import.meta.url));
const BANK = join(HERE, "..", "..", "..", "..", "samples", "demo-bank");

interface UnitRow {
  code: string;
  parent_code: string;
}
interface EmployeeRow {
  code: string;
  unit_code: string;
  roles: string;
}
interface PostRow {
  code: string;
  unit_code: string;
  category: string;
  policy_code: string;
  active: string;
}
interface AssignmentRow {
  employee_code: string;
  post_code: string;
  kind: string;
  start_date: string;
  end_date: string;
}
interface ClientRow {
  code: string;
  unit_code: string;
  manager_code: string;
}

function readCsv<T>(name: string): T[] {
  return parse(readFileSync(join(BANK, name), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as T[];
}

export interface Register {
  units: UnitRow[];
  employees: EmployeeRow[];
  posts: PostRow[];
  assignments: AssignmentRow[];
  clients: ClientRow[];
}

let cached: Register | undefined;
export function register(): Register {
  cached ??= {
    units: readCsv<UnitRow>("units.csv"),
    employees: readCsv<EmployeeRow>("employees.csv"),
    posts: readCsv<PostRow>("posts.csv"),
    assignments: readCsv<AssignmentRow>("assignments.csv"),
    clients: readCsv<ClientRow>("clients.csv"),
  };
  return cached;
}

/** "Today": the local date of NOW in the units' time zone (all demo units are Asia/Shanghai). */
export const TODAY = DateTime.fromISO(NOW).setZone("Asia/Shanghai").toISODate() as string;

/** cn-bank preset (docs/policies.md): 36 months per category; cash, accounting and vault overrides 12. */
const OVERRIDE_TENURE: Record<string, number> = {
  "cn-bank-cash": 12,
  "cn-bank-accounting": 12,
  "cn-bank-vault": 12,
};
const CATEGORY_TENURE: Record<string, number> = { authority: 36, operations: 36, oversight: 36 };
const LEAVE_EVERY_MONTHS = 12;

function addMonths(date: string, months: number): string {
  // luxon clamps to the month's end (2026-01-31 + 1 month = 2026-02-28), as the docs require
  return DateTime.fromISO(date, { zone: "utc" }).plus({ months }).toISODate() as string;
}

function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "utc" }).plus({ days }).toISODate() as string;
}

export interface Holding {
  employee: string;
  post: string;
  unit: string;
  category: string;
  start: string;
  deadline: string;
  leaveDue: string;
}

let cachedHoldings: Holding[] | undefined;
export function holdings(): Holding[] {
  cachedHoldings ??= computeHoldings();
  return cachedHoldings;
}

function computeHoldings(): Holding[] {
  const reg = register();
  const out: Holding[] = [];
  for (const a of reg.assignments) {
    if (a.kind !== "holder" || a.end_date || a.start_date > TODAY) continue;
    const post = reg.posts.find((p) => p.code === a.post_code);
    if (!post || post.active !== "true") continue;
    const tenure = OVERRIDE_TENURE[post.policy_code] ?? CATEGORY_TENURE[post.category];
    if (tenure === undefined) throw new Error(`no policy for ${post.code}`);
    out.push({
      employee: a.employee_code,
      post: post.code,
      unit: post.unit_code,
      category: post.category,
      start: a.start_date,
      deadline: addMonths(a.start_date, tenure),
      // no mandatory leave in the register: the leave clock is the assignment's start
      leaveDue: addMonths(a.start_date, LEAVE_EVERY_MONTHS),
    });
  }
  return out;
}

// ---- units and scope ------------------------------------------------------------------------

function parentOf(unit: string): string | undefined {
  const u = register().units.find((x) => x.code === unit);
  if (!u) throw new Error(`unknown unit ${unit}`);
  return u.parent_code || undefined;
}

/** true when `unit` is `root` or below it */
export function within(unit: string, root: string): boolean {
  for (let u: string | undefined = unit; u; u = parentOf(u)) if (u === root) return true;
  return false;
}

const REPORT_ROLES = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);

/** the units of the asker's reporting-role grants (each covers its subtree) */
export function scopeOf(asker: string): string[] {
  const e = register().employees.find((x) => x.code === asker);
  if (!e) throw new Error(`unknown asker ${asker}`);
  const units = new Set<string>();
  for (const grant of e.roles.split(";").filter(Boolean)) {
    const [role, unit] = grant.split("@");
    if (role && unit && REPORT_ROLES.has(role)) units.add(unit);
  }
  return [...units];
}

function inScope(asker: string, unit: string): boolean {
  return scopeOf(asker).some((root) => within(unit, root));
}

// ---- meanings ---------------------------------------------------------------------------------

/**
 * The structured reading of a question. `unit` narrows to a unit's subtree (inside the asker's
 * scope; a unit outside it is refused); `category` and `postType` (the post code's last part:
 * TELLER, ACCT, VAULT, CREDIT, RM, HEAD, RISK) narrow further.
 */
export interface Meaning {
  intent:
    | "overdue" // holders past their tenure limit
    | "due-within" // limit within the next `days` days, not overdue
    | "due-by" // limit on or before `date`, not overdue
    | "due-or-overdue" // overdue, or limit within the next `days` days
    | "holders" // the holders of key posts (optionally one type of post)
    | "on-leave" // who is on leave now (nobody at NOW)
    | "leave-overdue" // next mandatory leave's due date is past
    | "leave-due-within" // mandatory leave due within `days` days, not overdue
    | "no-leave-12m" // holders with no mandatory leave in the last 12 months (not covered)
    | "post-holder" // who holds `post`
    | "post-deadline" // when `post`'s holder must rotate
    | "person-deadline" // when `person` must rotate
    | "person-leave-due" // when `person`'s next mandatory leave is due
    | "person-start" // since when `person` holds their post
    | "client-manager" // who serves `clients`
    | "client-count" // how many clients (of `person`, or in `unit`)
    | "post-count" // how many key posts
    | "not-understood";
  count?: boolean; // the answer's headline is a number: how many
  unit?: string;
  category?: string;
  postType?: string;
  days?: number;
  date?: string;
  post?: string;
  person?: string;
  clients?: string[];
  tags?: string[];
  [k: string]: unknown;
}

function asMeaning(m: unknown): Meaning {
  if (!m || typeof m !== "object" || typeof (m as Meaning).intent !== "string") {
    throw new Error("meaning without an intent");
  }
  return m as Meaning;
}

export function loadItems(): EvalItem[] {
  const text = readFileSync(join(HERE, "questions.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvalItem);
}

function sorted(codes: Iterable<string>): string[] {
  return [...new Set(codes)].sort();
}

function people(codes: Iterable<string>, count: boolean | undefined): Expectation {
  const list = sorted(codes);
  return count ? { kind: "count", value: list.length } : { kind: "people", codes: list };
}

export function expected(item: EvalItem): Expectation {
  const m = asMeaning(item.meaning);
  if (m.intent === "not-understood") return { kind: "not-understood" };

  // only the reporting roles are answered (README "Questions", docs/reports.md "Scope")
  const scope = scopeOf(item.asker);
  if (scope.length === 0) return { kind: "refused" };

  const reg = register();
  if (m.unit !== undefined && !inScope(item.asker, m.unit)) return { kind: "refused" };

  const all = holdings().filter((h) => inScope(item.asker, h.unit));
  const filtered = all.filter(
    (h) =>
      (m.unit === undefined || within(h.unit, m.unit)) &&
      (m.category === undefined || h.category === m.category) &&
      (m.postType === undefined || h.post.endsWith(`-${m.postType}`)),
  );

  const holdingOf = (person: string): Holding => {
    const h = holdings().find((x) => x.employee === person);
    if (!h) throw new Error(`${person} holds no key post`);
    return h;
  };
  const personInScope = (person: string): boolean => {
    const e = reg.employees.find((x) => x.code === person);
    if (!e) throw new Error(`unknown person ${person}`);
    return (
      inScope(item.asker, e.unit_code) || holdings().some((h) => h.employee === person && inScope(item.asker, h.unit))
    );
  };

  switch (m.intent) {
    case "overdue":
      return people(
        filtered.filter((h) => TODAY > h.deadline).map((h) => h.employee),
        m.count,
      );
    case "due-within": {
      const until = addDays(TODAY, need(m.days, "days"));
      return people(
        filtered.filter((h) => h.deadline >= TODAY && h.deadline <= until).map((h) => h.employee),
        m.count,
      );
    }
    case "due-by": {
      const until = need(m.date, "date");
      return people(
        filtered.filter((h) => h.deadline >= TODAY && h.deadline <= until).map((h) => h.employee),
        m.count,
      );
    }
    case "due-or-overdue": {
      const until = addDays(TODAY, need(m.days, "days"));
      return people(
        filtered.filter((h) => h.deadline <= until).map((h) => h.employee),
        m.count,
      );
    }
    case "holders":
      return people(
        filtered.map((h) => h.employee),
        m.count,
      );
    case "on-leave":
      // the register has no leaves at NOW
      return people([], m.count);
    case "leave-overdue":
      return people(
        filtered.filter((h) => TODAY > h.leaveDue).map((h) => h.employee),
        m.count,
      );
    case "leave-due-within": {
      const until = addDays(TODAY, need(m.days, "days"));
      return people(
        filtered.filter((h) => h.leaveDue >= TODAY && h.leaveDue <= until).map((h) => h.employee),
        m.count,
      );
    }
    case "no-leave-12m":
      // nobody has taken a mandatory leave: every holder in scope is not covered
      return people(
        filtered.map((h) => h.employee),
        m.count,
      );
    case "post-holder":
    case "post-deadline": {
      const code = need(m.post, "post");
      const post = reg.posts.find((p) => p.code === code);
      if (!post) throw new Error(`unknown post ${code}`);
      if (!inScope(item.asker, post.unit_code)) return { kind: "refused" };
      const hs = holdings().filter((h) => h.post === code);
      if (m.intent === "post-holder")
        return people(
          hs.map((h) => h.employee),
          m.count,
        );
      const [only] = hs;
      if (!only || hs.length !== 1) throw new Error(`${code} has ${hs.length} holders`);
      return { kind: "date", value: only.deadline };
    }
    case "person-deadline":
    case "person-leave-due":
    case "person-start": {
      const person = need(m.person, "person");
      if (!personInScope(person)) return { kind: "refused" };
      const h = holdingOf(person);
      const value =
        m.intent === "person-deadline" ? h.deadline : m.intent === "person-leave-due" ? h.leaveDue : h.start;
      return { kind: "date", value };
    }
    case "client-manager": {
      const codes = need(m.clients, "clients");
      const cs = codes.map((c) => {
        const client = reg.clients.find((x) => x.code === c);
        if (!client) throw new Error(`unknown client ${c}`);
        return client;
      });
      // a client is in reach when its unit (or its manager's home unit) is in the asker's scope
      const visible = cs.filter((c) => inScope(item.asker, c.unit_code) || personInScope(c.manager_code));
      if (visible.length === 0) return { kind: "refused" };
      return people(
        visible.map((c) => c.manager_code),
        m.count,
      );
    }
    case "client-count": {
      let cs = reg.clients.filter((c) => inScope(item.asker, c.unit_code));
      if (m.person !== undefined) {
        if (!personInScope(m.person)) return { kind: "refused" };
        cs = reg.clients.filter((c) => c.manager_code === m.person);
      }
      if (m.unit !== undefined) cs = cs.filter((c) => within(c.unit_code, m.unit as string));
      return { kind: "count", value: cs.length };
    }
    case "post-count": {
      const posts = reg.posts.filter(
        (p) =>
          p.active === "true" &&
          inScope(item.asker, p.unit_code) &&
          (m.unit === undefined || within(p.unit_code, m.unit)) &&
          (m.category === undefined || p.category === m.category) &&
          (m.postType === undefined || p.code.endsWith(`-${m.postType}`)),
      );
      return { kind: "count", value: posts.length };
    }
    default:
      throw new Error(`unknown intent ${String(m.intent)}`);
  }
}

function need<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`meaning without ${name}`);
  return value;
}
