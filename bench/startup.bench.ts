// npm run bench:startup — what starting Keypost costs, on the compiled build (npm run build first;
// the bench says so when dist/ is missing or older than the sources), each figure beside a baseline
// run in the same process and at the same load, so the ratio means something on a busy machine:
//   - `keypost --help` against a bare `node -e 0` (Node's own start);
//   - `serve` from spawn to the first 200 on /readyz (demo bank, database already created, as at
//     every restart) against a bare node:http server from spawn to its first 200;
//   - the idle RSS of that `serve` 5 s after it was healthy (one tick done), against the bare
//     server's, and once more after two more scheduler ticks (`--quick` skips that wait);
//   - `serve` as `npm start` runs it (its Node flags, read from package.json) and with Node's
//     defaults, to show what the flags buy (decision 18.13);
//   - with --install, the size of `npm ci --omit=dev --omit=optional` in a scratch copy before and
//     after scripts/prune-prisma-runtime.mjs (slow: it installs from the npm cache).
// Goals (issue #18): help ≤ 0.5 s, healthy ≤ 2 s, idle RSS ≤ 120 MB, install ≤ 150 MB. Prints; asserts nothing.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildState } from "../scripts/build-state.mjs";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "keypost.js");
const RUNS = 5;
const SERVES = 3;
const TICK_MS = 60_000;

/** The Node flags `npm start` runs `serve` with (the image and the systemd unit run the same, a test checks). */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const start = /^node ((?:--\S+ )*)bin\/keypost\.js serve$/.exec(pkg.scripts.start ?? "");
  if (!start) throw new Error(`package.json start is not "node <flags> bin/keypost.js serve": ${pkg.scripts.start}`);
  return start[1]!.trim().split(" ").filter(Boolean);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
/** utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const rssMbOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;

function wallSeconds(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  return (performance.now() - started) / 1000;
}

/** A bare node:http server that says where it listens the way `serve` does. */
const BARE_SERVER = `require("node:http").createServer((q, s) => s.end("ok")).listen(0, "127.0.0.1", function () {
  console.log("running at http://127.0.0.1:" + this.address().port);
});`;

interface Served {
  readonly healthy: number;
  /** CPU seconds (user + system) the process had used when it was healthy: steadier than wall time under load. */
  readonly cpu: number;
  readonly rssMb: number;
  readonly rssAfterTicksMb?: number;
}

/** Spawns, polls `<url><path>` until 200, waits 5 s (and the ticks when asked), reads VmRSS, stops. */
async function serveOnce(args: string[], env: NodeJS.ProcessEnv, path: string, ticks = 0): Promise<Served> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
  let said = "";
  child.stdout.on("data", (chunk: Buffer) => (said += chunk.toString()));
  let healthy = NaN;
  let cpu = NaN;
  for (let i = 0; i < 6_000 && child.exitCode === null; i++) {
    const url = /running at (http:\/\/\S+)/.exec(said)?.[1];
    const ok = await (url ? fetch(`${url}${path}`) : Promise.reject(new Error("not yet"))).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      healthy = (performance.now() - started) / 1000;
      cpu = cpuSecondsOf(child.pid!);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const rssMb = rssMbOf(child.pid!);
  let rssAfterTicksMb: number | undefined;
  if (ticks > 0) {
    await new Promise((resolve) => setTimeout(resolve, ticks * TICK_MS));
    rssAfterTicksMb = rssMbOf(child.pid!);
  }
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { healthy, cpu, rssMb, rssAfterTicksMb };
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
      { cwd: dir, stdio: "ignore" },
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

const flags = startFlags();
const state = buildState();
console.log(`load average ${load()} on ${cpus().length} cores, node ${process.version}`);
console.log(
  `build: ${state}${state === "current" ? " (compiled dist/)" : " — run npm run build first: this measured tsx"}`,
);

// Baseline and Keypost alternate, so both see the same load.
const bareStarts: number[] = [];
const helps: number[] = [];
for (let i = 0; i < RUNS; i++) {
  bareStarts.push(wallSeconds(["-e", "0"]));
  helps.push(wallSeconds([BIN, "--help"]));
}
const help = median(helps);
const bareStart = median(bareStarts);
console.log(
  `keypost --help: ${help.toFixed(2)} s (goal ≤ 0.5 s) = ${(help / bareStart).toFixed(1)}× a bare node -e 0 (${bareStart.toFixed(2)} s); medians of ${RUNS}`,
);

const scratch = mkdtempSync(join(tmpdir(), "keypost-startup-"));
try {
  const url = `file:${join(scratch, "demo.db")}`;
  const env = { PATH: process.env.PATH, DATABASE_URL: url, PORT: "0", LOG_LEVEL: "error" };
  execFileSync(process.execPath, [BIN, "demo"], { env, stdio: "ignore" });
  const bare: Served[] = [];
  const started: Served[] = [];
  const defaults: Served[] = [];
  for (let i = 0; i < SERVES; i++) {
    bare.push(await serveOnce(["-e", BARE_SERVER], env, "/"));
    started.push(await serveOnce([...flags, BIN, "serve"], env, "/readyz"));
    defaults.push(await serveOnce([BIN, "serve"], env, "/readyz"));
  }
  const m = (runs: Served[], key: "healthy" | "cpu" | "rssMb") => median(runs.map((r) => r[key]));
  const [bareHealthy, bareRss] = [m(bare, "healthy"), m(bare, "rssMb")];
  const [healthy, rss] = [m(started, "healthy"), m(started, "rssMb")];
  const [defHealthy, defRss] = [m(defaults, "healthy"), m(defaults, "rssMb")];
  console.log(`serve as npm start runs it: node ${flags.join(" ")} bin/keypost.js serve; medians of ${SERVES}`);
  console.log(
    `  healthy (spawn → 200 on /readyz, demo bank): ${healthy.toFixed(2)} s (goal ≤ 2 s) = ${(healthy / bareHealthy).toFixed(1)}× a bare node:http server's first 200 (${bareHealthy.toFixed(2)} s)`,
  );
  console.log(
    `  CPU used until healthy: ${m(started, "cpu").toFixed(2)} s = ${(m(started, "cpu") / m(bare, "cpu")).toFixed(1)}× the bare server's (${m(bare, "cpu").toFixed(2)} s); with Node's defaults ${m(defaults, "cpu").toFixed(2)} s`,
  );
  console.log(
    `  idle RSS 5 s after: ${rss.toFixed(0)} MB (goal ≤ 120 MB) = ${(rss / bareRss).toFixed(1)}× the bare server's (${bareRss.toFixed(0)} MB)`,
  );
  console.log(
    `with Node's defaults (no flags): healthy ${defHealthy.toFixed(2)} s (×${(defHealthy / bareHealthy).toFixed(1)} bare), idle RSS ${defRss.toFixed(0)} MB (×${(defRss / bareRss).toFixed(1)} bare); the flags: ×${(rss / defRss).toFixed(2)} RSS`,
  );
  if (!process.argv.includes("--quick")) {
    const long = await serveOnce([...flags, BIN, "serve"], env, "/readyz", 2);
    console.log(
      `  after two more scheduler ticks (${(2 * TICK_MS) / 1000 + 5} s idle): ${long.rssAfterTicksMb!.toFixed(0)} MB (${long.rssMb.toFixed(0)} MB at 5 s in that run)`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (process.argv.includes("--install")) {
  const { installed, pruned } = installMb();
  console.log(
    `npm ci --omit=dev --omit=optional: ${installed.toFixed(0)} MB of node_modules; after prune-prisma-runtime: ${pruned.toFixed(0)} MB (goal ≤ 150 MB)`,
  );
} else console.log("npm ci --omit=dev --omit=optional: not measured (add --install)");
console.log(`load average at the end ${load()}`);
