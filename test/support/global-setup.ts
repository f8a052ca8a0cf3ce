// Starts a throwaway PostgreSQL cluster for the run unless KEYPOST_TEST_PG_URL names one already
// (.ci/run starts one itself). Tests on PostgreSQL are never skipped: without a server they fail.
// Each run gets its own free port and folder, so parallel runs on one machine do not stop each other's.
// It then migrates one template database per engine for the whole run (decision 13.s9t-3): every
// test database is a copy of it (a file copy; CREATE DATABASE … TEMPLATE), no test process migrates.
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { ENGINES, migratedTemplate, TEMPLATE_ENV } from "./databases.ts";

const script = join(import.meta.dirname, "..", "..", ".ci", "postgres.sh");
let ownEnv: NodeJS.ProcessEnv | undefined;
const removals: (() => Promise<void>)[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function setup(): Promise<void> {
  await startPostgres();
  for (const engine of ENGINES) {
    const { url, remove } = await migratedTemplate(engine);
    removals.push(remove);
    process.env[TEMPLATE_ENV[engine]] = url;
  }
}

async function startPostgres(): Promise<void> {
  if (process.env.KEYPOST_TEST_PG_URL) return;
  const port = await freePort();
  ownEnv = { ...process.env, KEYPOST_PG_PORT: String(port) };
  const out = execFileSync("bash", [script, "start"], {
    encoding: "utf8",
    env: ownEnv,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const match = /KEYPOST_TEST_PG_URL=(\S+)/.exec(out);
  if (!match) throw new Error(`could not start PostgreSQL for the tests: ${out}`);
  process.env.KEYPOST_TEST_PG_URL = match[1];
}

export async function teardown(): Promise<void> {
  for (const remove of removals.splice(0)) await remove().catch(() => undefined);
  if (!ownEnv) return;
  execFileSync("bash", [script, "stop"], { env: ownEnv, stdio: "inherit" });
}
