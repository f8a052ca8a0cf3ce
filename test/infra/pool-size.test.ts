// The PostgreSQL pool keeps at most the connections it is given (DATABASE_POOL_SIZE), or by default
// twice this machine's cores plus one: units of work beyond it wait for a connection and then run;
// none is refused. Counted at the server (pg_stat_activity), not from the pool's own figures.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPoolSize, openDatabase, type Database } from "../../src/infra/db/database.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { startService } from "../../src/main.ts";
import { silentLogger } from "../../src/infra/logger.ts";
import { testDatabaseUrl } from "../support/databases.ts";

let url: string;
let remove: () => Promise<void>;
let admin: pg.Client;

beforeAll(async () => {
  ({ url, remove } = await testDatabaseUrl("postgres"));
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
  await remove();
});

/** Sessions on this database other than the counting one. */
async function sessions(): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return Number(rows[0]!.n);
}

/** Starts `units` units of work that each hold their transaction until released; resolves with the sessions seen then. */
async function holdUnits(db: Database, units: number): Promise<{ seen: number; finished: number[] }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  const running = Array.from({ length: units }, (_, i) =>
    db.unit(async (_tx, sql) => {
      await sql.rows(`SELECT 1 AS one`);
      started += 1;
      await gate;
      return i;
    }),
  );
  // Wait until every session the pool opened runs a unit (or all units have started), and stays so: a
  // session can show in pg_stat_activity before its unit's first statement has come back.
  const deadline = Date.now() + 20_000;
  const settled = (seen: number) => started > 0 && started >= Math.min(units, seen);
  let seen = await sessions();
  while (Date.now() < deadline) {
    if (settled(seen)) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const again = await sessions();
      if (again === seen && settled(again)) break;
      seen = again;
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen = await sessions();
  }
  const startedBeforeRelease = started;
  release();
  const finished = await Promise.all(running);
  expect(startedBeforeRelease).toBe(Math.min(units, seen));
  return { seen, finished };
}

describe("the PostgreSQL pool's size", () => {
  it("DATABASE_POOL_SIZE=2: two sessions at most; the other units wait and then run", async () => {
    const service = await startService(
      loadConfig({
        PORT: "0",
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: "2",
        KEYPOST_SCHEDULER: "off",
        LOG_LEVEL: "silent",
      }),
      { log: silentLogger },
    );
    try {
      const { seen, finished } = await holdUnits(service.db, 6);
      expect(seen).toBe(2);
      expect(finished).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      await service.close();
    }
  });

  it("by default: twice the cores plus one", async () => {
    const db = openDatabase(url);
    try {
      const size = defaultPoolSize();
      expect(size).toBeGreaterThanOrEqual(3);
      const { seen, finished } = await holdUnits(db, size + 3);
      expect(seen).toBe(size);
      expect(finished).toHaveLength(size + 3);
    } finally {
      await db.close();
    }
  });
});
