// Starts a throwaway PostgreSQL cluster for the run unless KEYPOST_TEST_PG_URL names one already
// (.ci/run starts one itself). Tests on PostgreSQL are never skipped: without a server they fail.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

let started = false;

export function setup(): void {
  if (process.env.KEYPOST_TEST_PG_URL) return;
  const script = join(import.meta.dirname, "..", "..", ".ci", "postgres.sh");
  const out = execFileSync("bash", [script, "start"], { encoding: "utf8", env: { ...process.env, KEYPOST_PG_PORT: "54331" }, stdio: ["ignore", "pipe", "inherit"] });
  const match = /KEYPOST_TEST_PG_URL=(\S+)/.exec(out);
  if (!match) throw new Error(`could not start PostgreSQL for the tests: ${out}`);
  process.env.KEYPOST_TEST_PG_URL = match[1];
  started = true;
}

export function teardown(): void {
  if (!started) return;
  const script = join(import.meta.dirname, "..", "..", ".ci", "postgres.sh");
  execFileSync("bash", [script, "stop"], { env: { ...process.env, KEYPOST_PG_PORT: "54331" }, stdio: "inherit" });
}
