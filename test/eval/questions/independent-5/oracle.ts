// Independent oracle for question set 5. Written only from the README, docs/policies.md,
// docs/reports.md, DOMAIN.md and the demo-bank register files — never from the implementation.
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

/** My own reading of a question. */
export interface Meaning {
  /** what is asked (see README.md of this set) */
  t:
    | "overdue"
    | "due"
    | "count_overdue"
    | "count_due"
    | "on_leave"
    | "count_on_leave"
    | "holder"
    | "holders"
    | "count_holders"
    | "client_mgr"
    | "count_clients"
    | "count_posts"
    | "count_staff"
    | "person_date"
    | "leave_overdue"
    | "count_leave_overdue"
    | "leave_due"
    | "unit_status"
    | "nonsense";
  /** a unit named in the question (else: the asker's scope) */
  unit?: string;
  /** a key post named (code) */
  post?: string;
  /** a role among posts: TELLER, ACCT, VAULT, CREDIT, RM, HEAD, RISK */
  role?: string;
  /** an employee named (code) */
  person?: string;
  /** a client named by code */
  client?: string;
  /** a client named by its (Chinese or English) name */
  clientName?: string;
  /** horizon in days for "due" questions */
  days?: number;
  /** for person_date: which date */
  field?: "tenure_deadline" | "leave_due" | "start";
}

type Row = Record<string, string>;
const HERE = dirname(fileURLToPath(import.meta.url));
const BANK = join(HERE, "..", "..", "..", "..", "samples", "demo-bank");

function csv(name: string): Row[] {
  return parse(readFileSync(join(BANK, name), "utf8"), { columns: true, skip_empty_lines: true }) as Row[];
}

const units = csv("units.csv");
export const employees = csv("employees.csv");
const posts = csv("posts.csv");
const assignments = csv("assignments.csv");
const clients = csv("clients.csv");

const REPORT_ROLES = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);
/** cn-bank: 36 months by category default; the three 12-month overrides. */
const OVERRIDE_TENURE: Record<string, number> = {
  "cn-bank-cash": 12,
  "cn-bank-accounting": 12,
  "cn-bank-vault": 12,
};
const CATEGORY_TENURE = 36;
const LEAVE_EVERY_MONTHS = 12;

const paths = new Map<string, string>();
function unitPath(code: string): string {
  const known = paths.get(code);
  if (known) return known;
  const u = units.find((x) => x.code === code);
  if (!u) throw new Error(`unknown unit ${code}`);
  const p = (u.parent_code ? unitPath(u.parent_code) : "/") + code + "/";
  paths.set(code, p);
  return p;
}

const today = DateTime.fromISO(NOW, { setZone: true }).setZone("Asia/Shanghai").startOf("day");

function d(s: string): DateTime {
  return DateTime.fromISO(s, { zone: "Asia/Shanghai" }).startOf("day");
}
/** luxon's plus({months}) clamps to the month's end, as docs/policies.md asks. */
function addMonths(s: string, m: number): DateTime {
  return d(s).plus({ months: m });
}
function ymd(x: DateTime): string {
  return x.toFormat("yyyy-MM-dd");
}

interface Holding {
  person: string;
  post: string;
  unit: string;
  start: string;
  deadline: DateTime;
  leaveDue: DateTime;
}

function tenureMonths(post: Row): number {
  const o = post.policy_code ? OVERRIDE_TENURE[post.policy_code] : undefined;
  return o ?? CATEGORY_TENURE;
}

export const holdings: Holding[] = assignments
  .filter((a) => a.kind === "holder" && !a.end_date && d(a.start_date ?? "") <= today)
  .map((a) => {
    const post = posts.find((p) => p.code === a.post_code && p.active === "true");
    if (!post) return undefined;
    return {
      person: a.employee_code ?? "",
      post: post.code ?? "",
      unit: post.unit_code ?? "",
      start: a.start_date ?? "",
      deadline: addMonths(a.start_date ?? "", tenureMonths(post)),
      // no leaves in the register yet: the leave clock is the assignment's start
      leaveDue: addMonths(a.start_date ?? "", LEAVE_EVERY_MONTHS),
    };
  })
  .filter((h): h is Holding => h !== undefined);

function scopeOf(asker: string): string[] {
  const e = employees.find((x) => x.code === asker);
  if (!e) throw new Error(`unknown asker ${asker}`);
  return (e.roles ?? "")
    .split(";")
    .filter(Boolean)
    .map((g) => g.split("@"))
    .filter(([role]) => REPORT_ROLES.has(role ?? ""))
    .map(([, unit]) => unitPath(unit ?? ""));
}

const within = (scope: string[], unit: string) => scope.some((p) => unitPath(unit).startsWith(p));

function daysUntil(x: DateTime): number {
  return Math.round(x.diff(today, "days").days);
}

const sorted = (xs: string[]) => [...new Set(xs)].sort();

export function loadItems(): EvalItem[] {
  return readFileSync(join(HERE, "questions.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalItem);
}

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m.t === "nonsense") return { kind: "not-understood" };
  const scope = scopeOf(item.asker);
  if (scope.length === 0) return { kind: "refused" };

  // the subject named in the question must lie in the asker's scope
  if (m.unit && !within(scope, m.unit)) return { kind: "refused" };
  const post = m.post ? posts.find((p) => p.code === m.post) : undefined;
  if (m.post && !post) throw new Error(`${item.id}: unknown post ${m.post}`);
  if (post && !within(scope, post.unit_code ?? "")) return { kind: "refused" };
  if (m.person) {
    const e = employees.find((x) => x.code === m.person);
    if (!e) throw new Error(`${item.id}: unknown person ${m.person}`);
    const reach =
      within(scope, e.unit_code ?? "") || holdings.some((h) => h.person === m.person && within(scope, h.unit));
    if (!reach) return { kind: "refused" };
  }
  let clientRows: Row[] = [];
  if (m.client || m.clientName) {
    // a client named by code, or by (part of) its Chinese or English name, any case
    const n = (m.clientName ?? "").toLowerCase();
    const all = clients.filter((c) =>
      m.client
        ? c.code === m.client
        : (c.name ?? "").includes(m.clientName ?? "") || (n !== "" && (c.name_en ?? "").toLowerCase().includes(n)),
    );
    if (all.length === 0) throw new Error(`${item.id}: unknown client`);
    clientRows = all.filter((c) => within(scope, c.unit_code ?? ""));
    if (clientRows.length === 0) return { kind: "refused" };
  }

  // the holdings the question is about
  let hs = holdings.filter((h) => within(scope, h.unit));
  if (m.unit) hs = hs.filter((h) => within([unitPath(m.unit ?? "")], h.unit));
  if (m.post) hs = hs.filter((h) => h.post === m.post);
  if (m.role) hs = hs.filter((h) => h.post.endsWith("-" + m.role));
  if (m.person) hs = hs.filter((h) => h.person === m.person);

  const overdue = hs.filter((h) => today > h.deadline);
  const due = hs.filter((h) => today <= h.deadline && daysUntil(h.deadline) <= (m.days ?? 30));
  const leaveOverdue = hs.filter((h) => today > h.leaveDue);
  const leaveDue = hs.filter((h) => today <= h.leaveDue && daysUntil(h.leaveDue) <= (m.days ?? 30));
  const inUnits = (unitCode: string | undefined) =>
    m.unit ? within([unitPath(m.unit)], unitCode ?? "") : within(scope, unitCode ?? "");

  switch (m.t) {
    case "overdue":
      return { kind: "people", codes: sorted(overdue.map((h) => h.person)) };
    case "count_overdue":
      return { kind: "count", value: overdue.length };
    case "due":
      return { kind: "people", codes: sorted(due.map((h) => h.person)) };
    case "count_due":
      return { kind: "count", value: due.length };
    case "leave_overdue":
      return { kind: "people", codes: sorted(leaveOverdue.map((h) => h.person)) };
    case "count_leave_overdue":
      return { kind: "count", value: leaveOverdue.length };
    case "leave_due":
      return { kind: "people", codes: sorted(leaveDue.map((h) => h.person)) };
    case "on_leave":
      return { kind: "people", codes: [] }; // no leave in the register at NOW
    case "count_on_leave":
      return { kind: "count", value: 0 };
    case "holder":
    case "holders":
    case "unit_status":
      return { kind: "people", codes: sorted(hs.map((h) => h.person)) };
    case "count_holders":
      return { kind: "count", value: hs.length };
    case "client_mgr":
      return { kind: "people", codes: sorted(clientRows.map((c) => c.manager_code ?? "")) };
    case "count_clients":
      if (m.person) return { kind: "count", value: clients.filter((c) => c.manager_code === m.person).length };
      return { kind: "count", value: clients.filter((c) => inUnits(c.unit_code)).length };
    case "count_posts":
      return {
        kind: "count",
        value: posts.filter(
          (p) => p.active === "true" && inUnits(p.unit_code) && (!m.role || (p.code ?? "").endsWith("-" + m.role)),
        ).length,
      };
    case "count_staff":
      return { kind: "count", value: employees.filter((e) => e.status === "active" && inUnits(e.unit_code)).length };
    case "person_date": {
      const h = hs[0];
      if (!h || hs.length !== 1) throw new Error(`${item.id}: person_date needs exactly one holding`);
      const v = m.field === "start" ? d(h.start) : m.field === "leave_due" ? h.leaveDue : h.deadline;
      return { kind: "date", value: ymd(v) };
    }
  }
  throw new Error(`${item.id}: unknown meaning ${JSON.stringify(m)}`);
}
