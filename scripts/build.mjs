// npm run build: compiles src/ and adapters/ to JavaScript in dist/ (tsconfig.build.json), then
// stamps the build. `node scripts/build.mjs --if-needed` (npm start's prestart) builds only when
// dist/ is missing or older than the sources.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildState, ROOT, STAMP } from "./build-state.mjs";

if (process.argv.includes("--if-needed") && buildState() === "current") process.exit(0);
const started = Date.now();
rmSync(join(ROOT, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
  cwd: ROOT,
  stdio: "inherit",
});
writeFileSync(STAMP, new Date().toISOString() + "\n");
console.error(`keypost: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
