#!/usr/bin/env node
// The `keypost` command. Runs the compiled JavaScript in dist/ (npm run build) when it is current;
// in a checkout whose sources are newer than the build (or never built), the TypeScript sources
// through tsx's loader, a development dependency.
// `keypost import` into SQLite runs in a process whose young generation is capped at 4 MB (V8's
// default grows to 32 MB): the import's statements run in a thread of their own, and that memory is
// what keeps a 400 000-employee import under 250 MB (decision 13.s11i-2). The flag can only be given
// at start, so the command starts itself again with it, unless it was given (or put in
// NODE_OPTIONS). Into PostgreSQL it runs once, with V8's default: there the statements run in the
// server, the process stays ~40 MB under the goal with it, and the small young generation's extra
// collections cost a sixth of the importer's CPU (decision 13.s12g-1).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildState, ENTRY } from "../scripts/build-state.mjs";

const YOUNG = "--max-semi-space-size";
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => a.startsWith(YOUNG));

/** Whether the configured database (DATABASE_URL, or the file DATABASE_URL_FILE names) is PostgreSQL. */
function intoPostgres() {
  let url = process.env.DATABASE_URL;
  if (!url && process.env.DATABASE_URL_FILE) {
    try {
      url = readFileSync(process.env.DATABASE_URL_FILE, "utf8");
    } catch {
      return false; // the command itself reports the unreadable file
    }
  }
  return /^postgres(ql)?:\/\//.test(url?.trim() ?? "");
}

if (process.argv[2] === "import" && !given && !intoPostgres()) {
  const child = spawn(
    process.execPath,
    [`${YOUNG}=4`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  // A signal sent to this process alone (a process manager's SIGTERM) reaches the import too.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  const [code, signal] = await new Promise((resolve) => child.on("exit", (...end) => resolve(end)));
  process.exit(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 1) : 1));
}

let main;
if (buildState() === "current") {
  ({ main } = await import(pathToFileURL(ENTRY).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
