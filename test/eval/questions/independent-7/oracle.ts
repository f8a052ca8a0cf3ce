// Independent oracle for set 7: reads the demo bank's register CSVs and computes each item's
// expected answer from its `meaning`, from the README and docs only.
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

const here = dirname(fileURLToPath(import.meta.url));
const bankDir = join(here, "..", "..", "..", "..", "samples", "demo-bank");

type Row = Record<string, string>;
function csv(name: string): Row[] {
  return parse(readFileSync(join(bankDir, name), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    comment: "#",
  }) as Row[];
}

export const units = csv("units.csv");
export const employees = csv("employees.csv");
export const posts = csv("posts.csv");
export const assignments = csv("assignments.csv");
export const clients = csv("clients.csv");

const REPORT_ROLES = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);
const TWELVE = new Set(["cn-bank-cash", "cn-bank-accounting", "cn-bank-vault"]);
const TODAY = DateTime.fromISO(NOW, { setZone: true }).setZone("Asia/Shanghai").startOf("day");

function parentOf(code: string): string | undefined {
  const u = units.find((x) => x.code === code);
  return u && u.parent_code ? u.parent_code : undefined;
}
/** true when `unit` is `root` or below it */
export function within(unit: string, root: string): boolean {
  let cur: string | undefined = unit;
  while (cur) {
    if (cur === root) return true;
    cur = parentOf(cur);
  }
  return false;
}
function reportingScopes(asker: string): string[] {
  const e = employees.find((x) => x.code === asker);
  if (!e || !e.roles) return [];
  return e.roles
    .split(";")
    .map((g) => g.split("@"))
    .filter(([role, unit]) => role && unit && REPORT_ROLES.has(role))
    .map(([, unit]) => unit as string);
}
function inScope(asker: string, unit: string): boolean {
  return reportingScopes(asker).some((root) => within(unit, root));
}

interface Holding {
  person: string;
  post: string;
  unit: string;
  start: DateTime;
  deadline: DateTime;
  leaveDue: DateTime;
}
function maxTenure(post: Row): number {
  const policy = post.policy_code ?? "";
  return TWELVE.has(policy) ? 12 : 36; // cn-bank: category defaults 36 months; overrides 12
}
export function holdings(): Holding[] {
  const out: Holding[] = [];
  for (const a of assignments) {
    if (a.kind !== "holder" || (a.end_date ?? "") !== "") continue;
    const post = posts.find((p) => p.code === a.post_code);
    if (!post || post.active !== "true") continue;
    const start = DateTime.fromISO(a.start_date as string, { zone: "Asia/Shanghai" });
    if (start > TODAY) continue;
    out.push({
      person: a.employee_code as string,
      post: post.code as string,
      unit: post.unit_code as string,
      start,
      deadline: start.plus({ months: maxTenure(post) }),
      leaveDue: start.plus({ months: 12 }), // no leave history: counted from the assignment start
    });
  }
  return out;
}

export interface Meaning {
  type:
    | "overdue" // holders past their tenure limit
    | "due" // holders whose limit falls in the next `days` days, not overdue
    | "leaveOverdue" // holders whose mandatory leave is overdue
    | "onLeave" // who is on leave now
    | "holders" // who holds key posts in a unit
    | "holder" // who holds one post
    | "clientManager" // who serves a client
    | "rotationDate" // a person's tenure deadline
    | "leaveDue" // a person's next mandatory leave due date
    | "since" // a person's assignment start
    | "countClients"
    | "countPosts"
    | "countHolders"
    | "countOverdue"
    | "countDue"
    | "gibberish";
  unit?: string; // unit code
  post?: string; // post code
  person?: string; // employee code
  client?: string; // client code
  days?: number;
}

const ymd = (d: DateTime): string => d.toFormat("yyyy-MM-dd");

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m.type === "gibberish") return { kind: "not-understood" };
  if (reportingScopes(item.asker).length === 0) return { kind: "refused" };

  const all = holdings();
  // the unit the question is about: named unit, the post's, the person's post's, the client's
  let target: string | undefined = m.unit;
  let personHolding: Holding | undefined;
  if (m.post) target = posts.find((p) => p.code === m.post)?.unit_code;
  if (m.person) {
    personHolding = all.find((h) => h.person === m.person);
    if (!personHolding) throw new Error(`${item.id}: ${m.person} holds no post`);
    target = personHolding.unit;
  }
  if (m.client) target = clients.find((c) => c.code === m.client)?.unit_code;
  if (target !== undefined && !inScope(item.asker, target)) return { kind: "refused" };
  if ((m.post || m.client || m.unit) && target === undefined) throw new Error(`${item.id}: unknown target`);

  const visible = all.filter((h) => inScope(item.asker, h.unit) && (m.unit === undefined || within(h.unit, m.unit)));
  const overdue = visible.filter((h) => TODAY > h.deadline);
  const due = (days: number) => visible.filter((h) => !(TODAY > h.deadline) && h.deadline <= TODAY.plus({ days }));
  const codes = (hs: Holding[]) => [...new Set(hs.map((h) => h.person))].sort();
  const unitFilter = (u: string) => m.unit === undefined || within(u, m.unit);
  const scopeRoots = reportingScopes(item.asker);
  const inAskerScope = (u: string) => scopeRoots.some((r) => within(u, r));

  switch (m.type) {
    case "overdue":
      return { kind: "people", codes: codes(overdue) };
    case "due":
      return { kind: "people", codes: codes(due(m.days ?? 30)) };
    case "leaveOverdue":
      return { kind: "people", codes: codes(visible.filter((h) => TODAY > h.leaveDue)) };
    case "onLeave":
      return { kind: "people", codes: [] }; // no leaves in the register at NOW
    case "holders":
      return { kind: "people", codes: codes(visible) };
    case "holder":
      return { kind: "people", codes: codes(all.filter((h) => h.post === m.post)) };
    case "clientManager": {
      const c = clients.find((x) => x.code === m.client);
      return { kind: "people", codes: c ? [c.manager_code as string] : [] };
    }
    case "rotationDate":
      return { kind: "date", value: ymd(personHolding!.deadline) };
    case "leaveDue":
      return { kind: "date", value: ymd(personHolding!.leaveDue) };
    case "since":
      return { kind: "date", value: ymd(personHolding!.start) };
    case "countClients":
      return {
        kind: "count",
        value: clients.filter((c) => inAskerScope(c.unit_code as string) && unitFilter(c.unit_code as string)).length,
      };
    case "countPosts":
      return {
        kind: "count",
        value: posts.filter(
          (p) => p.active === "true" && inAskerScope(p.unit_code as string) && unitFilter(p.unit_code as string),
        ).length,
      };
    case "countHolders":
      return { kind: "count", value: visible.length };
    case "countOverdue":
      return { kind: "count", value: overdue.length };
    case "countDue":
      return { kind: "count", value: due(m.days ?? 30).length };
  }
  throw new Error(`${item.id}: unknown meaning ${JSON.stringify(m)}`);
}

export function loadItems(): EvalItem[] {
  return readFileSync(join(here, "questions.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvalItem);
}
