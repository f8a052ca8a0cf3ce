// Fresh, migrated databases for tests: a temporary SQLite file, or a new database on the test
// PostgreSQL server. No mocked database anywhere.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database, type Provider } from "../../src/infra/db/database.ts";
import { migrate } from "../../src/infra/db/migrator.ts";

export const ENGINES: Provider[] = ["sqlite", "postgres"];

export interface TestDatabase extends Database {
  /** Closes the client and deletes the database. */
  drop(): Promise<void>;
}

export function pgServerUrl(): string {
  const url = process.env.KEYPOST_TEST_PG_URL;
  if (!url) throw new Error("KEYPOST_TEST_PG_URL is not set: the test PostgreSQL server did not start (see test/support/global-setup.ts)");
  return url;
}

export async function emptyDatabaseUrl(engine: Provider): Promise<{ url: string; remove: () => Promise<void> }> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "keypost-test-"));
    return { url: `file:${join(dir, "test.db")}`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = pgServerUrl();
  const name = `kp_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    remove: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function testDatabase(engine: Provider): Promise<TestDatabase> {
  const { url, remove } = await emptyDatabaseUrl(engine);
  await migrate(url);
  const db = openDatabase(url);
  return {
    ...db,
    drop: async () => {
      await db.close();
      await remove();
    },
  };
}
