// `npm run test:unit`: the tests that open no database, so no PostgreSQL server is started.
// A test file is a unit test when neither it nor a local helper it imports reaches a database
// (test/support's database helpers, the kernel and Teams worlds, or src/infra/db). Decided from the
// imports each time, so a new test lands on the right side by itself.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const DATABASE = /(support\/(databases|kernel|teams-world|small-bank)\.ts|infra\/db\/|infra\/demo\/)/;
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gm;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const seen = new Map<string, boolean>();
function needsDatabase(file: string): boolean {
  const known = seen.get(file);
  if (known !== undefined) return known;
  seen.set(file, false);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  let result = false;
  for (const match of text.matchAll(IMPORT)) {
    const target = resolve(dirname(file), match[1] ?? ".");
    if (DATABASE.test(target)) result = true;
    else if (target.startsWith(join(root, "test"))) result ||= needsDatabase(target);
    if (result) break;
  }
  seen.set(file, result);
  return result;
}

const unit = files(join(root, "test"))
  .filter((f) => f.endsWith(".test.ts") && !needsDatabase(f))
  .map((f) => relative(root, f));

export default defineConfig({
  test: {
    include: unit,
    testTimeout: 60_000,
    pool: "forks",
    isolate: false, // as vitest.config.ts (decision 13.s9t-1)
  },
});
