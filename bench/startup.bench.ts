// npm run bench:startup — what starting Keypost costs, on the compiled build (npm run build first;
// the bench says so when dist/ is missing or older than the sources): `keypost --help` wall time,
// `serve` from spawn to the first 200 on /readyz on the demo bank (a database already created, as
// at every restart), the idle RSS of that process after 5 s, and with --install the size of
// `npm ci --omit=dev --ignore-scripts` in a scratch copy (slow: it installs from the npm cache).
// Goals (issue #18): help ≤ 0.5 s, healthy ≤ 2 s, idle RSS ≤ 120 MB, install ≤ 150 MB. Prints; asserts nothing.
// `serve` runs twice: with Node's defaults, and with the small-footprint flags (LEAN below, see
// docs/operations.md), printed with their ratio to the default run; the install is measured before
// and after scripts/prune-prisma-runtime.mjs.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildState } from "../scripts/build-state.mjs";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "keypost.js");
const RUNS = 5;
/** Wasm baseline compiler only (no TurboFan tier-up of Prisma's query compiler), a 1 MB young generation. */
const LEAN = ["--liftoff-only", "--max-semi-space-size=1"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function helpSeconds(): number {
  const started = performance.now();
  spawnSync(process.execPath, [BIN, "--help"], { stdio: "ignore" });
  return (performance.now() - started) / 1000;
}

async function serveOnce(databaseUrl: string, flags: readonly string[]): Promise<{ healthy: number; rssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...flags, BIN, "serve"], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: "0", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let said = "";
  child.stdout.on("data", (chunk: Buffer) => (said += chunk.toString()));
  let healthy = NaN;
  for (let i = 0; i < 6_000; i++) {
    const url = /running at (http:\/\/\S+)/.exec(said)?.[1];
    const ok = await (url ? fetch(`${url}/readyz`) : Promise.reject(new Error("not yet"))).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      healthy = (performance.now() - started) / 1000;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const rssMb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { healthy, rssMb };
}

function installMb(): { installed: number; pruned: number } {
  const dir = mkdtempSync(join(tmpdir(), "keypost-install-"));
  try {
    cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
    cpSync(join(ROOT, "package-lock.json"), join(dir, "package-lock.json"));
    // As the image's `npm prune --omit=dev --omit=optional`: the Prisma CLI and TypeScript are
    // optional peers of @prisma/client and would come back otherwise.
    execFileSync(
      "npm",
      ["ci", "--omit=dev", "--omit=optional", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"],
      {
        cwd: dir,
        stdio: "ignore",
      },
    );
    const size = () =>
      Number(execFileSync("du", ["-sk", join(dir, "node_modules")], { encoding: "utf8" }).split(/\s/)[0]) / 1024;
    const installed = size();
    execFileSync(
      process.execPath,
      [
        join(ROOT, "scripts", "prune-prisma-runtime.mjs"),
        "--runtime",
        join(dir, "node_modules", "@prisma", "client", "runtime"),
      ],
      { stdio: "ignore" },
    );
    return { installed, pruned: size() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const state = buildState();
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${cpus().length} cores`,
);
console.log(
  `build: ${state}${state === "current" ? " (compiled dist/)" : " — run npm run build first: this measured tsx"}`,
);
const helps = Array.from({ length: RUNS }, helpSeconds);
console.log(`keypost --help: median ${median(helps).toFixed(2)} s of ${RUNS} (goal ≤ 0.5 s)`);

const scratch = mkdtempSync(join(tmpdir(), "keypost-startup-"));
try {
  const url = `file:${join(scratch, "demo.db")}`;
  execFileSync(process.execPath, [BIN, "demo"], {
    env: { PATH: process.env.PATH, DATABASE_URL: url },
    stdio: "ignore",
  });
  const measure = async (flags: readonly string[]) => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await serveOnce(url, flags));
    return { healthy: median(runs.map((r) => r.healthy)), rss: median(runs.map((r) => r.rssMb)) };
  };
  const plain = await measure([]);
  const lean = await measure(LEAN);
  console.log(
    `serve healthy (spawn → 200 on /readyz, demo bank): median ${plain.healthy.toFixed(2)} s of 3 (goal ≤ 2 s); ${LEAN.join(" ")}: ${lean.healthy.toFixed(2)} s (×${(lean.healthy / plain.healthy).toFixed(2)})`,
  );
  console.log(
    `idle RSS after 5 s: median ${plain.rss.toFixed(0)} MB (goal ≤ 120 MB); ${LEAN.join(" ")}: ${lean.rss.toFixed(0)} MB (×${(lean.rss / plain.rss).toFixed(2)})`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (process.argv.includes("--install")) {
  const { installed, pruned } = installMb();
  console.log(
    `npm ci --omit=dev --omit=optional: ${installed.toFixed(0)} MB of node_modules; after prune-prisma-runtime: ${pruned.toFixed(0)} MB (goal ≤ 150 MB)`,
  );
} else console.log("npm ci --omit=dev --omit=optional: not measured (add --install)");
