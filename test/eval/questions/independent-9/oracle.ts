// Independent oracle for question set 9. It reads only the demo bank's register files and
// applies the rules as README.md, docs/policies.md and docs/reports.md state them.
import { readFileSync } from "node:fs";
import path from "node:path";
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

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../../../..");
const BANK = path.join(ROOT, "samples/demo-bank");

type Row = Record<string, string>;

function readCsv(name: string): Row[] {
  return parse(readFileSync(path.join(BANK, name), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Row[];
}

export interface Register {
  units: Row[];
  employees: Row[];
  posts: Row[];
  assignments: Row[];
  clients: Row[];
}

let cached: Register | undefined;
export function register(): Register {
  cached ??= {
    units: readCsv("units.csv"),
    employees: readCsv("employees.csv"),
    posts: readCsv("posts.csv"),
    assignments: readCsv("assignments.csv"),
    clients: readCsv("clients.csv"),
  };
  return cached;
}

/** The reporting roles (docs/reports.md, REPORT_ROLES): anyone else is refused. */
const REPORT_ROLES = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);

/** cn-bank preset (docs/policies.md): category defaults 36 months, the 12-month overrides. */
const TENURE_BY_POLICY: Record<string, number> = {
  "cn-bank-cash": 12,
  "cn-bank-accounting": 12,
  "cn-bank-vault": 12,
};
const CATEGORY_TENURE = 36;
const LEAVE_EVERY_MONTHS = 12;

/** The local date of NOW in Asia/Shanghai (every demo unit's zone). */
export const TODAY = DateTime.fromISO(NOW, { setZone: true }).setZone("Asia/Shanghai").startOf("day");

function d(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: "Asia/Shanghai" }).startOf("day");
}
function ymd(x: DateTime): string {
  return x.toFormat("yyyy-MM-dd");
}

/** Unit path from the root, e.g. ["HO", "BR1", "BR1-01"]. */
function unitPath(code: string): string[] {
  const units = register().units;
  const out: string[] = [];
  let cur: string | undefined = code;
  while (cur) {
    const u = units.find((x) => x.code === cur);
    if (!u) throw new Error(`unknown unit ${cur}`);
    out.unshift(u.code!);
    cur = u.parent_code || undefined;
  }
  return out;
}

/** true when `unit` is `root` or below it. */
function within(unit: string, root: string): boolean {
  return unitPath(unit).includes(root);
}

function employee(code: string): Row {
  const e = register().employees.find((x) => x.code === code);
  if (!e) throw new Error(`unknown employee ${code}`);
  return e;
}

/** The units the asker's reporting roles cover (each with its subtree). */
export function scopeRoots(asker: string): string[] {
  const roles = (employee(asker).roles ?? "").split(";").filter(Boolean);
  const roots: string[] = [];
  for (const r of roles) {
    const [role, unit] = r.split("@");
    if (role && unit && REPORT_ROLES.has(role)) roots.push(unit);
  }
  return roots;
}

function inScope(asker: string, unit: string): boolean {
  return scopeRoots(asker).some((root) => within(unit, root));
}

export interface Holding {
  employee: string;
  post: string;
  unit: string;
  title: string; // TELLER, ACCT, VAULT, CREDIT, RM, HEAD, RISK
  category: string;
  start: DateTime;
  deadline: DateTime;
  leaveDue: DateTime;
}

let cachedHoldings: Holding[] | undefined;
export function holdings(): Holding[] {
  cachedHoldings ??= computeHoldings();
  return cachedHoldings;
}

function computeHoldings(): Holding[] {
  const { posts, assignments } = register();
  const out: Holding[] = [];
  for (const a of assignments) {
    if (a.kind !== "holder" || (a.end_date ?? "") !== "") continue;
    const start = d(a.start_date!);
    if (start > TODAY) continue;
    const p = posts.find((x) => x.code === a.post_code);
    if (!p || p.active !== "true") continue;
    const months = TENURE_BY_POLICY[p.policy_code ?? ""] ?? CATEGORY_TENURE;
    out.push({
      employee: a.employee_code!,
      post: p.code!,
      unit: p.unit_code!,
      title: p.code!.split("-").pop()!,
      category: p.category!,
      start,
      // luxon's plus({ months }) clamps to the month's end, as docs/policies.md requires.
      deadline: start.plus({ months }),
      // No leave has been taken in the demo bank: the leave clock is the assignment start.
      leaveDue: start.plus({ months: LEAVE_EVERY_MONTHS }),
    });
  }
  return out;
}

// ---- meanings ---------------------------------------------------------------------------

/** The structured reading of a question (questions.jsonl `meaning`). */
export type Meaning =
  | { t: "overdue"; unit?: string; title?: string } // holders past their tenure limit
  | { t: "due"; days: number; unit?: string; title?: string } // limit within N days, not overdue
  | { t: "attention"; unit?: string } // overdue or within the 90-day warning
  | { t: "holders"; unit?: string; title?: string; post?: string } // who holds the post(s)
  | { t: "on_leave"; unit?: string } // who is on leave now
  | { t: "leave_overdue"; unit?: string }
  | { t: "leave_due"; days: number; unit?: string }
  | { t: "client"; clients: string[] } // who serves the client(s) (codes the name resolves to)
  | { t: "person"; who: string; what: "deadline" | "leave_due" | "start" } // one date
  | { t: "post_date"; post: string; what: "deadline" | "leave_due" | "start" }
  | { t: "person_status"; who: string }
  | {
      t: "count";
      what: "overdue" | "due" | "leave_overdue" | "leave_due" | "on_leave" | "clients" | "posts" | "staff" | "holders";
      unit?: string;
      days?: number;
      title?: string;
      manager?: string;
    }
  | { t: "nonsense" };

function refusedOr<T>(ok: boolean, v: () => T): T | { kind: "refused" } {
  return ok ? v() : { kind: "refused" };
}

function holdingsInView(asker: string, unit?: string, title?: string, post?: string): Holding[] {
  return holdings().filter(
    (h) =>
      inScope(asker, h.unit) &&
      (!unit || within(h.unit, unit)) &&
      (!title || h.title === title) &&
      (!post || h.post === post),
  );
}

const isOverdue = (h: Holding) => TODAY > h.deadline;
const dueWithin = (h: Holding, days: number) => !isOverdue(h) && h.deadline <= TODAY.plus({ days });
const leaveOverdue = (h: Holding) => TODAY > h.leaveDue;
const leaveDueWithin = (h: Holding, days: number) => !leaveOverdue(h) && h.leaveDue <= TODAY.plus({ days });

function people(hs: Holding[]): Expectation {
  return { kind: "people", codes: [...new Set(hs.map((h) => h.employee))].sort() };
}

function personInScope(asker: string, who: string): boolean {
  const e = employee(who);
  if (inScope(asker, e.unit_code!)) return true;
  return holdings().some((h) => h.employee === who && inScope(asker, h.unit));
}

export function expectedFor(asker: string, m: Meaning): Expectation {
  if (m.t === "nonsense") return { kind: "not-understood" };
  if (scopeRoots(asker).length === 0) return { kind: "refused" };
  const unit = "unit" in m ? m.unit : undefined;
  if (unit && !inScope(asker, unit)) return { kind: "refused" };
  switch (m.t) {
    case "overdue":
      return people(holdingsInView(asker, unit, m.title).filter(isOverdue));
    case "due":
      return people(holdingsInView(asker, unit, m.title).filter((h) => dueWithin(h, m.days)));
    case "attention":
      return people(holdingsInView(asker, unit).filter((h) => isOverdue(h) || dueWithin(h, 90)));
    case "holders": {
      if (m.post) {
        const p = register().posts.find((x) => x.code === m.post);
        if (!p) throw new Error(`unknown post ${m.post}`);
        if (!inScope(asker, p.unit_code!)) return { kind: "refused" };
      }
      return people(holdingsInView(asker, unit, m.title, m.post));
    }
    case "on_leave":
      return { kind: "people", codes: [] }; // nobody is on leave at NOW
    case "leave_overdue":
      return people(holdingsInView(asker, unit).filter(leaveOverdue));
    case "leave_due":
      return people(holdingsInView(asker, unit).filter((h) => leaveDueWithin(h, m.days)));
    case "client": {
      const cs = register().clients.filter((c) => m.clients.includes(c.code!) && inScope(asker, c.unit_code!));
      if (cs.length === 0) return { kind: "refused" };
      return { kind: "people", codes: [...new Set(cs.map((c) => c.manager_code!))].sort() };
    }
    case "person": {
      return refusedOr(personInScope(asker, m.who), () => {
        const h = holdings().find((x) => x.employee === m.who);
        if (!h) throw new Error(`${m.who} holds no post`);
        return dateOf(h, m.what);
      });
    }
    case "post_date": {
      const h = holdings().find((x) => x.post === m.post);
      if (!h) throw new Error(`${m.post} has no holder`);
      return refusedOr(inScope(asker, h.unit), () => dateOf(h, m.what));
    }
    case "person_status":
      return refusedOr(personInScope(asker, m.who), (): Expectation => ({
        kind: "people",
        codes: [m.who],
      }));
    case "count":
      if (m.manager && !personInScope(asker, m.manager)) return { kind: "refused" };
      return { kind: "count", value: count(asker, m) };
  }
}

function dateOf(h: Holding, what: "deadline" | "leave_due" | "start"): Expectation {
  const v = what === "deadline" ? h.deadline : what === "leave_due" ? h.leaveDue : h.start;
  return { kind: "date", value: ymd(v) };
}

function count(asker: string, m: Extract<Meaning, { t: "count" }>): number {
  const hs = holdingsInView(asker, m.unit, m.title);
  const inUnit = (u: string) => inScope(asker, u) && (!m.unit || within(u, m.unit));
  switch (m.what) {
    case "overdue":
      return hs.filter(isOverdue).length;
    case "due":
      return hs.filter((h) => dueWithin(h, m.days ?? 30)).length;
    case "leave_overdue":
      return hs.filter(leaveOverdue).length;
    case "leave_due":
      return hs.filter((h) => leaveDueWithin(h, m.days ?? 30)).length;
    case "on_leave":
      return 0;
    case "holders":
      return hs.length;
    case "clients":
      return register().clients.filter((c) => inUnit(c.unit_code!) && (!m.manager || c.manager_code === m.manager))
        .length;
    case "posts":
      return register().posts.filter(
        (p) => p.active === "true" && inUnit(p.unit_code!) && (!m.title || p.code!.split("-").pop() === m.title),
      ).length;
    case "staff":
      return register().employees.filter((e) => inUnit(e.unit_code!) && e.status === "active").length;
  }
}

export function expected(item: EvalItem): Expectation {
  return expectedFor(item.asker, item.meaning as Meaning);
}

export function loadItems(): EvalItem[] {
  return readFileSync(path.join(HERE, "questions.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvalItem);
}
