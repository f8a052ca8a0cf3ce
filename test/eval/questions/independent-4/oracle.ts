// Independent oracle for the fourth held-out question set (session 8). It reads only the demo
// bank's register CSVs and applies the rules as README.md, docs/policies.md and docs/reports.md
// state them; it shares no code with the product.
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

type Row = Record<string, string>;
function readCsv(name: string): Row[] {
  return parse(readFileSync(join(BANK, name), "utf8"), { columns: true, skip_empty_lines: true }) as Row[];
}

export const units = readCsv("units.csv");
export const employees = readCsv("employees.csv");
export const posts = readCsv("posts.csv");
export const assignments = readCsv("assignments.csv");
export const clients = readCsv("clients.csv");

const parentOf = new Map(units.map((u) => [u.code!, u.parent_code || null]));
const zoneOf = new Map(units.map((u) => [u.code!, u.time_zone || "Asia/Shanghai"]));

/** true when `unit` is `top` or below it */
export function isUnder(unit: string, top: string): boolean {
  let u: string | null | undefined = unit;
  while (u) {
    if (u === top) return true;
    u = parentOf.get(u) ?? null;
  }
  return false;
}

const REPORT_ROLES = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);

/** the units of the asker's reporting-role grants (role@UNIT;…) */
export function reportingScope(asker: string): string[] {
  const e = employees.find((x) => x.code === asker);
  if (!e) return [];
  const out: string[] = [];
  for (const grant of (e.roles ?? "").split(";")) {
    const [role, unit] = grant.split("@");
    if (role && unit && REPORT_ROLES.has(role.trim()) && !out.includes(unit.trim())) out.push(unit.trim());
  }
  return out;
}
const inScope = (scope: string[], unit: string) => scope.some((s) => isUnder(unit, s));

/** the local date in a unit at NOW */
function today(unit: string): DateTime {
  return DateTime.fromISO(NOW, { setZone: true })
    .setZone(zoneOf.get(unit) ?? "Asia/Shanghai")
    .startOf("day");
}
const day = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" }).startOf("day");
const fmt = (d: DateTime) => d.toISODate()!;
const localToday = (unit: string) => day(today(unit).toISODate()!);

/** cn-bank: posts pointing at cn-bank-cash / -accounting / -vault rotate in 12 months, else the category default, 36 */
function maxTenureMonths(post: Row): number {
  const p = post.policy_code ?? "";
  if (p === "cn-bank-cash" || p === "cn-bank-accounting" || p === "cn-bank-vault") return 12;
  return 36;
}
const LEAVE_EVERY_MONTHS = 12;

interface Holding {
  employee: string;
  post: Row;
  unit: string;
  start: DateTime;
  deadline: DateTime;
  leaveDue: DateTime;
}
/** open holder assignments of active posts, started by today (luxon's plus({months}) clamps month ends) */
export function holdings(): Holding[] {
  const out: Holding[] = [];
  for (const a of assignments) {
    if (a.kind !== "holder" || (a.end_date ?? "") !== "") continue;
    const post = posts.find((p) => p.code === a.post_code);
    if (!post || post.active !== "true") continue;
    const start = day(a.start_date!);
    if (start > localToday(post.unit_code!)) continue;
    out.push({
      employee: a.employee_code!,
      post,
      unit: post.unit_code!,
      start,
      deadline: start.plus({ months: maxTenureMonths(post) }),
      // no leaves in the register: the leave clock is the assignment's start
      leaveDue: start.plus({ months: LEAVE_EVERY_MONTHS }),
    });
  }
  return out;
}
const isOverdue = (h: Holding) => localToday(h.unit) > h.deadline;
const isDueWithin = (h: Holding, n: number) => !isOverdue(h) && h.deadline <= localToday(h.unit).plus({ days: n });
const isLeaveOverdue = (h: Holding) => localToday(h.unit) > h.leaveDue;

interface Meaning {
  type: string;
  unit?: string | null;
  days?: number;
  post?: string;
  person?: string;
  code?: string;
  name?: string;
  name_en?: string;
}

export function loadItems(): EvalItem[] {
  return readFileSync(join(HERE, "questions.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvalItem);
}

const uniq = (xs: string[]) => [...new Set(xs)].sort();

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m.type === "garbage") return { kind: "not-understood" };
  const scope = reportingScope(item.asker);
  if (scope.length === 0) return { kind: "refused" };

  // the units the question is about: the one named (must be within scope), else the asker's own
  let targets = scope;
  if (m.unit) {
    if (!inScope(scope, m.unit)) return { kind: "refused" };
    targets = [m.unit];
  }
  const inTargets = (unit: string) => targets.some((t) => isUnder(unit, t));
  const hs = holdings().filter((h) => inTargets(h.unit));

  switch (m.type) {
    case "overdue":
      return { kind: "people", codes: uniq(hs.filter(isOverdue).map((h) => h.employee)) };
    case "due":
      return { kind: "people", codes: uniq(hs.filter((h) => isDueWithin(h, m.days!)).map((h) => h.employee)) };
    case "count_overdue":
      return { kind: "count", value: hs.filter(isOverdue).length };
    case "count_due":
      return { kind: "count", value: hs.filter((h) => isDueWithin(h, m.days!)).length };
    case "leave_overdue":
      return { kind: "people", codes: uniq(hs.filter(isLeaveOverdue).map((h) => h.employee)) };
    case "on_leave":
      return { kind: "people", codes: [] }; // no leaves in the register at NOW
    case "holders":
      return { kind: "people", codes: uniq(hs.map((h) => h.employee)) };
    case "count_holders":
      return { kind: "count", value: hs.length };
    case "count_posts":
      return { kind: "count", value: posts.filter((p) => p.active === "true" && inTargets(p.unit_code!)).length };
    case "count_clients":
      return { kind: "count", value: clients.filter((c) => inTargets(c.unit_code!)).length };
    case "count_staff":
      return { kind: "count", value: employees.filter((e) => e.status === "active" && inTargets(e.unit_code!)).length };
    case "holder":
    case "post_deadline": {
      const post = posts.find((p) => p.code === m.post);
      if (!post) throw new Error(`${item.id}: unknown post ${m.post}`);
      if (!inScope(scope, post.unit_code!)) return { kind: "refused" };
      const held = holdings().filter((h) => h.post.code === post.code);
      if (m.type === "holder") return { kind: "people", codes: uniq(held.map((h) => h.employee)) };
      if (held.length !== 1) throw new Error(`${item.id}: post ${post.code} has ${held.length} holders`);
      return { kind: "date", value: fmt(held[0]!.deadline) };
    }
    case "client_manager": {
      const named = clients.filter((c) =>
        m.code ? c.code === m.code : m.name_en ? c.name_en === m.name_en : c.name === m.name,
      );
      if (named.length === 0) throw new Error(`${item.id}: unknown client`);
      const visible = named.filter((c) => inScope(scope, c.unit_code!));
      if (visible.length === 0) return { kind: "refused" };
      return { kind: "people", codes: uniq(visible.map((c) => c.manager_code!)) };
    }
    case "person_deadline":
    case "person_leave_due":
    case "person_start": {
      const e = employees.find((x) => x.code === m.person);
      if (!e) throw new Error(`${item.id}: unknown person ${m.person}`);
      const held = holdings().filter((h) => h.employee === e.code);
      const reach = inScope(scope, e.unit_code!) || held.some((h) => inScope(scope, h.unit));
      if (!reach) return { kind: "refused" };
      if (held.length !== 1) throw new Error(`${item.id}: ${e.code} holds ${held.length} posts`);
      const h = held[0]!;
      const d = m.type === "person_deadline" ? h.deadline : m.type === "person_leave_due" ? h.leaveDue : h.start;
      return { kind: "date", value: fmt(d) };
    }
    default:
      throw new Error(`${item.id}: unknown meaning type ${m.type}`);
  }
}
