// Independent oracle for Keypost's question answering.
// Written only from the product README, docs/policies.md, docs/reports.md, ../shared/DOMAIN.md
// and the demo-bank register files — never from the implementation.
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

/** My structured reading of a question. `unit`, `post`, `client`, `person` are register codes. */
export type Meaning =
  /** holders past their tenure limit (today > start + maxTenureMonths); count → the number */
  | { intent: "overdue"; unit?: string; count?: boolean }
  /** holders whose limit falls within the next `days` days (0 ≤ limit − today ≤ days), not overdue */
  | { intent: "due"; days: number; unit?: string; count?: boolean }
  /** who is on mandatory leave (now or in a period): the register has no leaves */
  | { intent: "onLeave"; unit?: string; count?: boolean; when?: string }
  /** who holds this key post */
  | { intent: "holder"; post: string }
  /** who serves this client (by code, or by name: every client of that name in scope) */
  | { intent: "client"; client?: string; clientName?: string }
  /** how many clients this relationship manager serves */
  | { intent: "clientCount"; person: string }
  /** when this person's rotation is due (their holding's tenure deadline); also "status of X" */
  | { intent: "personDue"; person: string }
  /** key-post holders in a unit (list or count) */
  | { intent: "holders"; unit?: string; count?: boolean }
  /** number of active key posts in a unit */
  | { intent: "keyPosts"; unit?: string }
  /** status of a unit: its holders who are overdue or within the largest warning threshold (90 days) */
  | { intent: "unitStatus"; unit: string }
  /** not a question the bot should understand */
  | { intent: "nonsense" };

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const bank = join(root, "samples", "demo-bank");

type Row = Record<string, string>;
function csv(file: string): Row[] {
  return parse(readFileSync(join(bank, file), "utf8"), { columns: true, skip_empty_lines: true, trim: true }) as Row[];
}

export const register = {
  units: csv("units.csv"),
  employees: csv("employees.csv"),
  posts: csv("posts.csv"),
  assignments: csv("assignments.csv"),
  clients: csv("clients.csv"),
};

/** Roles that may ask the bot about their units (README "Asking Keypost", docs/reports.md REPORT_ROLES + auditors). */
const ASKING_ROLES = new Set(["manager", "hr", "compliance", "compliance_head", "executive", "auditor"]);

/** cn-bank preset: 36 months by category default; 12 months for cash, accounting and vault overrides. */
const POLICY_MONTHS: Record<string, number> = {
  "cn-bank.authority": 36,
  "cn-bank.operations": 36,
  "cn-bank.oversight": 36,
  "cn-bank-cash": 12,
  "cn-bank-accounting": 12,
  "cn-bank-vault": 12,
};

function unitTz(unitCode: string): string {
  return register.units.find((u) => u.code === unitCode)?.time_zone || "Asia/Shanghai";
}

function today(unitCode: string): DateTime {
  return DateTime.fromISO(NOW, { setZone: true }).setZone(unitTz(unitCode)).startOf("day");
}

/** The unit and every unit below it. */
export function subtree(unitCode: string): Set<string> {
  const out = new Set<string>([unitCode]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of register.units) {
      if (u.parent_code && out.has(u.parent_code) && !out.has(u.code!)) {
        out.add(u.code!);
        grew = true;
      }
    }
  }
  return out;
}

/** The units an employee may ask about: the subtrees of their asking roles' grants. */
export function scopeOf(employeeCode: string): Set<string> {
  const e = register.employees.find((x) => x.code === employeeCode);
  if (!e) throw new Error(`unknown asker ${employeeCode}`);
  const out = new Set<string>();
  for (const grant of (e.roles ?? "").split(";").filter(Boolean)) {
    const [role, unit] = grant.split("@");
    if (role && unit && ASKING_ROLES.has(role)) for (const u of subtree(unit)) out.add(u);
  }
  return out;
}

export interface Holding {
  employee: string;
  post: string;
  unit: string;
  start: DateTime;
  deadline: DateTime;
}

/** Open holder assignments of active key posts, started by today, with their tenure deadline. */
let cached: Holding[] | undefined;
export function holdings(): Holding[] {
  if (cached) return cached;
  const out: Holding[] = [];
  for (const a of register.assignments) {
    if (a.kind !== "holder" || a.end_date) continue;
    const p = register.posts.find((x) => x.code === a.post_code);
    if (!p || p.active !== "true") continue;
    const unit = p.unit_code!;
    const start = DateTime.fromISO(a.start_date!, { zone: unitTz(unit) }).startOf("day");
    if (start > today(unit)) continue;
    const policy = p.policy_code || `cn-bank.${p.category}`;
    const months = POLICY_MONTHS[policy];
    if (months === undefined) throw new Error(`no policy for ${p.code}`);
    // luxon's plus({ months }) clamps to the month's end, as docs/policies.md asks.
    out.push({ employee: a.employee_code!, post: p.code!, unit, start, deadline: start.plus({ months }) });
  }
  cached = out;
  return out;
}

function daysLeft(h: Holding): number {
  return Math.round(h.deadline.diff(today(h.unit), "days").days);
}
export const isOverdue = (h: Holding): boolean => daysLeft(h) < 0;
export const isDueWithin = (h: Holding, days: number): boolean => daysLeft(h) >= 0 && daysLeft(h) <= days;

function homeUnit(employeeCode: string): string {
  const e = register.employees.find((x) => x.code === employeeCode);
  if (!e) throw new Error(`unknown employee ${employeeCode}`);
  return e.unit_code!;
}

const lines = (): string[] => readFileSync(join(here, "questions.jsonl"), "utf8").split("\n");

export function loadItems(): EvalItem[] {
  return lines()
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvalItem);
}

const REFUSED: Expectation = { kind: "refused" };
const people = (codes: string[]): Expectation => ({ kind: "people", codes: [...new Set(codes)].sort() });

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m.intent === "nonsense") return { kind: "not-understood" };
  const scope = scopeOf(item.asker);
  if (scope.size === 0) return REFUSED; // a holder or an admin asking about the bank
  const inScope = (unit: string): boolean => scope.has(unit);
  const unitsOf = (unit: string | undefined): Set<string> | null => {
    if (unit === undefined) return scope;
    if (!register.units.some((u) => u.code === unit)) throw new Error(`unknown unit ${unit}`);
    return inScope(unit) ? subtree(unit) : null;
  };
  const hs = holdings();

  switch (m.intent) {
    case "overdue":
    case "due":
    case "holders":
    case "unitStatus": {
      const units = unitsOf(m.unit);
      if (!units) return REFUSED;
      const mine = hs.filter((h) => units.has(h.unit));
      let picked: Holding[];
      if (m.intent === "overdue") picked = mine.filter(isOverdue);
      else if (m.intent === "due") picked = mine.filter((h) => isDueWithin(h, m.days));
      else if (m.intent === "holders") picked = mine;
      else picked = mine.filter((h) => isOverdue(h) || isDueWithin(h, 90));
      if ("count" in m && m.count) return { kind: "count", value: picked.length };
      return people(picked.map((h) => h.employee));
    }
    case "onLeave": {
      const units = unitsOf(m.unit);
      if (!units) return REFUSED;
      // The register holds no leaves at NOW: nobody is on leave, whatever the period.
      return m.count ? { kind: "count", value: 0 } : people([]);
    }
    case "keyPosts": {
      const units = unitsOf(m.unit);
      if (!units) return REFUSED;
      return {
        kind: "count",
        value: register.posts.filter((p) => p.active === "true" && units.has(p.unit_code!)).length,
      };
    }
    case "holder": {
      const p = register.posts.find((x) => x.code === m.post);
      if (!p) throw new Error(`unknown post ${m.post}`);
      if (!inScope(p.unit_code!)) return REFUSED;
      return people(hs.filter((h) => h.post === p.code).map((h) => h.employee));
    }
    case "client": {
      const matches = register.clients.filter((c) => (m.client ? c.code === m.client : c.name === m.clientName));
      if (matches.length === 0) throw new Error(`unknown client ${m.client ?? m.clientName}`);
      const visible = matches.filter((c) => inScope(c.unit_code!));
      if (visible.length === 0) return REFUSED;
      return people(visible.map((c) => c.manager_code!));
    }
    case "clientCount": {
      if (!inScope(homeUnit(m.person))) return REFUSED;
      return { kind: "count", value: register.clients.filter((c) => c.manager_code === m.person).length };
    }
    case "personDue": {
      if (!inScope(homeUnit(m.person))) return REFUSED;
      const mine = hs
        .filter((h) => h.employee === m.person)
        .sort((a, b) => a.deadline.toMillis() - b.deadline.toMillis());
      const first = mine[0];
      if (!first) throw new Error(`${m.person} holds no key post`);
      return { kind: "date", value: first.deadline.toISODate()! };
    }
    default: {
      const never: never = m;
      throw new Error(`unknown meaning ${JSON.stringify(never)}`);
    }
  }
}
