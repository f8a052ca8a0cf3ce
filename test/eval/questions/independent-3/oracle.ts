// Independent oracle for the third independent question set (session 7).
// Written only from the README, docs/policies.md, docs/reports.md, DOMAIN.md and the register CSVs.
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
export type Meaning =
  | {
      t: "list" | "count";
      /** overdue: past the tenure limit; due: limit within `days` days, not overdue;
       * leave_overdue / leave_due: the mandatory-leave clock; on_leave: on leave now;
       * holders: every holding; attention: overdue or within the 90-day warning;
       * clients / posts / staff: counts of those in the units. */
      what:
        | "overdue"
        | "due"
        | "leave_overdue"
        | "leave_due"
        | "on_leave"
        | "holders"
        | "attention"
        | "clients"
        | "posts"
        | "staff";
      days?: number;
      unit?: string;
      role?: string;
      cat?: string;
    }
  | { t: "holder"; post: string }
  | { t: "client"; client: string }
  | { t: "pdate"; person: string; field: "deadline" | "start" | "leave_due" }
  | { t: "person"; person: string }
  | { t: "nonsense" };

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..", "..", "..");
const BANK = join(ROOT, "samples", "demo-bank");

type Row = Record<string, string>;
function csv(name: string): Row[] {
  return parse(readFileSync(join(BANK, name), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    comment: "#",
    trim: true,
  }) as Row[];
}

export const units = csv("units.csv");
export const employees = csv("employees.csv");
export const posts = csv("posts.csv");
export const assignments = csv("assignments.csv");
export const clients = csv("clients.csv");

const REPORT_ROLES = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);

/** cn-bank preset (docs/policies.md): category defaults 36 months, overrides 12. */
const POLICIES: Record<string, { maxTenureMonths: number; leaveEveryMonths: number }> = {
  "cn-bank.authority": { maxTenureMonths: 36, leaveEveryMonths: 12 },
  "cn-bank.operations": { maxTenureMonths: 36, leaveEveryMonths: 12 },
  "cn-bank.oversight": { maxTenureMonths: 36, leaveEveryMonths: 12 },
  "cn-bank-cash": { maxTenureMonths: 12, leaveEveryMonths: 12 },
  "cn-bank-accounting": { maxTenureMonths: 12, leaveEveryMonths: 12 },
  "cn-bank-vault": { maxTenureMonths: 12, leaveEveryMonths: 12 },
};

function policyOf(post: Row) {
  const code = post.policy_code ? post.policy_code : `cn-bank.${post.category}`;
  const p = POLICIES[code];
  if (!p) throw new Error(`no policy ${code} for ${post.code}`);
  return p;
}

const TODAY = DateTime.fromISO(NOW, { setZone: true }).setZone("Asia/Shanghai").startOf("day");

function d(s: string): DateTime {
  return DateTime.fromISO(s, { zone: "Asia/Shanghai" }).startOf("day");
}
function ymd(x: DateTime): string {
  return x.toFormat("yyyy-MM-dd");
}

function unitOf(code: string): Row {
  const u = units.find((x) => x.code === code);
  if (!u) throw new Error(`unknown unit ${code}`);
  return u;
}

/** The unit and its ancestors. */
function ancestry(code: string): string[] {
  const out: string[] = [];
  let cur: string | undefined = code;
  while (cur) {
    out.push(cur);
    cur = unitOf(cur).parent_code || undefined;
  }
  return out;
}

/** Is `code` inside the subtree of `root`? */
function within(code: string, root: string): boolean {
  return ancestry(code).includes(root);
}

function employee(code: string): Row {
  const e = employees.find((x) => x.code === code);
  if (!e) throw new Error(`unknown employee ${code}`);
  return e;
}

/** The roots of the asker's reporting-role grants. */
export function scopeRoots(asker: string): string[] {
  const e = employee(asker);
  const roots: string[] = [];
  for (const grant of (e.roles ?? "").split(";")) {
    const [role, unit] = grant.split("@");
    if (role && unit && REPORT_ROLES.has(role.trim())) roots.push(unit.trim());
  }
  return roots;
}

function inScope(asker: string, unit: string): boolean {
  return scopeRoots(asker).some((r) => within(unit, r));
}

interface Holding {
  employee: string;
  post: Row;
  start: DateTime;
  deadline: DateTime;
  leaveDue: DateTime;
}

export function holdings(): Holding[] {
  const out: Holding[] = [];
  for (const a of assignments) {
    if (a.kind !== "holder" || a.end_date) continue;
    const post = posts.find((p) => p.code === a.post_code);
    if (!post || post.active !== "true") continue;
    const start = d(a.start_date!);
    if (start > TODAY) continue;
    const pol = policyOf(post);
    out.push({
      employee: a.employee_code!,
      post,
      start,
      deadline: start.plus({ months: pol.maxTenureMonths }),
      // No mandatory leave in the register yet: the leave clock is the assignment start.
      leaveDue: start.plus({ months: pol.leaveEveryMonths }),
    });
  }
  return out;
}

function inUnits(unit: string, asker: string, named?: string): boolean {
  if (named) return within(unit, named);
  return inScope(asker, unit);
}

function selectHoldings(m: Extract<Meaning, { t: "list" | "count" }>, asker: string): Holding[] {
  const days = m.days ?? 30;
  const horizon = TODAY.plus({ days });
  return holdings().filter((h) => {
    if (!inUnits(h.post.unit_code!, asker, m.unit)) return false;
    if (m.role && !h.post.code!.toUpperCase().endsWith(`-${m.role.toUpperCase()}`)) return false;
    if (m.cat && h.post.category !== m.cat) return false;
    switch (m.what) {
      case "overdue":
        return TODAY > h.deadline;
      case "due":
        return TODAY <= h.deadline && h.deadline <= horizon;
      case "attention":
        return h.deadline <= TODAY.plus({ days: 90 });
      case "leave_overdue":
        return TODAY > h.leaveDue;
      case "leave_due":
        return TODAY <= h.leaveDue && h.leaveDue <= horizon;
      case "on_leave":
        return false; // no leaves in the register at NOW
      case "holders":
        return true;
      default:
        throw new Error(`not a holding question: ${m.what}`);
    }
  });
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m.t === "nonsense") return { kind: "not-understood" };
  if (scopeRoots(item.asker).length === 0) return { kind: "refused" };
  switch (m.t) {
    case "list":
    case "count": {
      if (m.unit && !inScope(item.asker, m.unit)) return { kind: "refused" };
      if (m.what === "clients" || m.what === "posts" || m.what === "staff") {
        if (m.t !== "count") throw new Error(`${item.id}: only counted`);
        const rows =
          m.what === "clients"
            ? clients
            : m.what === "posts"
              ? posts.filter((p) => p.active === "true")
              : employees.filter((e) => e.status === "active");
        const n = rows.filter((r) => {
          if (!inUnits(r.unit_code!, item.asker, m.unit)) return false;
          if (m.what === "posts" && m.cat && r.category !== m.cat) return false;
          if (m.what === "posts" && m.role && !r.code!.endsWith(`-${m.role}`)) return false;
          return true;
        }).length;
        return { kind: "count", value: n };
      }
      const hs = selectHoldings(m, item.asker);
      if (m.t === "count") return { kind: "count", value: hs.length };
      return { kind: "people", codes: uniq(hs.map((h) => h.employee)) };
    }
    case "holder": {
      const post = posts.find((p) => p.code === m.post);
      if (!post) throw new Error(`${item.id}: unknown post ${m.post}`);
      if (!inScope(item.asker, post.unit_code!)) return { kind: "refused" };
      return {
        kind: "people",
        codes: uniq(
          holdings()
            .filter((h) => h.post.code === m.post)
            .map((h) => h.employee),
        ),
      };
    }
    case "client": {
      const c = clients.find((x) => x.code === m.client);
      if (!c) throw new Error(`${item.id}: unknown client ${m.client}`);
      const mgr = employee(c.manager_code!);
      if (!inScope(item.asker, c.unit_code!) && !inScope(item.asker, mgr.unit_code!)) {
        return { kind: "refused" };
      }
      return { kind: "people", codes: [mgr.code!] };
    }
    case "pdate":
    case "person": {
      const e = employee(m.person);
      const hs = holdings().filter((h) => h.employee === m.person);
      const visible = inScope(item.asker, e.unit_code!) || hs.some((h) => inScope(item.asker, h.post.unit_code!));
      if (!visible) return { kind: "refused" };
      const h = hs[0];
      if (!h) throw new Error(`${item.id}: ${m.person} holds no key post`);
      if (m.t === "person") return { kind: "date", value: ymd(h.deadline) };
      const v = m.field === "deadline" ? h.deadline : m.field === "start" ? h.start : h.leaveDue;
      return { kind: "date", value: ymd(v) };
    }
  }
}

export function loadItems(): EvalItem[] {
  const text = readFileSync(join(HERE, "questions.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvalItem);
}
