// Day one for a bank, checked from the outside: an empty database, the `keypost` command only
// (README "Set up your bank"), the bank's own files written by scenario.ts, and the figures
// Keypost reports compared with the ones this test computes itself from those files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emptyDatabaseUrl } from "../../support/databases.ts";
import { AT, HORIZON, expected, openHoldingsAnyPolicy, writeBankFiles } from "./scenario.ts";

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

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

for (const engine of ["sqlite", "postgres"] as const) {
  describe(`day one (${engine})`, () => {
    it("empty database → migrate → policy file → register files → reports match the test's own figures", async () => {
      const db = await emptyDatabaseUrl(engine);
      const dir = mkdtempSync(join(tmpdir(), "kp-dayone-"));
      cleanups.push(async () => {
        await db.remove();
        rmSync(dir, { recursive: true, force: true });
      });
      const files = writeBankFiles(dir);
      const exp = expected();

      ok(db.url, ["migrate"]);
      ok(db.url, ["policy", "import", files.policies]);
      const register = [files.calendar, files.units, files.employees, files.posts, files.assignments, files.clients];
      ok(db.url, ["import", "--dry-run", ...register]);
      const imported = ok(db.url, ["import", ...register]);
      console.log(imported.stdout, imported.stderr);

      const show = ok(db.url, ["policy", "show", "--post", "P-V1"]);
      console.log(show.stdout);
      const showT = ok(db.url, ["policy", "show", "--post", "P-T1"]);
      console.log(showT.stdout);

      for (const r of ["rotation-compliance", "leave-coverage", "early-warnings"]) {
        const out = exportReport(db.url, r, r === "early-warnings" ? ["--horizon", String(HORIZON)] : []);
        console.log(`== ${r}\n`, out.csv.status, out.csv.stdout, out.csv.stderr);
        console.log(out.json.status, out.json.stdout.slice(0, 6000), out.json.stderr);
      }
      console.log(exp, figures, total, openHoldingsAnyPolicy());
    });
  });
}
