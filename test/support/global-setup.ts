// Starts a throwaway PostgreSQL cluster for the run unless KEYPOST_TEST_PG_URL names one already
// (.ci/run starts one itself). Tests on PostgreSQL are never skipped: without a server they fail.
// Each run gets its own free port and folder, so parallel runs on one machine do not stop each other's.
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const script = join(import.meta.dirname, "..", "..", ".ci", "postgres.sh");
let ownEnv: NodeJS.ProcessEnv | undefined;

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

export function teardown(): void {
  if (!ownEnv) return;
  execFileSync("bash", [script, "stop"], { env: ownEnv, stdio: "inherit" });
}
