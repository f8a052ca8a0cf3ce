// Day one for a bank, checked from the outside: an empty database, the `keypost` command only
// (README "Set up your bank"), the bank's own files written by scenario.ts, and the figures
// Keypost reports compared with the ones this test computes itself from those files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emptyDatabaseUrl } from "../../support/databases.ts";
import { AT, HORIZON, POSTS, expected, holdings, openHoldingsAnyPolicy, writeBankFiles } from "./scenario.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function keypost(url: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "keypost.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url, KEYPOST_SCHEDULER: "off", LOG_LEVEL: "warn", KEYPOST_LOCALE: "en" },
    timeout: 110_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(url: string, args: string[]): Run {
  const r = keypost(url, args);
  if (r.status !== 0) throw new Error(`keypost ${args.join(" ")} → exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

interface Figure {
  figure: string;
  unit: string;
  category: string;
  numerator: number;
  denominator: number;
  ratio: string;
}

/** The figures table (docs/reports.md): figure, unit_code, category, numerator, denominator, ratio. */
function figures(csvText: string): Figure[] {
  const lines = csvText
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const header = lines[0]!.split(",");
  expect(header).toEqual(["figure", "unit_code", "category", "numerator", "denominator", "ratio"]);
  return lines.slice(1).map((l) => {
    const [figure, unit, category, numerator, denominator, ratio] = l.split(",");
    return {
      figure: figure!,
      unit: unit!,
      category: category!,
      numerator: Number(numerator),
      denominator: Number(denominator),
      ratio: ratio ?? "",
    };
  });
}

function total(fs: Figure[], name: string): Figure {
  const f = fs.find((x) => x.figure === name && x.unit === "" && x.category === "");
  if (!f) throw new Error(`no total for figure ${name}: ${JSON.stringify(fs)}`);
  return f;
}

function exportReport(url: string, report: string, extra: string[] = []): { csv: Run; json: Run } {
  const base = ["export", report, "--at", AT, ...extra];
  return { csv: keypost(url, base), json: keypost(url, [...base, "--format", "json"]) };
}

interface Ratio {
  numerator: number;
  denominator: number;
  ratio: number | null;
}
interface HoldingRow {
  employeeCode: string;
  postCode: string;
  deadline?: string;
  withinLimit?: boolean;
  policyCode?: string | null;
  covered?: boolean;
}
interface WarningRow {
  kind: string;
  employeeCode: string;
  postCode: string;
  date: string;
  daysLeft: number;
  detail: string;
}
interface Report<R = HoldingRow> {
  total: Ratio;
  coveredOrPlanned?: Ratio;
  withoutPolicy: number;
  rows: R[];
  byKind?: (Ratio & { kind: string })[];
}

function json<T>(r: Run): T {
  if (r.status !== 0) throw new Error(`export failed: exit ${r.status}\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
const keyOf = (r: { employeeCode: string; postCode: string }): string => `${r.employeeCode}@${r.postCode}`;
const sorted = (xs: string[]): string[] => [...xs].sort();
const frac = (got: number, want: number): string => `${got}/${want}`;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function freshBank(engine: "sqlite" | "postgres", withPolicies: boolean) {
  const db = await emptyDatabaseUrl(engine);
  const dir = mkdtempSync(join(tmpdir(), "kp-dayone-"));
  cleanups.push(async () => {
    await db.remove();
    rmSync(dir, { recursive: true, force: true });
  });
  return { url: db.url, files: writeBankFiles(dir, { withPolicies }) };
}

for (const engine of ["sqlite", "postgres"] as const) {
  describe(`day one (${engine})`, () => {
    it("empty database → migrate → policy file → register files → reports match the test's own figures", async () => {
      const { url, files } = await freshBank(engine, true);
      const exp = expected();
      // sanity of the scenario itself: every bucket is populated
      expect(exp.overdue.length).toBeGreaterThan(0);
      expect(exp.due30.length).toBeGreaterThan(0);
      expect(exp.due90.length).toBeGreaterThan(0);
      expect(exp.notDue.length).toBeGreaterThan(0);

      ok(url, ["migrate"]);
      ok(url, ["policy", "import", files.policies]);
      const register = [files.calendar, files.units, files.employees, files.posts, files.assignments, files.clients];
      ok(url, ["import", "--dry-run", ...register]);
      ok(url, ["import", ...register]);
      // importing the same files again changes nothing (docs/register-files.md)
      const again = ok(url, ["import", ...register]).stdout;
      for (const kind of ["units", "employees", "posts", "assignments", "clients"])
        expect(again, `re-import of ${kind}`).toMatch(new RegExp(`${kind}: 0 created, 0 updated`));

      // the 24-month limits, from an override and from the post's own number
      expect(ok(url, ["policy", "show", "--post", "P-V1"]).stdout).toMatch(
        /max_tenure_months\s+24\s+post override post\.P-V1/,
      );
      expect(ok(url, ["policy", "show", "--post", "P-T1"]).stdout).toMatch(
        /max_tenure_months\s+24\s+post override teller-24/,
      );

      // rotation compliance: CSV figures and JSON rows
      const rc = exportReport(url, "rotation-compliance");
      const rcFig = total(figures(rc.csv.stdout), "within_tenure_limit");

      const rcJson = json<Report>(rc.json);
      const within = exp.holdings.length - exp.overdue.length;
      expect(rcFig, "rotation-compliance CSV total").toMatchObject({
        numerator: within,
        denominator: exp.holdings.length,
      });
      expect(rcJson.total).toMatchObject({ numerator: within, denominator: exp.holdings.length });
      expect(rcJson.withoutPolicy).toBe(0);
      const rcFigs = figures(rc.csv.stdout);
      for (const category of ["authority", "operations", "oversight"]) {
        const hs = holdings().filter((h) => h.category === category);
        const fig = rcFigs.find((f) => f.figure === "within_tenure_limit" && f.unit === "" && f.category === category);
        expect(fig, `within_tenure_limit for ${category}`).toMatchObject({
          numerator: hs.filter((h) => h.daysLeft >= 0).length,
          denominator: hs.length,
        });
      }
      expect(sorted(rcJson.rows.map(keyOf)), "rotation-compliance holdings").toEqual(exp.holdings);
      expect(sorted(rcJson.rows.filter((r) => r.withinLimit === false).map(keyOf)), "past the limit").toEqual(
        exp.overdue,
      );
      const deadlines = Object.fromEntries(holdings().map((h) => [`${h.employee}@${h.post}`, h.deadline]));
      for (const r of rcJson.rows) expect(r.deadline, `deadline of ${keyOf(r)}`).toBe(deadlines[keyOf(r)]);
      expect(rc.csv.stderr + rc.json.stderr).not.toMatch(/no policy/);

      // early warnings: overdue, due within 30 days, within 90 days, leave overdue / due
      const ew = json<Report<WarningRow>>(exportReport(url, "early-warnings", ["--horizon", String(HORIZON)]).json);
      const of = (kind: string): WarningRow[] => ew.rows.filter((r) => r.kind === kind);
      const byKind = (kind: string): Ratio => ew.byKind!.find((k) => k.kind === kind)!;
      const overdue = sorted(of("tenure_overdue").map(keyOf));
      const warnings = of("tenure_warning");
      const due30 = sorted(warnings.filter((r) => !/\b90 days/.test(r.detail)).map(keyOf));
      const due90 = sorted(warnings.filter((r) => /\b90 days/.test(r.detail)).map(keyOf));
      const leaveOverdue = sorted(of("leave_overdue").map(keyOf));
      const leaveDue = sorted(of("leave_due").map(keyOf));
      expect(overdue, "tenure_overdue rows").toEqual(exp.overdue);
      expect(due30, "tenure_warning rows at the 30- or 7-day warning").toEqual(exp.due30);
      expect(due90, "tenure_warning rows at the 90-day warning").toEqual(exp.due90);
      expect(byKind("tenure_overdue")).toMatchObject({
        numerator: exp.overdue.length,
        denominator: exp.holdings.length,
      });
      expect(byKind("tenure_warning")).toMatchObject({
        numerator: exp.due30.length + exp.due90.length,
        denominator: exp.holdings.length,
      });
      expect(leaveOverdue, "leave_overdue rows").toEqual(exp.leaveOverdue);
      expect(leaveDue, `leave_due rows (horizon ${HORIZON})`).toEqual(exp.leaveDueWithinHorizon);
      for (const r of of("tenure_overdue").concat(warnings))
        expect(r.date, `tenure deadline of ${keyOf(r)}`).toBe(deadlines[keyOf(r)]);

      // leave coverage: no mandatory leave in the bank's files (no history import is documented)
      const lc = exportReport(url, "leave-coverage");
      const lcJson = json<Report>(lc.json);
      const lcFigs = figures(lc.csv.stdout);
      expect(total(lcFigs, "covered")).toMatchObject({ numerator: 0, denominator: exp.holdings.length });
      expect(total(lcFigs, "covered_or_planned")).toMatchObject({ numerator: 0, denominator: exp.holdings.length });
      expect(lcJson.withoutPolicy).toBe(0);
      expect(sorted(lcJson.rows.map(keyOf)), "leave-coverage holdings").toEqual(exp.holdings);
      expect(lcJson.rows.filter((r) => r.covered).length).toBe(0);

      console.log(
        `day one (${engine}): holdings ${frac(rcJson.total.denominator, exp.holdings.length)}, ` +
          `overdue ${frac(overdue.length, exp.overdue.length)}, due30 ${frac(due30.length, exp.due30.length)}, ` +
          `due90 ${frac(due90.length, exp.due90.length)}, within limit ${frac(rcJson.total.numerator, within)}, ` +
          `leave overdue ${frac(leaveOverdue.length, exp.leaveOverdue.length)}, leave due ≤${HORIZON}d ` +
          `${frac(leaveDue.length, exp.leaveDueWithinHorizon.length)}, coverage ${lcJson.total.numerator}/${lcJson.total.denominator} (expected 0/${exp.holdings.length}; no past leave can be imported)`,
      );
    }, 900_000);

    it("posts with no policy are a reported gap, never counted as compliant", async () => {
      const { url, files } = await freshBank(engine, false);
      const exp = expected();
      const activePosts = POSTS.filter((p) => p.active !== false).length;
      ok(url, ["migrate"]);
      ok(url, ["import", files.calendar, files.units, files.employees, files.posts, files.assignments, files.clients]);

      const rc = exportReport(url, "rotation-compliance");
      const rcJson = json<Report>(rc.json);
      expect(rc.csv.stderr, "a warning names the gap").toMatch(
        new RegExp(`warning: ${activePosts} posts have no policy`),
      );
      expect(rcJson.total, "no holding counted within its limit").toMatchObject({
        numerator: 0,
        denominator: 0,
        ratio: null,
      });
      expect(rcJson.withoutPolicy, "holdings without a policy").toBe(openHoldingsAnyPolicy().length);
      expect(total(figures(rc.csv.stdout), "within_tenure_limit")).toMatchObject({
        numerator: 0,
        denominator: 0,
        ratio: "",
      });

      const lc = exportReport(url, "leave-coverage");
      expect(lc.csv.stderr).toMatch(/no policy/);
      expect(json<Report>(lc.json).withoutPolicy).toBe(exp.holdings.length);

      const ew = exportReport(url, "early-warnings");
      expect(ew.csv.stderr).toMatch(/no policy/);

      const doctor = keypost(url, ["doctor"]);
      expect(doctor.status, "doctor exits 1 while a gap remains").toBe(1);
      expect(doctor.stdout + doctor.stderr).toMatch(/P-T1/);
      console.log(
        `day one gap (${engine}): warning "${/warning:[^\n]*no policy[^\n]*/.exec(rc.csv.stderr)?.[0].slice(0, 80)}…", ` +
          `within limit ${rcJson.total.numerator}/${rcJson.total.denominator}, withoutPolicy ${rcJson.withoutPolicy}/${exp.holdings.length}`,
      );
    }, 900_000);
  });
}
