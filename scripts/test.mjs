// `npm test`: the static checks (typecheck, lint, format check) and Vitest at the same time, so the
// whole run takes about as long as Vitest alone (issue #13, decision 13.s9t-2). Vitest writes to the
// terminal as it runs; the checks run one after another beside it with their output held back and
// printed, whole and in order, after Vitest's summary. Any failing check, or Vitest, fails the run.
// Arguments are passed to `vitest run`. KEYPOST_TEST_CHECKS=off runs Vitest alone. The typecheck is
// TypeScript 7's native compiler on one thread (`typescript-go`, an alias of typescript@7.0.2): the
// same check in ~4 s of CPU instead of 5.9's ~22 s, CPU the two Vitest workers need (decision 13.s11t-1).
import { spawn } from "node:child_process";

const CHECKS = [
  ["typecheck", ["run", "--silent", "typecheck"]],
  ["lint", ["run", "--silent", "lint"]],
  ["format:check", ["run", "--silent", "format:check"]],
];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Runs a command; resolves with its exit code (a signal counts as 1) and, when captured, its output. */
function run(command, args, capture) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (capture) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    }
    child.on("error", (error) => {
      output += `${error.message}\n`;
      resolve({ code: 1, output, seconds: (Date.now() - started) / 1000 });
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

async function checks() {
  const results = [];
  for (const [name, args] of CHECKS) results.push({ name, ...(await run(npm, args, true)) });
  return results;
}

const checking = process.env.KEYPOST_TEST_CHECKS === "off" ? Promise.resolve([]) : checks();
const vitest = await run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)], false);
const results = await checking;

let failed = vitest.code !== 0;
for (const r of results) {
  const verdict = r.code === 0 ? "ok" : `FAILED (exit ${r.code})`;
  console.log(`\n== ${r.name}: ${verdict} in ${r.seconds.toFixed(1)} s`);
  if (r.code !== 0) {
    failed = true;
    process.stdout.write(r.output.trim() ? `${r.output.trimEnd()}\n` : "(no output)\n");
  }
}
if (results.length > 0)
  console.log(
    `\n== vitest: ${vitest.code === 0 ? "ok" : `FAILED (exit ${vitest.code})`} in ${vitest.seconds.toFixed(1)} s`,
  );
process.exitCode = failed ? 1 : 0;
