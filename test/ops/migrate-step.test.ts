// Migrations as a deployment step. With KEYPOST_MIGRATE=off the service applies nothing: it refuses
// to start while a migration is pending (exit 2, saying what to run), and once `keypost migrate` has
// run it starts as a PostgreSQL role that may read and write rows but not change the schema.
// Several `keypost migrate` processes at once on one PostgreSQL database: one applies, the others
// wait for its advisory lock and find nothing left to do.
import { readdirSync } from "node:fs";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { silentLogger } from "../../src/infra/logger.ts";
import { startService } from "../../src/main.ts";
import { emptyDatabaseUrl, ENGINES, pgServerUrl } from "../support/databases.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);

function capture(): CliIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, interactive: false, out: (l) => out_.push(l), err: (l) => err_.push(l) };
}

/** The committed migrations of an engine, in the order they apply (the folder names). */
function committed(engine: "sqlite" | "postgres"): string[] {
  return readdirSync(join(ROOT, "prisma", "migrations", engine)).sort();
}

describe.each(ENGINES)("KEYPOST_MIGRATE=off on %s", (engine) => {
  let remove: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await remove?.();
    remove = undefined;
  });

  it("refuses to start while a migration is pending, then starts once `keypost migrate` ran", async () => {
    const empty = await emptyDatabaseUrl(engine);
    remove = empty.remove;
    const env = { DATABASE_URL: empty.url, KEYPOST_MIGRATE: "off", PORT: "0", LOG_LEVEL: "silent" };
    const io = capture();
    expect(await main(["serve"], io, env)).toBe(2);
    expect(io.err_).toEqual([
      expect.stringMatching(
        new RegExp(
          `^keypost serve: KEYPOST_MIGRATE=off and ${committed(engine).length} migration\\(s\\) are pending \\(${committed(engine).join(", ")}\\): run \`keypost migrate\``,
        ),
      ),
    ]);
    expect(await main(["migrate"], capture(), env)).toBe(0);
    const service = await startService(loadConfig({ ...env, KEYPOST_SCHEDULER: "off" }), { log: silentLogger });
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    await service.close();
  });
});

describe("migrations on PostgreSQL", () => {
  let remove: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await remove?.();
    remove = undefined;
  });

  it(
    "several processes at once: one applies, the others wait and find nothing to do",
    { timeout: 120_000 },
    async () => {
      const empty = await emptyDatabaseUrl("postgres");
      remove = empty.remove;
      const env = { PATH: process.env.PATH, DATABASE_URL: empty.url };
      const runs = await Promise.all(
        Array.from({ length: 4 }, () => run(process.execPath, [join(ROOT, "bin", "keypost.js"), "migrate"], { env })),
      );
      const said = runs.map((r) => r.stdout.trim()).sort();
      const names = committed("postgres");
      expect(said).toEqual([
        `applied ${names.join(", ")}`,
        ...Array.from({ length: 3 }, () => `up to date (${names.length} migrations)`),
      ]);
    },
  );

  it("the service runs as a role without DDL rights", { timeout: 60_000 }, async () => {
    const empty = await emptyDatabaseUrl("postgres");
    const role = `kp_app_${process.pid}_${Date.now() % 1e6}`;
    const admin = new pg.Client({ connectionString: empty.url });
    await admin.connect();
    admin.on("error", () => undefined);
    remove = async () => {
      await admin.end();
      await empty.remove();
      const server = new pg.Client({ connectionString: pgServerUrl() });
      await server.connect();
      await server.query(`DROP ROLE IF EXISTS ${role}`);
      await server.end();
    };
    expect(await main(["migrate"], capture(), { DATABASE_URL: empty.url })).toBe(0);
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await admin.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await admin.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    const appUrl = new URL(empty.url);
    appUrl.username = role;
    appUrl.password = "";
    const env = { DATABASE_URL: appUrl.toString(), PORT: "0", LOG_LEVEL: "silent", KEYPOST_SCHEDULER: "on" };
    // Migrating at start needs DDL rights (creating the bookkeeping table): refused for this role.
    await expect(main(["migrate"], capture(), env)).resolves.toBe(1);
    const service = await startService(loadConfig({ ...env, KEYPOST_MIGRATE: "off" }), { log: silentLogger });
    try {
      for (let i = 0; i < 100 && (await fetch(`${service.url}/readyz`)).status !== 200; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status, await ready.text()).toBe(200);
    } finally {
      await service.close();
    }
  });
});
