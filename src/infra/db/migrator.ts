// Applies the committed SQL migrations (prisma/migrations/<provider>/NNNN_name/migration.sql).
// The app does this itself at start: Prisma 7's CLI cannot migrate offline (STACK.md).
//
// SQLite trap (STACK.md): Prisma's table-redefinition SQL begins with PRAGMA foreign_keys=OFF,
// which is a no-op inside a transaction; with keys on, its DROP TABLE cascades and deletes child
// rows. So keys go off *before* BEGIN, `PRAGMA foreign_key_check` runs inside, and keys come back
// on after COMMIT. PostgreSQL: one transaction per run under an advisory lock, so that of several
// instances starting together exactly one migrates.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath, type Provider } from "./database.ts";
import { PACKAGE_ROOT } from "../package-root.ts";

const MIGRATIONS_ROOT = join(PACKAGE_ROOT, "prisma", "migrations");
const LOCK_KEY = 7_240_451; // pg advisory lock id for migrations

export interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrationResult {
  readonly applied: string[];
  readonly alreadyApplied: number;
}

export class MigrationError extends Error {
  readonly code = "MIGRATION_FAILED";
}

export function loadMigrations(provider: Provider, root = MIGRATIONS_ROOT): Migration[] {
  const dir = join(root, provider);
  if (!existsSync(dir)) throw new MigrationError(`no migrations folder for ${provider} at ${dir}`);
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function pending(migrations: Migration[], applied: Map<string, string>): Migration[] {
  for (const [name, checksum] of applied) {
    const known = migrations.find((m) => m.name === name);
    if (known && known.checksum !== checksum) {
      throw new MigrationError(`migration ${name} was changed after it was applied (checksum differs)`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`;

export function migrateSqlite(path: string, migrations: Migration[], now = new Date()): MigrationResult {
  const db = new BetterSqlite3(path, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(CREATE_TABLE);
    const rows = db.prepare(`SELECT name, checksum FROM "_migrations"`).all() as { name: string; checksum: string }[];
    const todo = pending(migrations, new Map(rows.map((r) => [r.name, r.checksum])));
    for (const m of todo) {
      db.pragma("foreign_keys = OFF");
      try {
        db.exec("BEGIN IMMEDIATE");
        try {
          db.exec(m.sql);
          const broken = db.pragma("foreign_key_check") as unknown[];
          if (broken.length > 0)
            throw new MigrationError(`migration ${m.name} leaves ${broken.length} broken foreign keys`);
          db.prepare(`INSERT INTO "_migrations" (name, checksum, appliedAt) VALUES (?, ?, ?)`).run(
            m.name,
            m.checksum,
            now.toISOString(),
          );
          db.exec("COMMIT");
        } catch (error) {
          db.exec("ROLLBACK");
          throw error;
        }
      } finally {
        db.pragma("foreign_keys = ON");
      }
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    db.close();
  }
}

export async function migratePostgres(
  url: string,
  migrations: Migration[],
  now = new Date(),
): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
      await client.query(CREATE_TABLE);
      const { rows } = await client.query<{ name: string; checksum: string }>(
        `SELECT name, checksum FROM "_migrations"`,
      );
      const todo = pending(migrations, new Map(rows.map((r) => [r.name, r.checksum])));
      for (const m of todo) {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_migrations" (name, checksum, "appliedAt") VALUES ($1, $2, $3)`, [
          m.name,
          m.checksum,
          now.toISOString(),
        ]);
      }
      await client.query("COMMIT");
      return { applied: todo.map((m) => m.name), alreadyApplied: rows.length };
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    await client.end();
  }
}

export async function migrate(url: string, migrations?: Migration[]): Promise<MigrationResult> {
  const provider = providerOf(url);
  const list = migrations ?? loadMigrations(provider);
  return provider === "sqlite" ? migrateSqlite(sqlitePath(url), list) : migratePostgres(url, list);
}

/** Names of the migrations that exist on disk but are not applied yet (for /healthz). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const provider = providerOf(url);
  const all = loadMigrations(provider);
  let applied: string[];
  if (provider === "sqlite") {
    const db = new BetterSqlite3(sqlitePath(url), { readonly: true, fileMustExist: true });
    try {
      const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = '_migrations'`).get();
      applied = exists
        ? (db.prepare(`SELECT name FROM "_migrations"`).all() as { name: string }[]).map((r) => r.name)
        : [];
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client
        .query<{ name: string }>(`SELECT name FROM "_migrations"`)
        .catch(() => ({ rows: [] as { name: string }[] }));
      applied = rows.map((r) => r.name);
    } finally {
      await client.end();
    }
  }
  return all.filter((m) => !applied.includes(m.name)).map((m) => m.name);
}
