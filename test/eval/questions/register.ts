// The demo bank's register as plain facts for the evaluation's oracles, read straight from
// samples/demo-bank/*.csv with csv-parse: who holds what since when, each post's tenure limit
// (the cn-bank preset: cash, accounting and vault posts 12 months, every other post 36), who may
// see which units (the reporting roles' subtrees). Independent of the parser and the answers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

const DIR = join(import.meta.dirname, "..", "..", "..", "samples", "demo-bank");
export function csv(kind: string): Record<string, string>[] {
  return parse(readFileSync(join(DIR, `${kind}.csv`), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record<string, string>[];
}

export const units = csv("units");
export const employees = csv("employees");
export const posts = csv("posts");
export const clients = csv("clients");
export const holdings = csv("assignments").filter((a) => a.kind === "holder" && !a.end_date);

const REPORTING = new Set(["hr", "compliance", "compliance_head", "manager", "executive"]);
const TENURE: Record<string, number> = { "cn-bank-cash": 12, "cn-bank-accounting": 12, "cn-bank-vault": 12, "": 36 };

/** Unit codes in the subtree of `code`. */
export function subtree(code: string): Set<string> {
  const out = new Set([code]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units)
      if (u.parent_code && out.has(u.parent_code) && !out.has(u.code!)) {
        out.add(u.code!);
        grew = true;
      }
  }
  return out;
}

/** The units an employee may ask about (their reporting roles' subtrees); empty = none. */
export function scopeOf(employeeCode: string): Set<string> {
  const e = employees.find((x) => x.code === employeeCode)!;
  const out = new Set<string>();
  for (const grant of (e.roles ?? "").split(";").filter(Boolean)) {
    const [role, unit] = grant.split("@") as [string, string];
    if (REPORTING.has(role)) for (const u of subtree(unit)) out.add(u);
  }
  return out;
}

export const person = (code: string) => employees.find((e) => e.code === code)!;
export const post = (code: string) => posts.find((p) => p.code === code)!;
export const unit = (code: string) => units.find((u) => u.code === code)!;
export const client = (code: string) => clients.find((c) => c.code === code)!;

/** start + months, the day clamped to the month's end. */
export function addMonths(start: string, months: number): string {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export interface Holding {
  readonly employee: string;
  readonly post: string;
  readonly unit: string;
  readonly since: string;
  readonly deadline: string;
}

export const holders: readonly Holding[] = holdings.map((h) => {
  const p = post(h.post_code!);
  return {
    employee: h.employee_code!,
    post: p.code!,
    unit: p.unit_code!,
    since: h.start_date!,
    deadline: addMonths(h.start_date!, TENURE[p.policy_code ?? ""] ?? 36),
  };
});

export function plusDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
