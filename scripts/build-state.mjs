// Is dist/ a build of the sources as they are? The newest source file (src/, adapters/, prisma/
// schema) against the build's stamp. Used by bin/keypost.js (run the compiled code when it is
// current, the TypeScript through tsx when not) and by `npm start`'s prestart (build when needed).
// A production image ships dist/ without src/: nothing to compare, the build is current.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");
export const STAMP = join(ROOT, "dist", ".build-stamp");
export const ENTRY = join(ROOT, "dist", "src", "cli", "main.js");

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules") continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** "current", "stale" or "missing". */
export function buildState() {
  if (!existsSync(ENTRY) || !existsSync(STAMP)) return "missing";
  const sources = Math.max(newest(join(ROOT, "src")), newest(join(ROOT, "adapters")));
  return sources > statSync(STAMP).mtimeMs ? "stale" : "current";
}
