// A test database's rows, kept and put back: the authorization matrices build a stage's world once
// through the use cases, keep it, and put it back before each cell that changes it, instead of
// building a fresh subject through a dozen use cases for every allowed cell (decision 13.s10m-1).
// Every table of the schema is copied whole (the migrations' own table aside), on a connection of
// the snapshot's own beside the application's: SQLite into an attached file, PostgreSQL into a
// schema `snap` of the same database. Putting back is one transaction that empties each table and
// refills it from the copy, foreign keys not checked meanwhile (the copy was consistent when taken):
// what the application's connections read afterwards is the kept instant, row for row.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { sqlitePath, type Database } from "../../src/infra/db/database.ts";

export interface WorldSnapshot {
  /** Keeps the database's rows as they are now (replacing what was kept). */
  take(): Promise<void>;
  /** Puts the kept rows back: every table as it was at the last `take`. */
  restore(): Promise<void>;
  /** How many times the rows were put back. */
  readonly restores: number;
  close(): Promise<void>;
}

const MIGRATIONS = "_migrations";
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A snapshot keeper for `db` (a test database: a file for SQLite, a database of its own on PostgreSQL). */
export async function worldSnapshot(db: Database): Promise<WorldSnapshot> {
  return db.provider === "sqlite" ? sqliteSnapshot(db) : postgresSnapshot(db);
}

function sqliteSnapshot(db: Database): WorldSnapshot {
  const dir = mkdtempSync(join(tmpdir(), "keypost-snapshot-"));
  const conn = new BetterSqlite3(sqlitePath(db.url), { timeout: 10_000 });
  conn.pragma("foreign_keys = OFF");
  conn.exec(`ATTACH DATABASE '${join(dir, "snap.db").replace(/'/g, "''")}' AS snap`);
  const tables = (
    conn
      .prepare(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?`)
      .all(MIGRATIONS) as { name: string }[]
  ).map((t) => q(t.name));
  const take = tables.map((t) => `DROP TABLE IF EXISTS snap.${t}; CREATE TABLE snap.${t} AS SELECT * FROM main.${t};`);
  const restore = tables.map((t) => `DELETE FROM main.${t}; INSERT INTO main.${t} SELECT * FROM snap.${t};`);
  const takeScript = `BEGIN; ${take.join(" ")} COMMIT;`;
  const restoreScript = `BEGIN IMMEDIATE; ${restore.join(" ")} COMMIT;`;
  let restores = 0;
  return {
    get restores() {
      return restores;
    },
    take: async () => void conn.exec(takeScript),
    restore: async () => {
      conn.exec(restoreScript);
      restores += 1;
    },
    close: async () => {
      conn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresSnapshot(db: Database): Promise<WorldSnapshot> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY tablename`,
    [MIGRATIONS],
  );
  const tables = rows.map((r) => q(r.tablename));
  const takeScript =
    `BEGIN; DROP SCHEMA IF EXISTS snap CASCADE; CREATE SCHEMA snap; ` +
    tables.map((t) => `CREATE TABLE snap.${t} AS TABLE public.${t};`).join(" ") +
    ` COMMIT;`;
  // session_replication_role = replica: no foreign-key trigger fires while the tables are refilled
  // (the test cluster's user is its superuser). One statement list, one round trip.
  const restoreScript =
    `BEGIN; SET LOCAL session_replication_role = replica; ` +
    tables.map((t) => `DELETE FROM public.${t}; INSERT INTO public.${t} SELECT * FROM snap.${t};`).join(" ") +
    ` COMMIT;`;
  let restores = 0;
  return {
    get restores() {
      return restores;
    },
    take: async () => void (await client.query(takeScript)),
    restore: async () => {
      await client.query(restoreScript);
      restores += 1;
    },
    close: async () => {
      await client.query(`DROP SCHEMA IF EXISTS snap CASCADE`).catch(() => undefined);
      await client.end();
    },
  };
}
